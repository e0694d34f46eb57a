package io.go4j.internal.park;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One blocking wait of one goroutine: the object the waker claims and the waiter parks on —
 * the part of Go's {@code sudog} and {@code g.selectDone} that decides who completes a wait.
 *
 * <p>State machine (one CAS decides everything; there is no other transition):
 * <pre>
 *                 claim(k) by a waker (a sender, receiver, closer, unlocker ...)
 *   WAITING (0) ------------------------------------------------> CLAIMED (k + 1, k &gt;= 0)
 *        |
 *        +---- cancel() by the waiter itself (interrupt) --------> CANCELLED (-1)
 *        +---- timeOut() by the waiter itself (deadline) --------> TIMED_OUT (-2)
 * </pre>
 * Whoever wins the CAS owns the outcome. A waker writes what the waiter needs (the element,
 * the success flag) <em>before</em> its claim; the CAS publishes those writes, the waiter
 * reads them after seeing the claim. A waker whose claim fails leaves the waiter alone and
 * looks for another one: the element was not transferred. A waiter that cancels removes its
 * record from the object it waited on and reports the cancellation: nothing was transferred.
 * So an element is delivered exactly once or not at all.
 *
 * <p>{@code k} is the select case that completed the wait; a plain operation uses 0.
 */
public class Waiter {

    public static final int WAITING = 0;
    public static final int CANCELLED = -1;
    public static final int TIMED_OUT = -2;

    /** The goroutine (or foreign thread) that waits. Written once before publication. */
    public final G g;

    /** See the class comment. CAS only, after construction. */
    @SuppressWarnings("unused") // accessed through STATE
    private volatile int state;

    public Waiter(G g) {
        this.g = g;
    }

    /**
     * Completes the wait with case {@code k}; true if this call won. Called by a waker,
     * normally while holding the lock of the object the waiter is queued on. On success the
     * caller must call {@link Park#unpark(Waiter)} (after releasing its locks).
     *
     * <p>The runnable count is raised <em>before</em> the CAS (and lowered again if the CAS
     * loses), so that no instant shows the wakee as blocked once it can run — the deadlock
     * detector may over-count for a moment but never under-count.
     */
    public final boolean claim(int k) {
        G w = g;
        if (w.counted) {
            w.bubble.incRunnable();
        }
        if (STATE.compareAndSet(this, WAITING, k + 1)) {
            return true;
        }
        if (w.counted) {
            w.bubble.decRunnable();
        }
        return false;
    }

    /** The waiter's own withdrawal; true if it won, i.e. nobody had claimed it. */
    final boolean withdraw(int how) {
        return STATE.compareAndSet(this, WAITING, how);
    }

    /** The raw state: {@link #WAITING}, {@link #CANCELLED}, {@link #TIMED_OUT} or k + 1. */
    public final int state() {
        return (int) STATE.getAcquire(this);
    }

    /** The case index that completed the wait, or a negative outcome. */
    public static int caseOf(int state) {
        return state > 0 ? state - 1 : state;
    }

    /** True if some waker has claimed this wait. */
    public final boolean isClaimed() {
        return state() > 0;
    }

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Waiter.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
