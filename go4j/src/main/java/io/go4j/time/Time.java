package io.go4j.time;

import io.go4j.Chan;
import io.go4j.Panic;
import io.go4j.RecvChan;
import io.go4j.WaitInterruptedException;
import io.go4j.internal.chan.ChanTimer;
import io.go4j.internal.park.Clock;
import io.go4j.internal.park.Waiter;

import java.time.Duration;
import java.time.Instant;

/**
 * Go's {@code time} package functions: the present, sleeping, and timer channels.
 *
 * {@snippet :
 * Time.sleep(Duration.ofMillis(100));                     // time.Sleep(100 * time.Millisecond)
 * Instant start = Time.now();                             // start := time.Now()
 * Duration took = Time.since(start);                      // took := time.Since(start)
 * Select.select(                                          // select {
 *     onRecv(results, r -> use(r)),                       // case r := <-results: use(r)
 *     onRecv(Time.after(Duration.ofSeconds(1)),           // case <-time.After(time.Second):
 *            t -> System.out.println("timeout")));        //     fmt.Println("timeout") }
 * }
 *
 * <h2>Clocks</h2>
 * Every function reads the calling goroutine's clock: the real clock, or — inside a synctest
 * bubble — the bubble's fake clock. Durations are {@link Duration}s; a non-positive duration
 * means "now". The time values carried by timer channels are {@link Instant}s.
 *
 * <h2>Timers (Go 1.23 semantics)</h2>
 * Timer channels are receive-only, unbuffered-looking channels ({@code len} and {@code cap}
 * are 0) usable in {@code select} like any other. After {@link Timer#stop()} or
 * {@link Timer#reset} returns, no stale value is received. A timer or ticker that nobody
 * references any more is garbage, stopped or not: a timer is in its clock's heap only while
 * a goroutine is blocked on its channel. All timers of a clock share one heap and one
 * driver thread; a million pending timers cost a few hundred bytes each.
 *
 * <p>Memory effects: a timer's firing happens-before the receive of its value; for
 * {@link #afterFunc} the call of {@code afterFunc} happens-before {@code f} runs.
 */
public final class Time {

    private Time() {
    }

    /** The current time on the goroutine's clock: Go's {@code time.Now()}. */
    public static Instant now() {
        return Clock.current().now();
    }

    /** Time elapsed since {@code t}: Go's {@code time.Since(t)}. */
    public static Duration since(Instant t) {
        return Duration.between(t, now());
    }

    /** Time until {@code t} (negative if past): Go's {@code time.Until(t)}. */
    public static Duration until(Instant t) {
        return Duration.between(now(), t);
    }

    /**
     * Pauses the calling goroutine for at least {@code d}: Go's {@code time.Sleep(d)}. A zero or
     * negative duration returns at once. Waits with Go's wait reason {@code sleep}.
     *
     * @throws WaitInterruptedException if interrupted while sleeping (ADR 0002)
     */
    public static void sleep(Duration d) {
        long n = nanos(d);
        if (n <= 0) {
            return;
        }
        if (io.go4j.internal.park.Timer.sleep(n) == Waiter.CANCELLED) {
            throw new WaitInterruptedException("sleep");
        }
    }

    /**
     * A channel that receives the time once, after {@code d}: Go's {@code time.After(d)}, the
     * same as {@code newTimer(d).c()}. Unreferenced, it is garbage even before it fires.
     */
    public static RecvChan<Instant> after(Duration d) {
        ChanTimer t = new ChanTimer(Clock.current());
        t.reset(nanos(d), 0);
        return t.chan();
    }

    /**
     * A channel that receives the time every {@code d}: Go's {@code time.Tick(d)}; the nil
     * channel (never ready) if {@code d} is not positive. The ticker cannot be stopped; it is
     * garbage once the channel is unreferenced.
     */
    public static RecvChan<Instant> tick(Duration d) {
        long n = nanos(d);
        if (n <= 0) {
            return Chan.nil();
        }
        ChanTimer t = new ChanTimer(Clock.current());
        t.reset(n, n);
        return t.chan();
    }

    /** A timer that sends the time on its channel after {@code d}: Go's {@code time.NewTimer(d)}. */
    public static Timer newTimer(Duration d) {
        ChanTimer t = new ChanTimer(Clock.current());
        t.reset(nanos(d), 0);
        return new Timer(t, null);
    }

    /**
     * A ticker that sends the time on its channel every {@code d}: Go's {@code time.NewTicker(d)}.
     * A slow receiver misses ticks rather than queueing them.
     *
     * @throws Panic {@code non-positive interval for NewTicker} if {@code d} is not positive
     */
    public static Ticker newTicker(Duration d) {
        long n = nanos(d);
        if (n <= 0) {
            throw new Panic("non-positive interval for NewTicker");
        }
        ChanTimer t = new ChanTimer(Clock.current());
        t.reset(n, n);
        return new Ticker(t);
    }

    /**
     * Runs {@code f} in its own goroutine after {@code d}: Go's {@code time.AfterFunc(d, f)}.
     * The returned timer's {@link Timer#stop()} prevents {@code f} if it has not started; its
     * {@link Timer#c()} is null, as Go's {@code C} is nil.
     */
    public static Timer afterFunc(Duration d, Runnable f) {
        if (f == null) {
            throw new NullPointerException("f");
        }
        io.go4j.internal.park.Timer.Func t = new io.go4j.internal.park.Timer.Func(Clock.current(), f);
        t.reset(nanos(d));
        return new Timer(null, t);
    }

    /**
     * A duration in Go's notation: {@code 1h2m3.5s}, {@code 150ms}, {@code 1.5µs}, {@code 0s} —
     * Go's {@code Duration.String()}.
     */
    public static String format(Duration d) {
        return GoDuration.format(d);
    }

    /** Nanoseconds of {@code d}, saturating at the ends of {@code long}. */
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
}
