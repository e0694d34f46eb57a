package io.go4j.lincheck;

import io.go4j.sync.Once;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Options;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Linearizability of {@link Once} ({@code once.Do}) and of {@link Once#value} ({@code OnceValue})
 * and {@link Once#func} ({@code OnceFunc}) with Lincheck 3.7, by model checking and by stress
 * (platform threads), against the sequential {@link OnceModel} with Lincheck's own
 * linearizability verifier.
 *
 * <h2>What is checked</h2>
 * Operations ({@link Operations}) on one {@code Once} and a plain {@code int} counter:
 * {@code runAddOne}, {@code runAddTen} and {@code runThrowing} call {@code once.run(f)} with an
 * {@code f} that adds 1, adds 10, or adds 100 and throws; each returns the counter as read after
 * {@code run} returns (or {@code "threw, counter 100"} if its own {@code f} threw). So exactly one
 * {@code f} runs, the first, and every {@code run} returns after it has finished and sees its
 * write — a caller that returned before the running {@code f} finished would read 0. A thrown
 * {@code f} counts as done (Go's rule for a panic in {@code f}). {@code onceValue} calls a
 * {@code Once.value} supplier whose function counts its calls, so every call must return 1;
 * {@code onceFunc} calls a {@code Once.func} runnable whose function throws
 * {@code "call <n>"}, so every call must throw {@code "call 1"}.
 *
 * <p>Concurrent callers of {@code run} wait on the {@code Once}'s mutex while the first runs
 * {@code f}, a wait that always ends: plain linearizability with one point per operation is the
 * right criterion, and Lincheck's own scenario generator and verifier are used. Sizes: as
 * {@link MutexLincheckTest}.
 */
@Timeout(1800)
public class OnceLincheckTest {

    private static final boolean LONG = "long".equals(System.getProperty("go4j.stress.mode"));

    static final int MC_ITERATIONS = 25;
    static final int MC_INVOCATIONS = 200;
    static final int STRESS_ITERATIONS = 25;
    static final int STRESS_INVOCATIONS = 500;

    private static <O extends Options<O, ?>> O configure(O o, int iterations, int invocations) {
        return o.iterations(iterations)
                .invocationsPerIteration(invocations)
                .threads(3)
                .actorsPerThread(3)
                .actorsBefore(2)
                .actorsAfter(2)
                .sequentialSpecification(OnceModel.class);
    }

    /** Model checking finds no interleaving in which f runs twice or a caller returns before f finished. */
    @Test
    @DisplayName("model checking: Once.run with three functions, Once.value, Once.func")
    void modelChecking() {
        configure(new ModelCheckingOptions(), LONG ? 4 * MC_ITERATIONS : MC_ITERATIONS,
                LONG ? 5 * MC_INVOCATIONS : MC_INVOCATIONS)
                .check(Operations.class);
    }

    /** Real concurrent runs on platform threads produce only linearizable results. */
    @Test
    @DisplayName("stress: Once.run with three functions, Once.value, Once.func")
    void stress() {
        configure(new StressOptions(), LONG ? 10 * STRESS_ITERATIONS : STRESS_ITERATIONS,
                LONG ? 10 * STRESS_INVOCATIONS : STRESS_INVOCATIONS)
                .check(Operations.class);
    }

    /** The check can fail: a check-then-act "once" without the mutex runs f twice, and model checking says so. */
    @Test
    @DisplayName("the check catches a once that checks a flag without locking")
    void modelCheckingCatchesARacyOnce() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> configure(new ModelCheckingOptions(), 20, 100).check(RacyOnce.class));
        assertTrue(e.getMessage().contains("Invalid execution results"), e.getMessage());
    }

    /** The operations Lincheck runs; a fresh instance per invocation. Public for Lincheck. */
    public static class Operations {
        final Once once = new Once();
        int counter; // written by the one f that runs; plain on purpose

        private int valueCalls;
        private final Supplier<Integer> value = Once.value(() -> ++valueCalls);
        private int funcCalls;
        private final Runnable func = Once.func(() -> {
            throw new IllegalStateException("call " + ++funcCalls);
        });

        /** Go's {@code once.Do(f)}; overridden by {@link RacyOnce}. */
        void run(Runnable f) {
            once.run(f);
        }

        /** {@code once.Do(func() { counter += 1 })}, then the counter. */
        @Operation(blocking = true)
        public String runAddOne() {
            run(() -> counter += 1);
            return String.valueOf(counter);
        }

        /** {@code once.Do(func() { counter += 10 })}, then the counter. */
        @Operation(blocking = true)
        public String runAddTen() {
            run(() -> counter += 10);
            return String.valueOf(counter);
        }

        /** {@code once.Do(func() { counter += 100; panic(...) })}, then the counter, or "threw" if this call's f threw. */
        @Operation(blocking = true)
        public String runThrowing() {
            try {
                run(() -> {
                    counter += 100;
                    throw new IllegalStateException("f failed");
                });
                return String.valueOf(counter);
            } catch (IllegalStateException e) {
                return "threw, counter " + counter;
            }
        }

        /** {@code v := sync.OnceValue(func() int { calls++; return calls })}; {@code v()}. */
        @Operation(blocking = true)
        public String onceValue() {
            return String.valueOf(value.get());
        }

        /** {@code f := sync.OnceFunc(func() { calls++; panic(fmt.Sprint("call ", calls)) })}; {@code f()}, recovered. */
        @Operation(blocking = true)
        public String onceFunc() {
            try {
                func.run();
                return "returned";
            } catch (IllegalStateException e) {
                return e.getMessage();
            }
        }
    }

    /** Broken on purpose, for {@link #modelCheckingCatchesARacyOnce}: {@code if !done { f(); done = true }} without a lock. */
    public static class RacyOnce extends Operations {
        private volatile boolean done;

        @Override
        void run(Runnable f) {
            if (!done) {
                try {
                    f.run();
                } finally {
                    done = true;
                }
            }
        }
    }

    /** The sequential specification: the first run's function runs, later ones do nothing. Public for Lincheck. */
    public static class OnceModel {
        private boolean done;
        private int counter;

        private String run(int add, boolean throwing) {
            if (done) {
                return String.valueOf(counter);
            }
            done = true;
            counter += add;
            return throwing ? "threw, counter " + counter : String.valueOf(counter);
        }

        public String runAddOne() {
            return run(1, false);
        }

        public String runAddTen() {
            return run(10, false);
        }

        public String runThrowing() {
            return run(100, true);
        }

        public String onceValue() {
            return "1";
        }

        public String onceFunc() {
            return "call 1";
        }
    }
}
