package io.go4j.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.go4j.sync.Once;
import java.util.function.Supplier;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * SEMANTICS.md §4 rule 5 (Once part): {@code once.Do(f)}'s {@code f} returns before any
 * {@code Do} returns.
 *
 * <p>Go: "The completion of a single call of f() from once.Do(f) is synchronized before the
 * return of any call of once.Do(f)" (The Go Memory Model, "Once"). Both actors call
 * {@code run}; whichever function runs, both actors must see its plain writes when their
 * {@code run} returns — in particular the actor whose own function did not run.
 */
public final class OnceFuncHappensBeforeReturn {

    private OnceFuncHappensBeforeReturn() {
    }

    /**
     * Each actor passes its own function (x = 1, or x = 2); only the first runs, and both actors
     * then read the value it wrote.
     */
    @JCStressTest
    @Description("once.run(() -> x = 1); r1 = x  ||  once.run(() -> x = 2); r2 = x")
    @Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "the first actor's function ran; both see its write")
    @Outcome(id = "2, 2", expect = ACCEPTABLE, desc = "the second actor's function ran; both see its write")
    @Outcome(expect = FORBIDDEN, desc = "a run returned without seeing the function's write, or both functions ran")
    @State
    public static class Run {
        final Once once = new Once();
        int x;

        @Actor
        public void first(II_Result r) {
            once.run(() -> x = 1);
            r.r1 = x;
        }

        @Actor
        public void second(II_Result r) {
            once.run(() -> x = 2);
            r.r2 = x;
        }
    }

    /** A plain object with non-final fields, built by a {@code OnceValue} function. */
    static final class Box {
        int a;
        int b;
    }

    /**
     * {@code Once.value} (Go's {@code OnceValue}): both actors get the value; whichever built it,
     * both see it fully built ({@code a} counts the function's calls: it runs once).
     */
    @JCStressTest
    @Description("v = Once.value(() -> new Box(a = ++calls, b = 2))  ||  b = v.get(); r = 10 * b.a + b.b")
    @Outcome(id = "12, 12", expect = ACCEPTABLE, desc = "both got the value of the one call, fully built")
    @Outcome(expect = FORBIDDEN, desc = "a value seen partly built, or the function ran twice")
    @State
    public static class Value {
        int calls;
        final Supplier<Box> value = Once.value(() -> {
            Box b = new Box();
            b.a = ++calls;
            b.b = 2;
            return b;
        });

        private int get() {
            Box b = value.get();
            return 10 * b.a + b.b;
        }

        @Actor
        public void first(II_Result r) {
            r.r1 = get();
        }

        @Actor
        public void second(II_Result r) {
            r.r2 = get();
        }
    }
}
