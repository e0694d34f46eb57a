package io.go4j.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.go4j.sync.Mutex;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;
import org.openjdk.jcstress.infra.results.I_Result;

/**
 * SEMANTICS.md §4 rule 5 (Mutex part): {@code Unlock} happens-before the next {@code Lock}
 * returns.
 *
 * <p>Go: "For any sync.Mutex or sync.RWMutex variable l and n &lt; m, call n of l.Unlock() is
 * synchronized before call m of l.Lock() returns", and "a successful call to l.TryLock is
 * equivalent to a call to l.Lock" (The Go Memory Model, "Locks"). One actor writes plain fields
 * and unlocks; the other locks and reads them. Which actor had the mutex first is told by a flag
 * written under the lock, so that "locked after the unlock, yet the write is not visible" is a
 * distinct, {@code FORBIDDEN} outcome.
 */
public final class MutexUnlockHappensBeforeLock {

    private MutexUnlockHappensBeforeLock() {
    }

    /**
     * The mutex starts locked (by the state's constructor); the writer unlocks it — Go allows any
     * goroutine to unlock — and the reader's {@code lock} waits for that unlock (spinning or
     * parked), so it always comes after it.
     */
    @JCStressTest
    @Description("locked: x = 1; mu.unlock()  ||  mu.lock(); r1 = x; mu.unlock()")
    @Outcome(id = "1", expect = ACCEPTABLE, desc = "lock returned after the unlock, the write before it is visible")
    @Outcome(id = "0", expect = FORBIDDEN, desc = "lock returned after the unlock, but the write before it is not visible")
    @State
    public static class UnlockedByOther {
        final Mutex mu = new Mutex();
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
            mu.lock();
            r.r1 = x;
            mu.unlock();
        }
    }

    /**
     * {@code x} is written before the writer's critical section, the flag inside it; the reader
     * reads the flag inside its own and {@code x} after it. Flag seen: the reader's lock came
     * after the writer's unlock, so {@code x} must be visible.
     */
    @JCStressTest
    @Description("x = 1; mu.lock(); flag = 1; mu.unlock()  ||  mu.lock(); r1 = flag; mu.unlock(); r2 = x")
    @Outcome(id = {"0, 0", "0, 1"}, expect = ACCEPTABLE, desc = "the reader locked first; x may be either")
    @Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "the reader locked second and sees the write before the unlock")
    @Outcome(id = "1, 0", expect = FORBIDDEN, desc = "the reader locked second, but the write before the unlock is not visible")
    @State
    public static class WriteBeforeLock {
        final Mutex mu = new Mutex();
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
            mu.lock();
            r.r1 = flag;
            mu.unlock();
            r.r2 = x;
        }
    }

    /**
     * Both fields written and read inside the critical sections (through {@code locked()}): the
     * reader sees neither or both — mutual exclusion and happens-before together.
     */
    @JCStressTest
    @Description("try (mu.locked()) { x = 1; y = 1 }  ||  try (mu.locked()) { r1 = x; r2 = y }")
    @Outcome(id = "0, 0", expect = ACCEPTABLE, desc = "the reader locked first")
    @Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "the reader locked second and sees both writes")
    @Outcome(expect = FORBIDDEN, desc = "the reader sees one write only: not excluded, or not visible")
    @State
    public static class WriteInside {
        final Mutex mu = new Mutex();
        int x; // guarded by mu
        int y; // guarded by mu

        @Actor
        public void writer() {
            try (var held = mu.locked()) {
                x = 1;
                y = 1;
            }
        }

        @Actor
        public void reader(II_Result r) {
            try (var held = mu.locked()) {
                r.r1 = x;
                r.r2 = y;
            }
        }
    }

    /** A successful {@code tryLock} counts as a lock: after the writer's unlock it sees the write. */
    @JCStressTest
    @Description("x = 1; mu.lock(); flag = 1; mu.unlock()  ||  if (mu.tryLock()) { r1 = flag; mu.unlock(); r2 = x } else r1 = r2 = -1")
    @Outcome(id = "-1, -1", expect = ACCEPTABLE, desc = "tryLock failed: the writer held the mutex")
    @Outcome(id = {"0, 0", "0, 1"}, expect = ACCEPTABLE, desc = "tryLock succeeded first; x may be either")
    @Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "tryLock succeeded after the unlock and sees the write before it")
    @Outcome(id = "1, 0", expect = FORBIDDEN, desc = "tryLock succeeded after the unlock, but the write before it is not visible")
    @State
    public static class TryLock {
        final Mutex mu = new Mutex();
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
            if (mu.tryLock()) {
                r.r1 = flag;
                mu.unlock();
                r.r2 = x;
            } else {
                r.r1 = -1;
                r.r2 = -1;
            }
        }
    }
}
