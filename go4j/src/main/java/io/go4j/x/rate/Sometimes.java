package io.go4j.x.rate;

import io.go4j.sync.Mutex;
import io.go4j.time.Time;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Performs an action occasionally: Go's {@code rate.Sometimes{First, Every, Interval}}. The
 * three settings govern {@link #run}, Go's {@code Do}; a {@code Sometimes} with none set (Go's
 * zero value) performs its action exactly once.
 *
 * {@snippet :
 * // var sometimes = rate.Sometimes{First: 3, Interval: 10*time.Second}
 * static final Sometimes SOMETIMES = Sometimes.builder().first(3).interval(Duration.ofSeconds(10)).build();
 *
 * static void spammy() {
 *     SOMETIMES.run(() -> log.info("here I am!"));   // sometimes.Do(func() { log.Info("here I am!") })
 * }
 * }
 *
 * <p>The model is a union (not an intersection) of filters. The first call always runs
 * {@code f}; later calls run it if any filter allows: {@code first} N runs the first N calls;
 * {@code every} M runs every Mth call, counting from the first; {@code interval} runs a call if
 * at least that much time has passed (on the goroutine's clock, {@link Time#now()}) since
 * {@code f} last ran. Zero or negative settings are off, as in Go.
 *
 * <p>Thread-safety and memory effects: safe for use by many goroutines. Concurrent calls run one
 * at a time under a {@link Mutex}, {@code f} included, so each call (and the {@code f} it ran)
 * happens-before the next call's decision. Keep {@code f} light; an {@code f} that calls
 * {@code run} on the same {@code Sometimes} deadlocks. If {@code f} throws, the exception
 * propagates, the mutex is released, and (as in Go, where the count is incremented after
 * {@code f} returns) the call is not counted and the time of the run is not recorded.
 */
public final class Sometimes {

    /*
     * Implementation: a port of golang.org/x/time/rate/sometimes.go. Go's exported fields are
     * configuration set before first use; here they are final, set by the constructor or the
     * builder, and only count and last change, under mu.
     */

    private final int first;
    private final int every;
    private final Duration interval;

    private final Mutex mu = new Mutex();
    private int count;              // guarded by mu: the number of completed calls
    private Instant last;           // guarded by mu: when f last ran; set only if interval > 0

    /** Go's zero {@code rate.Sometimes{}}: runs its action exactly once. */
    public Sometimes() {
        this(0, 0, Duration.ZERO);
    }

    /**
     * Go's {@code rate.Sometimes{First: first, Every: every, Interval: interval}}; each setting is
     * off when zero or negative. {@link #builder()} names them.
     */
    public Sometimes(int first, int every, Duration interval) {
        this.first = first;
        this.every = every;
        this.interval = Objects.requireNonNull(interval, "interval");
    }

    /** A builder naming the settings, as Go's composite literal does. */
    public static Builder builder() {
        return new Builder();
    }

    /** Go's {@code First}: if positive, the first N calls run f. */
    public int first() {
        return first;
    }

    /** Go's {@code Every}: if positive, every Nth call (the 1st, the N+1st, ...) runs f. */
    public int every() {
        return every;
    }

    /** Go's {@code Interval}: if positive, a call runs f when this much time has passed since f last ran. */
    public Duration interval() {
        return interval;
    }

    /**
     * Runs {@code f} if {@code first}, {@code every} or {@code interval} allows it (and always on
     * the first call): Go's {@code s.Do(f)}. Blocks while another call runs, since calls run one
     * at a time.
     */
    public void run(Runnable f) {
        Objects.requireNonNull(f, "f");
        mu.lock();
        try {
            boolean intervalOn = !interval.isNegative() && !interval.isZero();
            if (count == 0
                    || (first > 0 && count < first)
                    || (every > 0 && count % every == 0)
                    || (intervalOn && Time.since(last).compareTo(interval) >= 0)) {
                f.run();
                if (intervalOn) {
                    last = Time.now();
                }
            }
            count++;
        } finally {
            mu.unlock();
        }
    }

    @Override
    public String toString() {
        return "Sometimes[first=" + first + ", every=" + every + ", interval=" + Time.format(interval) + "]";
    }

    /** Names the settings of a {@link Sometimes}; each defaults to zero (off). Not thread-safe. */
    public static final class Builder {
        private int first;
        private int every;
        private Duration interval = Duration.ZERO;

        private Builder() {
        }

        /** Go's {@code First}. */
        public Builder first(int n) {
            this.first = n;
            return this;
        }

        /** Go's {@code Every}. */
        public Builder every(int n) {
            this.every = n;
            return this;
        }

        /** Go's {@code Interval}. */
        public Builder interval(Duration d) {
            this.interval = Objects.requireNonNull(d, "d");
            return this;
        }

        /** The {@link Sometimes} with these settings. */
        public Sometimes build() {
            return new Sometimes(first, every, interval);
        }
    }
}
