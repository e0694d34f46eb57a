package io.go4j.junit;

import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.Panic;
import io.go4j.Select;
import io.go4j.testing.Synctest;
import io.go4j.time.Time;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * {@link InBubble} and {@link SynctestExtension}, seen from outside: each test runs one of the
 * fixture classes below with JUnit's EngineTestKit (the fixtures are disabled otherwise, see
 * {@link LeakFixtures.OnlyUnderTestKit}) and checks which of its tests pass and how the others fail.
 */
@Timeout(20)
class InBubbleTest {

    static final Instant START = Instant.parse("2000-01-01T00:00:00Z");

    /** What the fixtures saw, by test name: the outer test checks it. */
    static final Map<String, Object> SEEN = new ConcurrentHashMap<>();

    // ---- fixtures

    /** Tests with and without the annotation on the method. */
    @ExtendWith(LeakFixtures.OnlyUnderTestKit.class)
    static class OnMethods {
        @BeforeEach
        void before() {
            SEEN.put("beforeEachInBubble", Synctest.inBubble());
        }

        @Test
        @InBubble
        void fakeClock() {
            assertTrue(Synctest.inBubble());
            assertEquals(START, Time.now());
            long real = System.nanoTime();
            Time.sleep(Duration.ofHours(1));
            SEEN.put("realNanosForOneHour", System.nanoTime() - real);
            assertEquals(START.plus(Duration.ofHours(1)), Time.now());
        }

        @Test
        @InBubble
        void goroutinesJoinTheBubble() {
            Chan<Instant> c = Chan.make();
            Go.go(() -> {
                Time.sleep(Duration.ofMinutes(3));
                c.send(Time.now());
            });
            assertEquals(START.plus(Duration.ofMinutes(3)), c.recv());
        }

        @Test
        void notAnnotated() {
            SEEN.put("notAnnotatedInBubble", Synctest.inBubble());
        }

        @Test
        @InBubble
        void deadlocks() {
            Select.forever();
        }

        @Test
        @InBubble
        void childDeadlocks() {
            Go.go(Select::forever);
        }

        @Test
        @InBubble
        void failsAnAssertion() {
            assertEquals(1, 2, "in the bubble");
        }

        @Test
        @InBubble
        void failsThenChildDeadlocks() {
            Go.go(Select::forever);
            fail("the root's own failure");
        }

        @Test
        @InBubble
        void throwsChecked() throws IOException {
            throw new IOException("checked, from the bubble");
        }

        @Test
        @InBubble
        void aborts() {
            Assumptions.assumeTrue(false, "assumption in the bubble");
        }
    }

    /** The annotation on a class: every test method, repeated ones too, runs in its own bubble. */
    @ExtendWith(LeakFixtures.OnlyUnderTestKit.class)
    @InBubble
    static class OnClass {
        @Test
        void first() {
            assertTrue(Synctest.inBubble());
            assertEquals(START, Time.now());
            Time.sleep(Duration.ofDays(2));
        }

        @RepeatedTest(3)
        void repeated() {
            assertEquals(START, Time.now(), "each invocation has a new bubble");
            Time.sleep(Duration.ofSeconds(30));
            SEEN.merge("repeated", 1, (a, b) -> (Integer) a + (Integer) b);
        }
    }

    // ---- the tests

    /** Annotated methods run in a bubble (fake clock, instant sleeps, goroutines joining); others and @BeforeEach do not. */
    @Test
    void annotatedMethodsRunInABubble() {
        SEEN.clear();
        Events tests = run(OnMethods.class).testEvents();
        tests.assertStatistics(s -> s.started(9).succeeded(3).failed(5).aborted(1));
        Map<String, Event> byName = tests.finished().list().stream()
                .collect(Collectors.toMap(e -> e.getTestDescriptor().getDisplayName(), e -> e));
        for (String ok : List.of("fakeClock()", "goroutinesJoinTheBubble()", "notAnnotated()")) {
            assertEquals(TestExecutionResult.Status.SUCCESSFUL, result(byName.get(ok)).getStatus(), ok);
        }
        assertEquals(false, SEEN.get("notAnnotatedInBubble"));
        assertEquals(false, SEEN.get("beforeEachInBubble"), "lifecycle methods run outside the bubble");
        // a generous bound, far below the hour slept: the sleep was in fake time
        assertTrue((Long) SEEN.get("realNanosForOneHour") < Duration.ofMinutes(1).toNanos());
    }

    /** A deadlocked bubble fails the test with Go's messages, for the root and for a child left behind. */
    @Test
    void deadlocksFailWithGosMessage() {
        Map<String, Throwable> failures = failures(run(OnMethods.class).testEvents());
        Throwable root = failures.get("deadlocks()");
        assertInstanceOf(Panic.class, root);
        assertEquals("deadlock: all goroutines in bubble are blocked", root.getMessage());
        Throwable child = failures.get("childDeadlocks()");
        assertInstanceOf(Panic.class, child);
        assertEquals("deadlock: main bubble goroutine has exited but blocked goroutines remain", child.getMessage());
        Throwable both = failures.get("failsThenChildDeadlocks()");
        assertEquals(Synctest.ROOT_EXITED_DEADLOCK, both.getMessage());
        assertEquals(1, both.getSuppressed().length, "the root's failure is kept as suppressed");
        assertEquals("the root's own failure", both.getSuppressed()[0].getMessage());
    }

    /** What the body throws fails (or aborts) the test unchanged: assertion errors, checked exceptions, assumptions. */
    @Test
    void exceptionsFromTheBubbleAreRethrownUnchanged() {
        EngineExecutionResults r = run(OnMethods.class);
        Map<String, Throwable> failures = failures(r.testEvents());
        Throwable assertion = failures.get("failsAnAssertion()");
        assertInstanceOf(AssertionFailedError.class, assertion);
        assertTrue(assertion.getMessage().startsWith("in the bubble"), assertion.getMessage());
        Throwable checked = failures.get("throwsChecked()");
        assertEquals(IOException.class, checked.getClass());
        assertEquals("checked, from the bubble", checked.getMessage());
        Event aborted = r.testEvents().aborted().list().get(0);
        assertEquals("aborts()", aborted.getTestDescriptor().getDisplayName());
        assertInstanceOf(TestAbortedException.class, result(aborted).getThrowable().orElseThrow());
    }

    /** Without the kit's configuration parameter, the fixtures are skipped (Maven and IDEs never report their failures). */
    @Test
    void fixturesAreSkippedOutsideTheKit() {
        EngineExecutionResults r = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(OnMethods.class), selectClass(OnClass.class)).execute();
        r.testEvents().assertStatistics(s -> s.started(0));
        r.containerEvents().assertStatistics(s -> s.skipped(2));
    }

    /** On a class, every test method runs in a bubble of its own, each repetition too. */
    @Test
    void annotationOnAClass() {
        SEEN.clear();
        run(OnClass.class).testEvents().assertStatistics(s -> s.started(4).succeeded(4).failed(0));
        assertEquals(3, SEEN.get("repeated"));
    }

    private static EngineExecutionResults run(Class<?> fixture) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter(LeakFixtures.KEY, "true")
                .selectors(selectClass(fixture))
                .execute();
    }

    private static TestExecutionResult result(Event e) {
        return e.getRequiredPayload(TestExecutionResult.class);
    }

    private static Map<String, Throwable> failures(Events tests) {
        return tests.failed().list().stream().collect(Collectors.toMap(
                e -> e.getTestDescriptor().getDisplayName(), e -> result(e).getThrowable().orElseThrow()));
    }
}
