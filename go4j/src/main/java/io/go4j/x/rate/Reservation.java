package io.go4j.x.rate;

import io.go4j.time.Time;

import java.time.Duration;
import java.time.Instant;

/**
 * Events a {@link Limiter} permits to happen after a delay: Go's {@code *rate.Reservation},
 * returned by {@link Limiter#reserve()} and {@link Limiter#reserveN}. Cancelling it gives back
 * the tokens that other reservations have not come to depend on.
 *
 * {@snippet :
 * Reservation r = limiter.reserve();              // r := lim.Reserve()
 * if (!r.ok()) {                                  // if !r.OK() {
 *     return;                                     //     return // burst too small?
 * }                                               // }
 * Time.sleep(r.delay());                          // time.Sleep(r.Delay())
 * act();                                          // Act()
 * }
 *
 * <p>A reservation is immutable; {@link #cancelAt} changes its limiter under the limiter's
 * mutex, so it is safe for use by many goroutines. As in Go, cancelling is not idempotent:
 * cancel a reservation at most once (a second cancel may give back tokens again, up to the
 * burst).
 */
public final class Reservation {

    /**
     * The duration {@link #delay()} returns when the reservation is not OK: Go's
     * {@code rate.InfDuration}, {@code math.MaxInt64} nanoseconds.
     */
    public static final Duration INF_DURATION = Duration.ofNanos(GoTimes.MAX);

    // All fields are written once, before the reservation is published.
    private final boolean ok;
    private final Limiter lim;
    private final int tokens;
    private final Instant timeToAct;
    /** The limit when the reservation was made; the limiter's may change later. */
    private final Limit limit;

    Reservation(boolean ok, Limiter lim, int tokens, Instant timeToAct, Limit limit) {
        this.ok = ok;
        this.lim = lim;
        this.tokens = tokens;
        this.timeToAct = timeToAct;
        this.limit = limit;
    }

    /**
     * Whether the limiter can provide the requested tokens within the maximum wait: Go's
     * {@code r.OK()}. If false, {@link #delay()} returns {@link #INF_DURATION} and
     * {@link #cancel()} does nothing.
     */
    public boolean ok() {
        return ok;
    }

    /** {@code delayFrom(Time.now())}: Go's {@code r.Delay()}. */
    public Duration delay() {
        return delayFrom(Time.now());
    }

    /**
     * How long the holder must wait, from {@code t}, before acting: Go's {@code r.DelayFrom(t)}.
     * Zero means act at once; {@link #INF_DURATION} means the reservation is not OK.
     */
    public Duration delayFrom(Instant t) {
        return Duration.ofNanos(delayFromNanos(t));
    }

    long delayFromNanos(Instant t) {
        if (!ok) {
            return GoTimes.MAX;
        }
        long delay = GoTimes.sub(timeToAct, t);
        return Math.max(delay, 0);
    }

    /** {@code cancelAt(Time.now())}: Go's {@code r.Cancel()}. */
    public void cancel() {
        cancelAt(Time.now());
    }

    /**
     * Says the holder will not act, and reverses this reservation's effect on the limiter as far
     * as later reservations allow: Go's {@code r.CancelAt(t)}. Does nothing if the reservation is
     * not OK, reserved no tokens, was made under {@link Limit#INF}, or its time to act is
     * before {@code t}. Takes the limiter's mutex.
     */
    public void cancelAt(Instant t) {
        if (!ok) {
            return;
        }
        lim.cancel(this, t);
    }

    int tokens() {
        return tokens;
    }

    Instant timeToAct() {
        return timeToAct;
    }

    Limit limit() {
        return limit;
    }

    @Override
    public String toString() {
        return ok ? "Reservation[ok, tokens=" + tokens + ", timeToAct=" + timeToAct + "]" : "Reservation[not ok]";
    }
}
