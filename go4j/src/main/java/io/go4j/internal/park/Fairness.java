package io.go4j.internal.park;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;

/**
 * Go's guarantee that a runnable goroutine runs, whatever the others do, for the JDK's
 * scheduler (docs/adr/0017-scheduler-fairness.md).
 *
 * <p>The problem. The virtual-thread scheduler is a {@code ForkJoinPool}. A virtual thread
 * unparked or started by a virtual thread is pushed on the local queue of the waker's carrier;
 * one unparked or started by any other thread (a platform thread starting a goroutine or
 * sending on a channel, go4j's timer thread) goes to an external submission queue, and so does
 * a virtual thread that yields while its carrier's queue is empty. A carrier runs the tasks of
 * its own queue for as long as it has any, and only then looks at other queues. Goroutines
 * that keep waking each other — a ping-pong, a pub/sub hub fed flat out — keep their carrier's
 * queue from ever emptying; with every carrier so busy, external work waits for ever: a
 * goroutine started by a test's main thread never starts, a fired timer's goroutine never
 * resumes, a goroutine yielding for a busy lock never gets it. Go's scheduler has the same
 * shape (per-P run queues, a global queue) and looks at the global queue every 61st scheduling
 * round for exactly this reason; the JDK's pool has no such check and no hook for one.
 *
 * <p>The remedy: <em>fair mode</em>. go4j counts the goroutines it submits from outside the
 * pool ({@link #starting}: every start — JDK 25 submits a new virtual thread externally even
 * when a virtual thread starts it; {@link #submittedFromOutside}: unparked by a thread that is
 * not virtual, yielding, handed off) and each counts itself when it runs ({@link #ran}). The platform thread
 * {@code go4j-fairness} looks every {@link #TICK_NANOS} while goroutines are runnable: if work
 * submitted before its previous look has still not all run, external work starves, and fair
 * mode is on until everything submitted up to then has run. While it is on, a virtual thread's
 * {@link Park#unpark} and {@link Park#yieldCarrier} hand the goroutine to {@code go4j-fairness},
 * which unparks it from outside the pool, so it queues behind the work that waited. No task
 * then refills a carrier's local queue: the carriers drain them, turn to the external queues,
 * and run the starving work in its turn.
 *
 * <p>Cost: outside fair mode a volatile read per unpark, two counter updates per goroutine
 * started or woken from outside the pool or yielding; in fair mode each hand-off costs the
 * wake-up of a platform thread (microseconds), for the milliseconds it lasts. Not covered:
 * external work that go4j does not submit (the JDK's I/O pollers waking a goroutine blocked
 * in a socket read, virtual threads that are not goroutines) — it waits until the carriers
 * next drain their queues, as with plain virtual threads.
 */
final class Fairness {

    private Fairness() {
    }

    /** How often {@code go4j-fairness} looks while goroutines are runnable (nanoseconds). */
    static final long TICK_NANOS = Math.max(100_000L,
            Long.getLong("go4j.fairnessTickMicros", 2_000L) * 1_000L);

    /** {@code -Dgo4j.fairness=false} turns fair mode off (to see what it prevents; not for production). */
    static final boolean ENABLED = !"false".equals(System.getProperty("go4j.fairness"));

    /** How long it sleeps between looks while no goroutine is runnable. */
    private static final long IDLE_TICK_NANOS = 100_000_000L;

    /** After this many ticks in fair mode the count, not the pool, is taken to lag (see tick). */
    private static final long FORGIVE_TICKS = Math.max(10L, 1_000_000_000L / TICK_NANOS);

    /** Fair mode: unparks and yields of virtual threads go through {@link #handOff}. */
    static volatile boolean starving;

    /** Goroutines submitted from outside the pool, and how many of them have run since. */
    private static final LongAdder SUBMITTED = new LongAdder();
    private static final LongAdder RAN = new LongAdder();

    /** Whether the thread sleeps the long idle tick (no goroutine was runnable at its last look). */
    private static volatile boolean idle;

    /** Goroutines to unpark from outside the pool. */
    private static final ConcurrentLinkedQueue<G> HANDOFF = new ConcurrentLinkedQueue<>();

    /** {@link G#wokenFromOutside}. */
    private static final VarHandle OUTSIDE;

    static {
        try {
            OUTSIDE = MethodHandles.lookup().findVarHandle(G.class, "wokenFromOutside", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final Thread THREAD =
            Thread.ofPlatform().daemon().name("go4j-fairness").unstarted(Fairness::loop);

    static {
        THREAD.start();
    }

    /**
     * Goroutine {@code g} is about to be started or unparked from outside the pool: count it, and
     * have {@code g} count itself when it runs ({@link #ran}).
     */
    static void submittedFromOutside(G g) {
        SUBMITTED.increment();
        OUTSIDE.getAndAdd(g, 1);
        wake();
    }

    /**
     * Goroutine {@code g}, not started yet, is about to be: JDK 25 starts every virtual thread
     * through an external submission queue, whoever starts it. No other thread knows {@code g}
     * yet, so a plain store counts it.
     */
    static void starting(G g) {
        SUBMITTED.increment();
        g.wokenFromOutside = 1;
        wake();
    }

    private static void wake() {
        if (idle) {
            idle = false;
            Park.unparkRuntimeThread(THREAD);
        }
    }

    /**
     * Goroutine {@code g} runs: it counts the submissions of it that it has not counted yet
     * (a volatile read when there are none).
     */
    static void ran(G g) {
        if (g.wokenFromOutside == 0) {
            return;
        }
        int n = (int) OUTSIDE.getAndSet(g, 0);
        if (n != 0) {
            RAN.add(n);
        }
    }

    /** Fair mode: {@code g} is unparked by {@code go4j-fairness}, outside the scheduler's pool. */
    static void handOff(G g) {
        if (!THREAD.isAlive()) { // cannot happen (the loop catches everything); never strand a wakee
            starving = false;
            Park.unparkRuntimeThread(g.thread);
            return;
        }
        HANDOFF.add(g);
        Park.unparkRuntimeThread(THREAD);
    }

    // ---- the thread (the fields below are its own)

    private static long lastSubmitted; // SUBMITTED at the previous look
    private static long target = -1L;  // in fair mode: until RAN reaches it; else -1
    private static long fairTicks;     // looks since fair mode began

    private static void loop() {
        long next = System.nanoTime() + TICK_NANOS;
        for (;;) {
            try {
                G g;
                while ((g = HANDOFF.poll()) != null) {
                    // An external submission like any other: fair mode lasts until it has run too.
                    submittedFromOutside(g);
                    Park.unparkRuntimeThread(g.thread);
                }
                long now = System.nanoTime();
                if (now - next >= 0L || (!idle && next - now > TICK_NANOS)) {
                    next = now + tick(); // on time, or woken early from the idle tick
                }
                Park.parkRuntimeThread(Fairness.class, next);
            } catch (Throwable t) {
                // Out of memory, say: this thread must outlive it, or wakees handed to it would
                // wait for ever. Leave fair mode and go on.
                starving = false;
                target = -1L;
            }
        }
    }

    /** One look; returns the time to the next. */
    private static long tick() {
        long submitted = SUBMITTED.sum();
        long ran = RAN.sum();
        if (!ENABLED) {
            idle = true;
            return IDLE_TICK_NANOS;
        }
        if (target < 0L) {
            if (ran < lastSubmitted) { // work submitted before the previous look still waits
                target = submitted;
                fairTicks = 0L;
                starving = true;
            }
        } else if (ran >= target) {
            target = -1L;
            starving = false;
        } else if (++fairTicks > FORGIVE_TICKS) {
            // Fair mode runs external work within a few ticks; after a second it is the count
            // that lags (a goroutine woken from outside just after it saw its claim and running
            // since without blocking), not the pool. Forgive the difference.
            RAN.add(target - ran);
            target = -1L;
            starving = false;
        }
        lastSubmitted = submitted;
        if (target < 0L && Bubble.ROOT.runnable() <= 0L) {
            idle = true;
            return IDLE_TICK_NANOS; // nothing runs: nothing can starve anything
        }
        idle = false;
        return TICK_NANOS;
    }
}
