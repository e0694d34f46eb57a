package io.go4j.internal.park;

/**
 * One timer of a {@link Clock}: Go's runtime {@code timer} ({@code runtime/time.go}). The
 * kinds — a sleeping goroutine, a function run in a new goroutine, a timer channel — differ
 * only in {@link #fire}.
 *
 * <h2>State (guarded by this timer's own lock)</h2>
 * {@code when} is the deadline on the clock's scale, 0 when not pending; {@code period} is
 * non-zero for a ticker; {@code heaped} says whether the heap holds a live slot for it, and
 * {@code heapGen} names that slot — stopping or resetting bumps it, which turns the slot into
 * a zombie that the heap drops lazily ({@link TimerHeap}).
 *
 * <h2>Channel timers are lazy (Go 1.23)</h2>
 * A timer whose only effect is a value on its channel is in the heap only while some
 * goroutine is blocked receiving from that channel ({@code blocked > 0}); otherwise a receive
 * first asks {@link #maybeRun()} whether it is due and, if so, runs it on the spot. So a timer
 * nobody waits for costs nothing in the heap, and once unreferenced it is garbage, however
 * far its deadline — Go 1.23's "unreferenced timers are collected". A timer of any other
 * kind is in the heap whenever it is pending.
 *
 * <p>Lock order: a channel timer's channel lock, then this timer's lock, then the heap's lock.
 * A firing takes the timer lock alone, releases it, then fires (a channel timer then takes its
 * channel's lock).
 */
public abstract class Timer extends RuntimeLock {

    protected final Clock clock;
    private final boolean lazy;

    long when;          // guarded; 0: not pending
    long period;        // guarded; > 0 for a ticker
    private volatile boolean heaped;
    private volatile int heapGen;
    private int blocked; // guarded; goroutines blocked on the channel (lazy timers)

    protected Timer(Clock clock, boolean lazy) {
        this.clock = clock;
        this.lazy = lazy;
    }

    /**
     * What the timer does when it goes off, called with no lock held.
     *
     * @param now   the clock's time of the firing
     * @param delay how late the firing is, in nanoseconds (&gt;= 0)
     * @param token what {@link #beforeFire()} returned for this firing
     */
    protected abstract void fire(long now, long delay, int token);

    /**
     * Called with the timer lock held just before it is released to fire; its result is
     * passed to {@link #fire}. A channel timer notes the firing's sequence number. Default: 0.
     */
    protected int beforeFire() {
        return 0;
    }

    /** The clock this timer belongs to. */
    public final Clock clock() {
        return clock;
    }

    // ---- the operations (Go's timer.modify / timer.stop), for subclasses

    /**
     * Makes the timer pending with deadline {@code when} and {@code period} (0: once),
     * replacing any pending deadline. Caller holds this timer's lock.
     *
     * @return whether it was pending before
     */
    protected final boolean modifyLocked(long when, long period) {
        boolean pending = this.when > 0;
        invalidateLocked();
        this.when = Math.max(when, 1L); // 0 means "not pending"
        this.period = period;
        if (!lazy || blocked > 0) {
            pushLocked();
        }
        return pending;
    }

    /** Stops the timer. Caller holds this timer's lock. @return whether it was pending */
    protected final boolean stopLocked() {
        boolean pending = when > 0;
        when = 0;
        invalidateLocked();
        return pending;
    }

    /** The period; caller holds this timer's lock. */
    protected final long period() {
        return period;
    }

    /** Locks this timer while the caller holds other runtime locks. */
    protected final void lockTimerNested() {
        lockNested();
    }

    // ---- lazy channel timers: blocking receivers and polling

    /**
     * A goroutine is about to block on this timer's channel (Go's {@code blockTimerChan}).
     * Called with the channel's lock held.
     */
    public final void block() {
        lockNested();
        blocked++;
        if (when > 0 && !heaped) {
            pushLocked();
        }
        unlock();
    }

    /** A goroutine blocked on the channel has stopped waiting (Go's {@code unblockTimerChan}). */
    public final void unblock() {
        lock();
        blocked--;
        if (blocked == 0 && lazy) {
            invalidateLocked(); // nobody waits: leave the heap; a poll will run it when due
        }
        unlock();
    }

    /**
     * Runs the timer now if it is due and not in the heap (Go's {@code maybeRunChan}): called
     * before every receive from a timer channel, with no lock held.
     */
    public final void maybeRun() {
        if (heaped) {
            return; // the driver will fire it
        }
        lock();
        long now;
        if (heaped || when == 0 || when > (now = clock.nanoTime())) {
            unlock();
            return;
        }
        unlockAndRun(now);
    }

    // ---- the heap's side

    /** Whether the heap slot of generation {@code gen} is still this timer's live slot. */
    final boolean isLive(int gen) {
        return heaped && heapGen == gen;
    }

    /** The driver popped a slot of this timer whose deadline has passed. */
    final void runFromHeap(int gen, long now) {
        lock();
        if (!heaped || heapGen != gen) {
            unlock();
            clock.timers.zombies.decrementAndGet();
            return;
        }
        heaped = false;
        heapGen++;
        if (when == 0) {
            unlock();
            return;
        }
        if (when > now) { // cannot happen (a new deadline gets a new slot); be safe
            pushLocked();
            unlock();
            return;
        }
        unlockAndRun(now);
    }

    /** Go's {@code unlockAndRun}: advances or clears the deadline, unlocks, fires. Lock held. */
    private void unlockAndRun(long now) {
        long delay = now - when;
        if (period > 0) {
            long next = when + period * (1 + delay / period);
            when = next < 0 ? Long.MAX_VALUE : next;
            if (!lazy || blocked > 0) {
                pushLocked();
            }
        } else {
            when = 0;
        }
        int token = beforeFire();
        unlock();
        fire(now, delay, token);
    }

    private void pushLocked() {
        int g = heapGen + 1;
        heapGen = g;
        heaped = true;
        clock.timers.push(this, when, g);
    }

    private void invalidateLocked() {
        if (heaped) {
            heaped = false;
            heapGen++;
            clock.timers.zombieAdded();
        }
    }

    // ---- two simple kinds

    /** Blocks the calling goroutine for {@code nanos} on its clock: Go's {@code time.Sleep}. */
    public static int sleep(long nanos) {
        G g = Park.current();
        Clock c = g.bubble.clock();
        Waiter w = new Waiter(g);
        Timer t = new Timer(c, false) {
            @Override
            protected void fire(long now, long delay, int token) {
                if (w.claim(0)) {
                    Park.unpark(w);
                }
            }
        };
        t.lock();
        t.modifyLocked(c.deadlineAfter(nanos), 0);
        t.unlock();
        int st = Park.park(w, WaitReason.SLEEP, null);
        if (st == Waiter.CANCELLED) {
            t.lock();
            t.stopLocked();
            t.unlock();
        }
        return st;
    }

    /** A timer that runs a function in a new goroutine: Go's {@code time.AfterFunc}. */
    public static final class Func extends Timer {
        private final Runnable f;

        public Func(Clock clock, Runnable f) {
            super(clock, false);
            this.f = f;
        }

        @Override
        protected void fire(long now, long delay, int token) {
            Park.spawnIn(clock.bubble(), f);
        }

        /** Go's {@code t.Reset(d)} for a function timer. @return whether it was pending */
        public boolean reset(long nanos) {
            lock();
            try {
                return modifyLocked(clock.deadlineAfter(nanos), 0);
            } finally {
                unlock();
            }
        }

        /** Go's {@code t.Stop()}. @return whether it was pending (f will not run) */
        public boolean stop() {
            lock();
            try {
                return stopLocked();
            } finally {
                unlock();
            }
        }
    }
}
