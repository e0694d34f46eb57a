package io.go4j.internal.park;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One blocking wait of one goroutine: the object the waker claims and the waiter parks on —
 * the part of Go's {@code sudog} and {@code g.selectDone} that decides who completes a wait.
 *
 * <p>State machine (one CAS decides the outcome; the only other transition is the waiter's
 * own WAITING -&gt; PARKED, which tells wakers that it needs an unpark):
 * <pre>
 *                      claim(k) by a waker (a sender, receiver, closer, unlocker ...)
 *   WAITING (0) ----+-----------------------------------------------> CLAIMED (k + 1, k &gt;= 0)
 *        |          |                                                    ^
 *        | park     +-- withdraw by the waiter (an interrupt) ---------> CANCELLED (-1)
 *        v                                                                |
 *   PARKED (-3) ---------- claim(k) (the waker must unpark) ---------------+
 *                 \------- withdraw by the waiter -----------------------> CANCELLED
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
    /** Still waiting, and the owner is parked (or about to park): a waker must unpark it. */
    static final int PARKED = -3;

    /** The goroutine (or foreign thread) that waits. Written once before publication. */
    public final G g;

    /** See the class comment. CAS only, after construction. */
    @SuppressWarnings("unused") // accessed through STATE
    private volatile int state;

    /**
     * Whether the winning claimer must unpark the owner: written by the claimer right after
     * its CAS succeeded, read by the same claimer in {@link Park#unpark}. Only one claimer
     * ever wins, so no other thread touches it.
     */
    boolean mustUnpark;

    /**
     * Whether the owner left its bubble's runnable count when it parked: written by the owner
     * before its WAITING -&gt; PARKED CAS, read by a claimer (or the owner's withdrawal) after
     * seeing PARKED. False for threads that are not goroutines and for waits that are not
     * durable in a synctest bubble (a mutex, a channel of another bubble).
     */
    boolean leftCount;

    /** Set by a select over a channel of another bubble: not a durable wait (synctest). */
    public boolean notDurable;

    /**
     * Set by the owner when it runs again after having really parked: tells the goroutine that
     * unparked it that it has left the scheduler's queue (see Park.spin). Volatile: read by
     * the waker's thread.
     */
    volatile boolean resumed;

    public Waiter(G g) {
        this.g = g;
    }

    /**
     * Completes the wait with case {@code k}; true if this call won. Called by a waker,
     * normally while holding the lock of the object the waiter is queued on. On success the
     * caller must call {@link Park#unpark(Waiter)} (after releasing its locks).
     *
     * <p>Runnable accounting: a waiter still in state WAITING has not left the runnable
     * count (it is spinning, or about to park), so claiming it changes nothing. A PARKED
     * waiter has left it (see {@link Park}); the claimer puts it back <em>before</em> the CAS
     * that lets it run, and takes it out again if the CAS loses. So the count may be one too
     * high for a moment, never too low: no instant shows a runnable goroutine as blocked.
     */
    public final boolean claim(int k) {
        G w = g;
        int s = WAITING; // guess the common case: one CAS, no read of a line the owner holds
        for (;;) {
            if (s == WAITING) {
                int witness = (int) STATE.compareAndExchange(this, WAITING, k + 1);
                if (witness == WAITING) {
                    mustUnpark = false;
                    return true;
                }
                s = witness;
            } else if (s == PARKED) {
                boolean left = leftCount;
                if (left) {
                    w.bubble.incRunnable();
                }
                int witness = (int) STATE.compareAndExchange(this, PARKED, k + 1);
                if (witness == PARKED) {
                    mustUnpark = true;
                    return true;
                }
                if (left) {
                    w.bubble.decRunnable();
                }
                s = witness;
            } else {
                return false; // claimed by another waker, or withdrawn
            }
        }
    }

    /**
     * The waiter's own withdrawal; returns the state it withdrew from (WAITING or PARKED), or
     * the claimed state if a waker won first.
     */
    final int withdraw(int how) {
        int s = (int) STATE.getAcquire(this);
        while (s == WAITING || s == PARKED) {
            int witness = (int) STATE.compareAndExchange(this, s, how);
            if (witness == s) {
                return s;
            }
            s = witness;
        }
        return s;
    }

    /**
     * Set by the owner before it parks in a wait that an interrupt does not cancel (a mutex
     * queue, ADR 0008); published by its WAITING -&gt; PARKED CAS.
     */
    boolean uninterruptible;

    /**
     * An interrupter cancels a parked, interruptible wait on the owner's behalf (see
     * {@link G#interrupt()}): like a claim, it puts the owner back in the runnable count before
     * the CAS that ends the wait, and takes it out again if the CAS loses. The caller then
     * interrupts the owner's thread, which wakes it.
     */
    final void cancelFromOutside() {
        if ((int) STATE.getAcquire(this) != PARKED || uninterruptible) {
            return; // not parked: the owner sees the interrupt itself (or claimed, or not ours)
        }
        boolean left = leftCount;
        if (left) {
            g.bubble.incRunnable();
        }
        if (!STATE.compareAndSet(this, PARKED, CANCELLED) && left) {
            g.bubble.decRunnable();
        }
    }

    /** The owner announces it is going to park; false if a waker claimed it first. */
    final boolean announcePark() {
        return STATE.compareAndSet(this, WAITING, PARKED);
    }

    /** The raw state: WAITING, PARKED, {@link #CANCELLED} or k + 1. */
    public final int state() {
        return (int) STATE.getAcquire(this);
    }

    /** The case index that completed the wait, or a negative outcome. */
    public static int caseOf(int state) {
        return state > 0 ? state - 1 : state;
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
