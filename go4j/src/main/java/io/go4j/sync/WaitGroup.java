package io.go4j.sync;

import io.go4j.Go;
import io.go4j.Panic;
import io.go4j.WaitInterruptedException;
import io.go4j.internal.park.Park;
import io.go4j.internal.park.RuntimeLock;
import io.go4j.internal.park.WaitReason;
import io.go4j.internal.park.Waiter;

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

    /** Guards the fields below; a runtime lock, never held while parked. */
    private final RuntimeLock mu = new RuntimeLock() { };


    private long counter;                                   // guarded by mu
    private ArrayList<Waiter> waiters = new ArrayList<>(2); // guarded by mu
    private int leaving;                                    // guarded by mu: released, not yet returned

    /** A wait group whose counter is zero: Go's {@code var wg sync.WaitGroup}. */
    public WaitGroup() {
    }

    /** Adds {@code delta} (which may be negative) to the counter: Go's {@code wg.Add(delta)}. */
    public void add(int delta) {
        ArrayList<Waiter> release = null;
        mu.lock();
        try {
            long before = counter;
            long after = before + delta;
            if (after < 0) {
                counter = 0;
                throw new Panic("sync: negative WaitGroup counter");
            }
            if (before == 0 && delta > 0 && leaving > 0) {
                throw new Panic("sync: WaitGroup is reused before previous Wait has returned");
            }
            counter = after;
            if (after == 0 && !waiters.isEmpty()) {
                release = new ArrayList<>(waiters.size());
                for (Waiter w : waiters) {
                    if (w.claim(0)) {
                        release.add(w);
                    }
                }
                leaving += release.size();
                waiters = new ArrayList<>(2);
            }
        } finally {
            mu.unlock();
        }
        if (release != null) {
            for (Waiter w : release) {
                Park.unpark(w);
            }
        }
    }

    /** Go's {@code wg.Done()}: {@code add(-1)}. */
    public void done() {
        add(-1);
    }

    /**
     * Blocks until the counter is zero: Go's {@code wg.Wait()}.
     *
     * @throws WaitInterruptedException if interrupted while waiting
     */
    public void await() {
        mu.lock();
        if (counter == 0) {
            mu.unlock();
            return;
        }
        Waiter w = new Waiter(Park.current());
        waiters.add(w);
        mu.unlock();
        int st = Park.park(w, WaitReason.SYNC_WAITGROUP_WAIT, this);
        mu.lock();
        if (st == Waiter.CANCELLED) {
            waiters.remove(w);
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
}
