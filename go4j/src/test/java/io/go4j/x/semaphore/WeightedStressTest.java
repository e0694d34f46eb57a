package io.go4j.x.semaphore;

import io.go4j.Go;
import io.go4j.WaitInterruptedException;
import io.go4j.context.CancelContext;
import io.go4j.context.Context;
import io.go4j.context.ContextException;
import io.go4j.runtime.GoRuntime;
import io.go4j.sync.WaitGroup;
import io.go4j.testing.Leaks;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Randomized stress of {@link Weighted}: goroutines acquire random weights under contexts that
 * other goroutines cancel at random moments (and some waiters are interrupted), hold, release.
 * Checked: at no time are more than {@code size} tokens held; every acquirer either gets through
 * or leaves with its context's error (or an interrupt); at the end every token is back, the
 * queue is empty, and no goroutine is left. Sized by {@code go4j.stress.mode}: "short" (default,
 * a second or two) or "long".
 */
@Timeout(600)
class WeightedStressTest {

    private static final boolean LONG = "long".equals(System.getProperty("go4j.stress.mode", "short"));

    /** Under random cancellation, the held count never exceeds the size, and every acquire ends cleanly. */
    @Test
    void randomCancellationNeverOversubscribesOrLoses() {
        run(LONG ? 32 : 12, LONG ? 20_000 : 3_000, 10);
    }

    /** The same, long: many goroutines, a small semaphore (run with -Pstress). */
    @Test
    @Tag("slow")
    void randomCancellationLong() {
        run(64, LONG ? 50_000 : 5_000, 4);
    }

    private static void run(int goroutines, int loops, long size) {
        Leaks.Option before = Leaks.ignoreCurrent();
        Weighted sem = new Weighted(size);
        AtomicLong held = new AtomicLong();
        AtomicLong acquired = new AtomicLong();
        AtomicLong cancelled = new AtomicLong();
        ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        WaitGroup wg = new WaitGroup();
        for (int g = 0; g < goroutines; g++) {
            long seed = 1234L * g + 7;
            wg.go(() -> {
                SplittableRandom rnd = new SplittableRandom(seed);
                for (int i = 0; i < loops; i++) {
                    long n = 1 + rnd.nextLong(size); // 1..size
                    int mode = rnd.nextInt(10);
                    CancelContext ctx = Context.withCancel(Context.background());
                    if (mode < 3) {
                        Go.go(ctx::cancel);          // cancel at a random moment
                    } else if (mode == 3) {
                        ctx.cancel();                // already done
                    }
                    try {
                        sem.acquire(ctx, n);
                    } catch (ContextException e) {
                        if (e != Context.CANCELED) {
                            errors.add("unexpected error " + e);
                        }
                        if (mode > 3) {
                            errors.add("failed without cancellation");
                        }
                        cancelled.incrementAndGet();
                        continue;
                    } finally {
                        ctx.cancel();
                    }
                    if (mode == 3) {
                        errors.add("acquired with a context done before the call");
                    }
                    long h = held.addAndGet(n);
                    if (h > size) {
                        errors.add("held " + h + " > " + size);
                    }
                    acquired.incrementAndGet();
                    if (rnd.nextBoolean()) {
                        GoRuntime.gosched();
                    }
                    held.addAndGet(-n);
                    sem.release(n);
                }
            });
        }
        // A few goroutines whose waits are interrupted: they must leave without a trace.
        WaitGroup interrupted = new WaitGroup();
        for (int g = 0; g < 4; g++) {
            interrupted.go(() -> {
                for (int i = 0; i < loops / 10; i++) {
                    Thread self = Thread.currentThread();
                    Go.go(self::interrupt);
                    try {
                        sem.acquire(Context.background(), 1);
                    } catch (WaitInterruptedException e) {
                        Thread.interrupted();
                        continue;
                    }
                    Thread.interrupted();
                    long h = held.incrementAndGet();
                    if (h > size) {
                        errors.add("held " + h + " > " + size);
                    }
                    held.decrementAndGet();
                    sem.release(1);
                }
            });
        }
        wg.await();
        interrupted.await();
        assertEquals(List.of(), List.copyOf(errors).subList(0, Math.min(10, errors.size())));
        assertEquals((long) goroutines * loops, acquired.get() + cancelled.get(), "every acquire ended once");
        assertTrue(acquired.get() > 0, "some acquires got through");
        assertTrue(sem.tryAcquire(size), "every token is back and no one waits: " + sem);
        Leaks.verifyNone(before);
    }
}
