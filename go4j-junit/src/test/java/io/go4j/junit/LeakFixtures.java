package io.go4j.junit;

import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.Goroutine;
import io.go4j.junit.VerifyNoGoroutineLeaks.Scope;
import io.go4j.sync.WaitGroup;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Test classes that {@link GoroutineLeakExtensionTest} runs with JUnit's EngineTestKit, to see
 * which of them pass and how the others fail. They are disabled unless run that way (the
 * configuration parameter {@value #KEY}), so that neither Maven nor an IDE reports their
 * intended failures. Their goroutines block on {@link #gate}, which the outer test closes.
 */
final class LeakFixtures {

    private LeakFixtures() {
    }

    /** The configuration parameter that enables the fixtures. */
    static final String KEY = "go4j.junit.fixtures";

    /** Closed by the outer test after each run: ends every goroutine a fixture leaked. */
    static volatile Chan<Integer> gate = Chan.make();
    /** Every goroutine a fixture started, for the outer test to await. */
    static final List<Goroutine> STARTED = new CopyOnWriteArrayList<>();

    /** Enables a fixture only under EngineTestKit with {@link #KEY} set. */
    static final class OnlyUnderTestKit implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter(KEY).isPresent()
                    ? ConditionEvaluationResult.enabled("run by GoroutineLeakExtensionTest")
                    : ConditionEvaluationResult.disabled("a fixture of GoroutineLeakExtensionTest");
        }
    }

    // ---- what the fixtures' goroutines do ----

    /** Starts a goroutine that blocks in {@link #waitForGate} and waits until it is parked there. */
    static Goroutine leak() {
        Chan<Integer> g = gate;
        return startParked(() -> waitForGate(g));
    }

    /** Starts a goroutine that blocks in {@link #waitElsewhere} and waits until it is parked there. */
    static Goroutine leakElsewhere() {
        Chan<Integer> g = gate;
        return startParked(() -> waitElsewhere(g));
    }

    static void waitForGate(Chan<Integer> g) {
        g.recv();
    }

    static void waitElsewhere(Chan<Integer> g) {
        g.recv();
    }

    private static Goroutine startParked(Runnable body) {
        Goroutine g = Go.go(body);
        STARTED.add(g);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!"chan receive".equals(g.waitReason())) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("goroutine never blocked: " + g);
            }
            Thread.yield();
        }
        return g;
    }

    /** Goroutines that do their work and end before the test does. */
    static void cleanWork() {
        WaitGroup wg = new WaitGroup();
        Chan<Integer> ch = Chan.make();
        for (int i = 0; i < 4; i++) {
            wg.go(() -> ch.send(1));
        }
        for (int i = 0; i < 4; i++) {
            ch.recv();
        }
        wg.await();
    }

    /**
     * A goroutine that is still alive when the test returns and ends only once the leak check is
     * sleeping between two looks: only a check that retries passes.
     */
    static void exitWhileChecked() {
        Chan<Integer> release = Chan.make();
        Thread checker = Thread.currentThread();
        Goroutine g = Go.go(() -> release.recv());
        STARTED.add(g);
        Thread.ofPlatform().daemon().start(() -> {
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (!sleepingInLeaks(checker) && System.nanoTime() - deadline < 0) {
                Thread.onSpinWait();
            }
            release.close();
        });
    }

    /** Whether {@code t} is parked inside a leak check (in its sleep between looks). */
    static boolean sleepingInLeaks(Thread t) {
        Thread.State s = t.getState();
        if (s != Thread.State.WAITING && s != Thread.State.TIMED_WAITING) {
            return false;
        }
        for (StackTraceElement e : t.getStackTrace()) {
            if (e.getClassName().equals("io.go4j.testing.Leaks")) {
                return true;
            }
        }
        return false;
    }

    // ---- the fixtures ----

    @VerifyNoGoroutineLeaks
    @ExtendWith(OnlyUnderTestKit.class)
    @Timeout(30)
    static class Clean {
        @Test
        void endsItsGoroutines() {
            cleanWork();
        }
    }

    @VerifyNoGoroutineLeaks(maxWaitMillis = 20)
    @ExtendWith(OnlyUnderTestKit.class)
    @Timeout(30)
    static class Leaky {
        @Test
        void leaks() {
            leak();
        }
    }

    @VerifyNoGoroutineLeaks(maxWaitMillis = 20_000)
    @ExtendWith(OnlyUnderTestKit.class)
    @Timeout(30)
    static class Exiting {
        @Test
        void goroutineEndsDuringTheCheck() {
            exitWhileChecked();
        }
    }

    @VerifyNoGoroutineLeaks(maxWaitMillis = 20, ignoreTopFunctions = "io.go4j.junit.LeakFixtures#waitForGate")
    @ExtendWith(OnlyUnderTestKit.class)
    @Timeout(30)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class IgnoreTop {
        @Test
        @Order(1)
        void ignoredLeak() {
            leak();
        }

        @Test
        @Order(2)
        void otherLeakFails() {
            leakElsewhere();
        }

        @Test
        @Order(3)
        @VerifyNoGoroutineLeaks(maxWaitMillis = 20, ignoreAnyFunctions = "io.go4j.junit.LeakFixtures.waitElsewhere")
        void methodAnnotationReplacesTheClassOptions() {
            leakElsewhere();
        }

        @Test
        @Order(4)
        @VerifyNoGoroutineLeaks(maxWaitMillis = 20, ignoreCreatedBy = "io.go4j.junit.LeakFixtures")
        void ignoredByCreator() {
            leakElsewhere();
        }
    }

    @ExtendWith(OnlyUnderTestKit.class)
    @Timeout(30)
    static class OnMethods {
        @Test
        @VerifyNoGoroutineLeaks(maxWaitMillis = 20)
        void checked() {
            leak();
        }

        @Test
        void notChecked() {
            leak();
        }

        @Test
        @VerifyNoGoroutineLeaks(scope = Scope.CLASS)
        void classScopeOnAMethod() {
        }
    }

    @VerifyNoGoroutineLeaks(scope = Scope.CLASS, maxWaitMillis = 20)
    @ExtendWith(OnlyUnderTestKit.class)
    @Timeout(30)
    static class ClassScopeLeaky {
        @Test
        void leaks() {
            leak();
        }

        @Test
        void clean() {
            cleanWork();
        }
    }

    @VerifyNoGoroutineLeaks(scope = Scope.CLASS, maxWaitMillis = 20)
    @ExtendWith(OnlyUnderTestKit.class)
    @Timeout(30)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class ClassScopeCleanedUp {
        static volatile Chan<Integer> stop;

        @Test
        @Order(1)
        void startsAGoroutine() {
            Chan<Integer> s = Chan.make();
            stop = s;
            STARTED.add(Go.go(() -> s.recv()));
        }

        @Test
        @Order(2)
        void stopsIt() {
            stop.close();
        }
    }

    @VerifyNoGoroutineLeaks(maxWaitMillis = 20)
    @ExtendWith(OnlyUnderTestKit.class)
    @Timeout(30)
    static class Outer {
        @Test
        void clean() {
            cleanWork();
        }

        @Nested
        class Inner {
            @Test
            void leaks() {
                leak();
            }
        }
    }

    @ExtendWith(OnlyUnderTestKit.class)
    @Timeout(30)
    static class RegisteredStatic {
        @RegisterExtension
        static final GoroutineLeakExtension LEAKS = GoroutineLeakExtension.builder()
                .ignoreTopFunction("io.go4j.junit.LeakFixtures.waitForGate")
                .maxWait(Duration.ofMillis(20))
                .build();

        @Test
        void ignoredLeak() {
            leak();
        }

        @Test
        void otherLeakFails() {
            leakElsewhere();
        }
    }

    @ExtendWith(OnlyUnderTestKit.class)
    @Timeout(30)
    static class RegisteredInstance {
        @RegisterExtension
        final GoroutineLeakExtension leaks = GoroutineLeakExtension.builder().maxRetries(0).build();

        @Test
        void leaks() {
            leak();
        }
    }

    @ExtendWith(OnlyUnderTestKit.class)
    @Timeout(30)
    static class RegisteredInstanceClassScope {
        @RegisterExtension
        final GoroutineLeakExtension leaks = GoroutineLeakExtension.builder().scope(Scope.CLASS).build();

        @Test
        void anyTest() {
        }
    }

    @ExtendWith(OnlyUnderTestKit.class)
    @Timeout(30)
    static class RegisteredStaticClassScope {
        @RegisterExtension
        static final GoroutineLeakExtension LEAKS = GoroutineLeakExtension.builder()
                .scope(Scope.CLASS).maxRetries(0).build();

        @Test
        void leaks() {
            leak();
        }
    }
}
