package io.go4j.internal.chan;

import io.go4j.internal.park.Clock;
import io.go4j.internal.park.Park;
import io.go4j.internal.park.Timer;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Instant;

/**
 * A timer whose firing sends the time on its channel: the machinery of Go's
 * {@code time.NewTimer}, {@code time.After}, {@code time.NewTicker} and {@code time.Tick},
 * with Go 1.23's synchronous timer channels.
 *
 * <h2>Go 1.23 semantics</h2>
 * The channel looks unbuffered ({@code len} and {@code cap} are 0) but holds the one value a
 * firing produced until someone receives it. {@link #stop} and {@link #reset} withdraw a
 * value not yet received, so after they return no stale value can be received. A firing and
 * a stop or reset are ordered by the channel's lock (which plays Go's {@code sendLock}) and a
 * sequence number (Go's {@code seq}): a firing that lost the race to a stop sends nothing. A ticker whose
 * previous tick has not been received drops the new one, as Go's does.
 *
 * <p>The timer is lazy (see {@link Timer}): it is in its clock's heap only while a goroutine
 * is blocked on the channel; a receive or select polls it first ({@link Timer#maybeRun()}).
 */
public final class ChanTimer extends Timer {

    private final HChan<Instant> chan;
    private int seq;                 // written with the channel's and the timer's locks held
    @SuppressWarnings("unused") // accessed through SENDING
    private volatile int sending;    // firings between their capture of seq and their send

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
        SENDING.getAndAdd(this, 1);
        return seq; // the firing's sequence number, taken under the timer lock
    }

    @Override
    protected void fire(long now, long delay, int s) {
        Instant value = clock.now().minusNanos(delay);
        Sudog r = null;
        chan.lock(); // the channel's lock is Go's sendLock here
        try {
            if (s == seq) { // no stop or reset since: the value is current
                r = chan.timerSendLocked(value);
            }
        } finally {
            SENDING.getAndAdd(this, -1);
            chan.unlock();
        }
        if (r != null) {
            Park.unpark(r.owner);
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
        chan.lock();
        try {
            lockTimerNested();
            boolean pending;
            try {
                long oldPeriod = period();
                pending = modifyLocked(when, period);
                seq++;
                if (oldPeriod == 0 && (int) SENDING.getVolatile(this) > 0) {
                    pending = true; // a firing in progress is cancelled by the new seq
                }
            } finally {
                unlock();
            }
            return chan.timerDrainLocked() || pending;
        } finally {
            chan.unlock();
        }
    }

    /** Go's {@code t.Stop()}: true if this call prevented a value from being received. */
    public boolean stop() {
        chan.lock();
        try {
            lockTimerNested();
            boolean pending;
            try {
                long oldPeriod = period();
                pending = stopLocked();
                seq++;
                if (oldPeriod == 0 && (int) SENDING.getVolatile(this) > 0) {
                    pending = true;
                }
            } finally {
                unlock();
            }
            return chan.timerDrainLocked() || pending;
        } finally {
            chan.unlock();
        }
    }

    private static final VarHandle SENDING;

    static {
        try {
            SENDING = MethodHandles.lookup().findVarHandle(ChanTimer.class, "sending", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
