package io.go4j.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.go4j.sync.Cond;
import io.go4j.sync.Mutex;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * {@link Cond}: a {@code signal} or {@code broadcast} happens-before the return of the
 * {@code await} it wakes — the contract in {@link Cond}'s javadoc (The Go Memory Model and
 * SEMANTICS.md §4 list no rule for {@code sync.Cond}; §6 rule 5 gives its behaviour).
 *
 * <p>The mutex alone must not explain the visibility, so the signaller writes {@code x}
 * <em>after</em> its critical section, just before signalling. The waiter loops on a
 * {@code ready} flag set under the mutex, as Go's callers do, so no wake-up is lost: a waiter
 * that found {@code ready} false queued inside {@code await} before it released the mutex, hence
 * before the signaller's critical section, hence before the signal. It records whether it
 * waited. Not waited: nothing orders {@code x}, either value is fine. Waited: it was woken by the
 * signal (go4j has no spurious wake-ups), which came after {@code x = 1}.
 */
public final class CondSignalHappensBeforeWaitReturn {

    private CondSignalHappensBeforeWaitReturn() {
    }

    /** The shared shape: the waiter's side. */
    abstract static class Shape {
        final Mutex mu = new Mutex();
        final Cond cond = new Cond(mu);
        boolean ready; // guarded by mu
        int x;

        void waiter(II_Result r) {
            int waited = 0;
            mu.lock();
            while (!ready) {
                waited = 1;
                cond.await();
            }
            mu.unlock();
            r.r1 = waited;
            r.r2 = x;
        }

        void announce() {
            mu.lock();
            ready = true;
            mu.unlock();
            x = 1;
        }
    }

    /** {@code signal}: wakes the waiter, if it waits. */
    @JCStressTest
    @Description("mu.lock(); ready = true; mu.unlock(); x = 1; cond.signal()  ||  mu.lock(); while (!ready) cond.await(); mu.unlock(); r2 = x")
    @Outcome(id = {"0, 0", "0, 1"}, expect = ACCEPTABLE, desc = "the waiter found ready set and did not wait; x may be either")
    @Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "the waiter was woken by the signal and sees the write before it")
    @Outcome(id = "1, 0", expect = FORBIDDEN, desc = "the waiter was woken by the signal, but the write before it is not visible")
    @State
    public static class Signal extends Shape {
        @Actor
        public void signaller() {
            announce();
            cond.signal();
        }

        @Actor
        public void waiting(II_Result r) {
            waiter(r);
        }
    }

    /** {@code broadcast}: the same with a broadcast. */
    @JCStressTest
    @Description("mu.lock(); ready = true; mu.unlock(); x = 1; cond.broadcast()  ||  mu.lock(); while (!ready) cond.await(); mu.unlock(); r2 = x")
    @Outcome(id = {"0, 0", "0, 1"}, expect = ACCEPTABLE, desc = "the waiter found ready set and did not wait; x may be either")
    @Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "the waiter was woken by the broadcast and sees the write before it")
    @Outcome(id = "1, 0", expect = FORBIDDEN, desc = "the waiter was woken by the broadcast, but the write before it is not visible")
    @State
    public static class Broadcast extends Shape {
        @Actor
        public void broadcaster() {
            announce();
            cond.broadcast();
        }

        @Actor
        public void waiting(II_Result r) {
            waiter(r);
        }
    }
}
