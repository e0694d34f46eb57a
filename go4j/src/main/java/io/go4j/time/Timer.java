package io.go4j.time;

import io.go4j.Panic;
import io.go4j.RecvChan;
import io.go4j.internal.chan.ChanTimer;

import java.time.Duration;
import java.time.Instant;

/**
 * A single event in the future: Go's {@code *time.Timer}, made by {@link Time#newTimer} or
 * {@link Time#afterFunc}.
 *
 * {@snippet :
 * Timer t = Time.newTimer(Duration.ofSeconds(1));   // t := time.NewTimer(time.Second)
 * Select.select(
 *     onRecv(done, v -> {}),                        // case <-done:
 *     onRecv(t.c(), now -> timedOut()));            // case <-t.C: timedOut()
 * t.stop();                                         // t.Stop()
 * }
 *
 * <p>Go 1.23 semantics: {@link #c()} is unbuffered-looking (len and cap 0); once {@link #stop()}
 * or {@link #reset} has returned, no value from before the call can be received, so a timer
 * can be reset without draining its channel. A timer nobody references is garbage, whether
 * stopped or not. {@link #close()} is {@link #stop()}, for try-with-resources.
 *
 * <p>Memory effects: the timer's firing happens-before the receive of its value (or, for an
 * {@code afterFunc} timer, the start of its function). Safe for use by many goroutines.
 */
public final class Timer implements AutoCloseable {

    private final ChanTimer chanTimer;                       // NewTimer
    private final io.go4j.internal.park.Timer.Func funcTimer; // AfterFunc

    Timer(ChanTimer chanTimer, io.go4j.internal.park.Timer.Func funcTimer) {
        this.chanTimer = chanTimer;
        this.funcTimer = funcTimer;
    }

    /** The channel on which the time is delivered: Go's {@code t.C}; null for an {@code afterFunc} timer. */
    public RecvChan<Instant> c() {
        return chanTimer == null ? null : chanTimer.chan();
    }

    /**
     * Prevents the timer from firing: Go's {@code t.Stop()}.
     *
     * @return true if this call stopped the timer (for a channel timer: a value that had not
     *         been received will not be), false if it had already fired and its value was
     *         received, or it was already stopped. For an {@code afterFunc} timer, false means
     *         the function has already been started in its goroutine.
     */
    public boolean stop() {
        return chanTimer != null ? chanTimer.stop() : funcTimer.stop();
    }

    /**
     * Changes the timer to expire after {@code d} from now: Go's {@code t.Reset(d)}. No value
     * from before the call is received afterwards.
     *
     * @return true if the timer had been active (as {@link #stop()} would have returned)
     */
    public boolean reset(Duration d) {
        long n = Time.nanos(d);
        return chanTimer != null ? chanTimer.reset(n, 0) : funcTimer.reset(n);
    }

    /** {@link #stop()}, for try-with-resources. */
    @Override
    public void close() {
        stop();
    }

    static void checkPositive(long n, String what) {
        if (n <= 0) {
            throw new Panic(what);
        }
    }
}
