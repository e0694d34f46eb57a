package io.go4j.internal.chan;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A FIFO queue of sudogs, doubly linked so that a select or a cancelled wait can unlink its
 * sudog in O(1) — Go's {@code waitq}. Guarded by the owning channel's lock; {@code first} is
 * also read without the lock by the non-blocking fast paths ({@link #hasWaitersRacy()}), so it
 * is written with release semantics.
 */
final class WaitQ {

    private Sudog first; // guarded by lock; racy reads through FIRST
    private Sudog last;  // guarded by lock

    void enqueue(Sudog s) {
        s.queued = true;
        s.next = null;
        Sudog l = last;
        s.prev = l;
        if (l == null) {
            FIRST.setRelease(this, s);
        } else {
            l.next = s;
        }
        last = s;
    }

    /** Removes and returns the first sudog, or null if the queue is empty. */
    Sudog dequeue() {
        Sudog s = first;
        if (s != null) {
            unlink(s);
        }
        return s;
    }

    /** Unlinks {@code s} if it is still queued (a failed claimer may have dequeued it). */
    void remove(Sudog s) {
        if (s.queued) {
            unlink(s);
        }
    }

    private void unlink(Sudog s) {
        Sudog p = s.prev;
        Sudog n = s.next;
        if (p == null) {
            FIRST.setRelease(this, n);
        } else {
            p.next = n;
        }
        if (n == null) {
            last = p;
        } else {
            n.prev = p;
        }
        s.prev = null;
        s.next = null;
        s.queued = false;
    }

    boolean isEmpty() {
        return first == null;
    }

    /** A racy look: true if some sudog appeared queued at the moment of the read. */
    boolean hasWaitersRacy() {
        return FIRST.getAcquire(this) != null;
    }

    int size() {
        int n = 0;
        for (Sudog s = first; s != null; s = s.next) {
            n++;
        }
        return n;
    }

    private static final VarHandle FIRST;

    static {
        try {
            FIRST = MethodHandles.lookup().findVarHandle(WaitQ.class, "first", Sudog.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
