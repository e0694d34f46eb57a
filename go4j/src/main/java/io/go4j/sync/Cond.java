package io.go4j.sync;

import io.go4j.WaitInterruptedException;
import io.go4j.internal.park.Park;
import io.go4j.internal.park.RuntimeLock;
import io.go4j.internal.park.WaitReason;
import io.go4j.internal.park.Waiter;

/**
 * A condition variable: a rendezvous point for goroutines waiting for, or announcing, an
 * event: Go's {@code sync.Cond}.
 *
 * {@snippet :
 * Mutex mu = new Mutex();
 * Cond cond = new Cond(mu);            // cond := sync.NewCond(&mu)
 * mu.lock();
 * try {
 *     while (!ready) {                 // for !ready {
 *         cond.await();                //     cond.Wait()
 *     }                                // }
 * } finally {
 *     mu.unlock();
 * }
 * }
 *
 * <p>{@link #await()} unlocks {@link #l()}, waits, and locks it again before returning.
 * {@link #signal()} wakes the goroutine that has waited longest (FIFO), {@link #broadcast()}
 * wakes all that wait now; neither needs the lock held. A woken goroutine cannot assume its
 * condition holds — callers loop, as in Go.
 *
 * <p>Memory effects: a {@code signal} or {@code broadcast} happens-before the return of the
 * {@code await} it wakes; everything else is ordered through {@code L}.
 *
 * <p>Waits go through go4j's park facility with Go's wait reason {@code sync.Cond.Wait}.
 * An interrupt cancels a wait that no signal has claimed yet: {@code await} locks {@code L}
 * again and throws {@link WaitInterruptedException}; no signal is lost, because a signal
 * goes to the longest waiter still queued (docs/adr/0008-sync-design.md).
 * {@code Wait} is named {@code await} because {@code Object.wait()} is final in Java.
 */
public final class Cond {

    private final Locker l;
    private final RuntimeLock mu = new RuntimeLock() { };
    private Node head; // guarded by mu; FIFO
    private Node tail;

    private static final class Node extends Waiter {
        Node prev;
        Node next;
        boolean queued;

        Node() {
            super(Park.current());
        }
    }

    /** Go's {@code sync.NewCond(l)}. */
    public Cond(Locker l) {
        if (l == null) {
            throw new NullPointerException("l");
        }
        this.l = l;
    }

    /** The locker held while observing or changing the condition: Go's {@code c.L}. */
    public Locker l() {
        return l;
    }

    /**
     * Go's {@code c.Wait()}: unlocks {@code L}, waits for a signal or broadcast, locks {@code L}.
     *
     * @throws WaitInterruptedException if interrupted before a signal came ({@code L} is held again)
     */
    public void await() {
        Node n = new Node();
        mu.lock();
        n.queued = true;
        if (tail == null) {
            head = tail = n;
        } else {
            n.prev = tail;
            tail.next = n;
            tail = n;
        }
        mu.unlock();
        l.unlock();
        int st = Park.park(n, WaitReason.SYNC_COND_WAIT, this);
        if (st == Waiter.CANCELLED) {
            mu.lock();
            unlink(n);
            mu.unlock();
            l.lock();
            throw new WaitInterruptedException("sync.Cond.Wait");
        }
        l.lock();
    }

    /** Go's {@code c.Signal()}: wakes the longest-waiting goroutine, if any. */
    public void signal() {
        Node woken = null;
        mu.lock();
        for (Node n = head; n != null; n = head) {
            unlink(n);
            if (n.claim(0)) {
                woken = n;
                break;
            }
        }
        mu.unlock();
        if (woken != null) {
            Park.unpark(woken);
        }
    }

    /** Go's {@code c.Broadcast()}: wakes every goroutine waiting now. */
    public void broadcast() {
        mu.lock();
        Node list = head;
        head = tail = null;
        for (Node n = list; n != null; n = n.next) {
            n.queued = false;
        }
        mu.unlock();
        for (Node n = list; n != null; ) {
            Node next = n.next;
            n.prev = n.next = null;
            if (n.claim(0)) {
                Park.unpark(n);
            }
            n = next;
        }
    }

    private void unlink(Node n) {
        if (!n.queued) {
            return;
        }
        n.queued = false;
        if (n.prev == null) {
            head = n.next;
        } else {
            n.prev.next = n.next;
        }
        if (n.next == null) {
            tail = n.prev;
        } else {
            n.next.prev = n.prev;
        }
        n.prev = n.next = null;
    }
}
