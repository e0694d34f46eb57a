package io.go4j.pipe;

import io.go4j.Chan;
import io.go4j.RecvChan;
import io.go4j.Select;
import io.go4j.WaitInterruptedException;
import io.go4j.context.Context;
import io.go4j.sync.Mutex;

import static io.go4j.Case.recv;

/**
 * A reusable (cyclic) barrier for {@code n} goroutines: each {@link #await()} blocks until
 * {@code n} goroutines have arrived; then all of them go on and the barrier is ready for the
 * next round.
 *
 * <p>Go equivalent: the barrier of the seeds, made generation-safe — each round has its own
 * channel, closed by the last arrival, so a fast goroutine that re-enters for the next round
 * waits on the next round's channel and can never be released by (or release) the previous one:
 * {@snippet lang=go :
 * func (b *Barrier) Wait() {
 *     b.mu.Lock()
 *     round := b.round                 // this round's channel
 *     b.count++
 *     if b.count == b.n {              // last to arrive:
 *         b.count = 0
 *         b.round = make(chan struct{}) // next round
 *         close(round)                 // release this one
 *     }
 *     b.mu.Unlock()
 *     <-round
 * }
 * }
 *
 * {@snippet :
 * Barrier barrier = new Barrier(workers);
 * for (int w = 0; w < workers; w++) {
 *     Go.go(() -> {
 *         phase1();
 *         barrier.await(ctx);   // nobody starts phase 2 before everybody finished phase 1
 *         phase2();
 *     });
 * }
 * }
 *
 * <p>A wait that is cancelled — its context done, or its thread interrupted — before the round
 * completes withdraws its arrival and leaves the barrier as if it had never come (the round
 * then needs another arrival). If the round completed first, the wait returns normally (an
 * interrupt stays pending). This differs from Java's {@code CyclicBarrier}, which breaks for
 * everybody.
 *
 * <p>Memory effects: everything each of the {@code n} goroutines did before its
 * {@code await} of a round happens-before every one of them returns from that {@code await}.
 * Thread-safety: made for concurrent use by any number of goroutines.
 */
public final class Barrier {

    // Implementation: a mutex guards (arrived, round); 'round' is the channel of the current
    // generation. Invariants: 0 <= arrived < parties between calls; a round's channel is
    // closed exactly once, by its last arrival, after 'round' was replaced under the lock, so
    // a waiter that observed round r (under the lock) is released exactly when r completes.
    // Withdrawal (cancelled wait) decrements 'arrived' only if 'round' is still the channel
    // the waiter arrived on; otherwise that round completed and the waiter counts as passed.

    private final int parties;                // written once before publication
    private final Mutex mu = new Mutex();
    private int arrived;                      // guarded by mu
    private Chan<Void> round = Chan.make();   // guarded by mu

    /**
     * A barrier for {@code parties} goroutines.
     *
     * @throws IllegalArgumentException if {@code parties < 1}
     */
    public Barrier(int parties) {
        if (parties < 1) {
            throw new IllegalArgumentException("parties must be positive: " + parties);
        }
        this.parties = parties;
    }

    /**
     * Waits until {@code n} goroutines have arrived in this round: Go's {@code b.Wait()}.
     *
     * @return true for exactly one goroutine per round: the last to arrive (it did not wait)
     * @throws WaitInterruptedException if interrupted before the round completed; the arrival
     *                                  was withdrawn and the interrupt status stays set
     */
    public boolean await() {
        return await(null);
    }

    /**
     * Waits until {@code n} goroutines have arrived in this round, or {@code ctx} is done.
     *
     * @param ctx null to wait without a context
     * @return true for exactly one goroutine per round: the last to arrive
     * @throws io.go4j.context.ContextException {@code ctx.err()} if {@code ctx} was done before
     *         the round completed; the arrival was withdrawn
     * @throws WaitInterruptedException if interrupted before the round completed; the arrival
     *                                  was withdrawn and the interrupt status stays set
     */
    public boolean await(Context ctx) {
        Chan<Void> mine;
        mu.lock();
        try {
            mine = round;
            if (++arrived == parties) {
                arrived = 0;
                round = Chan.make();
                mine.close();
                return true;
            }
        } finally {
            mu.unlock();
        }
        RecvChan<Void> done = ctx == null ? null : ctx.done();
        boolean passed;
        try {
            passed = Select.<Boolean>select(
                    recv(mine, x -> true),
                    recv(done, x -> false));
        } catch (WaitInterruptedException e) {
            if (withdraw(mine)) {
                throw e;
            }
            return false; // the round completed first: passed, the interrupt stays pending
        }
        if (!passed && withdraw(mine)) {
            throw ctx.err();
        }
        return false;
    }

    /** Takes back an arrival in round {@code mine}; false if that round has completed. */
    private boolean withdraw(Chan<Void> mine) {
        mu.lock();
        try {
            if (round != mine) {
                return false;
            }
            arrived--;
            return true;
        } finally {
            mu.unlock();
        }
    }

    /** The number of goroutines each round waits for. */
    public int parties() {
        return parties;
    }

    /** How many goroutines are waiting in the current round (a snapshot). */
    public int waiting() {
        mu.lock();
        try {
            return arrived;
        } finally {
            mu.unlock();
        }
    }

    @Override
    public String toString() {
        return "Barrier[" + waiting() + "/" + parties + "]";
    }
}
