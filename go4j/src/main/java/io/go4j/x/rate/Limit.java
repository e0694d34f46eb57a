package io.go4j.x.rate;

import java.time.Duration;

/**
 * The maximum frequency of some events, in events per second: Go's {@code rate.Limit}
 * ({@code type Limit float64}). A zero limit allows no events (beyond the burst a limiter starts
 * with); {@link #INF} allows all events, even with a burst of zero.
 *
 * {@snippet :
 * Limit tenPerSecond = new Limit(10);                       // rate.Limit(10)
 * Limit oneEvery100ms = Limit.every(Duration.ofMillis(100)); // rate.Every(100 * time.Millisecond)
 * Limit unlimited = Limit.INF;                              // rate.Inf
 * }
 *
 * <p>Java has no named numeric types, so the {@code float64} is wrapped in a record: equality is
 * the record's (by {@link Double#compare}), and {@code limit == rate.Inf} reads
 * {@code limit.isInf()}. Immutable, so safe for use by many goroutines.
 *
 * @param perSecond events per second; Go's {@code float64(limit)}
 */
public record Limit(double perSecond) {

    /**
     * The infinite rate limit: Go's {@code rate.Inf}, {@code Limit(math.MaxFloat64)}. A limiter
     * with this limit allows every event, even if its burst is zero.
     */
    public static final Limit INF = new Limit(Double.MAX_VALUE);

    /**
     * The limit of one event per {@code interval}: Go's {@code rate.Every(interval)}, which is
     * {@code 1 / interval.Seconds()}; {@link #INF} for a zero or negative interval. The interval is
     * taken as Go's {@code int64} nanoseconds (saturating beyond about 292 years).
     */
    public static Limit every(Duration interval) {
        long d = GoTimes.nanos(interval);
        if (d <= 0) {
            return INF;
        }
        return new Limit(1 / GoTimes.seconds(d));
    }

    /** Whether this is {@link #INF}: Go's {@code limit == rate.Inf}. */
    public boolean isInf() {
        return perSecond == Double.MAX_VALUE;
    }

    /**
     * Go's {@code limit.durationFromTokens(tokens)}: nanoseconds to accumulate {@code tokens} at
     * this rate; Go's {@code InfDuration} for a limit {@code <= 0} or a duration beyond
     * {@code int64}; truncated toward zero as Go's float-to-int conversion.
     */
    long durationFromTokens(double tokens) {
        if (perSecond <= 0) {
            return GoTimes.MAX;
        }
        double duration = (tokens / perSecond) * 1e9;
        // Cap the duration to the maximum representable int64 value, to avoid overflow (Go issue 71154).
        if (duration > (double) Long.MAX_VALUE) {
            return GoTimes.MAX;
        }
        return (long) duration;
    }

    /** Go's {@code limit.tokensFromDuration(d)}: tokens accumulated in {@code d} nanoseconds; 0 for a limit {@code <= 0}. */
    double tokensFromDuration(long d) {
        if (perSecond <= 0) {
            return 0;
        }
        return GoTimes.seconds(d) * perSecond;
    }
}
