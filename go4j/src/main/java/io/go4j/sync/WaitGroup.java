package io.go4j.sync;

import io.go4j.Go;
import io.go4j.Panic;
import io.go4j.WaitInterruptedException;
import io.go4j.internal.park.Bubble;
import io.go4j.internal.park.Park;
import io.go4j.internal.park.RuntimeLock;
import io.go4j.internal.park.WaitReason;
import io.go4j.internal.park.Waiter;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;

/**
 * Waits for a collection of goroutines to finish: Go's {@code sync.WaitGroup}.
 *
 * {@snippet :
 * WaitGroup wg = new WaitGroup();          // var wg sync.WaitGroup
 * for (int i = 1; i <= 3; i++) {
 *     int id = i;
 *     wg.add(1);                           // wg.Add(1)
 *     Go.go(() -> {                        // go func() {
 *         try {                            //     defer wg.Done()
 *             work(id);
 *         } finally {
 *             wg.done();
 *         }
 *     });                                  // }()
 * }
 * wg.await();                              // wg.Wait()
 * }
 *
 * <p>Memory effects: each {@link #done()} happens-before the return of the {@link #await()}
 * it releases. Safe for use by any number of goroutines. Waits go through the park facility
 * with wait reason {@code sync.WaitGroup.Wait}.
 *
 * <p>Misuse panics with Go's messages: {@code sync: negative WaitGroup counter} when the
 * counter goes below zero; {@code sync: WaitGroup is reused before previous Wait has returned}
 * when {@code add} raises the counter from zero while released waiters have not yet left
 * {@code await}.
 *
 * <p>{@code Wait} is named {@code await} because {@code Object.wait()} is final in Java.
 */
public final class WaitGroup {

    /**
     * Go's {@code wg.state}: the counter in the high 32 bits, the number of queued waiters in
     * the low 32. {@code add} is one compare-and-set, and {@code done} one fetch-and-add while
     * the counter stays above zero, unless it brings the counter to zero while goroutines
     * wait; only then does it take the lock.
     */
    @SuppressWarnings("unused") // accessed through STATE
    private volatile long state;

    /** Guards the waiter list and the waiter count's changes; never held while parked. */
    private final RuntimeLock mu = new RuntimeLock() { };
    private ArrayList<Waiter> waiters;  // guarded by mu; as many as the low half of state
    private volatile int leaving;       // changed under mu: released waiters not yet returned
    /** synctest: the bubble of the last add that raised the counter (Go ties a group to it). */
    private volatile Bubble addBubble = Bubble.ROOT;

    /** A wait group whose counter is zero: Go's {@code var wg sync.WaitGroup}. */
    public WaitGroup() {
    }

    /** Adds {@code delta} (which may be negative) to the counter: Go's {@code wg.Add(delta)}. */
    public void add(int delta) {
        if (delta > 0 && Bubble.anyBubbles) {
            addBubble = Bubble.creating();
        }
        for (;;) {
            long s = state;
            int v = (int) (s >> 32);
            int w = (int) s;
            long next = (long) v + delta;
            // Check before writing: a misuse panics and leaves the counter as it was, so no
            // other goroutine ever sees the counter it would have had.
            if (next < 0) {
                throw new Panic("sync: negative WaitGroup counter");
            }
            if (delta > 0 && v == 0 && leaving > 0) {
                throw new Panic("sync: WaitGroup is reused before previous Wait has returned");
            }
            if (STATE.compareAndSet(this, s, (next << 32) | (w & 0xFFFF_FFFFL))) {
                if (next > 0 || w == 0) {
                    return;
                }
                release();
                return;
            }
        }
    }

    /** The counter reached zero with goroutines queued: wake them all. */
    private void release() {
        ArrayList<Waiter> woken;
        mu.lock();
        long s = state;
        if ((int) (s >> 32) != 0 || waiters == null) {
            mu.unlock(); // raised again meanwhile (Go calls that misuse), or released already
            return;
        }
        woken = waiters;
        waiters = null;
        STATE.getAndAdd(this, -(long) woken.size()); // waiters only change under mu
        int n = 0;
        for (int i = 0; i < woken.size(); i++) {
            Waiter w = woken.get(i);
            if (w.claim(0)) {
                woken.set(n++, w);
            }
        }
        leaving += n;
        mu.unlock();
        for (int i = 0; i < n; i++) {
            Park.unpark(woken.get(i));
        }
    }

    /** Go's {@code wg.Done()}: {@code add(-1)}. */
    public void done() {
        // Fast path, Go's one atomic add: while the counter is above one, a Done that cannot be
        // the last is a single fetch-and-add (no compare-and-set to retry when eight goroutines
        // call Done at once). Everything else goes through add's checked compare-and-set.
        if ((int) ((long) STATE.getVolatile(this) >> 32) > 1) {
            long prev = (long) STATE.getAndAdd(this, -(1L << 32));
            int v = (int) (prev >> 32);
            if (v > 1) {
                return; // still above zero
            }
            if (v == 1) { // others' Dones got in between: this one brought the counter to zero
                if ((int) prev != 0) {
                    release();
                }
                return;
            }
            // The counter was already zero (more Dones than Adds, racing): put it back, so that
            // nobody sees a negative counter for longer than this, and release any waiter that
            // queued on the transient value; then panic, as Go does.
            long back = (long) STATE.getAndAdd(this, 1L << 32) + (1L << 32);
            if ((int) (back >> 32) == 0 && (int) back != 0) {
                release();
            }
            throw new Panic("sync: negative WaitGroup counter");
        }
        add(-1);
    }

    /**
     * Blocks until the counter is zero: Go's {@code wg.Wait()}.
     *
     * @throws WaitInterruptedException if interrupted while waiting
     */
    public void await() {
        if ((int) ((long) STATE.getVolatile(this) >> 32) == 0) {
            return;
        }
        Waiter w = new Waiter(Park.current());
        // synctest: a wait is durable only on a group whose Add was called in the same bubble
        w.notDurable = addBubble != w.g.bubble;
        mu.lock();
        for (;;) {
            long s = state;
            if ((int) (s >> 32) == 0) {
                mu.unlock();
                return;
            }
            if (STATE.compareAndSet(this, s, s + 1)) {
                break;
            }
        }
        if (waiters == null) {
            waiters = new ArrayList<>(2);
        }
        waiters.add(w);
        mu.unlock();
        int st = Park.park(w, WaitReason.SYNC_WAITGROUP_WAIT, this);
        mu.lock();
        if (st == Waiter.CANCELLED) {
            // Still queued unless a release took the list (its claim of us failed, and it has
            // already taken us out of the count).
            if (waiters != null && waiters.remove(w)) {
                STATE.getAndAdd(this, -1L);
            }
            mu.unlock();
            throw new WaitInterruptedException("sync.WaitGroup.Wait");
        }
        leaving--;
        mu.unlock();
    }

    /**
     * Runs {@code f} in a new goroutine counted by this group: Go 1.25's {@code wg.Go(f)}
     * ({@code add(1)}, then {@code go}, with {@code done()} when {@code f} returns or throws).
     */
    public void go(Runnable f) {
        add(1);
        Go.go(() -> {
            try {
                f.run();
            } finally {
                done();
            }
        });
    }

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(WaitGroup.class, "state", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
