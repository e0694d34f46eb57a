package io.go4j.pipe;

import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.RecvChan;
import io.go4j.context.CancelContext;
import io.go4j.context.Context;
import io.go4j.testing.Leaks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sources, take, orDone, bridge, buffer and the sinks of {@link Pipe}: what they pass on, in what order, and when they close. */
@Timeout(30)
class PipeSourcesTest {

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

    // generate sends its arguments in order, nulls included, then closes; the argument array is copied at the call.
    @Test
    void generateSendsValuesInOrderThenCloses() {
        String[] values = {"a", null, "c"};
        RecvChan<String> out = Pipe.generate(ctx, values);
        values[0] = "changed";
        assertEquals(Arrays.asList("a", null, "c"), Pipe.collect(ctx, out));
        assertFalse(out.recvOk().ok());
    }

    // generate with no values closes at once.
    @Test
    void generateOfNothingIsClosed() {
        assertEquals(List.of(), Pipe.collect(ctx, Pipe.<Integer>generate(ctx)));
    }

    // from sends an iterable's values in iteration order, then closes.
    @Test
    void fromSendsIterationOrder() {
        List<Integer> in = List.of(5, 3, 9, 1);
        assertEquals(in, Pipe.collect(ctx, Pipe.from(ctx, in)));
    }

    // A generator's emitted values arrive in order, and the output closes when the generator returns.
    @Test
    void generatorEmitsThenCloses() {
        RecvChan<Integer> out = Pipe.generate(ctx, emit -> {
            for (int i = 0; i < 5; i++) {
                assertTrue(emit.emit(i * i));
            }
        });
        assertEquals(List.of(0, 1, 4, 9, 16), Pipe.collect(ctx, out));
    }

    // Once the context is done, emit returns false, and keeps returning false without sending even when a receiver is ready.
    @Test
    void emitIsFalseForEverOnceTheContextIsDone() {
        Chan<List<Boolean>> report = Chan.make(1);
        RecvChan<Integer> out = Pipe.generate(ctx, emit -> {
            List<Boolean> r = new ArrayList<>();
            r.add(emit.emit(1));
            r.add(emit.emit(2)); // nobody reads until the cancel: false
            for (int i = 0; i < 100; i++) {
                r.add(emit.emit(3));
            }
            report.send(r);
        });
        assertEquals(1, out.recv());
        ctx.cancel();
        Chan<List<Integer>> read = Chan.make(1);
        Go.go(() -> read.send(Pipe.collect(Context.background(), out))); // a reader ready for every later emit
        List<Boolean> r = report.recv();
        assertEquals(Boolean.TRUE, r.get(0));
        assertTrue(r.subList(1, r.size()).stream().noneMatch(b -> b), "every emit after the cancel is false");
        assertEquals(List.of(), read.recv());
    }

    // repeat cycles through its values in order.
    @Test
    void repeatCycles() {
        assertEquals(List.of("a", "b", "a", "b", "a"), Pipe.collect(ctx, Pipe.take(ctx, Pipe.repeat(ctx, "a", "b"), 5)));
    }

    // repeat of nothing is closed at once (there is nothing to repeat).
    @Test
    void repeatOfNothingIsClosed() {
        assertFalse(Pipe.<String>repeat(ctx).recvOk().ok());
    }

    // repeatFn sends each call's value, in call order.
    @Test
    void repeatFnSendsSuccessiveCalls() {
        AtomicInteger n = new AtomicInteger();
        assertEquals(List.of(1, 2, 3, 4), Pipe.collect(ctx, Pipe.take(ctx, Pipe.repeatFn(ctx, n::incrementAndGet), 4)));
    }

    // take passes the first n values; take(0) closes at once; take beyond the input's end closes with the input.
    @Test
    void takeFirstN() {
        assertEquals(List.of(1, 2), Pipe.collect(ctx, Pipe.take(ctx, Pipe.generate(ctx, 1, 2, 3), 2)));
        assertEquals(List.of(), Pipe.collect(ctx, Pipe.take(ctx, Pipe.repeat(ctx, 1), 0)));
        assertEquals(List.of(1, 2, 3), Pipe.collect(ctx, Pipe.take(ctx, Pipe.generate(ctx, 1, 2, 3), 10)));
        assertThrows(IllegalArgumentException.class, () -> Pipe.take(ctx, Pipe.repeat(ctx, 1), -1));
    }

    // orDone passes every value of its input and closes when the input closes.
    @Test
    void orDonePassesEverything() {
        Chan<Integer> in = Chan.make(3);
        in.send(1);
        in.send(2);
        in.send(3);
        in.close();
        assertEquals(List.of(1, 2, 3), Pipe.collect(ctx, Pipe.orDone(ctx, in)));
    }

    // orDone closes its output when the context is done, though its input never closes.
    @Test
    void orDoneClosesOnCancel() {
        RecvChan<Integer> out = Pipe.orDone(ctx, Chan.make());
        ctx.cancel();
        assertFalse(out.recvOk().ok());
    }

    // bridge passes the values of each inner channel in turn: the concatenation, in order.
    @Test
    void bridgeConcatenates() {
        RecvChan<RecvChan<Integer>> chans = Pipe.generate(ctx,
                Pipe.generate(ctx, 1, 2), Pipe.generate(ctx), Pipe.generate(ctx, 3), Pipe.generate(ctx, 4, 5, 6));
        assertEquals(List.of(1, 2, 3, 4, 5, 6), Pipe.collect(ctx, Pipe.bridge(ctx, chans)));
    }

    // buffer passes everything in order through an output of the asked capacity.
    @Test
    void bufferHasCapacity() {
        RecvChan<Integer> out = Pipe.buffer(ctx, Pipe.generate(ctx, 1, 2, 3, 4), 3);
        assertEquals(3, out.cap());
        assertEquals(List.of(1, 2, 3, 4), Pipe.collect(ctx, out));
        assertThrows(IllegalArgumentException.class, () -> Pipe.buffer(ctx, Chan.make(), -1));
    }

    // buffer lets the producer run n + 1 values ahead of a consumer that has not started reading.
    @Test
    void bufferDecouplesProducer() {
        AtomicInteger produced = new AtomicInteger();
        RecvChan<Integer> out = Pipe.buffer(ctx, Pipe.repeatFn(ctx, produced::incrementAndGet), 4);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (out.len() < 4 && System.nanoTime() < deadline) {
            Thread.yield();
        }
        assertEquals(4, out.len());
        assertEquals(1, out.recv());
    }

    // drain counts the values until the input closes.
    @Test
    void drainCounts() {
        assertEquals(3, Pipe.drain(ctx, Pipe.generate(ctx, 1, 2, 3)));
    }

    // collect on a done context throws the context's error, even if the input then appears closed.
    @Test
    void collectThrowsContextError() {
        RecvChan<Integer> out = Pipe.repeat(ctx, 1);
        ctx.cancel();
        assertEquals(Context.CANCELED, assertThrows(RuntimeException.class, () -> Pipe.collect(ctx, out)));
        assertEquals(Context.CANCELED, assertThrows(RuntimeException.class, () -> Pipe.drain(ctx, out)));
    }
}
