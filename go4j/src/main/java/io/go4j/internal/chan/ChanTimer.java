package io.go4j.internal.chan;

import io.go4j.internal.park.Clock;
import io.go4j.internal.park.RuntimeLock;
import io.go4j.internal.park.Timer;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A timer whose firing sends the time on its channel: the machinery of Go's
 * {@code time.NewTimer}, {@code time.After}, {@code time.NewTicker} and {@code time.Tick},
 * with Go 1.23's synchronous timer channels.
 *
 * <h2>Go 1.23 semantics</h2>
 * The channel looks unbuffered ({@code len} and {@code cap} are 0) but holds the one value a
 * firing produced until someone receives it. {@link #stop} and {@link #reset} withdraw a
 * value not yet received, so after they return no stale value can be received. A firing and
 * a stop or reset are ordered by the send lock and a sequence number (Go's {@code sendLock}
 * and {@code seq}): a firing that lost the race to a stop sends nothing. A ticker whose
 * previous tick has not been received drops the new one, as Go's does.
 *
 * <p>The timer is lazy (see {@link Timer}): it is in its clock's heap only while a goroutine
 * is blocked on the channel; a receive or select polls it first ({@link Timer#maybeRun()}).
 */
public final class ChanTimer extends Timer {

    private final HChan<Instant> chan;
    private final RuntimeLock sendLock = new RuntimeLock() { };
    private int seq;                 // written with sendLock and the timer lock held
    private final AtomicInteger sending = new AtomicInteger();

    public ChanTimer(Clock clock) {
        super(clock, true);
        this.chan = new HChan<>(this);
    }

    /** The timer's channel (Go's {@code t.C}). */
    public HChan<Instant> chan() {
        return chan;
    }

    @Override
    protected int beforeFire() {
        sending.incrementAndGet();
        return seq; // the firing's sequence number, taken under the timer lock
    }

    @Override
    protected void fire(long now, long delay, int s) {
        sendLock.lock();
        try {
            if (s == seq) { // no stop or reset since: the value is current
                chan.timerSend(clock.now().minusNanos(delay));
            }
        } finally {
            sending.decrementAndGet();
            sendLock.unlock();
        }
    }

    /**
     * Go's {@code t.Reset(d)} / {@code ticker.Reset(d)} and the start of a new timer: the
     * next value comes {@code nanos} from now (then every {@code period} nanos if non-zero).
     *
     * @return whether the timer was pending: it had not fired, or its value was not received
     */
    public boolean reset(long nanos, long period) {
        long when = clock.deadlineAfter(nanos);
        sendLock.lock();
        try {
            lockTimerNested();
            boolean pending;
            long oldPeriod = this.period();
            try {
                pending = modifyLocked(when, period);
                seq++;
                if (oldPeriod == 0 && sending.get() > 0) {
                    pending = true; // a firing in progress is cancelled by the new seq
                }
            } finally {
                unlock();
            }
            if (chan.timerDrain()) {
                pending = true;
            }
            return pending;
        } finally {
            sendLock.unlock();
        }
    }

    /** Go's {@code t.Stop()}: true if this call prevented a value from being received. */
    public boolean stop() {
        sendLock.lock();
        try {
            lockTimerNested();
            boolean pending;
            long oldPeriod = this.period();
            try {
                pending = stopLocked();
                seq++;
                if (oldPeriod == 0 && sending.get() > 0) {
                    pending = true;
                }
            } finally {
                unlock();
            }
            if (chan.timerDrain()) {
                pending = true;
            }
            return pending;
        } finally {
            sendLock.unlock();
        }
    }
}
