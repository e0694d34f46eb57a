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
