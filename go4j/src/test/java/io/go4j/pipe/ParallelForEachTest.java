package io.go4j.pipe;

import io.go4j.Go;
import io.go4j.Goroutine;
import io.go4j.WaitInterruptedException;
import io.go4j.context.CancelContext;
import io.go4j.context.Context;
import io.go4j.context.ContextException;
import io.go4j.testing.Leaks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Parallel#forEach}: the bound on parallelism (atomic max counter, and a barrier that
 * proves the bound is reached), first-error cancellation, parent cancellation, interrupts,
 * iterator failures, no goroutine left behind, and a counted stress run. Ports of
 * golang.org/x/sync errgroup/errgroup_test.go TestGoLimit, TestWithContext, TestCancelCause
 * are marked. No test sleeps.
 */
@Timeout(60)
class ParallelForEachTest {

    static final boolean LONG = "long".equals(System.getProperty("go4j.stress.mode", "short"));

    private Leaks.Option before;

    @BeforeEach
    void snapshot() {
        before = Leaks.ignoreCurrent();
    }

    @AfterEach
    void noLeaks() {
        Leaks.verifyNone(before); // forEach never leaves a body running
    }

    static List<Integer> items(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    /** Port of errgroup_test.go TestGoLimit: never more than limit bodies active. */
    @Test
    void neverMoreThanLimit() throws Exception {
        int limit = 10;
        AtomicInteger active = new AtomicInteger();
        AtomicInteger max = new AtomicInteger();
        Parallel.forEach(Context.background(), items((1 << 10) + 1), limit, (c, x) -> {
            int n = active.incrementAndGet();
            max.accumulateAndGet(n, Math::max);
            Thread.yield(); // give the others a chance to be active together (not synchronization)
            active.decrementAndGet();
        });
        assertTrue(max.get() <= limit, "max " + max.get());
    }

    /** The limit is reached: `limit` bodies meet at a barrier (it would time out if fewer could run). */
    @Test
    void limitIsReached() throws Exception {
        int limit = 4;
        Barrier meet = new Barrier(limit);
        AtomicInteger max = new AtomicInteger();
        AtomicInteger active = new AtomicInteger();
        try (CancelContext ctx = Context.withTimeout(Context.background(), Duration.ofSeconds(30))) {
            Parallel.forEach(ctx, items(limit * 5), limit, (c, x) -> {
                max.accumulateAndGet(active.incrementAndGet(), Math::max);
                meet.await(c);
                active.decrementAndGet();
            });
        }
        assertEquals(limit, max.get());
    }

    /**
     * Port of errgroup_test.go TestWithContext and TestCancelCause: the first error is
     * thrown, the bodies' context is cancelled with it as the cause, and no body starts after it.
     */
    @Test
    void firstErrorCancelsTheRest() {
        Exception doom = new Exception("group_test: doomed");
        AtomicInteger started = new AtomicInteger();
        AtomicReference<Context> seen = new AtomicReference<>();
        Exception e = assertThrows(Exception.class, () ->
                Parallel.forEach(Context.background(), items(100), 4, (c, x) -> {
                    started.incrementAndGet();
                    seen.set(c);
                    if (x == 3) {
                        throw doom;
                    }
                    c.done().recv(); // 0, 1, 2 hold their slots until the cancellation
                }));
        assertSame(doom, e);
        assertEquals(4, started.get()); // the launcher saw the cancellation before the freed slot
        assertSame(Context.CANCELED, seen.get().err());
        assertSame(doom, Context.cause(seen.get()));
    }

    /** With no error the loop's context is cancelled afterwards, with cause CANCELED (TestCancelCause, nil case). */
    @Test
    void successCancelsTheLoopContextAfterwards() throws Exception {
        AtomicReference<Context> seen = new AtomicReference<>();
        Parallel.forEach(Context.background(), items(3), 2, (c, x) -> seen.set(c));
        assertSame(Context.CANCELED, Context.cause(seen.get()));
    }

    /** A cancelled parent stops the launching, waits for the running bodies, and throws ctx.err(). */
    @Test
    void parentCancelThrowsContextError() {
        CancelContext ctx = Context.withCancel(Context.background());
        AtomicInteger started = new AtomicInteger();
        ContextException e = assertThrows(ContextException.class, () ->
                Parallel.forEach(ctx, items(100), 2, (c, x) -> {
                    if (started.incrementAndGet() == 2) {
                        ctx.cancel();
                    }
                    c.done().recv();
                }));
        assertSame(Context.CANCELED, e);
        assertEquals(2, started.get());
    }

    /** A body error is rethrown as is, even an unchecked one; an iterator failure likewise. */
    @Test
    void uncheckedAndIteratorErrors() {
        IllegalStateException ise = new IllegalStateException("x");
        assertSame(ise, assertThrows(IllegalStateException.class, () ->
                Parallel.forEach(Context.background(), items(5), 2, (c, x) -> {
                    throw ise;
                })));
        RuntimeException broken = new RuntimeException("iterator");
        Iterable<Integer> bad = () -> new Iterator<>() {
            int i;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Integer next() {
                if (i == 5) {
                    throw broken;
                }
                return i++;
            }
        };
        AtomicInteger ran = new AtomicInteger();
        assertSame(broken, assertThrows(RuntimeException.class, () ->
                Parallel.forEach(Context.background(), bad, 2, (c, x) -> ran.incrementAndGet())));
        assertEquals(5, ran.get()); // all bodies that started finished before forEach threw
    }

    /** Interrupting the caller cancels the bodies, waits for them, and throws WaitInterruptedException with the flag set. */
    @Test
    void interruptCancelsAndWaits() {
        AtomicInteger finished = new AtomicInteger();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        boolean[] flag = {false};
        Goroutine caller = Go.go(() -> {
            try {
                Parallel.forEach(Context.background(), items(10), 3, (c, x) -> {
                    c.done().recv();
                    finished.incrementAndGet();
                });
            } catch (Throwable t) {
                thrown.set(t);
                flag[0] = Thread.currentThread().isInterrupted();
            }
        });
        PubSubTest.awaitParked(caller); // waiting for a slot: 3 bodies are running
        caller.interrupt();
        BroadcastTest.awaitEnded(caller);
        assertTrue(thrown.get() instanceof WaitInterruptedException, String.valueOf(thrown.get()));
        assertTrue(flag[0]);
        assertEquals(3, finished.get());
    }

    /** Bad arguments: limit < 1. */
    @Test
    void badLimit() {
        assertThrows(IllegalArgumentException.class,
                () -> Parallel.forEach(Context.background(), items(1), 0, (c, x) -> { }));
    }

    /** After forEach throws on cancellation, the goroutine count is back where it was. */
    @Test
    void noGoroutineLeftAfterCancel() {
        int base = io.go4j.runtime.GoRuntime.numGoroutine();
        CancelContext ctx = Context.withCancel(Context.background());
        AtomicInteger started = new AtomicInteger();
        assertThrows(ContextException.class, () -> Parallel.forEach(ctx, items(1000), 16, (c, x) -> {
            if (started.incrementAndGet() == 16) {
                ctx.cancel();
            }
            c.done().recv();
        }));
        BroadcastTest.awaitGoroutines(base);
    }

    /** Counted stress: every element is processed exactly once; no error, nothing left over. */
    @Test
    void stressEveryElementOnce() throws Exception {
        int n = LONG ? 500_000 : 50_000;
        AtomicIntegerArray count = new AtomicIntegerArray(n);
        Parallel.forEach(Context.background(), items(n), 8, (c, x) -> count.incrementAndGet(x));
        List<Integer> wrong = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (count.get(i) != 1) {
                wrong.add(i);
            }
        }
        assertEquals(List.of(), wrong);
    }
}
