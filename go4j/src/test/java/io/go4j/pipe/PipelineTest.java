package io.go4j.pipe;

import io.go4j.RecvChan;
import io.go4j.context.CancelContext;
import io.go4j.context.Context;
import io.go4j.testing.Leaks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Pipeline}: errgroup semantics for a whole pipeline. Behaviours follow Go's
 * golang.org/x/sync/errgroup/errgroup_test.go: TestZeroGroup (no error: Wait returns nil),
 * TestWithContext (the first error cancels the context, with that error as cause, and Wait returns it).
 */
@Timeout(30)
class PipelineTest {

    private Leaks.Option before;

    @BeforeEach
    void setUp() {
        before = Leaks.ignoreCurrent();
    }

    @AfterEach
    void tearDown() {
        Leaks.verifyNone(before);
    }

    private static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    // A pipeline that drains its input: await returns normally, everything arrives (errgroup TestZeroGroup).
    @Test
    void successfulPipeline() throws Exception {
        try (Pipeline p = Pipeline.withContext(Context.background())) {
            RecvChan<Integer> src = p.from(range(200));
            RecvChan<Integer> sq = p.map(src, n -> n * n, Stage.parallel(4).ordered());
            RecvChan<Integer> even = p.filter(sq, n -> n % 2 == 0);
            RecvChan<List<Integer>> batches = p.batch(p.flatMap(even, n -> List.of(n, -n)), 10, Duration.ofSeconds(1));
            List<Integer> flat = p.collect(batches).stream().flatMap(List::stream).toList();
            p.await();
            List<Integer> expected = range(200).stream().map(n -> n * n).filter(n -> n % 2 == 0)
                    .flatMap(n -> java.util.stream.Stream.of(n, -n)).toList();
            assertEquals(expected, flat);
            assertSame(Context.CANCELED, Context.cause(p.ctx()), "await cancels the context, with no error");
        }
    }

    // The first exception cancels every stage (with it as the context's cause) and await throws it (errgroup TestWithContext).
    @Test
    void firstErrorCancelsEverything() {
        for (Stage st : List.of(Stage.sequential(), Stage.parallel(3), Stage.parallel(3).ordered())) {
            IOException boom = new IOException("boom");
            Pipeline p = Pipeline.withContext(Context.background());
            RecvChan<Integer> naturals = p.generate(emit -> {
                for (int i = 0; emit.emit(i); i++) {
                    // endless
                }
            });
            Tee<Integer> t = p.tee(naturals);
            RecvChan<Integer> failing = p.map(t.first(), n -> {
                if (n == 100) {
                    throw boom;
                }
                return n;
            }, st);
            RecvChan<Integer> other = p.map(t.second(), n -> n);
            RecvChan<Integer> both = p.merge(failing, other);
            assertSame(Context.CANCELED, assertThrows(RuntimeException.class, () -> p.drain(both)));
            assertSame(boom, assertThrows(IOException.class, p::await), st.toString());
            assertSame(boom, Context.cause(p.ctx()));
        }
    }

    // drain/collect on the pipeline see the context's error when the pipeline failed.
    @Test
    void sinkSeesFailure() {
        try (Pipeline p = Pipeline.withContext(Context.background())) {
            RecvChan<Integer> out = p.map(p.repeat(1, 2, 3), n -> {
                if (n == 3) {
                    throw new IllegalStateException("three");
                }
                return n;
            });
            assertSame(Context.CANCELED, assertThrows(RuntimeException.class, () -> p.collect(out)));
            assertEquals("three", assertThrows(IllegalStateException.class, p::await).getMessage());
        }
    }

    // When two stages fail, await throws only the first error recorded, and it is the context's cause.
    @Test
    void onlyTheFirstErrorIsReported() throws Exception {
        Pipeline p = Pipeline.withContext(Context.background());
        RecvChan<Integer> a = p.map(p.generate(1), n -> {
            throw new IOException("a");
        });
        RecvChan<Integer> b = p.map(p.generate(2), n -> {
            throw new IOException("b");
        });
        p.merge(a, b);
        Exception e = assertThrows(IOException.class, p::await);
        assertSame(e, Context.cause(p.ctx()));
        assertTrue(e.getMessage().equals("a") || e.getMessage().equals("b"));
    }

    // An Error thrown by a stage (Go: a panic) cancels the pipeline and is rethrown by await as is.
    @Test
    void errorIsRethrownAsIs() {
        AssertionError bad = new AssertionError("bad");
        Pipeline p = Pipeline.withContext(Context.background());
        RecvChan<Integer> out = p.repeatFn(() -> {
            throw bad;
        });
        assertSame(Context.CANCELED, assertThrows(RuntimeException.class, () -> p.drain(out)));
        assertSame(bad, assertThrows(AssertionError.class, p::await));
    }

    // Cancelling the parent stops the pipeline; await reports the parent's cause, as errgroup goroutines return ctx.Err().
    @Test
    void parentCancellationIsReported() {
        CancelContext parent = Context.withCancel(Context.background());
        Pipeline p = Pipeline.withContext(parent);
        RecvChan<Integer> out = p.map(p.repeat(1), n -> n + 1, Stage.parallel(2));
        assertEquals(2, out.recv());
        parent.cancel();
        assertSame(Context.CANCELED, assertThrows(Exception.class, p::await));
    }

    // close() stops every stage and waits for every goroutine, though the consumer stopped reading mid-stream; it is idempotent.
    @Test
    void closeLeavesNoGoroutine() {
        Pipeline p = Pipeline.withContext(Context.background());
        RecvChan<List<Integer>> out = p.batch(p.map(p.repeat(1, 2), n -> n * 3, Stage.parallel(4).ordered()), 5);
        assertEquals(List.of(3, 6, 3, 6, 3), out.recv());
        List<RecvChan<Integer>> lanes = p.fanOut(p.take(p.repeat(7), 100), 2);
        assertEquals(7, lanes.get(0).recv());
        p.close();
        Leaks.verifyNone(before);
        p.close();
    }

    // Stages built on the pipeline's context from every source and plumbing method deliver everything and await returns normally.
    @Test
    void plumbingMethodsInAPipeline() throws Exception {
        Pipeline p = Pipeline.withContext(Context.background());
        RecvChan<Integer> bridged = p.bridge(p.generate(p.generate(1, 2), p.generate(3)));
        Split<Integer> sp = p.split(p.orDone(bridged), n -> n % 2 == 1);
        RecvChan<Integer> merged = p.merge(List.of(sp.matching(), sp.rest()));
        List<Integer> all = p.collect(p.buffer(merged, 4));
        p.await();
        assertEquals(List.of(1, 2, 3), all.stream().sorted().toList());
    }
}
