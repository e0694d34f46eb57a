package io.go4j.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.go4j.sync.RWMutex;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;
import org.openjdk.jcstress.infra.results.I_Result;

/**
 * SEMANTICS.md §4 rule 5 (RWMutex part): a writer's {@code Unlock} happens-before the
 * {@code RLock} calls that return after it, and a reader's {@code RUnlock} happens-before the
 * {@code Lock} that returns after it.
 *
 * <p>Go: "For any call to l.RLock on a sync.RWMutex variable l, there is an n such that the nth
 * call to l.Unlock is synchronized before the return from l.RLock, and the matching call to
 * l.RUnlock is synchronized before the return from call n+1 to l.Lock" (The Go Memory Model,
 * "Locks"). In each test one actor writes plain fields and releases; the other acquires and
 * reads.
 */
public final class RWMutexUnlockHappensBeforeLock {

    private RWMutexUnlockHappensBeforeLock() {
    }

    /**
     * Write-locked by the state's constructor; the writer unlocks, and the reader's
     * {@code rLock} waits for that (it queues behind the writer), so it always sees the write.
     */
    @JCStressTest
    @Description("write-locked: x = 1; mu.unlock()  ||  mu.rLock(); r1 = x; mu.rUnlock()")
    @Outcome(id = "1", expect = ACCEPTABLE, desc = "rLock returned after the unlock, the write before it is visible")
    @Outcome(id = "0", expect = FORBIDDEN, desc = "rLock returned after the unlock, but the write before it is not visible")
    @State
    public static class UnlockThenRLock {
        final RWMutex mu = new RWMutex();
        int x;

        {
            mu.lock();
        }

        @Actor
        public void writer() {
            x = 1;
            mu.unlock();
        }

        @Actor
        public void reader(I_Result r) {
            mu.rLock();
            r.r1 = x;
            mu.rUnlock();
        }
    }

    /**
     * Read-locked by the state's constructor; the first actor writes and read-unlocks (a reader
     * that writes before releasing: it is the release that is tested), and the second actor's
     * {@code lock} waits for the last reader to leave, so it always sees the write.
     */
    @JCStressTest
    @Description("read-locked: x = 1; mu.rUnlock()  ||  mu.lock(); r1 = x; mu.unlock()")
    @Outcome(id = "1", expect = ACCEPTABLE, desc = "lock returned after the rUnlock, the write before it is visible")
    @Outcome(id = "0", expect = FORBIDDEN, desc = "lock returned after the rUnlock, but the write before it is not visible")
    @State
    public static class RUnlockThenLock {
        final RWMutex mu = new RWMutex();
        int x;

        {
            mu.rLock();
        }

        @Actor
        public void reader() {
            x = 1;
            mu.rUnlock();
        }

        @Actor
        public void writer(I_Result r) {
            mu.lock();
            r.r1 = x;
            mu.unlock();
        }
    }

    /**
     * A writer and a reader racing for an unlocked RWMutex, both fields inside the critical
     * sections: the reader sees neither write or both — exclusion and happens-before together.
     */
    @JCStressTest
    @Description("mu.lock(); x = 1; y = 1; mu.unlock()  ||  mu.rLock(); r1 = x; r2 = y; mu.rUnlock()")
    @Outcome(id = "0, 0", expect = ACCEPTABLE, desc = "the reader locked first")
    @Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "the reader locked second and sees both writes")
    @Outcome(expect = FORBIDDEN, desc = "the reader sees one write only: not excluded, or not visible")
    @State
    public static class WriterThenReader {
        final RWMutex mu = new RWMutex();
        int x; // guarded by mu
        int y; // guarded by mu

        @Actor
        public void writer() {
            mu.lock();
            x = 1;
            y = 1;
            mu.unlock();
        }

        @Actor
        public void reader(II_Result r) {
            mu.rLock();
            r.r1 = x;
            r.r2 = y;
            mu.rUnlock();
        }
    }

    /**
     * A successful {@code tryRLock} after the writer's unlock sees what the writer wrote before
     * its critical section (the flag inside it tells the order).
     */
    @JCStressTest
    @Description("x = 1; mu.lock(); flag = 1; mu.unlock()  ||  if (mu.tryRLock()) { r1 = flag; mu.rUnlock(); r2 = x } else r1 = r2 = -1")
    @Outcome(id = "-1, -1", expect = ACCEPTABLE, desc = "tryRLock failed: the writer held the lock")
    @Outcome(id = {"0, 0", "0, 1"}, expect = ACCEPTABLE, desc = "tryRLock succeeded first; x may be either")
    @Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "tryRLock succeeded after the unlock and sees the write before it")
    @Outcome(id = "1, 0", expect = FORBIDDEN, desc = "tryRLock succeeded after the unlock, but the write before it is not visible")
    @State
    public static class TryRLock {
        final RWMutex mu = new RWMutex();
        int x;
        int flag; // guarded by mu

        @Actor
        public void writer() {
            x = 1;
            mu.lock();
            flag = 1;
            mu.unlock();
        }

        @Actor
        public void reader(II_Result r) {
            if (mu.tryRLock()) {
                r.r1 = flag;
                mu.rUnlock();
                r.r2 = x;
            } else {
                r.r1 = -1;
                r.r2 = -1;
            }
        }
    }
}
