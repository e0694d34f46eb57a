package io.go4j.x.semaphore;

import io.go4j.Chan;
import io.go4j.Panic;
import io.go4j.RecvChan;
import io.go4j.Select;
import io.go4j.TryRecv;
import io.go4j.WaitInterruptedException;
import io.go4j.context.Context;
import io.go4j.context.ContextException;
import io.go4j.sync.Mutex;

import static io.go4j.Case.recv;

/**
 * A weighted semaphore: bounds concurrent access to a resource, each caller taking a weight of
 * its choice, served strictly in arrival order. Go's {@code semaphore.Weighted}.
 *
 * {@snippet :
 * Weighted sem = new Weighted(10);               // sem := semaphore.NewWeighted(10)
 * sem.acquire(ctx, 3);                           // if err := sem.Acquire(ctx, 3); err != nil { return err }
 * try {                                          //   (throws ContextException when ctx is done)
 *     work();
 * } finally {
 *     sem.release(3);                            // defer sem.Release(3)
 * }
 * }
 *
 * <h2>Rules (Go's)</h2>
 * Waiters are served first come, first served: a large request at the head of the queue is not
 * overtaken by smaller ones behind it, so it cannot starve; {@link #tryAcquire} fails whenever
 * anyone waits. A context that is done when {@link #acquire} starts fails it even if tokens are
 * free; a failed {@code acquire} leaves the semaphore unchanged. A request larger than the
 * semaphore's size waits for its context without blocking the queue behind it.
 *
 * <p>Memory effects: a {@link #release} happens-before every {@link #acquire} or
 * {@link #tryAcquire} that succeeds thanks to the tokens it released (the state is guarded by a
 * {@link Mutex}, and a waiter is woken by closing its channel). All methods are safe for use by
 * many goroutines (and threads) at once.
 */
public final class Weighted {

    /*
     * Implementation notes. This is Go's x/sync semaphore/semaphore.go (the version with the fix
     * for go.dev/issue/63615), with go4j's primitives in place of Go's:
     *
     *   mu (sync.Mutex) guards cur and the queue
     *   head -> [n=4, ready] <-> [n=1, ready] <-> [n=2, ready] <- tail      (FIFO)
     *
     * A waiter is granted by the releaser: under mu, notifyWaiters() takes tokens for the waiter
     * at the head (cur += n), unlinks it and closes its ready channel; it stops at the first
     * waiter that does not fit, which is what makes the queue strictly FIFO.
     *
     * Invariants (under mu): 0 <= cur <= size; a waiter is in the queue iff its ready channel is
     * open; a waiter whose ready is closed has been counted in cur.
     *
     * The race a cancelled waiter must settle: its select may pick ctx.done() while a releaser
     * has already granted it (ready closed). Under mu it looks again: if ready is closed it hands
     * the tokens back and wakes the next waiters ("pretend we didn't"); otherwise it unlinks
     * itself, and if it was at the head, wakes the waiters behind it that now fit (a cancelled
     * large head must not keep small ones waiting: TestAllocCancelDoesntStarve). After being
     * granted, acquire checks ctx once more and gives the tokens back if ctx is done, so that a
     * context done before the tokens came always fails (issue 63615).
     *
     * Departures from Go: an interrupt of a waiting thread (WaitInterruptedException) is handled
     * like a done context (the waiter leaves, the semaphore is unchanged), then rethrown; release
     * of more than held leaves the count unchanged (Go has already subtracted when it panics).
     */

    private final long size;                 // written once in the constructor
    private final Mutex mu = new Mutex();
    private long cur;                        // guarded by mu: tokens held
    private Waiter head;                     // guarded by mu: the queue, oldest first
    private Waiter tail;                     // guarded by mu

    /** One queued {@code acquire}: Go's {@code waiter}. */
    private static final class Waiter {
        final long n;                        // written once
        final Chan<Void> ready = Chan.make(); // closed (under mu) when the tokens are granted
        Waiter prev;                         // guarded by mu
        Waiter next;                         // guarded by mu
        boolean queued;                      // guarded by mu

        Waiter(long n) {
            this.n = n;
        }
    }

    /**
     * A semaphore with {@code n} tokens, none held: Go's {@code semaphore.NewWeighted(n)}.
     */
    public Weighted(long n) {
        this.size = n;
    }

    /**
     * Takes {@code n} tokens, waiting in line until they are free or {@code ctx} is done: Go's
     * {@code sem.Acquire(ctx, n)}, with its error thrown.
     *
     * <p>Fails if {@code ctx} is already done, even when the tokens are free; fails if
     * {@code ctx} becomes done before the tokens are granted. On failure the semaphore is left
     * unchanged. A request for more than the semaphore's size can never succeed: it waits for
     * {@code ctx} without holding up the waiters behind it (with a context that is never done,
     * it waits for ever, as in Go).
     *
     * @throws ContextException {@code ctx.err()} ({@link Context#CANCELED} or
     *         {@link Context#DEADLINE_EXCEEDED}) when {@code ctx} is done first: Go's returned error
     * @throws WaitInterruptedException if the waiting thread is interrupted; the semaphore is
     *         unchanged and the interrupt flag stays set
     */
    public void acquire(Context ctx, long n) {
        RecvChan<Void> done = ctx.done();
        if (done == null) {
            done = Chan.nil(); // a user's Context that can never be done may say so with null
        }

        mu.lock();
        if (isClosed(done)) {
            // ctx became done before the call, or while we waited for mu: fail even if the
            // tokens are free (Go's "we prefer to fail").
            mu.unlock();
            throw err(ctx);
        }
        if (size - cur >= n && head == null) {
            // We hold mu and have not synchronized since the check above, so a ctx becoming
            // done now is concurrent with this call: acquiring is fine.
            cur += n;
            mu.unlock();
            return;
        }
        if (n > size) {
            // Doomed: do not make the other acquirers wait behind it.
            mu.unlock();
            done.recv();
            throw err(ctx);
        }
        Waiter w = new Waiter(n);
        enqueue(w);
        mu.unlock();

        boolean granted;
        try {
            granted = Select.select(recv(done, x -> false), recv(w.ready, x -> true));
        } catch (WaitInterruptedException e) {
            leave(w);
            throw e;
        }
        if (!granted) {
            leave(w);
            throw err(ctx);
        }
        // Granted. If ctx is done meanwhile, its being done may have happened before the grant:
        // give the tokens back and fail (go.dev/issue/63615).
        if (isClosed(done)) {
            release(n);
            throw err(ctx);
        }
    }

    /**
     * Takes {@code n} tokens if they are free and nobody waits, without blocking: Go's
     * {@code sem.TryAcquire(n)}.
     *
     * @return true if the tokens were taken; false (semaphore unchanged) otherwise
     */
    public boolean tryAcquire(long n) {
        mu.lock();
        boolean ok = size - cur >= n && head == null;
        if (ok) {
            cur += n;
        }
        mu.unlock();
        return ok;
    }

    /**
     * Gives back {@code n} tokens and grants waiters, oldest first, while the oldest fits: Go's
     * {@code sem.Release(n)}. Need not be called by the goroutine that acquired.
     *
     * @throws Panic {@code semaphore: released more than held} if fewer than {@code n} tokens
     *         are held (the semaphore is then left unchanged)
     */
    public void release(long n) {
        mu.lock();
        if (cur - n < 0) {
            mu.unlock();
            throw new Panic("semaphore: released more than held");
        }
        cur -= n;
        notifyWaiters();
        mu.unlock();
    }

    /** A cancelled or interrupted waiter leaves: Go's {@code case <-done:} branch. */
    private void leave(Waiter w) {
        mu.lock();
        try {
            if (isClosed(w.ready)) {
                // Granted after we were cancelled: pretend we were not, put the tokens back.
                cur -= w.n;
                notifyWaiters();
            } else {
                boolean wasHead = head == w;
                unlink(w);
                // If we were at the head and tokens are left, the waiters behind may fit now.
                if (wasHead && size > cur) {
                    notifyWaiters();
                }
            }
        } finally {
            mu.unlock();
        }
    }

    /** Grants the waiters at the head while they fit; stops at the first that does not. Under mu. */
    private void notifyWaiters() {
        for (Waiter w = head; w != null; w = head) {
            if (size - cur < w.n) {
                // Not enough for the head. Going on to smaller requests behind it would starve
                // large ones (a semaphore used as a read-write lock would starve the writer).
                break;
            }
            cur += w.n;
            unlink(w);
            w.ready.close();
        }
    }

    private void enqueue(Waiter w) {
        w.queued = true;
        w.prev = tail;
        if (tail == null) {
            head = w;
        } else {
            tail.next = w;
        }
        tail = w;
    }

    private void unlink(Waiter w) {
        if (!w.queued) {
            return;
        }
        w.queued = false;
        if (w.prev == null) {
            head = w.next;
        } else {
            w.prev.next = w.next;
        }
        if (w.next == null) {
            tail = w.prev;
        } else {
            w.next.prev = w.prev;
        }
        w.prev = null;
        w.next = null;
    }

    /** Go's {@code select { case <-ch: true; default: false }} on a channel that is only closed. */
    private static boolean isClosed(RecvChan<Void> ch) {
        return ch.tryRecv() instanceof TryRecv.Closed;
    }

    /** {@code ctx.err()}; a context that reports done without an error counts as cancelled. */
    private static ContextException err(Context ctx) {
        ContextException e = ctx.err();
        return e != null ? e : Context.CANCELED;
    }

    @Override
    public String toString() {
        mu.lock();
        try {
            return "semaphore.Weighted{size=" + size + ", cur=" + cur + (head != null ? ", waiters" : "") + "}";
        } finally {
            mu.unlock();
        }
    }
}
