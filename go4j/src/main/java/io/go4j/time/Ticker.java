package io.go4j.time;

import io.go4j.RecvChan;
import io.go4j.internal.chan.ChanTimer;

import java.time.Duration;
import java.time.Instant;

/**
 * A clock that delivers ticks at intervals: Go's {@code *time.Ticker}, made by
 * {@link Time#newTicker}.
 *
 * {@snippet :
 * try (Ticker ticker = Time.newTicker(Duration.ofSeconds(1))) {  // ticker := time.NewTicker(time.Second)
 *     for (Instant t : ticker.c()) {                             // defer ticker.Stop()
 *         System.out.println("tick at " + t);                    // for t := range ticker.C { ... }
 *     }
 * }
 * }
 *
 * <p>A receiver slower than the interval misses ticks (the channel holds at most one), as in
 * Go. After {@link #stop()} or {@link #reset} returns, no tick from before is received; the
 * channel is never closed. A ticker nobody references is garbage even if never stopped (Go
 * 1.23). {@link #close()} is {@link #stop()}.
 *
 * <p>Memory effects: each tick's firing happens-before the receive of its value.
 */
public final class Ticker implements AutoCloseable {

    private final ChanTimer timer;

    Ticker(ChanTimer timer) {
        this.timer = timer;
    }

    /** The channel on which the ticks are delivered: Go's {@code ticker.C}. */
    public RecvChan<Instant> c() {
        return timer.chan();
    }

    /** Turns the ticker off; no more ticks are sent: Go's {@code ticker.Stop()}. */
    public void stop() {
        timer.stop();
    }

    /**
     * Stops the ticker and restarts it with period {@code d}; the next tick comes after the new
     * period: Go's {@code ticker.Reset(d)}.
     *
     * @throws io.go4j.Panic {@code non-positive interval for Ticker.Reset} if {@code d} is not positive
     */
    public void reset(Duration d) {
        long n = Time.nanos(d);
        Timer.checkPositive(n, "non-positive interval for Ticker.Reset");
        timer.reset(n, n);
    }

    /** {@link #stop()}, for try-with-resources. */
    @Override
    public void close() {
        stop();
    }
}
