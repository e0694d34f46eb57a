package io.go4j.internal.park;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The record of one goroutine — Go's {@code g}: its id, its thread, what it waits on and
 * since when. Threads that were not started as goroutines (a JUnit thread, a JMH thread, a
 * server's request thread) get a record too, with id 0 and {@code counted == false}: they can
 * use channels, but they are not goroutines, they are not in the runnable count, and the
 * deadlock detector treats any such live thread as one that may still act.
 *
 * <p>The wait fields are written only by the owning thread, in {@link #beginWait} and
 * {@link #endWait}; readers on other threads (dumps) read {@code waitReason} with acquire
 * semantics first, then the plain fields it publishes. Such a reading is a snapshot that may
 * be a moment stale — benign, as in Go's own dumps of a running program.
 */
public final class G {

    /** Goroutine id; 1 is main under {@code Go.main}; 0 for a thread that is not a goroutine. */
    public final long id;
    /** The name given at start, or null. */
    public final String name;
    /** Id of the goroutine that started this one (0 if a plain thread started it). */
    public final long parentId;
    /**
     * The class of the function the goroutine runs, for "created by" in dumps and reports;
     * null for foreign threads. The class, not the function: a record that outlives its
     * goroutine (a waker's {@code lastWoken}) must not keep the function's captured variables.
     */
    public final Class<?> fnClass;
    /** Whether this goroutine is in its bubble's runnable count (false for foreign threads). */
    public final boolean counted;
    /** The bubble whose runnable count this goroutine is part of. */
    public final Bubble bubble;

    /**
     * The function to run, until the goroutine starts running it: the record (which wakers and
     * handles may keep) must not keep the function's captured variables alive after it ends.
     */
    Runnable task;

    /** The thread that runs this goroutine; written once before the thread starts. */
    Thread thread;

    /**
     * The last parked waiter this goroutine unparked and has not yet looked at in a wait of
     * its own: that wakee may be queued on this goroutine's carrier (see Park.spin). Owner
     * thread only.
     */
    Waiter lastWoken;

    /**
     * The registry's weak hold on this record when the unreachable finder is on, else null.
     * Written once before the thread starts.
     */
    Unreachable.Ref ref;

    /** Calls of Park.gosched by this goroutine. Owner only. */
    int yields;

    /**
     * Starts and wake-ups of this goroutine submitted from outside the scheduler's pool that it
     * has not yet counted as run (see Fairness). Updated through Fairness's VarHandle.
     */
    volatile int wokenFromOutside;

    /** Consecutive waits that parked at once for a wakee queued on our carrier (Park.spin). Owner only. */
    int parkedForWakee;

    // ---- wait state: written by the owner only; read racily by dumps ----
    @SuppressWarnings("unused") // accessed through WAIT_REASON
    private volatile WaitReason waitReason; // null while running
    private long waitSinceNanos;            // published by the release store of waitReason
    private Object waitObject;              // published by the release store of waitReason
    private Waiter waiter;                  // published by the release store of waitReason

    G(long id, String name, long parentId, Object fn, boolean counted, Bubble bubble) {
        this.id = id;
        this.name = name;
        this.parentId = parentId;
        this.fnClass = fn == null ? null : fn.getClass();
        this.counted = counted;
        this.bubble = bubble;
    }

    public Thread thread() {
        return thread;
    }

    /**
     * Interrupts this goroutine's thread. If the goroutine is parked in an interruptible wait,
     * the wait is cancelled on its behalf first — which puts it back in its bubble's runnable
     * count at once, as a waker's claim does — so that from this call on nobody (synctest's
     * {@code await}, the deadlock detector) sees it blocked; the interrupt then wakes it, and
     * it finds its wait cancelled. Otherwise (running, spinning, or in a wait an interrupt does
     * not cancel) this is a plain {@link Thread#interrupt()}, which it acts on itself.
     */
    public void interrupt() {
        if (WAIT_REASON.getAcquire(this) != null) {
            Waiter w = waiter; // published by that release store; possibly an older wait's: then a no-op
            if (w != null) {
                w.cancelFromOutside();
            }
        }
        thread.interrupt();
    }

    void beginWait(WaitReason reason, Object on, Waiter w) {
        waitSinceNanos = WaitClock.now();
        waitObject = on;
        waiter = w;
        WAIT_REASON.setRelease(this, reason);
    }

    void endWait() {
        WAIT_REASON.setRelease(this, (WaitReason) null);
        waitObject = null;
        waiter = null;
    }

    /**
     * Whether this goroutine (or foreign thread) is parked in go4j now and no waker has
     * claimed it yet: it cannot act until some other goroutine or thread does. A racy
     * snapshot, for the deadlock detector (which re-checks).
     */
    public boolean parkedUnclaimed() {
        WaitReason r = waitReason();
        Waiter w = waiter;
        if (r == null || w == null || !r.blocksUntilAnotherGoroutineActs()) {
            return false;
        }
        int s = w.state();
        return s == Waiter.PARKED || s == Waiter.WAITING;
    }

    /** What this goroutine waits for now, or null if it is running (or runnable). */
    public WaitReason waitReason() {
        return (WaitReason) WAIT_REASON.getAcquire(this);
    }

    /**
     * {@link System#nanoTime()} when the current wait began, to within a second (it may read up
     * to a second early: see {@link WaitClock}); meaningful if waiting.
     */
    public long waitSinceNanos() {
        WAIT_REASON.getAcquire(this);
        return waitSinceNanos;
    }

    /** The object waited on (a channel, a lock), or null. */
    public Object waitObject() {
        WAIT_REASON.getAcquire(this);
        return waitObject;
    }

    @Override
    public String toString() {
        WaitReason r = waitReason();
        return "goroutine " + id + (name != null ? " \"" + name + "\"" : "")
                + " [" + (r == null ? "running" : r.text()) + "]";
    }

    private static final VarHandle WAIT_REASON;

    static {
        try {
            WAIT_REASON = MethodHandles.lookup().findVarHandle(G.class, "waitReason", WaitReason.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
