package io.go4j.sync;

import io.go4j.Chan;
import io.go4j.FatalError;
import io.go4j.Go;
import io.go4j.Goroutine;
import io.go4j.Panic;
import io.go4j.WaitInterruptedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The rules of SEMANTICS.md §6 (sync) and §4.5 (the happens-before edges of sync), one test per
 * rule or per part of a rule, each named after it; plus the wait reasons (§8.2) a goroutine
 * shows while it waits in a sync primitive, and go4j's interrupt policy for those waits
 * (docs/adr/0002-interrupt-policy.md).
 *
 * <p>No test sleeps to let things settle: a goroutine is known to wait when its
 * {@link Goroutine#waitReason()} says so. The starvation tests must let more than 1 ms of real
 * time pass (Go's threshold) and poll {@link System#nanoTime()} for it. Where a test needs a
 * woken goroutine not to run yet (to win a race against it deterministically), it keeps every
 * carrier of the virtual-thread scheduler busy for that moment ({@link BusyCarriers}):
 * virtual threads are not preempted.
 */
@Timeout(60)
class SyncSemanticsTest {

    /** Long mode ({@code -Pstress-long}): more rounds for the racing tests. */
    private static final boolean LONG = "long".equals(System.getProperty("go4j.stress.mode", "short"));

    private static final String MUTEX_LOCK = "sync.Mutex.Lock";
    private static final String RWMUTEX_RLOCK = "sync.RWMutex.RLock";
    private static final String RWMUTEX_LOCK = "sync.RWMutex.Lock";
    private static final String COND_WAIT = "sync.Cond.Wait";
    private static final String WAITGROUP_WAIT = "sync.WaitGroup.Wait";

    // ------------------------------------------------------------------ 6.1 WaitGroup

    /** 6.1: Wait returns at once on a zero counter, blocks while it is positive, returns when Done zeroes it. */
    @Test
    void rule6_1_waitGroupWaitBlocksUntilCounterIsZero() {
        WaitGroup wg = new WaitGroup();
        wg.await(); // zero: no wait
        wg.add(2);
        Task<Void> waiter = start("waiter", wg::await);
        waiter.awaitParked(WAITGROUP_WAIT);
        wg.done();
        waiter.awaitParked(WAITGROUP_WAIT); // still one to go
        assertFalse(waiter.isDone(), "Wait returned with the counter at 1");
        wg.done();
        waiter.join();
    }

    /** 6.1: a negative counter panics with Go's message, from Add as from Done. */
    @Test
    void rule6_1_waitGroupNegativeCounterPanics() {
        WaitGroup wg = new WaitGroup();
        assertEquals("sync: negative WaitGroup counter", assertThrows(Panic.class, wg::done).getMessage());
        WaitGroup wg2 = new WaitGroup();
        wg2.add(1);
        assertEquals("sync: negative WaitGroup counter", assertThrows(Panic.class, () -> wg2.add(-2)).getMessage());
    }

    /** 6.1: wg.go(f) counts f's goroutine: Wait returns only after f has returned. */
    @Test
    void rule6_1_waitGroupGoCountsTheGoroutine() {
        WaitGroup wg = new WaitGroup();
        Chan<Boolean> release = Chan.make();
        int[] done = new int[3];
        for (int i = 0; i < done.length; i++) {
            int id = i;
            wg.go(() -> {
                release.recv();
                done[id] = 1; // plain write, published by wg.done() -> await
            });
        }
        Task<Void> waiter = start("waiter", wg::await);
        waiter.awaitParked(WAITGROUP_WAIT);
        for (int i = 0; i < done.length; i++) {
            release.send(true);
        }
        waiter.join();
        assertEquals(List.of(1, 1, 1), List.of(done[0], done[1], done[2]));
    }

    /**
     * 6.1: Add raising the counter from zero while a released Wait has not returned yet panics
     * "sync: WaitGroup is reused before previous Wait has returned". The released waiter is kept
     * from running (every carrier busy) between the Done that releases it and the Add.
     */
    @Test
    void rule6_1_waitGroupReuseBeforeWaitReturnedPanics() {
        WaitGroup wg = new WaitGroup();
        wg.add(1);
        Task<Void> waiter = start("waiter", wg::await);
        waiter.awaitParked(WAITGROUP_WAIT);
        Panic p;
        BusyCarriers busy = new BusyCarriers();
        try {
            wg.done(); // releases the waiter, which cannot run yet
            p = assertThrows(Panic.class, () -> wg.add(1));
        } finally {
            busy.close();
        }
        assertEquals("sync: WaitGroup is reused before previous Wait has returned", p.getMessage());
        waiter.join();
        wg.add(1); // once Wait has returned, the group may be reused
        wg.done();
    }

    // ------------------------------------------------------------------ 6.2 Mutex

    /**
     * 6.2: not reentrant — a second Lock by the holder waits (wait reason sync.Mutex.Lock); and
     * another goroutine may Unlock it, which lets that second Lock through.
     */
    @Test
    void rule6_2_mutexIsNotReentrantAndMayBeUnlockedByAnotherGoroutine() {
        Mutex m = new Mutex();
        Chan<Boolean> lockedOnce = Chan.make();
        Task<Void> g = start("relocker", () -> {
            m.lock();
            lockedOnce.send(true);
            m.lock(); // waits for ever, unless someone else unlocks
            m.unlock();
        });
        lockedOnce.recv();
        g.awaitParked(MUTEX_LOCK);
        assertFalse(g.isDone());
        m.unlock(); // the test thread unlocks the goroutine's first lock
        g.join();
        assertTrue(m.tryLock(), "the mutex should be free again");
        m.unlock();
    }

    /** 6.2: TryLock fails while the mutex is held (by anyone, the caller included) and succeeds when free. */
    @Test
    void rule6_2_mutexTryLockFailsWhileHeld() {
        Mutex m = new Mutex();
        assertTrue(m.tryLock());
        assertFalse(m.tryLock(), "TryLock by the holder");
        Task<Boolean> other = call("other", m::tryLock);
        assertFalse(other.join(), "TryLock by another goroutine");
        m.unlock();
        assertTrue(call("other", m::tryLock).join(), "TryLock on a free mutex");
        m.unlock();
    }

    /** 6.2: Unlock of an unlocked mutex is Go's fatal error; the mutex still works afterwards. */
    @Test
    void rule6_2_mutexUnlockOfUnlockedIsFatal() {
        Mutex m = new Mutex();
        FatalError e = assertThrows(FatalError.class, m::unlock);
        assertEquals("sync: unlock of unlocked mutex", e.getMessage());
        assertEquals("fatal error: sync: unlock of unlocked mutex", e.toString());
        m.lock();
        m.unlock();
        Locked held = m.locked();
        held.close();
        assertEquals("sync: unlock of unlocked mutex", assertThrows(FatalError.class, held::close).getMessage(),
                "closing a Locked twice unlocks twice");
        assertTrue(m.tryLock());
        m.unlock();
    }

    /** Queues goroutines that lock m, append their name to order and unlock: one by one, each parked first. */
    private static List<Task<Void>> queueWaiters(Mutex m, List<String> order, String... names) {
        List<Task<Void>> queued = new ArrayList<>();
        for (String name : names) {
            Task<Void> t = start(name, () -> {
                m.lock();
                order.add(name);
                m.unlock();
            });
            t.awaitParked(MUTEX_LOCK); // queued before the next one starts
            queued.add(t);
        }
        return queued;
    }

    /** Lets more than Go's starvation threshold (1 ms) of real time pass, by the clock, not by sleeping. */
    private static void passStarvationThreshold() {
        long since = System.nanoTime();
        while (System.nanoTime() - since < 2_000_000L) {
            Thread.onSpinWait();
        }
    }

    /**
     * 6.2 (fairness): waiters queued behind a holder all get the mutex, each exactly once, while
     * a goroutine hammers TryLock and another Lock/Unlock without pause — the bargers never
     * starve them. That is what Go guarantees: a woken waiter that loses to a barger requeues at
     * the front and, having waited more than 1 ms, switches the mutex to starvation mode, where
     * each Unlock hands it to the front waiter and newcomers queue at the tail. Go does not
     * guarantee the strict order A, B, C here: while the woken A requeues, a barger's Unlock
     * (already in starvation mode) may hand the mutex to B, the front waiter at that instant
     * (seen once: B, A, C); and if A's carrier is descheduled by the OS in that window, B's own
     * Unlock can hand it on to C. What it does guarantee is checked: A, B and C each acquire,
     * exactly once, while the bargers run. The bargers are platform threads: a loop that never
     * parks would hold a carrier for ever.
     */
    @Test
    void rule6_2_mutexQueuedWaitersAllAcquireDespiteBargers() {
        for (int round = 0; round < 10; round++) {
            Mutex m = new Mutex();
            List<String> order = new CopyOnWriteArrayList<>();
            m.lock();
            List<Task<Void>> queued = queueWaiters(m, order, "A", "B", "C");
            passStarvationThreshold();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger barges = new AtomicInteger();
            CompletableFuture<Void> tryLocker = startPlatform("tryLocker", () -> {
                while (!stop.get()) {
                    if (m.tryLock()) {
                        m.unlock();
                    }
                    barges.incrementAndGet();
                    Thread.onSpinWait();
                }
            });
            CompletableFuture<Void> locker = startPlatform("locker", () -> {
                while (!stop.get()) {
                    m.lock();
                    m.unlock();
                    barges.incrementAndGet();
                    Thread.onSpinWait();
                }
            });
            while (barges.get() == 0) { // the bargers are at it (blocked on m, or trying)
                Thread.onSpinWait();
            }
            m.unlock();
            for (Task<Void> t : queued) {
                t.join(); // never returns if a barger starves a waiter (the class timeout fails it)
            }
            stop.set(true);
            join("tryLocker", tryLocker);
            join("locker", locker);
            assertEquals(3, order.size(), "each waiter acquires exactly once: " + order);
            assertEquals(java.util.Set.of("A", "B", "C"), java.util.Set.copyOf(order), "every waiter acquires: " + order);
        }
    }

    /**
     * 6.2 (fairness): starvation mode. Waiters A, B, C queue and wait more than 1 ms. The holder
     * unlocks, which wakes A, and locks again at once with TryLock before A can run: for that
     * moment every carrier of the virtual-thread scheduler is kept busy, so the woken A cannot
     * run (virtual threads are not preempted). A then runs, finds the mutex held after waiting
     * more than 1 ms, switches it to starvation mode and requeues at the front. From then on Go's
     * design promises: each Unlock hands the mutex to the first waiter — A, B, C, then L, which
     * queued in starvation mode, at the tail — and newcomers do not take it even when it looks
     * free, so T, hammering TryLock (on a platform thread), gets it only after all of them:
     * exactly A, B, C, L, T.
     */
    @Test
    void rule6_2_mutexStarvationModeHandsOffInFifoOrder() {
        for (int attempt = 1; attempt <= 5; attempt++) {
            if (starvationScenario()) {
                return;
            }
        }
        fail("the holder never re-locked ahead of the woken waiter in 5 tries: starvation mode not reached");
    }

    /** One try of the starvation test; false if the woken waiter got the mutex first after all. */
    private static boolean starvationScenario() {
        Mutex m = new Mutex();
        List<String> order = new CopyOnWriteArrayList<>(); // appended to while holding m
        m.lock();
        List<Task<Void>> queued = queueWaiters(m, order, "A", "B", "C");
        passStarvationThreshold();

        boolean barged;
        BusyCarriers busy = new BusyCarriers();
        try {
            m.unlock(); // wakes A, which cannot run yet
            barged = m.tryLock();
        } finally {
            busy.close();
        }
        if (!barged || !order.isEmpty()) {
            // A got the mutex first after all (a carrier we did not know of?): no starvation mode.
            if (barged) {
                m.unlock();
            }
            for (Task<Void> t : queued) {
                t.join();
            }
            assertEquals(List.of("A", "B", "C"), order, "waiters acquired out of queue order");
            return false;
        }
        // A runs now, finds the mutex held after waiting > 1 ms, and turns starvation mode on.
        awaitStarving(m);
        Task<Void> late = start("L", () -> {
            m.lock();
            order.add("L");
            m.unlock();
        });
        late.awaitParked(MUTEX_LOCK); // queued at the tail, behind C
        AtomicInteger failedTries = new AtomicInteger();
        CompletableFuture<Void> hammer = startPlatform("T", () -> {
            while (!m.tryLock()) {
                failedTries.incrementAndGet();
                Thread.onSpinWait();
            }
            order.add("T");
            m.unlock();
        });
        while (failedTries.get() == 0) { // T is hammering
            Thread.onSpinWait();
        }
        m.unlock(); // hands off to A
        for (Task<Void> t : queued) {
            t.join();
        }
        late.join();
        join("T", hammer);
        assertEquals(List.of("A", "B", "C", "L", "T"), order,
                "starvation mode must hand the mutex to the queued waiters in FIFO order before any newcomer");
        return true;
    }

    /** Waits until the mutex reports starvation mode (its toString, which shows its state). */
    private static void awaitStarving(Mutex m) {
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (!m.toString().contains("starving")) {
            if (System.nanoTime() - deadline > 0) {
                fail("the mutex did not enter starvation mode: " + m);
            }
            Thread.yield();
        }
    }

    // ------------------------------------------------------------------ 6.3 RWMutex

    /** 6.3: many readers at once; no writer while any reader holds it; no reader while a writer does. */
    @Test
    void rule6_3_rwMutexManyReadersOrOneWriter() {
        RWMutex rw = new RWMutex();
        int readers = 5;
        Chan<Boolean> holding = Chan.make();
        Chan<Boolean> release = Chan.make();
        List<Task<Void>> tasks = new ArrayList<>();
        for (int i = 0; i < readers; i++) {
            tasks.add(start("reader" + i, () -> {
                rw.rLock();
                holding.send(true);
                release.recv();
                rw.rUnlock();
            }));
        }
        for (int i = 0; i < readers; i++) {
            holding.recv(); // all five hold the read lock now
        }
        assertFalse(rw.tryLock(), "a writer while readers hold the lock");
        assertTrue(rw.tryRLock(), "one more reader");
        rw.rUnlock();
        for (int i = 0; i < readers; i++) {
            release.send(true);
        }
        tasks.forEach(Task::join);
        assertTrue(rw.tryLock());
        assertFalse(rw.tryRLock(), "a reader while a writer holds the lock");
        assertFalse(call("other writer", rw::tryLock).join(), "a second writer");
        rw.unlock();
    }

    /**
     * 6.3: writer preference — while a writer waits for a reader to leave, a new RLock waits
     * too (sync.RWMutex.RLock) even though only readers hold the lock, and it gets in only after
     * the writer has locked and unlocked.
     */
    @Test
    void rule6_3_rwMutexNewReaderWaitsBehindWaitingWriter() {
        RWMutex rw = new RWMutex();
        rw.rLock(); // the first reader: the test thread
        Chan<Boolean> writerHolds = Chan.make();
        Chan<Boolean> writerRelease = Chan.make();
        Task<Void> writer = start("writer", () -> {
            rw.lock();
            writerHolds.send(true);
            writerRelease.recv();
            rw.unlock();
        });
        writer.awaitParked(RWMUTEX_LOCK);
        AtomicBoolean readerIn = new AtomicBoolean();
        Task<Void> reader = start("reader", () -> {
            rw.rLock();
            readerIn.set(true);
            rw.rUnlock();
        });
        reader.awaitParked(RWMUTEX_RLOCK);
        assertFalse(rw.tryRLock(), "TryRLock while a writer waits");

        rw.rUnlock(); // the writer gets in
        writerHolds.recv();
        assertEquals(RWMUTEX_RLOCK, reader.goroutine().waitReason(), "the reader must still wait");
        assertFalse(readerIn.get());

        writerRelease.send(true); // the writer unlocks: now the reader
        reader.join();
        writer.join();
        assertTrue(readerIn.get());
    }

    /**
     * 6.3: recursive read locking can deadlock: a reader that read-locks again while a writer
     * waits blocks behind the writer, which waits for that reader's first read lock. (The test
     * then breaks the deadlock by read-unlocking from another goroutine, which Go allows.)
     */
    @Test
    void rule6_3_rwMutexRecursiveReadLockDeadlocksBehindWaitingWriter() {
        RWMutex rw = new RWMutex();
        Chan<Boolean> firstHeld = Chan.make();
        Chan<Boolean> again = Chan.make();
        Task<Void> reader = start("reader", () -> {
            rw.rLock();
            firstHeld.send(true);
            again.recv();
            rw.rLock(); // recursive: deadlocks behind the waiting writer
            rw.rUnlock();
        });
        firstHeld.recv();
        Task<Void> writer = start("writer", () -> {
            rw.lock();
            rw.unlock();
        });
        writer.awaitParked(RWMUTEX_LOCK);
        again.send(true);
        reader.awaitParked(RWMUTEX_RLOCK);
        // Both wait for each other: nothing can move.
        assertEquals(RWMUTEX_LOCK, writer.goroutine().waitReason());
        assertFalse(writer.isDone() || reader.isDone());

        rw.rUnlock(); // the reader's first read lock, released by the test thread
        writer.join();
        reader.join();
        assertTrue(rw.tryLock(), "all locks released");
        rw.unlock();
    }

    /** 6.3: RUnlock/Unlock misuse is fatal with Go's messages; the RWMutex still works afterwards. */
    @Test
    void rule6_3_rwMutexMisuseIsFatal() {
        RWMutex rw = new RWMutex();
        assertEquals("sync: RUnlock of unlocked RWMutex", assertThrows(FatalError.class, rw::rUnlock).getMessage());
        assertEquals("sync: Unlock of unlocked RWMutex", assertThrows(FatalError.class, rw::unlock).getMessage());
        rw.rLock();
        assertEquals("sync: Unlock of unlocked RWMutex", assertThrows(FatalError.class, rw::unlock).getMessage());
        rw.rUnlock();
        rw.lock();
        assertEquals("sync: RUnlock of unlocked RWMutex", assertThrows(FatalError.class, rw::rUnlock).getMessage());
        rw.unlock();
        assertTrue(rw.tryLock());
        rw.unlock();
        assertTrue(rw.tryRLock());
        rw.rUnlock();
    }

    // ------------------------------------------------------------------ 6.4 Once

    /**
     * 6.4: Do runs f once even when given different functions; callers that come while f runs
     * wait until it returns, and none runs its own function.
     */
    @Test
    void rule6_4_onceConcurrentCallersWaitForTheOneRun() {
        Once once = new Once();
        Chan<Boolean> fStarted = Chan.make();
        Chan<Boolean> fRelease = Chan.make();
        AtomicInteger runs = new AtomicInteger();
        Task<Void> first = start("first", () -> once.run(() -> {
            runs.incrementAndGet();
            fStarted.send(true);
            fRelease.recv();
        }));
        fStarted.recv();
        List<Task<Void>> others = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            others.add(start("other" + i, () -> once.run(runs::incrementAndGet)));
        }
        for (Task<Void> o : others) {
            o.awaitBlocked(); // Go's Once waits on its mutex; go4j's too (sync.Mutex.Lock)
            assertFalse(o.isDone(), "Do returned while f was still running");
        }
        fRelease.send(true);
        first.join();
        others.forEach(Task::join);
        once.run(runs::incrementAndGet);
        assertEquals(1, runs.get(), "f must run exactly once");
    }

    /** 6.4: if f throws, Do counts it as done: the caller gets the exception, later calls run nothing. */
    @Test
    void rule6_4_oncePanicCountsAsDone() {
        Once once = new Once();
        Panic boom = new Panic("boom");
        assertSame(boom, assertThrows(Panic.class, () -> once.run(() -> {
            throw boom;
        })));
        AtomicInteger runs = new AtomicInteger();
        once.run(runs::incrementAndGet);
        assertEquals(0, runs.get());
    }

    /**
     * 6.4: OnceFunc/OnceValue/OnceValues re-throw f's throwable on every call — the same object
     * — from every goroutine, and f runs once.
     */
    @Test
    void rule6_4_onceFuncsRethrowTheSameThrowableEveryCall() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Panic x = new Panic("x");
        Runnable f = Once.func(() -> {
            calls.incrementAndGet();
            throw x;
        });
        Supplier<Integer> v = Once.value(() -> {
            calls.incrementAndGet();
            throw x;
        });
        Callable<Integer> vs = Once.values(() -> {
            calls.incrementAndGet();
            throw x;
        });
        for (int i = 0; i < 3; i++) {
            assertSame(x, assertThrows(Panic.class, f::run));
            assertSame(x, assertThrows(Panic.class, v::get));
            assertSame(x, assertThrows(Panic.class, vs::call));
            assertSame(x, call("caller", () -> assertThrows(Panic.class, f::run)).join(), "from another goroutine");
        }
        assertEquals(3, calls.get(), "each f must run once");

        Supplier<String> ok = Once.value(() -> "v" + calls.incrementAndGet());
        assertEquals("v4", ok.get());
        assertEquals("v4", call("caller", ok::get).join());
    }

    // ------------------------------------------------------------------ 6.5 Cond

    /**
     * 6.5: Wait unlocks L while it waits (another goroutine can lock L), and locks L again
     * before returning: after a Signal sent while L is held, the waiter waits for L
     * (sync.Mutex.Lock) and returns only once L is free, holding it.
     */
    @Test
    void rule6_5_condWaitUnlocksWaitsAndRelocks() {
        Mutex mu = new Mutex();
        Cond c = new Cond(mu);
        assertSame(mu, c.l());
        AtomicBoolean heldAfterWait = new AtomicBoolean();
        Task<Void> waiter = start("waiter", () -> {
            mu.lock();
            c.await();
            heldAfterWait.set(!mu.tryLock()); // L is held: by us
            mu.unlock();
        });
        waiter.awaitParked(COND_WAIT);
        assertTrue(mu.tryLock(), "Wait must unlock L");
        c.signal();
        waiter.awaitParked(MUTEX_LOCK); // woken, now waiting for L
        assertFalse(waiter.isDone(), "Wait returned without L");
        mu.unlock();
        waiter.join();
        assertTrue(heldAfterWait.get(), "Wait must return holding L");
        assertTrue(mu.tryLock(), "the waiter unlocked L");
        mu.unlock();
    }

    /**
     * 6.5: Signal wakes the longest waiter: n goroutines wait in turn (each waiting before the
     * next starts), and n Signals wake them in that same order.
     */
    @Test
    void rule6_5_condSignalWakesLongestWaiterFirst() {
        Mutex mu = new Mutex();
        Cond c = new Cond(mu);
        int n = 10;
        Chan<Integer> awake = Chan.make(n);
        List<Task<Void>> waiters = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int id = i;
            Task<Void> t = start("waiter" + i, () -> {
                mu.lock();
                c.await();
                awake.send(id);
                mu.unlock();
            });
            t.awaitParked(COND_WAIT);
            waiters.add(t);
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            c.signal(); // without holding L: allowed
            order.add(awake.recv());
        }
        assertEquals(java.util.stream.IntStream.range(0, n).boxed().toList(), order, "Signal must wake in FIFO order");
        waiters.forEach(Task::join);
    }

    /**
     * 6.5: Broadcast wakes every goroutine waiting now; a Signal or Broadcast with nobody
     * waiting is not remembered (a later Wait waits).
     */
    @Test
    void rule6_5_condBroadcastWakesAllCurrentWaiters() {
        Mutex mu = new Mutex();
        Cond c = new Cond(mu);
        c.signal();
        c.broadcast(); // nobody waits: no effect
        int n = 8;
        List<Task<Void>> waiters = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Task<Void> t = start("waiter" + i, () -> {
                mu.lock();
                c.await();
                mu.unlock();
            });
            waiters.add(t);
        }
        for (Task<Void> t : waiters) {
            t.awaitParked(COND_WAIT); // would have ended if an earlier Signal had been remembered
        }
        mu.lock();
        c.broadcast();
        mu.unlock();
        waiters.forEach(Task::join);

        Task<Void> late = start("late", () -> {
            mu.lock();
            c.await();
            mu.unlock();
        });
        late.awaitParked(COND_WAIT); // the broadcast was for those waiting then
        c.signal();
        late.join();
    }

    // ------------------------------------------------------------------ 6.6 Pool

    /**
     * 6.6: Get returns a pooled item or New()'s result — never an item twice, never one that
     * was not Put; without New an empty pool returns null; Put(null) is ignored.
     */
    @Test
    void rule6_6_poolGetReturnsPooledItemOrNew() {
        AtomicInteger made = new AtomicInteger();
        Pool<StringBuilder> p = new Pool<>(() -> {
            made.incrementAndGet();
            return new StringBuilder("new");
        });
        StringBuilder fresh = p.get();
        assertEquals("new", fresh.toString());
        assertEquals(1, made.get());

        StringBuilder pooled = new StringBuilder("pooled");
        p.put(pooled);
        StringBuilder got = p.get();
        // The pooled item, unless the collector cleared the pool first ("items may vanish").
        if (got != pooled) {
            assertEquals("new", got.toString());
            assertEquals(2, made.get());
        }
        StringBuilder next = p.get();
        assertNotSame(pooled, next, "an item must not be returned twice");
        assertEquals("new", next.toString(), "an empty pool calls New");

        p.put(null);
        assertEquals("new", p.get().toString(), "Put(null) is ignored");

        Pool<String> bare = new Pool<>();
        assertNull(bare.get(), "no New: an empty pool returns null");
        bare.put(null);
        assertNull(bare.get(), "Put(null) is ignored");
    }

    // ------------------------------------------------------------------ 4.5 happens-before

    /**
     * 4.5: Unlock happens-before the next Lock returns: goroutines increment plain fields under
     * a Mutex and under an RWMutex's write lock, and read-lockers see the RWMutex's pair
     * consistent. A lock that let two holders in would lose updates or tear the pair.
     */
    @Test
    void rule4_5_unlockHappensBeforeNextLock() {
        Mutex m = new Mutex();
        RWMutex rw = new RWMutex();
        long[] counter = new long[1]; // guarded by m
        long[] pair = new long[2];    // guarded by rw
        AtomicInteger torn = new AtomicInteger();
        int goroutines = 8;
        int iterations = 2000;
        WaitGroup wg = new WaitGroup();
        for (int i = 0; i < goroutines; i++) {
            wg.go(() -> {
                for (int j = 0; j < iterations; j++) {
                    m.lock();
                    counter[0]++;
                    m.unlock();
                    rw.lock();
                    pair[0]++;
                    pair[1]++;
                    rw.unlock();
                    rw.rLock();
                    if (pair[0] != pair[1]) {
                        torn.incrementAndGet();
                    }
                    rw.rUnlock();
                }
            });
        }
        wg.await();
        assertEquals((long) goroutines * iterations, counter[0], "Mutex lost updates");
        assertEquals((long) goroutines * iterations, pair[0], "RWMutex lost updates");
        assertEquals(pair[0], pair[1]);
        assertEquals(0, torn.get(), "a reader saw a writer's half-done update");
    }

    /** 4.5: Done happens-before the Wait it releases returns: every goroutine's plain writes are visible. */
    @Test
    void rule4_5_doneHappensBeforeWaitReturns() {
        for (int round = 0; round < 50; round++) {
            WaitGroup wg = new WaitGroup();
            int n = 16;
            int[] slots = new int[n];
            wg.add(n);
            for (int i = 0; i < n; i++) {
                int id = i;
                Go.go(() -> {
                    slots[id] = id + 1;
                    wg.done();
                });
            }
            wg.await();
            for (int i = 0; i < n; i++) {
                assertEquals(i + 1, slots[i], "slot " + i + " not visible after Wait");
            }
        }
    }

    /**
     * 4.5: once.Do(f)'s f returns before any Do returns: callers that arrive while f runs (f
     * waits until they have all arrived) see f's last plain write when their Do returns.
     */
    @Test
    void rule4_5_onceFunctionReturnsBeforeAnyDoReturns() {
        for (int round = 0; round < 20; round++) {
            Once once = new Once();
            int[] value = new int[1];
            int n = 8;
            WaitGroup arrived = new WaitGroup();
            arrived.add(n);
            Chan<Integer> seen = Chan.make(n);
            for (int i = 0; i < n; i++) {
                Go.go(() -> {
                    arrived.done();
                    once.run(() -> {
                        arrived.await(); // the others are about to call Do, or in it
                        value[0] = 42;
                    });
                    seen.send(value[0]);
                });
            }
            for (int i = 0; i < n; i++) {
                assertEquals(42, seen.recv(), "a Do returned before f's write");
            }
        }
    }

    // ------------------------------------------------------------------ 8.2 wait reasons

    /** 8.2: a goroutine waiting in Mutex.Lock shows "sync.Mutex.Lock". */
    @Test
    void rule8_2_waitReasonMutexLock() {
        Mutex m = new Mutex();
        m.lock();
        Task<Void> t = start("locker", () -> {
            m.lock();
            m.unlock();
        });
        t.awaitParked(MUTEX_LOCK);
        m.unlock();
        t.join();
    }

    /**
     * 8.2: a goroutine waiting in RWMutex.RLock for a writer shows "sync.RWMutex.RLock"; a writer
     * waiting for readers shows "sync.RWMutex.Lock"; a second writer, queued behind the first on
     * the RWMutex's inner mutex, shows "sync.Mutex.Lock" (as in Go).
     */
    @Test
    void rule8_2_waitReasonsRWMutex() {
        RWMutex rw = new RWMutex();
        rw.lock();
        Task<Void> reader = start("reader", () -> {
            rw.rLock();
            rw.rUnlock();
        });
        reader.awaitParked(RWMUTEX_RLOCK);
        rw.unlock();
        reader.join();

        rw.rLock();
        Task<Void> writer = start("writer", () -> {
            rw.lock();
            rw.unlock();
        });
        writer.awaitParked(RWMUTEX_LOCK);
        Task<Void> writer2 = start("writer2", () -> {
            rw.lock();
            rw.unlock();
        });
        writer2.awaitParked(MUTEX_LOCK);
        rw.rUnlock();
        writer.join();
        writer2.join();
    }

    /** 8.2: a goroutine in Cond.Wait shows "sync.Cond.Wait". */
    @Test
    void rule8_2_waitReasonCondWait() {
        Mutex m = new Mutex();
        Cond c = new Cond(m);
        Task<Void> t = start("waiter", () -> {
            m.lock();
            c.await();
            m.unlock();
        });
        t.awaitParked(COND_WAIT);
        c.signal();
        t.join();
    }

    /** 8.2: a goroutine in WaitGroup.Wait shows "sync.WaitGroup.Wait"; once released and running, no wait reason. */
    @Test
    void rule8_2_waitReasonWaitGroupWait() {
        WaitGroup wg = new WaitGroup();
        wg.add(1);
        Chan<Goroutine> self = Chan.make(1);
        Task<String> t = call("waiter", () -> {
            wg.await();
            return self.recv().waitReason(); // its own, while running
        });
        t.awaitParked(WAITGROUP_WAIT);
        self.send(t.goroutine());
        wg.done();
        assertNull(t.join(), "a running goroutine has no wait reason");
    }

    // ------------------------------------------------------------------ interrupts

    /**
     * Interrupts (ADR 0002, as Go and Lock.lock): Mutex.Lock is not interruptible. A goroutine
     * interrupted before it calls Lock on a held mutex still waits (sync.Mutex.Lock); one
     * interrupted while it waits keeps waiting. Both get the lock after Unlock, without an
     * exception, and with their interrupt flag still set.
     */
    @Test
    void interrupt_mutexLockIsNotInterruptible() {
        Mutex m = new Mutex();
        m.lock();
        Task<Boolean> early = call("early", () -> {
            Thread.currentThread().interrupt();
            m.lock();
            m.unlock();
            return Thread.currentThread().isInterrupted();
        });
        early.awaitParked(MUTEX_LOCK); // the interrupt did not stop it from waiting
        Task<Boolean> parked = call("parked", () -> {
            m.lock();
            m.unlock();
            return Thread.currentThread().isInterrupted();
        });
        parked.awaitParked(MUTEX_LOCK);
        parked.goroutine().interrupt();
        m.unlock();
        assertTrue(early.join(), "interrupt flag lost");
        assertTrue(parked.join(), "interrupt flag lost");
        assertTrue(m.tryLock());
        m.unlock();
    }

    /** Interrupts: RWMutex.RLock and Lock are not interruptible either, and keep the flag. */
    @Test
    void interrupt_rwMutexLocksAreNotInterruptible() {
        RWMutex rw = new RWMutex();
        rw.lock();
        Task<Boolean> reader = call("reader", () -> {
            Thread.currentThread().interrupt();
            rw.rLock();
            rw.rUnlock();
            return Thread.currentThread().isInterrupted();
        });
        reader.awaitParked(RWMUTEX_RLOCK);
        rw.unlock();
        assertTrue(reader.join(), "interrupt flag lost");

        rw.rLock();
        Task<Boolean> writer = call("writer", () -> {
            Thread.currentThread().interrupt();
            rw.lock();
            rw.unlock();
            return Thread.currentThread().isInterrupted();
        });
        writer.awaitParked(RWMUTEX_LOCK);
        rw.rUnlock();
        assertTrue(writer.join(), "interrupt flag lost");
    }

    /**
     * Interrupts: an interrupted Cond.Wait throws WaitInterruptedException — after locking L
     * again (it waits for L, sync.Mutex.Lock, when L is held) — keeps the interrupt flag, and
     * takes no signal with it: the next Signal wakes the other waiter.
     */
    @Test
    void interrupt_condWaitThrowsWithLockHeldAndLosesNoSignal() {
        Mutex mu = new Mutex();
        Cond c = new Cond(mu);
        AtomicBoolean heldInCatch = new AtomicBoolean();
        Task<Boolean> interrupted = call("interrupted", () -> {
            mu.lock();
            try {
                c.await();
                return false;
            } catch (WaitInterruptedException e) {
                heldInCatch.set(!mu.tryLock());
                return Thread.currentThread().isInterrupted();
            } finally {
                mu.unlock();
            }
        });
        interrupted.awaitParked(COND_WAIT);
        Task<Void> other = start("other", () -> {
            mu.lock();
            c.await();
            mu.unlock();
        });
        other.awaitParked(COND_WAIT);

        mu.lock();
        interrupted.goroutine().interrupt();
        interrupted.awaitParked(MUTEX_LOCK); // cancelled, re-locking L before it throws
        assertFalse(interrupted.isDone());
        mu.unlock();
        assertTrue(interrupted.join(), "WaitInterruptedException expected, with the interrupt flag kept");
        assertTrue(heldInCatch.get(), "L must be held when Wait throws");

        assertEquals(COND_WAIT, other.goroutine().waitReason());
        c.signal(); // goes to the remaining waiter, not to the cancelled one
        other.join();
    }

    /**
     * Interrupts: an interrupt racing with a Signal never loses the signal — either the
     * interrupted waiter took it (returns normally, flag set) and the other still waits, or it
     * was cancelled (WaitInterruptedException) and the other is woken.
     */
    @Test
    void interrupt_condWaitRacingSignalLosesNoSignal() {
        int rounds = LONG ? 5000 : 500;
        for (int round = 0; round < rounds; round++) {
            Mutex mu = new Mutex();
            Cond c = new Cond(mu);
            Task<Boolean> first = call("first", () -> {
                mu.lock();
                try {
                    c.await();
                    return true; // took the signal
                } catch (WaitInterruptedException e) {
                    return false;
                } finally {
                    mu.unlock();
                }
            });
            first.awaitParked(COND_WAIT);
            Task<Void> second = start("second", () -> {
                mu.lock();
                c.await();
                mu.unlock();
            });
            second.awaitParked(COND_WAIT);
            AtomicBoolean go = new AtomicBoolean();
            Goroutine interrupter = Go.go(() -> {
                while (!go.get()) {
                    Thread.onSpinWait();
                }
                first.goroutine().interrupt();
            });
            go.set(true);
            c.signal(); // at about the same moment as the interrupt
            awaitEnded(interrupter);
            if (first.join()) {
                assertEquals(COND_WAIT, second.goroutine().waitReason(), "one signal woke two waiters");
                c.signal();
            }
            second.join();
        }
    }

    /** Interrupts: an interrupted WaitGroup.Wait throws WaitInterruptedException and leaves the group unchanged. */
    @Test
    void interrupt_waitGroupWaitThrowsAndLeavesGroupUnchanged() {
        WaitGroup wg = new WaitGroup();
        wg.add(1);
        Task<Boolean> interrupted = call("interrupted", () -> {
            try {
                wg.await();
                return false;
            } catch (WaitInterruptedException e) {
                return Thread.currentThread().isInterrupted();
            }
        });
        interrupted.awaitParked(WAITGROUP_WAIT);
        Task<Void> other = start("other", wg::await);
        other.awaitParked(WAITGROUP_WAIT);
        interrupted.goroutine().interrupt();
        assertTrue(interrupted.join(), "WaitInterruptedException expected, with the interrupt flag kept");
        assertEquals(WAITGROUP_WAIT, other.goroutine().waitReason(), "the counter is still 1");
        wg.done();
        other.join();
        wg.await();
    }

    // ------------------------------------------------------------------ support

    /** How long any wait of a test may take before it fails. */
    private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(30);

    /**
     * Keeps every carrier of the virtual-thread scheduler busy until closed: one goroutine per
     * carrier spins without yielding, so no other goroutine can run meanwhile. Only for a few
     * microseconds, from a platform thread (the test's).
     */
    private static final class BusyCarriers {
        private static final int CARRIERS = Integer.getInteger("jdk.virtualThreadScheduler.parallelism",
                Runtime.getRuntime().availableProcessors());
        private final AtomicBoolean release = new AtomicBoolean();
        private final List<Task<Void>> spinners = new ArrayList<>();

        BusyCarriers() {
            AtomicInteger running = new AtomicInteger();
            for (int i = 0; i < CARRIERS; i++) {
                spinners.add(start("busy" + i, () -> {
                    running.incrementAndGet();
                    while (!release.get()) {
                        Thread.onSpinWait();
                    }
                }));
            }
            long deadline = System.nanoTime() + WAIT_NANOS;
            while (running.get() < CARRIERS) {
                if (System.nanoTime() - deadline > 0) {
                    release.set(true);
                    fail("only " + running.get() + " of " + CARRIERS + " carriers could be made busy");
                }
                Thread.onSpinWait();
            }
        }

        void close() {
            release.set(true);
            spinners.forEach(Task::join);
        }
    }

    /** Waits until {@code g} has ended. */
    private static void awaitEnded(Goroutine g) {
        try {
            if (!g.thread().join(java.time.Duration.ofNanos(WAIT_NANOS))) {
                fail(g.name() + " did not end; wait reason: " + g.waitReason());
            }
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** A body that may throw anything. */
    private interface Body {
        void run() throws Exception;
    }

    private static Task<Void> start(String name, Body body) {
        return call(name, () -> {
            body.run();
            return null;
        });
    }

    /** Starts {@code body} in a goroutine named {@code name}, keeping its result or what it threw. */
    private static <T> Task<T> call(String name, Callable<T> body) {
        CompletableFuture<T> outcome = new CompletableFuture<>();
        Goroutine g = Go.go(name, () -> {
            try {
                outcome.complete(body.call());
            } catch (Throwable t) {
                outcome.completeExceptionally(t);
            }
        });
        return new Task<>(g, outcome);
    }

    /**
     * Starts {@code body} on a platform thread, keeping what it throws. For loops that never
     * park: on a virtual thread such a loop would keep its carrier, and even with
     * {@link Thread#yield()} it can starve goroutines on a single carrier.
     */
    private static CompletableFuture<Void> startPlatform(String name, Body body) {
        CompletableFuture<Void> outcome = new CompletableFuture<>();
        Thread.ofPlatform().name(name).daemon().start(() -> {
            try {
                body.run();
                outcome.complete(null);
            } catch (Throwable t) {
                outcome.completeExceptionally(t);
            }
        });
        return outcome;
    }

    /** Waits for {@code outcome}; rethrows its failure; fails after the deadline. */
    private static <T> T join(String name, CompletableFuture<T> outcome) {
        try {
            return outcome.get(WAIT_NANOS, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError(name + " did not finish");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AssertionError a) {
                throw a;
            }
            throw new AssertionError(name + " threw", e.getCause());
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** A goroutine started by a test, and its outcome. */
    private record Task<T>(Goroutine goroutine, CompletableFuture<T> outcome) {

        boolean isDone() {
            return outcome.isDone();
        }

        /** Waits until the goroutine is parked with Go's wait reason {@code reason}. */
        void awaitParked(String reason) {
            awaitWait(reason::equals, "'" + reason + "'");
        }

        /** Waits until the goroutine is parked, whatever it waits on. */
        void awaitBlocked() {
            awaitWait(r -> r != null, "any wait");
        }

        private void awaitWait(java.util.function.Predicate<String> wanted, String what) {
            long deadline = System.nanoTime() + WAIT_NANOS;
            for (;;) {
                String r = goroutine.waitReason();
                if (r != null && wanted.test(r)) {
                    return;
                }
                if (outcome.isDone()) {
                    fail(goroutine.name() + " ended instead of waiting with " + what + ": " + describeOutcome());
                }
                if (System.nanoTime() - deadline > 0) {
                    fail(goroutine.name() + " did not wait with " + what + "; wait reason: " + r);
                }
                Thread.yield();
            }
        }

        private String describeOutcome() {
            try {
                return "returned " + outcome.getNow(null);
            } catch (Exception e) {
                return "threw " + e.getCause();
            }
        }

        /** Waits for the goroutine's result; rethrows its failure; fails after the deadline. */
        T join() {
            try {
                return SyncSemanticsTest.join(goroutine.name(), outcome);
            } catch (AssertionError e) {
                if (!outcome.isDone()) {
                    throw new AssertionError(goroutine.name() + " did not finish; wait reason: "
                            + goroutine.waitReason());
                }
                throw e;
            }
        }
    }
}
