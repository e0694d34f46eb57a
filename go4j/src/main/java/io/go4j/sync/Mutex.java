package io.go4j.sync;

import io.go4j.FatalError;
import io.go4j.internal.park.Park;
import io.go4j.internal.park.Sema;
import io.go4j.internal.park.WaitReason;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A mutual exclusion lock: Go's {@code sync.Mutex}, with Go's algorithm ({@code sync/mutex.go}).
 *
 * {@snippet :
 * Mutex mu = new Mutex();           // var mu sync.Mutex
 * mu.lock();                        // mu.Lock()
 * try {                             // defer mu.Unlock()
 *     counter++;
 * } finally {
 *     mu.unlock();
 * }
 * try (var held = mu.locked()) {    // the same, as try-with-resources
 *     counter++;
 * }
 * }
 *
 * <p>As in Go: not reentrant (a goroutine that locks twice waits for ever); it may be unlocked
 * by a goroutine other than the one that locked it; {@link #unlock()} of an unlocked mutex is
 * fatal — {@link FatalError} {@code fatal error: sync: unlock of unlocked mutex}.
 *
 * <p>Fairness, as Go's: in normal mode waiters queue FIFO, but a woken waiter competes with
 * newly arriving goroutines, which usually win (they are already running); a waiter that has
 * waited more than 1 ms switches the mutex to starvation mode, in which {@code unlock} hands
 * ownership directly to the waiter at the head of the queue and newcomers queue at the tail,
 * until a waiter that waited less than 1 ms, or the last waiter, takes it and switches back.
 * Before queueing, a contender spins a few short rounds, only while carriers are idle.
 *
 * <p>Memory effects: the n-th {@code unlock} happens-before the (n+1)-th {@code lock} returns
 * (a successful {@code tryLock} counts as a lock).
 *
 * <p>Waits go through go4j's park facility with Go's wait reason {@code sync.Mutex.Lock}.
 * {@code lock} is not interruptible, as in Go and as {@link java.util.concurrent.locks.Lock#lock()}:
 * an interrupt is kept, not acted on (docs/adr/0008-sync-design.md).
 */
public final class Mutex implements Locker {

    private static final int LOCKED = 1;
    private static final int WOKEN = 2;
    private static final int STARVING = 4;
    private static final int WAITER_SHIFT = 3;
    private static final long STARVATION_THRESHOLD_NANOS = 1_000_000L;

    /** Go's {@code m.state}: LOCKED | WOKEN | STARVING | waiters &lt;&lt; WAITER_SHIFT. */
    @SuppressWarnings("unused") // accessed through STATE
    private volatile int state;
    private final Sema sema = new Sema();
    private final Locked unlocker = this::unlock;

    /** An unlocked mutex: Go's {@code var mu sync.Mutex}. */
    public Mutex() {
    }

    /** Locks, waiting while another goroutine holds the mutex: Go's {@code mu.Lock()}. */
    @Override
    public void lock() {
        if (STATE.compareAndSet(this, 0, LOCKED)) {
            return;
        }
        lockSlow();
    }

    /**
     * Locks and returns a handle whose {@link Locked#close()} unlocks, for try-with-resources.
     * The handle is the same object every time: no allocation.
     */
    public Locked locked() {
        lock();
        return unlocker;
    }

    /** Locks if the mutex is free now; never waits: Go's {@code mu.TryLock()}. */
    public boolean tryLock() {
        int old = state;
        if ((old & (LOCKED | STARVING)) != 0) {
            return false;
        }
        // There may be a goroutine waiting for the mutex, but we are running now and can try
        // to grab it before it wakes up.
        return STATE.compareAndSet(this, old, old | LOCKED);
    }

    private void lockSlow() {
        long waitStart = 0L;
        boolean starving = false;
        boolean awoke = false;
        int iter = 0;
        int old = state;
        for (;;) {
            // Don't spin in starvation mode: ownership is handed off to waiters.
            if ((old & (LOCKED | STARVING)) == LOCKED && Park.canSpin(iter)) {
                // Set the woken flag so that unlock does not wake other blocked goroutines.
                if (!awoke && (old & WOKEN) == 0 && (old >>> WAITER_SHIFT) != 0
                        && STATE.compareAndSet(this, old, old | WOKEN)) {
                    awoke = true;
                }
                Park.doSpin();
                iter++;
                old = state;
                continue;
            }
            int next = old;
            if ((old & STARVING) == 0) {
                next |= LOCKED; // don't try to acquire a starving mutex: newcomers queue
            }
            if ((old & (LOCKED | STARVING)) != 0) {
                next += 1 << WAITER_SHIFT;
            }
            // Switch to starvation mode, unless the mutex is unlocked now: unlock expects a
            // starving mutex to have waiters.
            if (starving && (old & LOCKED) != 0) {
                next |= STARVING;
            }
            if (awoke) {
                if ((next & WOKEN) == 0) {
                    throw new FatalError("sync: inconsistent mutex state");
                }
                next &= ~WOKEN;
            }
            if (STATE.compareAndSet(this, old, next)) {
                if ((old & (LOCKED | STARVING)) == 0) {
                    return; // locked with the CAS
                }
                // A waiter that has waited before queues at the front.
                boolean lifo = waitStart != 0L;
                if (waitStart == 0L) {
                    waitStart = System.nanoTime();
                }
                sema.acquire(lifo, WaitReason.SYNC_MUTEX_LOCK, this);
                starving = starving || System.nanoTime() - waitStart > STARVATION_THRESHOLD_NANOS;
                old = state;
                if ((old & STARVING) != 0) {
                    // Handed off to us: the mutex is unlocked with LOCKED clear and our waiter
                    // count still in; take it and fix the state.
                    if ((old & (LOCKED | WOKEN)) != 0 || (old >>> WAITER_SHIFT) == 0) {
                        throw new FatalError("sync: inconsistent mutex state");
                    }
                    int delta = LOCKED - (1 << WAITER_SHIFT);
                    if (!starving || (old >>> WAITER_SHIFT) == 1) {
                        // Exit starvation mode: we are the last waiter, or we did not wait long.
                        delta -= STARVING;
                    }
                    STATE.getAndAdd(this, delta);
                    return;
                }
                awoke = true;
                iter = 0;
            } else {
                old = state;
            }
        }
    }

    /**
     * Unlocks: Go's {@code mu.Unlock()}. Any goroutine may unlock a locked mutex.
     *
     * @throws FatalError {@code fatal error: sync: unlock of unlocked mutex}
     */
    @Override
    public void unlock() {
        int next = (int) STATE.getAndAdd(this, -LOCKED) - LOCKED;
        if (next != 0) {
            unlockSlow(next);
        }
    }

    private void unlockSlow(int next) {
        if (((next + LOCKED) & LOCKED) == 0) {
            STATE.getAndAdd(this, LOCKED); // undo, so the mutex is left as it was
            throw new FatalError("sync: unlock of unlocked mutex");
        }
        if ((next & STARVING) == 0) {
            int old = next;
            for (;;) {
                // Nobody to wake, or a goroutine has already been woken or grabbed the lock,
                // or the mutex is starving (ownership goes to the next waiter directly).
                if ((old >>> WAITER_SHIFT) == 0 || (old & (LOCKED | WOKEN | STARVING)) != 0) {
                    return;
                }
                int n = (old - (1 << WAITER_SHIFT)) | WOKEN;
                if (STATE.compareAndSet(this, old, n)) {
                    sema.release();
                    return;
                }
                old = state;
            }
        } else {
            // Starving: hand ownership to the first waiter. LOCKED stays clear; the waiter
            // sets it. The mutex counts as locked meanwhile (STARVING), so newcomers queue.
            sema.release();
        }
    }

    @Override
    public String toString() {
        int s = state;
        return "Mutex[" + ((s & LOCKED) != 0 ? "locked" : "unlocked")
                + ((s & STARVING) != 0 ? ", starving" : "")
                + ", waiters=" + (s >>> WAITER_SHIFT) + "]";
    }

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Mutex.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
