package io.go4j.internal.park;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A set of goroutines that share one runnable count and one clock. Every goroutine
 * of a program that does not use synctest belongs to {@link #ROOT}.
 *
 * <p>The runnable count is the number of goroutines of the bubble that can still run: a
 * goroutine counts from its start until it exits, except while it is parked. The protocol
 * that keeps it exact enough for the deadlock detector — one too high for an instant, never
 * too low — is described in {@link Park}.
 */
public final class Bubble {

    public static final Bubble ROOT = new Bubble("root", Clock.REAL);

    private final String name;
    private final Clock clock;

    /** CAS / getAndAdd only. */
    @SuppressWarnings("unused") // accessed through RUNNABLE
    private volatile long runnable;

    private Bubble(String name, Clock clock) {
        this.name = name;
        this.clock = clock;
    }

    // ---- synctest bubbles

    /** Set once the first synctest bubble exists: channels then record their bubble. */
    public static volatile boolean anyBubbles;

    /** A new synctest bubble with a fake clock starting at 2000-01-01T00:00:00Z. */
    public static Bubble newSynctest() {
        anyBubbles = true;
        FakeClock c = new FakeClock();
        Bubble b = new Bubble("synctest", c);
        c.bubble = b;
        return b;
    }

    /** The bubble a new object created by the calling thread belongs to (synctest). */
    public static Bubble creating() {
        return anyBubbles ? Park.current().bubble : ROOT;
    }

    /** Goroutines of this bubble alive now (synctest bubbles only). */
    private final java.util.concurrent.atomic.AtomicInteger live = new java.util.concurrent.atomic.AtomicInteger();
    /** The driver (synctest's Test caller) parked until the bubble goes idle; or null. */
    private final java.util.concurrent.atomic.AtomicReference<Waiter> driver =
            new java.util.concurrent.atomic.AtomicReference<>();
    /** Set when synctest found this bubble deadlocked and unwinds its goroutines. */
    public volatile boolean deadlocked;

    /** The goroutine in synctest.Wait, or null. */
    public volatile Waiter waitCaller;

    void goroutineStarted() {
        live.incrementAndGet();
    }

    void goroutineEnded(G g) {
        live.decrementAndGet();
    }

    /** Goroutines of this (synctest) bubble alive now. */
    public int live() {
        return live.get();
    }

    /** The runnable count reached zero: wake the driver. */
    void idle() {
        Waiter w = driver.getAndSet(null);
        if (w != null && w.claim(0)) {
            Park.unpark(w);
        }
    }

    /**
     * The driver waits until the bubble is idle (runnable count zero): publishes its waiter,
     * then parks unless the bubble is idle already. Interrupts are ignored (kept).
     */
    public void awaitIdle() {
        Waiter w = new Waiter(Park.current());
        driver.set(w);
        if (runnable() == 0) {
            if (driver.compareAndSet(w, null)) {
                return;
            }
        }
        Park.parkUninterruptibly(w, WaitReason.SYNCTEST_WAIT, this);
    }

    /** The clock the goroutines of this bubble read time from and set timers on. */
    public Clock clock() {
        return clock;
    }

    public String name() {
        return name;
    }

    public long runnable() {
        return (long) RUNNABLE.getVolatile(this);
    }

    void incRunnable() {
        RUNNABLE.getAndAdd(this, 1L);
    }

    /** @return the count after the decrement */
    long decRunnable() {
        return (long) RUNNABLE.getAndAdd(this, -1L) - 1L;
    }

    private static final VarHandle RUNNABLE;

    static {
        try {
            RUNNABLE = MethodHandles.lookup().findVarHandle(Bubble.class, "runnable", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
