package io.go4j.internal.park;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A tiny test-and-test-and-set lock for the library's own short critical sections — the
 * counterpart of Go's {@code runtime.lock} on {@code hchan.lock}. Subclasses (a channel, a
 * wait group) embed it so that taking the lock costs no extra object and no extra pointer.
 *
 * <p>Implementation notes. The lock guards only a few dozen instructions that never block,
 * never park and never call user code. A contender spins briefly with
 * {@link Thread#onSpinWait()}, then, <em>if it holds no other runtime lock</em>, yields its
 * carrier ({@link Park#yieldCarrier()}, a {@link Thread#yield()} that cannot starve behind other
 * goroutines: docs/adr/0017-scheduler-fairness.md) and tries again; it never parks. A thread that already
 * holds a runtime lock (a select taking its channels' locks in order) only spins: it must not
 * be unmounted while it holds a lock, or a carrier busy with yielding contenders could starve
 * it and every thread would wait for it for ever (found by ChannelStressTest: a select holding
 * channel 0 yielded while waiting for channel 1). With that rule, every holder is mounted and
 * running, so a spinning contender always waits for a running thread: the holder of the lock
 * it wants either finishes its short section or itself spins for a higher-ordered lock whose
 * holder is running. This is Go's {@code runtime.lock}: spin, yield, then (where Go sleeps on a
 * futex) go4j yields again. See docs/adr/0003-channel-design.md.
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

    /** Takes the lock; the caller holds no other runtime lock (so it may yield while waiting). */
    public final void lock() {
        if (!STATE.compareAndSet(this, 0, 1)) {
            lockSlow();
        }
    }

    /**
     * Takes the lock while the caller already holds another runtime lock of lower order: spins
     * without ever yielding the carrier (see the class comment).
     */
    public final void lockNested() {
        while (!STATE.compareAndSet(this, 0, 1)) {
            while ((int) STATE.getOpaque(this) != 0) {
                Thread.onSpinWait();
            }
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
                Park.yieldCarrier();
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
