package io.go4j.internal.park;

import java.time.Instant;

/**
 * A synctest bubble's clock (SEMANTICS §10.1): it starts at 2000-01-01T00:00:00Z and moves
 * only when the bubble's driver advances it to the next timer, once every goroutine of the
 * bubble is durably blocked. Its timers live in its own heap; the driver fires them.
 */
public final class FakeClock extends Clock {

    /** 2000-01-01T00:00:00Z, where every bubble's time starts. */
    public static final Instant EPOCH = Instant.parse("2000-01-01T00:00:00Z");

    /** Nanoseconds since EPOCH; only the driver writes it. Starts at 1 (0 means "no deadline"). */
    private volatile long nanos = 1;
    Bubble bubble;

    FakeClock() {
    }

    @Override
    public Bubble bubble() {
        return bubble;
    }

    @Override
    public long nanoTime() {
        return nanos;
    }

    @Override
    public Instant now() {
        return EPOCH.plusNanos(nanos - 1);
    }

    @Override
    void earliestChanged(long when) {
        // the driver looks at the heap whenever the bubble is idle
    }

    @Override
    void wakeDriver() {
    }

    @Override
    void sweepWithin(long n) {
    }

    /** The earliest pending timer's deadline, or Long.MAX_VALUE. */
    public long nextTimer() {
        return timers.earliest();
    }

    /** Moves time to {@code when} (never back) and fires every timer then due. */
    public void advanceTo(long when) {
        if (when > nanos) {
            nanos = when;
        }
        timers.runExpired(this);
    }
}
