package io.go4j.x.rate;

import java.time.Duration;
import java.time.Instant;

/**
 * Go's {@code time.Time} and {@code time.Duration} arithmetic on {@link Instant}s and nanosecond
 * {@code long}s, as {@code rate.go} relies on it: a Go duration is an {@code int64} of
 * nanoseconds, {@code t.Sub(u)} saturates at its ends, {@code d.Seconds()} splits whole seconds
 * from the rest before converting to {@code float64}.
 */
final class GoTimes {

    private GoTimes() {
    }

    /** Go's zero {@code time.Time}: January 1, year 1, 00:00:00 UTC. */
    static final Instant ZERO = Instant.parse("0001-01-01T00:00:00Z");

    /** Go's longest duration, {@code math.MaxInt64} nanoseconds (about 292 years). */
    static final long MAX = Long.MAX_VALUE;

    private static final long SECOND = 1_000_000_000L;

    /** Go's {@code t.Sub(u)}: nanoseconds from u to t, saturating at the ends of {@code long}. */
    static long sub(Instant t, Instant u) {
        return nanos(Duration.between(u, t));
    }

    /** A Java duration as Go's {@code int64} nanoseconds, saturating at the ends of {@code long}. */
    static long nanos(Duration d) {
        if (d == null) {
            throw new NullPointerException("d");
        }
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return d.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    /** Go's {@code d.Seconds()}: whole seconds and the remainder converted separately. */
    static double seconds(long d) {
        long sec = d / SECOND;
        long nsec = d % SECOND;
        return (double) sec + (double) nsec / 1e9;
    }
}
