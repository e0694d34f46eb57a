package io.go4j.pipe;

import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.RecvChan;
import io.go4j.context.CancelContext;
import io.go4j.context.Context;
import io.go4j.testing.Leaks;
import io.go4j.testing.Synctest;
import io.go4j.time.Time;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.lang.reflect.UndeclaredThrowableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** map, filter, flatMap and mapResult in every {@link Stage} shape; {@link Result}; the exception policy of Pipe's stages. */
@Timeout(30)
class PipeStagesTest {

    private Leaks.Option before;
    private CancelContext ctx;

    @BeforeEach
    void setUp() {
        before = Leaks.ignoreCurrent();
        ctx = Context.withCancel(Context.background());
    }

    @AfterEach
    void tearDown() {
        ctx.cancel();
        Leaks.verifyNone(before);
    }

    private static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    private static List<Integer> sorted(List<Integer> l) {
        List<Integer> s = new ArrayList<>(l);
        Collections.sort(s);
        return s;
    }

    private static final List<Stage> SHAPES = List.of(Stage.sequential(), Stage.parallel(4), Stage.parallel(4).ordered(),
            Stage.parallel(3).ordered(1).buffer(5), Stage.sequential().buffer(2));

    // map in every shape: every value mapped exactly once; in input order when the shape is ordered.
    @Test
    void mapEveryShape() {
        for (Stage st : SHAPES) {
            List<Integer> out = Pipe.collect(ctx, Pipe.map(ctx, Pipe.from(ctx, range(500)), n -> n * 2, st));
            List<Integer> expected = range(500).stream().map(n -> n * 2).toList();
            assertEquals(expected, st.isOrdered() ? out : sorted(out), st.toString());
        }
    }

    // filter in every shape: exactly the matching values; in input order when ordered.
    @Test
    void filterEveryShape() {
        for (Stage st : SHAPES) {
            List<Integer> out = Pipe.collect(ctx, Pipe.filter(ctx, Pipe.from(ctx, range(500)), n -> n % 7 == 0, st));
            List<Integer> expected = range(500).stream().filter(n -> n % 7 == 0).toList();
            assertEquals(expected, st.isOrdered() ? out : sorted(out), st.toString());
        }
    }

    // flatMap in every shape: each value's elements; ordered shapes keep each value's elements together and in input order.
    @Test
    void flatMapEveryShape() {
        for (Stage st : SHAPES) {
            List<Integer> out = Pipe.collect(ctx, Pipe.flatMap(ctx, Pipe.from(ctx, range(300)),
                    n -> n % 3 == 0 ? List.of() : List.of(n * 10, n * 10 + 1, n * 10 + 2), st));
            List<Integer> expected = range(300).stream().filter(n -> n % 3 != 0)
                    .flatMap(n -> IntStream.range(n * 10, n * 10 + 3).boxed()).toList();
            assertEquals(expected, st.isOrdered() ? out : sorted(out), st.toString());
        }
    }

    // The stage's buffer option gives the output that capacity.
    @Test
    void bufferOption() {
        assertEquals(7, Pipe.map(ctx, Chan.<Integer>make(), n -> n, Stage.parallel(2).buffer(7)).cap());
        assertEquals(0, Pipe.map(ctx, Chan.<Integer>make(), n -> n).cap());
    }

    // Unordered parallel: a fast value overtakes a slow one (fake clock: value i takes 4 - i seconds).
    @Test
    void unorderedLetsFastValuesOvertake() {
        Synctest.test(() -> {
            CancelContext c = Context.withCancel(Context.background());
            RecvChan<Integer> out = Pipe.map(c, Pipe.generate(c, 0, 1, 2, 3), n -> {
                Time.sleep(Duration.ofSeconds(4 - n));
                return n;
            }, Stage.parallel(4));
            assertEquals(List.of(3, 2, 1, 0), Pipe.collect(c, out));
            c.cancel();
        });
    }

    // Ordered parallel: the output is in input order whatever the finishing order, and runs in parallel (fake clock).
    @Test
    void orderedKeepsInputOrder() {
        Synctest.test(() -> {
            CancelContext c = Context.withCancel(Context.background());
            java.util.Random rnd = new java.util.Random(42);
            List<Integer> delays = IntStream.range(0, 40).map(i -> 1 + rnd.nextInt(9)).boxed().toList();
            java.time.Instant t0 = Time.now();
            RecvChan<Integer> out = Pipe.map(c, Pipe.from(c, range(40)), n -> {
                Time.sleep(Duration.ofSeconds(delays.get(n)));
                return n;
            }, Stage.parallel(8).ordered());
            assertEquals(range(40), Pipe.collect(c, out));
            int sum = delays.stream().mapToInt(Integer::intValue).sum();
            assertTrue(Time.since(t0).compareTo(Duration.ofSeconds(sum)) < 0, "values were mapped in parallel");
            c.cancel();
        });
    }

    // Ordered parallel: while the head value is slow, at most window + 1 values have entered the function (the bounded reorder window).
    @Test
    void orderedWindowIsBounded() {
        Synctest.test(() -> {
            CancelContext c = Context.withCancel(Context.background());
            AtomicInteger started = new AtomicInteger();
            RecvChan<Integer> out = Pipe.map(c, Pipe.from(c, range(100)), n -> {
                started.incrementAndGet();
                if (n == 0) {
                    Time.sleep(Duration.ofHours(1));
                }
                return n;
            }, Stage.parallel(4).ordered(2));
            Time.sleep(Duration.ofMinutes(30));
            Synctest.await();
            assertEquals(3, started.get(), "the head, plus the two slots of the window");
            assertEquals(range(100), Pipe.collect(c, out));
            c.cancel();
        });
    }

    // mapResult: a value or the exception, for every input, in order; the stage carries on after an error.
    @Test
    void mapResultCarriesErrors() {
        List<Result<Integer>> out = Pipe.collect(ctx, Pipe.mapResult(ctx, Pipe.generate(ctx, "1", "x", "3"), Integer::parseInt));
        assertEquals(3, out.size());
        assertEquals(Result.ok(1), out.get(0));
        assertInstanceOf(NumberFormatException.class, ((Result.Err<Integer>) out.get(1)).error());
        assertEquals(Result.ok(3), out.get(2));
        List<Result<Integer>> par = Pipe.collect(ctx, Pipe.mapResult(ctx, Pipe.from(ctx, range(100)), n -> {
            if (n % 2 == 1) {
                throw new IOException("odd " + n);
            }
            return n;
        }, Stage.parallel(4).ordered()));
        for (int i = 0; i < 100; i++) {
            assertEquals(i % 2 == 0, par.get(i).isOk());
        }
    }

    // Result: ok/err, isOk, getOrThrow rethrows an Exception as is and wraps an Error in ExecutionException.
    @Test
    void resultContract() throws Exception {
        assertTrue(Result.ok(null).isOk());
        assertEquals("v", Result.ok("v").getOrThrow());
        IOException io = new IOException("boom");
        Result<String> e = Result.err(io);
        assertFalse(e.isOk());
        assertSame(io, assertThrows(IOException.class, e::getOrThrow));
        AssertionError ae = new AssertionError("bad");
        assertSame(ae, assertThrows(ExecutionException.class, Result.<String>err(ae)::getOrThrow).getCause());
        assertThrows(NullPointerException.class, () -> Result.err(null));
    }

    // Stage validates its numbers; parallelism 1 is always ordered; the default window is twice the parallelism.
    @Test
    void stageOptions() {
        assertThrows(IllegalArgumentException.class, () -> Stage.parallel(0));
        assertThrows(IllegalArgumentException.class, () -> Stage.parallel(2).ordered(0));
        assertThrows(IllegalArgumentException.class, () -> Stage.parallel(2).buffer(-1));
        assertTrue(Stage.sequential().isOrdered());
        assertFalse(Stage.parallel(3).isOrdered());
        assertTrue(Stage.parallel(3).ordered().isOrdered());
        assertFalse(Stage.parallel(3).ordered().unordered().isOrdered());
        assertEquals(6, Stage.parallel(3).ordered().window());
        assertEquals(4, Stage.parallel(3).buffer(4).bufferSize());
    }

    // A Pipe stage whose function throws stops: its output closes early, the exception goes to Go's panic handler (checked ones wrapped).
    @Test
    void throwingFunctionStopsTheStageAsAPanic() {
        Chan<Throwable> panics = Chan.make(10);
        Go.setPanicHandler((g, t) -> panics.send(t));
        try {
            for (Stage st : SHAPES) {
                RecvChan<Integer> naturals = Pipe.generate(ctx, emit -> {
                    for (int i = 0; emit.emit(i); i++) {
                        // endless: only the failure can end the stream below
                    }
                });
                RecvChan<Integer> out = Pipe.map(ctx, naturals, n -> {
                    if (n == 50) {
                        throw new IOException("at 50");
                    }
                    return n;
                }, st);
                List<Integer> got = Pipe.collect(ctx, out);
                assertFalse(got.contains(50), st + ": the failed value is not passed on");
                if (st.isOrdered()) {
                    // values in the reorder window when the stage stopped are dropped: a prefix
                    assertEquals(range(got.size()), got, st + ": ordered shapes pass on a prefix of the input");
                }
                if (st.parallelism() == 1) {
                    assertEquals(range(50), got, st + ": a sequential stage stops exactly at the failure");
                }
                Throwable t = panics.recv();
                assertInstanceOf(UndeclaredThrowableException.class, t);
                assertEquals("at 50", t.getCause().getMessage());
            }
            IllegalStateException boom = new IllegalStateException("boom");
            RecvChan<Integer> out = Pipe.filter(ctx, Pipe.generate(ctx, 1, 2), n -> {
                throw boom;
            });
            assertEquals(List.of(), Pipe.collect(ctx, out));
            assertSame(boom, panics.recv());
            RecvChan<Integer> gen = Pipe.generate(ctx, emit -> {
                emit.emit(1);
                throw new IOException("generator");
            });
            assertEquals(List.of(1), Pipe.collect(ctx, gen));
            assertEquals("generator", panics.recv().getCause().getMessage());
        } finally {
            Go.setPanicHandler(null);
        }
    }
}
