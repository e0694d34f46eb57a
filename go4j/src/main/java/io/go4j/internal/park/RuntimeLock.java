package io.go4j.internal.park;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A tiny test-and-test-and-set lock for the library's own short critical sections — the
 * counterpart of Go's {@code runtime.lock} on {@code hchan.lock}. Subclasses (a channel, a
 * wait group) embed it so that taking the lock costs no extra object and no extra pointer.
 *
 * <p>Implementation notes. The lock guards only a few dozen instructions that never block,
 * never allocate much and never call user code, so a holder is never parked while holding it
 * (a virtual thread is not descheduled inside such a section; only the OS can deschedule its
 * carrier). A contender therefore first spins briefly with {@link Thread#onSpinWait()}, then
 * yields its carrier with {@link Thread#yield()} — which lets other virtual threads, the
 * holder's included if it shares the carrier, run — and never parks. This is not a wait on a
 * channel condition (those always park through {@link Park}); it is the runtime's own mutual
 * exclusion, as in Go, where {@code lock(&c.lock)} spins, yields and only then sleeps.
 * See docs/adr/0003-channel-design.md.
 *
 * <p>Lock order: a thread holding several of these (only {@code select} does) takes them in
 * increasing {@link #lockOrder()}; see {@code SelectImpl}.
 */
public abstract class RuntimeLock {

    private static final int SPINS_BEFORE_YIELD = 128;

    /** 0 free, 1 held. CAS to take, release store to give back. */
    @SuppressWarnings("unused") // accessed through STATE
    private volatile int state;

    /** A globally unique, increasing number: the order in which select takes several locks. */
    private final long lockOrder;

    private static final java.util.concurrent.atomic.AtomicLong ORDER =
            new java.util.concurrent.atomic.AtomicLong();

    protected RuntimeLock() {
        this.lockOrder = ORDER.incrementAndGet();
    }

    public final long lockOrder() {
        return lockOrder;
    }

    public final void lock() {
        if (!STATE.compareAndSet(this, 0, 1)) {
            lockSlow();
        }
    }

    private void lockSlow() {
        int spins = 0;
        for (;;) {
            // test before test-and-set: spin on a read so the line stays shared while held
            if ((int) STATE.getOpaque(this) == 0 && STATE.compareAndSet(this, 0, 1)) {
                return;
            }
            if (++spins < SPINS_BEFORE_YIELD) {
                Thread.onSpinWait();
            } else {
                spins = 0;
                Thread.yield();
            }
        }
    }

    public final void unlock() {
        // release: everything written in the section is visible to the next locker
        STATE.setRelease(this, 0);
    }

    /** True while some thread holds the lock; for assertions only. */
    public final boolean isLocked() {
        return (int) STATE.getVolatile(this) != 0;
    }

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(RuntimeLock.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
