package io.go4j.internal.park;

import java.util.ArrayList;
import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;

/**
 * The park facility: the one place where go4j starts goroutines, blocks them and wakes them —
 * the counterpart of Go's {@code newproc}, {@code gopark} and {@code goready}.
 *
 * <h2>The one rule</h2>
 * Every blocking wait in the library is a {@link Waiter} parked through {@link #park}; every
 * wake is a successful {@link Waiter#claim} followed by {@link #unpark}. Nothing else in the
 * library calls {@code LockSupport.park}, {@code Object.wait} or a blocking queue. From this
 * one place come the wait reasons and durations of goroutine dumps, {@code NumGoroutine},
 * the runnable count the deadlock detector reads, and one interrupt policy.
 *
 * <h2>The blocking protocol</h2>
 * <ol>
 *   <li>The waiter publishes a {@link Waiter} (state WAITING) where wakers will find it (a
 *       channel's queue), under that object's lock, and releases the lock.</li>
 *   <li>It calls {@link #park}. If carriers are idle it first spins for at most
 *       {@code go4j.spinNanos} (ADR 0005), still counted as running. Then it records the wait
 *       reason, since when and on what; moves its waiter WAITING -&gt; PARKED with a CAS;
 *       and only then lowers its bubble's runnable count and parks until the state changes.
 *       Spurious wake-ups just loop.</li>
 *   <li>A waker claims the waiter with a CAS. Claiming a PARKED waiter raises the runnable
 *       count <em>before</em> the CAS (and lowers it again if the CAS loses), then, after
 *       releasing its locks, the waker calls {@link #unpark}. Claiming a WAITING waiter changes
 *       no count and needs no unpark: its owner never left the count and is not asleep.</li>
 * </ol>
 * So the runnable count may be one too high for an instant (between a waker's increment and
 * the owner's decrement), never too low: zero means that no goroutine of the bubble can run.
 *
 * <h2>Interrupt policy (docs/adr/0002-interrupt-policy.md)</h2>
 * An interrupt of a parked goroutine cancels its wait if — and only if — no waker has claimed
 * it yet: the waiter withdraws with a CAS, {@link #park} returns {@link Waiter#CANCELLED},
 * and the caller removes its record and throws {@code WaitInterruptedException}, leaving the
 * object unchanged. If a waker won first, the operation has completed and returns normally.
 * Either way the thread's interrupt status stays set, so the next wait is cancelled too and
 * a goroutine told to stop stops. An interrupt never aborts an operation that can complete
 * without waiting.
 */
public final class Park {

    private Park() {
    }

    private static final ThreadLocal<G> CURRENT = new ThreadLocal<>();
    /** The live goroutines by id: each record, or a weak hold on it (see {@link Unreachable}). */
    private static final ConcurrentHashMap<Long, Object> LIVE = new ConcurrentHashMap<>();
    /** The last id handed out; 1 is kept for the main goroutine of {@code Go.main}. */
    private static final AtomicLong IDS = new AtomicLong(1);
    private static final ThreadFactory UNNAMED = Thread.ofVirtual().factory();

    /** Told about every exception that escapes a goroutine. Set by {@code io.go4j.Go}. */
    private static volatile BiConsumer<G, Throwable> panicHandler = (g, t) -> t.printStackTrace();

    public static void setPanicHandler(BiConsumer<G, Throwable> handler) {
        panicHandler = handler;
    }

    // ---- goroutines ----

    /** The record of the calling goroutine, or a record of the calling foreign thread. */
    public static G current() {
        G g = CURRENT.get();
        if (g == null) {
            g = new G(0, null, 0, null, false, Bubble.ROOT);
            g.thread = Thread.currentThread();
            CURRENT.set(g);
            Sysmon.foreignThreadSeen(g);
        }
        return g;
    }

    /** The calling goroutine's record, or null if the caller is not a goroutine. */
    public static G currentGoroutineOrNull() {
        G g = CURRENT.get();
        return g != null && g.id != 0 ? g : null;
    }

    /**
     * Starts {@code fn} as a new goroutine on a virtual thread: Go's {@code newproc}. The new
     * goroutine counts as runnable before its thread starts (the start happens-before the
     * goroutine runs, as {@link Thread#start()} guarantees).
     *
     * @param id   the id to use, or 0 to take the next one
     */
    public static G spawn(long id, String name, Runnable fn) {
        G parent = CURRENT.get();
        long gid = id != 0 ? id : IDS.incrementAndGet();
        Bubble bubble = parent != null ? parent.bubble : Bubble.ROOT;
        return spawn(gid, name, fn, parent, bubble);
    }

    /** Starts {@code fn} as a goroutine of {@code bubble} (a timer of that bubble's clock firing). */
    public static G spawnIn(Bubble bubble, Runnable fn) {
        return spawn(IDS.incrementAndGet(), null, fn, CURRENT.get(), bubble);
    }

    private static G spawn(long gid, String name, Runnable fn, G parent, Bubble bubble) {
        G g = new G(gid, name, parent != null ? parent.id : 0, fn, true, bubble);
        if (bubble != Bubble.ROOT) {
            bubble.goroutineStarted();
        }
        g.task = fn;
        Runnable body = () -> run(g);
        Thread t = name == null ? UNNAMED.newThread(body) : Thread.ofVirtual().name(name).unstarted(body);
        g.thread = t;
        LIVE.put(gid, Unreachable.entry(g));
        bubble.incRunnable();
        Fairness.starting(g); // every start is an external submission (docs/adr/0017)
        try {
            t.start();
        } catch (Throwable e) { // out of memory, or the JVM is shutting down
            Fairness.ran(g);
            LIVE.remove(gid);
            bubble.decRunnable();
            if (bubble != Bubble.ROOT) {
                bubble.goroutineEnded(g);
            }
            throw e;
        }
        return g;
    }

    private static void run(G g) {
        CURRENT.set(g);
        Fairness.ran(g);
        Runnable fn = g.task;
        g.task = null;
        try {
            fn.run();
        } catch (Throwable t) {
            if (g.bubble.deadlocked && t.getClass().getName().equals("io.go4j.WaitInterruptedException")) {
                // a deadlocked synctest bubble is being unwound: not a panic of the program
            } else if (!isGoexit(t)) {
                panicHandler.accept(g, t);
            } else if (g.id == 1) {
                mainGoexited = true;
            }
        } finally {
            Fairness.ran(g); // woken from outside after its last park had seen its claim
            LIVE.remove(g.id);
            if (g.bubble != Bubble.ROOT) {
                g.bubble.goroutineEnded(g);
            }
            if (g.bubble.decRunnable() == 0L) {
                idle(g.bubble);
            }
        }
    }

    /** The carriers of the virtual-thread scheduler: Go's GOMAXPROCS. */
    public static int parallelism() {
        return PARALLELISM;
    }

    /**
     * Go's {@code runtime.Gosched}: yields the carrier. {@link Thread#yield()} puts the virtual
     * thread back on its carrier's own queue, ahead of work submitted from outside (timer
     * firings, goroutines started by platform threads); goroutines that only yield could keep
     * such work from ever running. So every {@value #YIELDS_BEFORE_SLEEP}th yield of a goroutine
     * sleeps for a microsecond instead: it leaves the carrier's queue and comes back through
     * the timer, behind the outside work — as Go's Gosched puts the goroutine on the global
     * run queue.
     */
    public static void gosched() {
        G g = current();
        if (++g.yields % YIELDS_BEFORE_SLEEP == 0) {
            Timer.sleep(1_000L);
        } else {
            yieldCarrier();
        }
    }

    /**
     * {@link Thread#yield()} for a goroutine, fair to work waiting outside its carrier
     * ({@link Fairness}, docs/adr/0017-scheduler-fairness.md): counted as an external submission
     * (a yield may land on the pool's external queue); and while external work starves, the
     * goroutine queues again behind it through {@code go4j-fairness} — a plain yield would put it
     * back on its carrier's own queue and keep that queue from emptying. Go's {@code Gosched}
     * likewise puts the goroutine on the global run queue. May return early.
     */
    static void yieldCarrier() {
        G g = CURRENT.get();
        if (g == null || !g.counted) {
            Thread.yield();
        } else if (Fairness.starving && !g.thread.isInterrupted()) { // interrupted: park returns at once
            Fairness.handOff(g);
            LockSupport.park(Fairness.class); // until go4j-fairness unparks us (or a stray permit)
            Fairness.ran(g);
        } else {
            // With its carrier's queue empty, the JDK queues a yielding virtual thread on an
            // external queue, where it can starve like any external work: count it as such.
            Fairness.submittedFromOutside(g);
            Thread.yield();
            Fairness.ran(g);
        }
    }

    private static final int YIELDS_BEFORE_SLEEP = 16;

    /** A bubble's runnable count reached zero: tell whoever watches it. */
    private static void idle(Bubble b) {
        if (b == Bubble.ROOT) {
            if (watching) {
                Sysmon.poke();
            }
        } else {
            b.idle();
        }
    }

    /**
     * synctest's "durably blocked" (SEMANTICS §10.2): a wait in a bubble that only the bubble's
     * own goroutines can end — not a mutex wait, not a channel of another bubble (or of none).
     */
    private static boolean durable(Waiter w, WaitReason reason, Object on, Bubble b) {
        if (!reason.durableInBubble() || w.notDurable) {
            return false;
        }
        return !(on instanceof BubbleOwned o) || o.bubble() == b;
    }

    /** Whether the deadlock detector watches the runnable count (see {@link Sysmon}). */
    static volatile boolean watching;

    /** Whether {@code t} is {@code runtime.Goexit}'s signal (io.go4j.runtime.Goexit). */
    private static boolean isGoexit(Throwable t) {
        return t.getClass().getName().equals("io.go4j.runtime.Goexit");
    }

    /** Set when goroutine 1 (main under Go.main) ended by runtime.Goexit. */
    public static volatile boolean mainGoexited;

    /** The number of goroutines that exist now (Go's {@code runtime.NumGoroutine}). */
    public static int numGoroutine() {
        if (Unreachable.ENABLED) {
            Unreachable.expunge();
        }
        return LIVE.size();
    }

    /** A snapshot of the live goroutines, in no particular order. */
    public static Collection<G> goroutines() {
        ArrayList<G> all = new ArrayList<>(LIVE.size());
        for (Object e : LIVE.values()) {
            G g = Unreachable.record(e);
            if (g != null) {
                all.add(g);
            }
        }
        return all;
    }

    /** The live goroutine with this id, or null. */
    public static G goroutine(long id) {
        return Unreachable.record(LIVE.get(id));
    }

    /** The registry's entries (records or weak holds), for {@link Unreachable}. */
    static Collection<Object> entries() {
        return new ArrayList<>(LIVE.values());
    }

    /** Removes a cleared weak hold from the registry; false if it had left already. */
    static boolean forget(Unreachable.Ref r) {
        return LIVE.remove(r.id, r);
    }

    // ---- parking ----

    /**
     * Blocks the calling goroutine until {@code w} is claimed, or its wait is cancelled by an
     * interrupt. The waiter must already be published where wakers can find it.
     *
     * @return the claimed state (k + 1 for case k; see {@link Waiter}) or {@link Waiter#CANCELLED}
     */
    public static int park(Waiter w, WaitReason reason, Object on) {
        return park(w, reason, on, true);
    }

    /**
     * Blocks like {@link #park(Waiter, WaitReason, Object)}, but an interrupt does not cancel
     * the wait: the waiter stays queued until claimed, and the thread's interrupt status is
     * kept and restored on return. For waits that Go does not let anyone abandon and whose
     * bookkeeping cannot be undone safely — a mutex's wait queue (docs/adr/0008).
     *
     * @return the claimed state (k + 1 for case k)
     */
    public static int parkUninterruptibly(Waiter w, WaitReason reason, Object on) {
        return park(w, reason, on, false);
    }

    private static int park(Waiter w, WaitReason reason, Object on, boolean interruptible) {
        G g = w.g;
        Fairness.ran(g); // woken from outside after its last park had seen its claim
        int s = reason.spins() ? spin(w, g, interruptible) : w.state();
        if (s != Waiter.WAITING) {
            return s; // a partner came while we spun: we never left the runnable count
        }
        Thread self = Thread.currentThread();
        g.beginWait(reason, on, w);
        Unreachable.Ref ref = g.ref;
        if (ref != null) { // the unreachable finder is on (-Dgo4j.findUnreachable=true)
            ref.lastReason = reason;
            g.lastWoken = null; // an old waiter would keep the goroutine it woke reachable
        }
        // WAITING -> PARKED first, then leave the runnable count: a waker that claims us in
        // between puts us back first, so the count can be one too high, never too low.
        boolean left = g.counted && (g.bubble == Bubble.ROOT || durable(w, reason, on, g.bubble));
        w.leftCount = left;
        w.uninterruptible = !interruptible;
        if (w.announcePark()) {
            if (left && g.bubble.decRunnable() == 0L) {
                idle(g.bubble);
            } else if (!g.counted && watching && Bubble.ROOT.runnable() == 0L) {
                Sysmon.poke(); // a thread that is not a goroutine blocks last (a main thread)
            }
            s = Waiter.PARKED;
        } else {
            s = w.state(); // claimed (or withdrawn) just now, while still counted
        }
        boolean interruptedMeanwhile = false;
        while (s == Waiter.PARKED) { // spurious wake-ups loop
            if (self.isInterrupted()) {
                if (interruptible) {
                    s = withdraw(w, Waiter.CANCELLED);
                    break;
                }
                // not ours to act on: clear it so that park really blocks, restore it below
                interruptedMeanwhile = Thread.interrupted();
            }
            LockSupport.park(w);
            s = w.state();
        }
        if (interruptedMeanwhile) {
            self.interrupt();
        }
        Fairness.ran(g);
        w.resumed = true;
        g.endWait();
        return s;
    }

    /**
     * The brief spin before parking (docs/adr/0005-spin-before-park.md). Parking and
     * unparking a virtual thread costs a trip through the scheduler (about a microsecond,
     * more when the other carrier must be woken); when the partner is running on another
     * carrier it usually answers sooner than that. So the waiter polls its state for a
     * bounded number of {@link Thread#onSpinWait()} steps — but only when it can starve
     * nobody: fewer goroutines are runnable than the scheduler has carriers, so no runnable
     * goroutine is waiting for this carrier (Go's {@code canSpin} asks the same of its Ps).
     * Foreign platform threads spin as the JDK's SynchronousQueue does. Never on one carrier.
     *
     * @return the state after spinning: WAITING if nobody came
     */
    private static int spin(Waiter w, G g, boolean interruptible) {
        Waiter woken = g.lastWoken;
        g.lastWoken = null;
        if (SPIN_NANOS == 0L) {
            return w.state();
        }
        // A goroutine is still in the runnable count while it spins, so "no runnable goroutine
        // waits for a carrier" reads runnable <= carriers; a virtual thread that is not a
        // goroutine is not in the count, so for it the test is runnable < carriers.
        if (g.counted ? g.bubble.runnable() > PARALLELISM
                : g.bubble.runnable() >= PARALLELISM && Thread.currentThread().isVirtual()) {
            return w.state();
        }
        // If we have just unparked a goroutine, the scheduler queued it on our own carrier: it
        // runs there only once we park, unless another carrier steals it. Spin on only if it
        // resumes within a short grace (it was stolen, it runs beside us); else park at once
        // and let it run here — the hand-off Go's scheduler makes with runnext.
        // The clock is read only every 8 steps, and first after 8: a running partner usually
        // answers within a few steps, and reading the clock costs about as much as a step.
        // The wakee's grace is those first 8 steps.
        //
        // Two partners can settle on one carrier, each parking for the other in turn, while the
        // other carrier sleeps: the idle carrier is signalled at each unpark but wakes too late
        // to steal a wakee that is run here as soon as we park. To leave that state, every
        // ESCAPE_EVERY-th such wait spins up to ESCAPE_NANOS for the wakee to be stolen; once it
        // runs on the other carrier, both run side by side and spin for each other.
        long deadline = 0L;
        boolean escaping = false;
        int s;
        for (int i = 1; (s = w.state()) == Waiter.WAITING; i++) {
            Thread.onSpinWait();
            if ((i & 7) == 0) {
                long t = System.nanoTime();
                if (i == 8) {
                    if (woken != null && !woken.resumed) {
                        if (++g.parkedForWakee < ESCAPE_EVERY) {
                            break;
                        }
                        g.parkedForWakee = 0;
                        escaping = true;
                        deadline = t + ESCAPE_NANOS;
                    } else {
                        g.parkedForWakee = 0;
                        deadline = t + SPIN_NANOS;
                    }
                } else if (escaping && woken.resumed) {
                    escaping = false; // stolen: now wait for our partner as usual
                    deadline = t + SPIN_NANOS;
                } else if (t - deadline > 0L) {
                    break;
                }
            }
        }
        if (s == Waiter.WAITING && interruptible && Thread.currentThread().isInterrupted()) {
            s = withdraw(w, Waiter.CANCELLED);
        }
        return s;
    }

    /** See the escape in {@link #spin}: how often, and for how long at most. */
    private static final int ESCAPE_EVERY = 8;
    private static final long ESCAPE_NANOS = 20_000L;

    /** Carriers of the virtual-thread scheduler (its parallelism). */
    private static final int PARALLELISM = Integer.getInteger("jdk.virtualThreadScheduler.parallelism",
            Runtime.getRuntime().availableProcessors());

    /**
     * How long a waiter may spin before parking, in nanoseconds; 0 disables spinning
     * ({@code -Dgo4j.spinNanos=N}). Bounded by time, not by steps: one
     * {@code Thread.onSpinWait()} costs from a few to over 30 ns depending on the CPU.
     */
    private static final long SPIN_NANOS = PARALLELISM <= 1 ? 0L
            : Math.max(0L, Long.getLong("go4j.spinNanos", 1_000L));

    /** The waiter withdraws itself; if a waker won the race, returns the waker's outcome. */
    private static int withdraw(Waiter w, int how) {
        int from = w.withdraw(how);
        if (from == Waiter.PARKED) {
            if (w.leftCount) {
                w.g.bubble.incRunnable(); // we left the count when we parked
            }
            return how;
        }
        return from == Waiter.WAITING ? how : from;
    }

    /** Wakes the goroutine of a waiter that the caller has claimed. Call it outside locks. */
    public static void unpark(Waiter w) {
        if (w.mustUnpark) { // else the owner saw the claim while spinning and never parked
            Thread t = w.g.thread;
            if (!t.isVirtual()) {
                LockSupport.unpark(t); // a thread that is not a goroutine: not the pool's business
            } else if (!Thread.currentThread().isVirtual()) {
                Fairness.submittedFromOutside(w.g); // an external submission (docs/adr/0017)
                LockSupport.unpark(t);
            } else if (Fairness.starving) {
                Fairness.handOff(w.g); // external work starves: wake it from outside
            } else {
                LockSupport.unpark(t);
            }
            G me = CURRENT.get();
            if (me != null) {
                me.lastWoken = w;
            }
        }
    }

    /**
     * Go's {@code sync_runtime_canSpin}: whether a goroutine contending for a sync primitive
     * (a mutex, a semaphore) may spin once more instead of queueing: at most 4 rounds of
     * {@link #doSpin()} (about a microsecond in all), and only with more than one carrier.
     * Go also asks that its P's local run queue be empty; the JVM does not show a carrier's
     * queue, and a lock's holder is running on another carrier (virtual threads are not
     * preempted), so a bounded spin usually beats parking, which costs a trip through the
     * scheduler (docs/adr/0008-sync-design.md).
     */
    public static boolean canSpin(int iter) {
        return iter < 4 && SPIN_NANOS != 0L;
    }

    /** Go's {@code sync_runtime_doSpin}: one short round of busy-waiting (30 pauses, as Go). */
    public static void doSpin() {
        for (int i = 0; i < 30; i++) {
            Thread.onSpinWait();
        }
    }

    /**
     * Parks one of go4j's own runtime threads (the real clock's timer thread — not a goroutine,
     * not counted) until {@code deadlineNanos} of {@link System#nanoTime()}, or until unparked,
     * or for ever if {@code deadlineNanos} is {@link Long#MAX_VALUE}. May return early.
     */
    public static void parkRuntimeThread(Object blocker, long deadlineNanos) {
        if (deadlineNanos == Long.MAX_VALUE) {
            LockSupport.park(blocker);
        } else {
            long d = deadlineNanos - System.nanoTime();
            if (d > 0) {
                LockSupport.parkNanos(blocker, d);
            }
        }
    }

    /** Wakes a runtime thread parked in {@link #parkRuntimeThread}. */
    public static void unparkRuntimeThread(Thread t) {
        LockSupport.unpark(t);
    }

    /**
     * Blocks the calling goroutine for ever (a nil channel, {@code select {}}), until it is
     * interrupted; then returns {@link Waiter#CANCELLED}.
     */
    public static int parkForever(WaitReason reason) {
        Waiter w = new Waiter(current());
        return park(w, reason, null);
    }
}
