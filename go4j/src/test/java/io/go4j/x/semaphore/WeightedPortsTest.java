package io.go4j.x.semaphore;

import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.Panic;
import io.go4j.context.CancelContext;
import io.go4j.context.Context;
import io.go4j.context.ContextException;
import io.go4j.runtime.GoRuntime;
import io.go4j.sync.WaitGroup;
import io.go4j.testing.Leaks;
import io.go4j.testing.Synctest;
import io.go4j.time.Time;
import io.go4j.x.errgroup.Group;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ports of the tests of Go's {@code golang.org/x/sync/semaphore/semaphore_test.go}, one method
 * per Go test, each naming its original. Go's sleeps that only vary the interleaving become
 * {@link GoRuntime#gosched()}; those that measure time run in a synctest bubble on the fake
 * clock ({@link Synctest#test}); failures Go reports from goroutines are collected and asserted
 * on the test thread. Every test checks that no goroutine outlives it.
 */
@Timeout(60)
class WeightedPortsTest {

    private static final Context BG = Context.background();

    /** Go's {@code HammerWeighted}: acquire n, yield a random number of times, release n; counts what is held. */
    private static void hammerWeighted(Weighted sem, long n, int loops, AtomicLong held, long size,
                                       ConcurrentLinkedQueue<String> errors) {
        for (int i = 0; i < loops; i++) {
            sem.acquire(BG, n);
            long h = held.addAndGet(n);
            if (h > size) {
                errors.add("held " + h + " > size " + size);
            }
            for (int k = ThreadLocalRandom.current().nextInt(3); k > 0; k--) {
                GoRuntime.gosched(); // Go: time.Sleep(rand(1ms)), only to vary the interleaving
            }
            held.addAndGet(-n);
            sem.release(n);
        }
    }

    /**
     * semaphore_test.go TestWeighted: n goroutines hammer a semaphore of size n, goroutine i
     * with weight i; all finish, and (added) never more than n tokens are held at once.
     */
    @Test
    void testWeighted() {
        Leaks.Option before = Leaks.ignoreCurrent();
        int n = Math.max(2, GoRuntime.gomaxprocs(0));
        int loops = 10000 / n;
        Weighted sem = new Weighted(n);
        AtomicLong held = new AtomicLong();
        ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        WaitGroup wg = new WaitGroup();
        for (int i = 0; i < n; i++) {
            long w = i;
            wg.go(() -> hammerWeighted(sem, w, loops, held, n, errors));
        }
        wg.await();
        assertEquals(List.of(), List.copyOf(errors));
        assertTrue(sem.tryAcquire(n), "every token is back");
        Leaks.verifyNone(before);
    }

    /** semaphore_test.go TestWeightedPanic: releasing an unacquired semaphore panics with Go's message. */
    @Test
    void testWeightedPanic() {
        Weighted w = new Weighted(1);
        Panic p = assertThrows(Panic.class, () -> w.release(1));
        assertEquals("semaphore: released more than held", p.getMessage());
    }

    /** semaphore_test.go TestWeightedTryAcquire: tryAcquire succeeds exactly while tokens are free. */
    @Test
    void testWeightedTryAcquire() {
        Weighted sem = new Weighted(2);
        List<Boolean> tries = new ArrayList<>();
        sem.acquire(BG, 1);
        tries.add(sem.tryAcquire(1));
        tries.add(sem.tryAcquire(1));
        sem.release(2);
        tries.add(sem.tryAcquire(1));
        sem.acquire(BG, 1);
        tries.add(sem.tryAcquire(1));
        assertEquals(List.of(true, false, true, false), tries);
    }

    /**
     * semaphore_test.go TestWeightedAcquire: acquire with a 10 ms timeout succeeds exactly while
     * tokens are free, and otherwise fails when the deadline passes (on the bubble's fake clock).
     */
    @Test
    void testWeightedAcquire() {
        Synctest.test(() -> {
            Weighted sem = new Weighted(2);
            List<Boolean> tries = new ArrayList<>();
            List<ContextException> errs = new ArrayList<>();
            java.util.function.LongPredicate tryAcquire = n -> {
                try (CancelContext ctx = Context.withTimeout(BG, Duration.ofMillis(10))) {
                    sem.acquire(ctx, n);
                    return true;
                } catch (ContextException e) {
                    errs.add(e);
                    return false;
                }
            };
            sem.acquire(BG, 1);
            tries.add(tryAcquire.test(1));
            tries.add(tryAcquire.test(1));
            sem.release(2);
            tries.add(tryAcquire.test(1));
            sem.acquire(BG, 1);
            tries.add(tryAcquire.test(1));
            assertEquals(List.of(true, false, true, false), tries);
            assertEquals(List.of(Context.DEADLINE_EXCEEDED, Context.DEADLINE_EXCEEDED), errs);
        });
    }

    /**
     * semaphore_test.go TestWeightedDoesntBlockIfTooBig: a pending acquire of more than the size
     * does not block smaller acquirers.
     */
    @Test
    void testWeightedDoesntBlockIfTooBig() {
        Leaks.Option before = Leaks.ignoreCurrent();
        final int n = 2;
        Weighted sem = new Weighted(n);
        CancelContext tooBig = Context.withCancel(BG);
        Chan<Throwable> bigDone = Chan.make(1);
        Go.go(() -> {
            try {
                sem.acquire(tooBig, n + 1);
                bigDone.send(new AssertionError("acquire(n+1) succeeded"));
            } catch (Throwable t) {
                bigDone.send(t);
            }
        });

        var gc = Group.withContext(BG);
        for (int i = n * 3; i > 0; i--) {
            gc.group().go(() -> {
                sem.acquire(gc.ctx(), 1);
                GoRuntime.gosched(); // Go: time.Sleep(1 ms)
                sem.release(1);
            });
        }
        assertNull(gc.group().await(), "acquire(_, 1) must not wait behind the pending acquire(_, n+1)");

        tooBig.cancel(); // Go: defer cancel()
        assertSame(Context.CANCELED, bigDone.recv());
        Leaks.verifyNone(before);
    }

    /**
     * semaphore_test.go TestLargeAcquireDoesntStarve: an acquire of all n tokens gets through
     * while n goroutines keep releasing and re-acquiring one token each (in a bubble, so that
     * Go's 1 ms sleeps cost no real time). Returning proves it.
     */
    @Test
    void testLargeAcquireDoesntStarve() {
        Synctest.test(() -> {
            int n = Math.max(2, GoRuntime.gomaxprocs(0));
            Weighted sem = new Weighted(n);
            java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
            WaitGroup wg = new WaitGroup();
            wg.add(n);
            for (int i = n; i > 0; i--) {
                sem.acquire(BG, 1);
                Go.go(() -> {
                    try {
                        while (running.get()) {
                            Time.sleep(Duration.ofMillis(1));
                            sem.release(1);
                            sem.acquire(BG, 1);
                        }
                    } finally {
                        sem.release(1);
                        wg.done();
                    }
                });
            }
            sem.acquire(BG, n);
            running.set(false);
            sem.release(n);
            wg.await();
        });
    }

    /**
     * semaphore_test.go TestAllocCancelDoesntStarve (current version): when a queued acquire(10)
     * at the head is cancelled, the acquire(1) queued behind it is woken and succeeds.
     */
    @Test
    void testAllocCancelDoesntStarve() {
        Leaks.Option before = Leaks.ignoreCurrent();
        Weighted sem = new Weighted(10);
        // Block off a portion of the semaphore so that acquire(_, 10) can eventually succeed.
        sem.acquire(BG, 1);

        // In the background, acquire(_, 10).
        CancelContext ctx = Context.withCancel(BG);
        Chan<Boolean> bigDone = Chan.make(1);
        Go.go(() -> {
            try {
                sem.acquire(ctx, 10);
                bigDone.send(true);
            } catch (ContextException e) {
                bigDone.send(false);
            }
        });

        // Wait until the acquire(_, 10) call blocks.
        while (sem.tryAcquire(1)) {
            sem.release(1);
            Thread.yield();
        }

        // Now try to grab a read lock, and simultaneously unblock the acquire(_, 10) call.
        // Both acquire calls should unblock and return, in either order.
        Go.go(ctx::cancel);
        sem.acquire(BG, 1);
        sem.release(1);

        bigDone.recv(); // either outcome is Go's; it must return
        ctx.cancel();
        Leaks.verifyNone(before);
    }

    /**
     * semaphore_test.go TestWeightedAcquireCanceled (go.dev/issue/63615): a context cancelled
     * before enough tokens come back fails the acquire and leaves the semaphore unchanged; a done
     * context fails even when no waiting is needed.
     */
    @Test
    void testWeightedAcquireCanceled() {
        Leaks.Option before = Leaks.ignoreCurrent();
        Weighted sem = new Weighted(2);
        CancelContext ctx = Context.withCancel(BG);
        sem.acquire(BG, 1);
        Chan<Void> ch = Chan.make();
        Go.go(() -> {
            // Synchronize with the acquire(2) below.
            while (sem.tryAcquire(1)) {
                sem.release(1);
            }
            // Now cancel ctx, and then release the token.
            ctx.cancel();
            sem.release(1);
            ch.close();
        });
        // Since the context closing happens before enough tokens become available, this
        // acquire must fail.
        ContextException e = assertThrows(ContextException.class, () -> sem.acquire(ctx, 2));
        assertSame(Context.CANCELED, e);
        // There must always be two tokens in the semaphore after the other goroutine releases
        // the one we held at the start.
        ch.recv();
        assertTrue(sem.tryAcquire(2), "tryAcquire after cancelled acquire failed");
        // Additionally verify that we don't acquire with a done context even when we wouldn't
        // need to block to do so.
        sem.release(2);
        assertThrows(ContextException.class, () -> sem.acquire(ctx, 1));
        assertTrue(sem.tryAcquire(2), "the failed acquire left the semaphore unchanged");
        Leaks.verifyNone(before);
    }

    /** semaphore_example_test.go's pattern (a worker pool bounded by a semaphore) counts every task once. */
    @Test
    void exampleWorkerPool() {
        Leaks.Option before = Leaks.ignoreCurrent();
        int maxWorkers = 3;
        Weighted sem = new Weighted(maxWorkers);
        long[] out = new long[32];
        for (int i = 0; i < out.length; i++) {
            sem.acquire(BG, 1);
            int idx = i;
            Go.go(() -> {
                try {
                    out[idx] = collatzSteps(idx + 1);
                } finally {
                    sem.release(1);
                }
            });
        }
        // Acquire all of the tokens to wait for any remaining workers to finish.
        sem.acquire(BG, maxWorkers);
        assertFalse(java.util.Arrays.stream(out).anyMatch(v -> v < 0));
        assertEquals(0, out[0]);
        assertEquals(111, out[26]); // 27 takes 111 steps
        Leaks.verifyNone(before);
    }

    private static long collatzSteps(long n) {
        long steps = 0;
        for (; n != 1; steps++) {
            n = n % 2 == 0 ? n / 2 : 3 * n + 1;
        }
        return steps;
    }
}
