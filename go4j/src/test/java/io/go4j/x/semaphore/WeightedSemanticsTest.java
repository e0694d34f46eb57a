package io.go4j.x.semaphore;

import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.Goroutine;
import io.go4j.Panic;
import io.go4j.TryRecv;
import io.go4j.WaitInterruptedException;
import io.go4j.context.CancelContext;
import io.go4j.context.Context;
import io.go4j.context.ContextException;
import io.go4j.testing.Leaks;
import io.go4j.testing.Synctest;
import io.go4j.time.Time;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The rules of SEMANTICS.md §9.3 (semaphore.Weighted), one test per rule, plus go4j's
 * additions (interrupts, the unchanged state after a bad release) and goroutine-leak checks.
 * Waiting goroutines are detected by their wait reason, never by sleeping.
 */
@Timeout(60)
class WeightedSemanticsTest {

    private static final Context BG = Context.background();

    /** Starts {@code acquire(ctx, n)} in a goroutine that sends null on success, else what it threw. */
    private static Goroutine acquirer(Weighted sem, Context ctx, long n, Chan<Object> out, Object tag) {
        return Go.go(() -> {
            try {
                sem.acquire(ctx, n);
                out.send(tag);
            } catch (Throwable t) {
                out.send(t);
            }
        });
    }

    static void awaitParked(Goroutine g, String reason) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!reason.equals(g.waitReason())) {
            if (!g.isAlive()) {
                fail("goroutine ended instead of parking with '" + reason + "'");
            }
            if (System.nanoTime() - deadline > 0) {
                fail("goroutine did not park with '" + reason + "': " + g.waitReason());
            }
            Thread.yield();
        }
    }

    /** §9.3: a large waiter at the head is not overtaken by a smaller one behind it, though tokens are free for the latter. */
    @Test
    void largeHeadWaiterIsNotOvertaken() {
        Leaks.Option before = Leaks.ignoreCurrent();
        Weighted sem = new Weighted(2);
        Chan<Object> out = Chan.make(2);
        sem.acquire(BG, 1);
        awaitParked(acquirer(sem, BG, 2, out, "big"), "select");
        awaitParked(acquirer(sem, BG, 1, out, "small"), "select");
        assertInstanceOf(TryRecv.WouldBlock.class, out.tryRecv(), "one token is free, but the small waiter waits behind the big one");

        sem.release(1);
        assertEquals("big", out.recv());
        assertInstanceOf(TryRecv.WouldBlock.class, out.tryRecv());
        sem.release(2);
        assertEquals("small", out.recv());
        sem.release(1);
        assertTrue(sem.tryAcquire(2));
        Leaks.verifyNone(before);
    }

    /** §9.3: waiters of equal weight are granted strictly in arrival order. */
    @Test
    void waitersAreServedInArrivalOrder() {
        Leaks.Option before = Leaks.ignoreCurrent();
        Weighted sem = new Weighted(1);
        sem.acquire(BG, 1);
        int n = 8;
        Chan<Object> out = Chan.make(n);
        for (int i = 0; i < n; i++) {
            awaitParked(acquirer(sem, BG, 1, out, i), "select");
        }
        List<Object> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            sem.release(1);
            order.add(out.recv());
        }
        sem.release(1);
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7), order);
        Leaks.verifyNone(before);
    }

    /** §9.3: a context already done fails acquire even when all tokens are free, with ctx.err(), and leaves the semaphore unchanged. */
    @Test
    void doneContextFailsEvenWhenTokensAreFree() {
        Weighted sem = new Weighted(5);
        CancelContext ctx = Context.withCancel(BG);
        ctx.cancel();
        assertSame(Context.CANCELED, assertThrows(ContextException.class, () -> sem.acquire(ctx, 1)));
        assertTrue(sem.tryAcquire(5), "the semaphore is unchanged");
    }

    /** §9.3: a waiter whose context is cancelled fails with ctx.err() and leaves the semaphore and the queue unchanged. */
    @Test
    void cancelledWaiterLeavesTheSemaphoreUnchanged() {
        Leaks.Option before = Leaks.ignoreCurrent();
        Weighted sem = new Weighted(3);
        sem.acquire(BG, 2);
        CancelContext ctx = Context.withCancel(BG);
        Chan<Object> out = Chan.make(2);
        awaitParked(acquirer(sem, ctx, 3, out, "cancelled"), "select");
        Goroutine behind = acquirer(sem, BG, 2, out, "behind");
        awaitParked(behind, "select");
        ctx.cancel();
        assertSame(Context.CANCELED, out.recv());
        assertInstanceOf(TryRecv.WouldBlock.class, out.tryRecv(), "only 1 token free: the waiter behind still waits");
        sem.release(2);
        assertEquals("behind", out.recv());
        sem.release(2);
        assertTrue(sem.tryAcquire(3), "all tokens back");
        Leaks.verifyNone(before);
    }

    /** §9.3: an expired deadline fails a waiter with DEADLINE_EXCEEDED (fake clock). */
    @Test
    void deadlineFailsAWaiter() {
        Synctest.test(() -> {
            Weighted sem = new Weighted(1);
            sem.acquire(BG, 1);
            var start = Time.now();
            try (CancelContext ctx = Context.withTimeout(BG, Duration.ofMinutes(5))) {
                assertSame(Context.DEADLINE_EXCEEDED, assertThrows(ContextException.class, () -> sem.acquire(ctx, 1)));
            }
            assertEquals(Duration.ofMinutes(5), Duration.between(start, Time.now()));
            sem.release(1);
            assertTrue(sem.tryAcquire(1));
        });
    }

    /** §9.3: tryAcquire fails whenever anyone waits, even if its tokens are free. */
    @Test
    void tryAcquireFailsWhileAnyoneWaits() {
        Leaks.Option before = Leaks.ignoreCurrent();
        Weighted sem = new Weighted(10);
        sem.acquire(BG, 5);
        Chan<Object> out = Chan.make(1);
        awaitParked(acquirer(sem, BG, 8, out, "waiter"), "select");
        assertFalse(sem.tryAcquire(1), "5 tokens are free, but someone waits");
        sem.release(5);
        assertEquals("waiter", out.recv());
        assertTrue(sem.tryAcquire(2));
        sem.release(10);
        Leaks.verifyNone(before);
    }

    /** §9.3: release of more than held panics with Go's message; go4j leaves the count unchanged. */
    @Test
    void releaseOfMoreThanHeldPanics() {
        Weighted sem = new Weighted(4);
        sem.acquire(BG, 2);
        Panic p = assertThrows(Panic.class, () -> sem.release(3));
        assertEquals("semaphore: released more than held", p.getMessage());
        assertFalse(sem.tryAcquire(3), "still 2 held");
        assertTrue(sem.tryAcquire(2));
    }

    /** §9.3: a request larger than the size waits for its context (not for tokens) and fails with ctx.err(). */
    @Test
    void requestLargerThanSizeWaitsForItsContext() {
        Leaks.Option before = Leaks.ignoreCurrent();
        Weighted sem = new Weighted(2);
        CancelContext ctx = Context.withCancel(BG);
        Chan<Object> out = Chan.make(1);
        awaitParked(acquirer(sem, ctx, 3, out, "acquired"), "chan receive");
        assertTrue(sem.tryAcquire(2), "the doomed request is not queued");
        sem.release(2);
        ctx.cancel();
        assertSame(Context.CANCELED, out.recv());
        Leaks.verifyNone(before);
    }

    /** go4j: an interrupted waiter throws WaitInterruptedException, keeps its interrupt flag, and leaves the semaphore unchanged. */
    @Test
    void interruptedWaiterLeavesTheSemaphoreUnchanged() {
        Leaks.Option before = Leaks.ignoreCurrent();
        Weighted sem = new Weighted(2);
        sem.acquire(BG, 2);
        Chan<Object> out = Chan.make(1);
        Goroutine g = Go.go(() -> {
            try {
                sem.acquire(BG, 1);
                out.send("acquired");
            } catch (WaitInterruptedException e) {
                out.send(Thread.currentThread().isInterrupted() ? "interrupted, flag set" : "flag lost");
            }
        });
        awaitParked(g, "select");
        g.interrupt();
        assertEquals("interrupted, flag set", out.recv());
        assertFalse(sem.tryAcquire(1), "nothing was released");
        sem.release(2);
        assertTrue(sem.tryAcquire(2), "the interrupted waiter left no trace in the queue");
        Leaks.verifyNone(before);
    }

    /** §9.3 race: a waiter granted at the moment its context is cancelled either keeps the tokens or gives them back — none are lost. */
    @Test
    void grantRacingCancellationLosesNoTokens() {
        Leaks.Option before = Leaks.ignoreCurrent();
        for (int i = 0; i < 500; i++) {
            Weighted sem = new Weighted(1);
            sem.acquire(BG, 1);
            CancelContext ctx = Context.withCancel(BG);
            Chan<Object> out = Chan.make(1);
            awaitParked(acquirer(sem, ctx, 1, out, "acquired"), "select");
            Go.go(ctx::cancel);
            sem.release(1);
            Object r = out.recv();
            if ("acquired".equals(r)) {
                sem.release(1);
            } else {
                assertSame(Context.CANCELED, r);
            }
            assertTrue(sem.tryAcquire(1), "round " + i + ": the token came back");
        }
        Leaks.verifyNone(before);
    }
}
