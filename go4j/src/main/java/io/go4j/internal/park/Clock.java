package io.go4j.internal.park;

import java.time.Instant;

/**
 * A source of time with its own timers: the real clock of the process, or (synctest) a
 * bubble's fake clock. Every goroutine reads time from its bubble's clock
 * ({@link #current()}), never from {@link System#nanoTime()} directly (ARCHITECTURE.md, the
 * park facility's rule 5), so that a bubble can replace time for the code inside it.
 *
 * <p>Each clock owns one {@link TimerHeap}: all timers of that clock — sleeps, timer
 * channels, tickers, {@code AfterFunc}s, context deadlines — live in it, and one driver
 * fires them. For the real clock the driver is one platform thread; not a thread, a virtual
 * thread or an executor task per timer.
 */
public abstract class Clock {

    /** The process's real clock. */
    public static final Clock REAL = new RealClock();

    final TimerHeap timers = new TimerHeap(this);

    protected Clock() {
    }

    /** The bubble whose goroutines this clock's timers start (AfterFunc). */
    public Bubble bubble() {
        return Bubble.ROOT;
    }

    /** The clock of the calling goroutine's bubble. */
    public static Clock current() {
        return Park.current().bubble.clock();
    }

    /** Monotonic time in nanoseconds: the scale of timer deadlines. Only differences mean anything. */
    public abstract long nanoTime();

    /** Wall-clock time: Go's {@code time.Now()}. */
    public abstract Instant now();

    /** The deadline {@code nanos} from now on this clock, saturating instead of overflowing. */
    public final long deadlineAfter(long nanos) {
        long now = nanoTime();
        if (nanos <= 0) {
            return now; // Go: a non-positive duration means "now"
        }
        long when = now + nanos;
        return when < now ? Long.MAX_VALUE : when; // overflow: as good as never
    }

    /**
     * Told, under the heap's lock, that the earliest deadline is now {@code when}: the driver
     * must fire it at that time (wake up earlier than it planned, if it sleeps).
     */
    abstract void earliestChanged(long when);

    /** Asks the driver to run soon (to sweep stopped timers out of the heap). */
    abstract void wakeDriver();

    /** Asks the driver to run within {@code nanos} (to sweep stopped timers); cheap if it will anyway. */
    abstract void sweepWithin(long nanos);

    /** Number of timers in this clock's heap, stopped ones not yet swept included; for tests. */
    public final int heapSize() {
        return timers.size();
    }

    /**
     * The real clock: {@link System#nanoTime()} and {@link Instant#now()}, and one daemon
     * platform thread, {@code go4j-timers}, that sleeps until the earliest deadline and fires
     * what is due. The thread starts with the first timer.
     */
    private static final class RealClock extends Clock {

        private volatile Thread thread;
        /** When the driver will wake up next; written under the heap's lock, read racily too. */
        private volatile long sleepingUntil = Long.MAX_VALUE;

        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public Instant now() {
            return Instant.now();
        }

        @Override
        void earliestChanged(long when) {
            Thread t = thread;
            if (t == null) {
                t = start();
            }
            if (when < sleepingUntil) {
                sleepingUntil = when;
                Park.unparkRuntimeThread(t);
            }
        }

        @Override
        void sweepWithin(long nanos) {
            long when = System.nanoTime() + nanos;
            if (sleepingUntil - when > 0 && thread != null && timers.sweepDue()) {
                timers.wakeDriverBy(when);
            }
        }

        @Override
        void wakeDriver() {
            Thread t = thread;
            if (t != null) {
                Park.unparkRuntimeThread(t);
            }
        }

        private Thread start() {
            // under the heap lock: at most one thread starts
            Thread t = Thread.ofPlatform().daemon().name("go4j-timers").unstarted(this::drive);
            thread = t;
            t.start();
            return t;
        }

        private void drive() {
            for (;;) {
                long next = timers.runExpired(this);
                Park.parkRuntimeThread(this, next);
            }
        }

        /** Called by {@link TimerHeap#runExpired} under the heap lock, before the driver sleeps. */
        void sleepUntil(long when) {
            sleepingUntil = when;
        }
    }

    /** See {@link RealClock#sleepUntil}; a no-op for clocks without a sleeping driver. */
    void driverSleepsUntil(long when) {
        if (this instanceof RealClock r) {
            r.sleepUntil(when);
        }
    }
}
