package io.go4j.junit;

import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.Goroutine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * {@link VerifyNoGoroutineLeaks} and {@link GoroutineLeakExtension}, seen from outside: each test
 * runs one of the {@link LeakFixtures} classes with JUnit's EngineTestKit and checks which of its
 * tests pass and how the others fail. The goroutines a fixture leaks are ended after each run.
 */
@Timeout(60)
class GoroutineLeakExtensionTest {

    @BeforeEach
    void newGate() {
        LeakFixtures.gate = Chan.make();
    }

    @AfterEach
    void endFixtureGoroutines() {
        LeakFixtures.gate.close();
        for (Goroutine g : LeakFixtures.STARTED) {
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (g.isAlive()) {
                assertTrue(System.nanoTime() - deadline < 0, "fixture goroutine never ended: " + g);
                Thread.yield();
            }
        }
        LeakFixtures.STARTED.clear();
    }

    /** Without the kit's configuration parameter, a fixture is skipped (so Maven and IDEs never fail on them). */
    @Test
    void fixturesAreSkippedOutsideTheKit() {
        EngineExecutionResults r = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(LeakFixtures.Leaky.class)).execute();
        r.testEvents().assertStatistics(s -> s.started(0).failed(0));
        r.containerEvents().assertStatistics(s -> s.skipped(1));
    }

    /** A test whose goroutines all end passes. */
    @Test
    void aCleanTestPasses() {
        Events tests = run(LeakFixtures.Clean.class).testEvents();
        tests.assertStatistics(s -> s.started(1).succeeded(1).failed(0));
    }

    /** A test that leaks a goroutine fails with goleak's header and the goroutine's dump block. */
    @Test
    void aLeakyTestFails() {
        Events tests = run(LeakFixtures.Leaky.class).testEvents();
        tests.assertStatistics(s -> s.started(1).failed(1));
        Goroutine leaked = LeakFixtures.STARTED.get(0);
        String m = failureOf(tests.failed().list().get(0)).getMessage();
        assertTrue(m.startsWith("found unexpected goroutines:\n"), m);
        assertTrue(m.contains("goroutine " + leaked.id() + " [chan receive]:\n"), m);
        assertTrue(m.contains(" in state chan receive, with io.go4j.junit.LeakFixtures.waitForGate on top of the stack:"), m);
        assertTrue(m.contains("\nio.go4j.junit.LeakFixtures.waitForGate(...)\n"), m);
    }

    /** Goroutines alive before the test started are not charged to it. */
    @Test
    void goroutinesAliveBeforeAreIgnored() {
        Chan<Integer> gate = LeakFixtures.gate;
        Goroutine earlier = Go.go(() -> gate.recv());
        LeakFixtures.STARTED.add(earlier);
        while (earlier.waitReason() == null) {
            Thread.yield();
        }
        run(LeakFixtures.Clean.class).testEvents().assertStatistics(s -> s.started(1).succeeded(1));
        assertTrue(earlier.isAlive());
    }

    /** A goroutine still ending when the test returns is waited for, not reported. */
    @Test
    void anExitingGoroutineIsNotReported() {
        run(LeakFixtures.Exiting.class).testEvents().assertStatistics(s -> s.started(1).succeeded(1));
    }

    /**
     * ignoreTopFunctions spares the goroutines with that top function only; a method's annotation
     * replaces its class's options (here ignoreAnyFunctions, ignoreCreatedBy).
     */
    @Test
    void ignoreTopFunctions() {
        Events tests = run(LeakFixtures.IgnoreTop.class).testEvents();
        tests.assertStatistics(s -> s.started(4).succeeded(3).failed(1));
        Event failed = tests.failed().list().get(0);
        assertEquals("otherLeakFails()", failed.getTestDescriptor().getDisplayName());
        String m = failureOf(failed).getMessage();
        assertTrue(m.contains("with io.go4j.junit.LeakFixtures.waitElsewhere on top of the stack"), m);
        assertFalse(m.contains("waitForGate"), m); // the first test's leak, alive before, is not reported
    }

    /** On a method, the annotation checks that test only; scope CLASS on a method is a configuration error. */
    @Test
    void annotationOnMethods() {
        Events tests = run(LeakFixtures.OnMethods.class).testEvents();
        tests.assertStatistics(s -> s.started(3).succeeded(1).failed(2));
        for (Event e : tests.failed().list()) {
            Throwable t = failureOf(e);
            switch (e.getTestDescriptor().getDisplayName()) {
                case "checked()" -> assertTrue(t.getMessage().startsWith("found unexpected goroutines:"), t.getMessage());
                case "classScopeOnAMethod()" -> assertInstanceOf(ExtensionConfigurationException.class, t);
                default -> fail("unexpected failure of " + e.getTestDescriptor().getDisplayName() + ": " + t);
            }
        }
    }

    /** With scope CLASS the tests pass and the class fails, naming the goroutine leaked by any of its tests. */
    @Test
    void classScopeReportsOnTheClass() {
        EngineExecutionResults r = run(LeakFixtures.ClassScopeLeaky.class);
        r.testEvents().assertStatistics(s -> s.started(2).succeeded(2));
        List<Event> failed = r.containerEvents().failed().list();
        assertEquals(1, failed.size());
        assertTrue(failed.get(0).getTestDescriptor().getDisplayName().endsWith("ClassScopeLeaky"));
        String m = failureOf(failed.get(0)).getMessage();
        assertTrue(m.startsWith("found unexpected goroutines:\n"), m);
        assertTrue(m.contains("goroutine " + LeakFixtures.STARTED.get(0).id() + " [chan receive]:"), m);
    }

    /** With scope CLASS a goroutine one test starts and a later test stops is no leak. */
    @Test
    void classScopeAllowsGoroutinesAcrossTests() {
        EngineExecutionResults r = run(LeakFixtures.ClassScopeCleanedUp.class);
        r.testEvents().assertStatistics(s -> s.started(2).succeeded(2));
        r.containerEvents().assertStatistics(s -> s.failed(0));
    }

    /** A class's annotation covers its @Nested classes' tests. */
    @Test
    void nestedClassesAreCovered() {
        Events tests = run(LeakFixtures.Outer.class).testEvents();
        tests.assertStatistics(s -> s.started(2).succeeded(1).failed(1));
        assertEquals("leaks()", tests.failed().list().get(0).getTestDescriptor().getDisplayName());
    }

    /** @RegisterExtension on a static field with the builder's options. */
    @Test
    void registeredInAStaticField() {
        Events tests = run(LeakFixtures.RegisteredStatic.class).testEvents();
        tests.assertStatistics(s -> s.started(2).succeeded(1).failed(1));
        assertEquals("otherLeakFails()", tests.failed().list().get(0).getTestDescriptor().getDisplayName());
    }

    /** @RegisterExtension on an instance field checks each test. */
    @Test
    void registeredInAnInstanceField() {
        Events tests = run(LeakFixtures.RegisteredInstance.class).testEvents();
        tests.assertStatistics(s -> s.started(1).failed(1));
        assertTrue(failureOf(tests.failed().list().get(0)).getMessage().startsWith("found unexpected goroutines:"));
    }

    /** Scope CLASS on an instance field, where JUnit never calls afterAll, is refused rather than silently unchecked. */
    @Test
    void classScopeOnAnInstanceFieldIsRefused() {
        Events tests = run(LeakFixtures.RegisteredInstanceClassScope.class).testEvents();
        tests.assertStatistics(s -> s.started(1).failed(1));
        assertInstanceOf(ExtensionConfigurationException.class, failureOf(tests.failed().list().get(0)));
    }

    /** Scope CLASS on a static field checks the class. */
    @Test
    void classScopeOnAStaticField() {
        EngineExecutionResults r = run(LeakFixtures.RegisteredStaticClassScope.class);
        r.testEvents().assertStatistics(s -> s.started(1).succeeded(1));
        List<Event> failed = r.containerEvents().failed().list();
        assertEquals(1, failed.size());
        assertTrue(failureOf(failed.get(0)).getMessage().startsWith("found unexpected goroutines:"));
    }

    private static EngineExecutionResults run(Class<?> fixture) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter(LeakFixtures.KEY, "true")
                .selectors(selectClass(fixture))
                .execute();
    }

    private static Throwable failureOf(Event e) {
        return e.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
    }
}
