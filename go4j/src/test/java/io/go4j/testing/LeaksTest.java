package io.go4j.testing;

import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.Goroutine;
import io.go4j.sync.Mutex;
import io.go4j.sync.Once;
import io.go4j.sync.WaitGroup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.go4j.testing.Leaks.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * {@link Leaks}: goleak's {@code VerifyNone}, {@code Find} and their options, after goleak's own
 * tests (go.uber.org/goleak, {@code leaks_test.go} and {@code options_test.go}; each test that
 * follows one names it).
 *
 * <p>Every test takes a snapshot first and ignores it, so goroutines that earlier tests left
 * running in this JVM are not counted; every goroutine a test leaks on purpose is ended and
 * awaited in {@link #endLeaks()}.
 */
@Timeout(30)
class LeaksTest {

    /** A check that looks once: for tests that expect a leak to be reported. */
    private static final Option ONCE = maxRetries(0);

    private Option before;
    private final List<Chan<?>> toClose = new ArrayList<>();
    private final List<Goroutine> started = new ArrayList<>();

    @BeforeEach
    void snapshotFirst() {
        before = ignoreCurrent();
    }

    @AfterEach
    void endLeaks() {
        for (Chan<?> ch : toClose) {
            ch.close();
        }
        for (Goroutine g : started) {
            awaitExit(g);
        }
    }

    // ---- leaks are reported ----

    /**
     * A goroutine blocked on a channel is reported with goleak's header, its state, top function
     * and dump block. After goleak's {@code TestFind} (leaks_test.go).
     */
    @Test
    void reportsAGoroutineBlockedOnAChannel() {
        Chan<Integer> ch = leakyChan();
        Goroutine g = start(() -> blockOn(ch), "chan receive");

        AssertionError e = assertThrows(AssertionError.class, () -> verifyNone(before, ONCE));
        String m = e.getMessage();
        assertTrue(m.startsWith("found unexpected goroutines:\n"), m);
        assertTrue(m.contains("Goroutine " + g.id() + " in state chan receive, with "
                + LeaksTest.class.getName() + ".blockOn on top of the stack:\n"
                + "goroutine " + g.id() + " [chan receive]:\n"), m);
        assertTrue(m.contains("\ncreated by " + LeaksTest.class.getName()), m);
        assertTrue(m.contains(LeaksTest.class.getName() + ".blockOn(...)\n\tLeaksTest.java:"), m);
    }

    /** find returns the same report as the message verifyNone throws; with no leak it is empty. */
    @Test
    void findReturnsTheReport() {
        Chan<Integer> ch = leakyChan();
        Goroutine g = start(() -> blockOn(ch), "chan receive");
        Optional<String> found = find(before, ONCE);
        assertTrue(found.isPresent());
        assertTrue(found.get().startsWith(HEADER + "\nGoroutine " + g.id() + " in state chan receive, "), found.get());
        assertEquals(found.get(), assertThrows(AssertionError.class, () -> verifyNone(before, ONCE)).getMessage());
        assertEquals(Optional.empty(), find(before, ONCE, ignoreTopFunction(LeaksTest.class.getName() + "#blockOn")));
    }

    /** Several leaks are listed in id order, one block each, with their own wait reasons. */
    @Test
    void reportsEveryLeakInIdOrder() {
        Chan<Integer> ch = leakyChan();
        Mutex mu = new Mutex();
        mu.lock();
        Goroutine a = start(() -> blockOn(ch), "chan receive");
        Goroutine b = start(() -> lockIt(mu), "sync.Mutex.Lock");
        try {
            String m = assertThrows(AssertionError.class, () -> verifyNone(before, ONCE)).getMessage();
            int ia = m.indexOf("goroutine " + a.id() + " [chan receive]:");
            int ib = m.indexOf("goroutine " + b.id() + " [sync.Mutex.Lock]:");
            assertTrue(ia > 0 && ib > ia, m);
            assertTrue(m.contains("with " + LeaksTest.class.getName() + ".lockIt on top of the stack"), m);
        } finally {
            mu.unlock();
        }
    }

    /** A goroutine that has started but is not blocked (runnable, busy) is a leak too. */
    @Test
    void reportsARunningGoroutine() {
        AtomicBoolean stop = new AtomicBoolean();
        Chan<Integer> spinning = Chan.make(1);
        Goroutine g = Go.go(() -> {
            spinning.send(1);
            while (!stop.get()) {
                Thread.onSpinWait();
            }
        });
        started.add(g);
        try {
            spinning.recv();
            String m = assertThrows(AssertionError.class, () -> verifyNone(before, ONCE)).getMessage();
            assertTrue(m.contains("goroutine " + g.id() + " [runnable]:"), m);
        } finally {
            stop.set(true);
        }
    }

    // ---- what is not reported ----

    /** Goroutines that ran and ended (even if still finishing after WaitGroup.done) are not leaks. */
    @Test
    void cleanCodePasses() {
        WaitGroup wg = new WaitGroup();
        Chan<Integer> ch = Chan.make();
        for (int i = 0; i < 8; i++) {
            wg.go(() -> ch.send(1));
        }
        for (int i = 0; i < 8; i++) {
            ch.recv();
        }
        wg.await();
        verifyNone(before); // the default retries let the senders finish returning
    }

    /** The calling goroutine is never reported, though it is alive during the check. */
    @Test
    void theCallerIsNotReported() {
        Chan<Optional<String>> result = Chan.make(1);
        Goroutine checker = Go.go(() -> result.send(find(before, ONCE)));
        started.add(checker);
        assertEquals(Optional.empty(), result.recv());
    }

    /**
     * ignoreCurrent / ignoreSnapshot: goroutines alive before are ignored; those started after are
     * not. After goleak's {@code TestIgnoreCurrent}, "Should detect new leaks" (leaks_test.go).
     */
    @Test
    void goroutinesAliveBeforeAreIgnored() {
        Chan<Integer> old = leakyChan();
        Goroutine a = start(() -> blockOn(old), "chan receive");
        Snapshot snap = snapshot();
        assertTrue(snap.contains(a.id()));
        Option alsoA = ignoreSnapshot(snap);

        verifyNone(before, alsoA, ONCE);

        Chan<Integer> fresh = Chan.make();
        Goroutine b = start(() -> blockOn(fresh), "chan receive");
        String m = assertThrows(AssertionError.class, () -> verifyNone(alsoA, ONCE)).getMessage();
        assertTrue(m.contains("goroutine " + b.id() + " ["), m);
        assertFalse(m.contains("goroutine " + a.id() + " ["), m);

        fresh.close();
        awaitExit(b);
        verifyNone(alsoA); // a is still alive, and ignored
        assertTrue(a.isAlive());
    }

    /**
     * A goroutine on its way out is not reported: the check retries until it has gone. After
     * goleak's {@code TestFindRetry} (leaks_test.go), which unblocks the goroutine after a 1 ms
     * sleep; here it is unblocked once the check is seen sleeping between two looks.
     */
    @Test
    void anExitingGoroutineIsNotReported() {
        Chan<Integer> release = Chan.make();
        Runnable end = Once.func(release::close);
        Goroutine g = start(() -> blockOn(release), "chan receive");
        // The goroutine ends only once the check sleeps between two looks, so the first look
        // certainly sees it alive: only a retry can see it gone.
        AtomicBoolean stop = new AtomicBoolean();
        Thread helper = whenRetrying(Thread.currentThread(), stop, end);
        try {
            verifyNone(before, maxWait(Duration.ofSeconds(20)));
        } finally {
            stop.set(true);
            end.run();
            join(helper);
        }
        awaitExit(g);
    }

    /** With no retries the same goroutine is reported: the retry is what lets it go. */
    @Test
    void withoutRetriesAnExitingGoroutineIsReported() {
        Chan<Integer> release = leakyChan();
        Goroutine g = start(() -> blockOn(release), "chan receive");
        AtomicBoolean stop = new AtomicBoolean();
        AtomicBoolean sawRetry = new AtomicBoolean();
        Thread helper = whenRetrying(Thread.currentThread(), stop, () -> sawRetry.set(true));
        try {
            String m = assertThrows(AssertionError.class,
                    () -> verifyNone(before, maxRetries(0), maxWait(Duration.ofSeconds(20)))).getMessage();
            assertTrue(m.contains("goroutine " + g.id() + " [chan receive]:"), m);
            String m2 = assertThrows(AssertionError.class,
                    () -> verifyNone(before, maxWait(Duration.ZERO))).getMessage();
            assertTrue(m2.contains("goroutine " + g.id() + " [chan receive]:"), m2);
        } finally {
            stop.set(true);
            join(helper);
        }
        assertFalse(sawRetry.get(), "the check slept between looks");
    }

    // ---- ignoring by function ----

    /** ignoreTopFunction matches the first frame below go4j's and the JDK's, named Class#method or Class.method. */
    @Test
    void ignoreTopFunctionByMethod() {
        Chan<Integer> ch = leakyChan();
        start(() -> blockOn(ch), "chan receive");
        String cls = LeaksTest.class.getName();
        verifyNone(before, ONCE, ignoreTopFunction(cls + "#blockOn"));
        verifyNone(before, ONCE, ignoreTopFunction(cls + ".blockOn"));
        assertThrows(AssertionError.class, () -> verifyNone(before, ONCE, ignoreTopFunction(cls + "#lockIt")));
    }

    /**
     * ignoreCreatedBy matches the class that defined the goroutine's function only, not classes on
     * its stack. After goleak's {@code TestOptionsIgnoreCreatedBy} (options_test.go).
     */
    @Test
    void ignoreCreatedByMatchesTheCreatorOnly() {
        Chan<Integer> ch = leakyChan();
        Goroutine g = Spawner.spawn(() -> blockOn(ch));
        started.add(g);
        awaitWaitReason(g, "chan receive");
        verifyNone(before, ONCE, ignoreCreatedBy(Spawner.class));
        verifyNone(before, ONCE, ignoreCreatedBy(LeaksTest.class.getName() + ".Spawner"));
        assertThrows(AssertionError.class, () -> verifyNone(before, ONCE, ignoreCreatedBy(LeaksTest.class)));
    }

    /** go4j's own frames (Mutex.lock above lockIt) are never the top function, but ignoreAnyFunction sees them. */
    @Test
    void go4jFramesAreNotTopFunctions() {
        Mutex mu = new Mutex();
        mu.lock();
        try {
            start(() -> lockIt(mu), "sync.Mutex.Lock");
            String lock = Mutex.class.getName() + "#lock";
            assertThrows(AssertionError.class, () -> verifyNone(before, ONCE, ignoreTopFunction(lock)));
            verifyNone(before, ONCE, ignoreTopFunction(LeaksTest.class.getName() + "#lockIt"));
            verifyNone(before, ONCE, ignoreAnyFunction(lock));
        } finally {
            mu.unlock();
        }
    }

    /** A method name also matches the lambdas written in that method (lambda$method$N). */
    @Test
    void ignoreTopFunctionMatchesLambdasOfTheMethod() {
        Chan<Integer> ch = leakyChan();
        start(() -> ch.recv(), "chan receive");
        verifyNone(before, ONCE, ignoreTopFunction(LeaksTest.class.getName() + "#ignoreTopFunctionMatchesLambdasOfTheMethod"));
        assertThrows(AssertionError.class, () -> verifyNone(before, ONCE, ignoreTopFunction(LeaksTest.class.getName() + "#blockOn")));
    }

    /** A class name ignores goroutines whose top function is in the class, or whose function the class defined (created by). */
    @Test
    void ignoreTopFunctionByClassOrCreator() {
        Chan<Integer> ch = leakyChan();
        Goroutine g = Spawner.spawn(() -> blockOn(ch));
        started.add(g);
        awaitWaitReason(g, "chan receive");
        String m = assertThrows(AssertionError.class, () -> verifyNone(before, ONCE)).getMessage();
        assertTrue(m.contains("created by " + Spawner.class.getName()), m);
        // by the creator: Spawner defined the goroutine's function, though blockOn is on top
        verifyNone(before, ONCE, ignoreTopFunction(Spawner.class));
        verifyNone(before, ONCE, ignoreTopFunction(LeaksTest.class.getName() + ".Spawner")); // canonical name
        // by the top frame's class
        verifyNone(before, ONCE, ignoreTopFunction(LeaksTest.class));
        assertThrows(AssertionError.class, () -> verifyNone(before, ONCE, ignoreTopFunction(Mutex.class)));
    }

    /**
     * ignoreAnyFunction matches a function anywhere on the stack; ignoreTopFunction does not.
     * After goleak's {@code TestOptionsFilters} and {@code TestOptionsIgnoreAnyFunction} (options_test.go).
     */
    @Test
    void ignoreAnyFunctionMatchesDeeperFrames() {
        Chan<Integer> ch = leakyChan();
        start(() -> outer(ch), "chan receive");
        String cls = LeaksTest.class.getName();
        assertThrows(AssertionError.class, () -> verifyNone(before, ONCE, ignoreTopFunction(cls + "#outer")));
        verifyNone(before, ONCE, ignoreAnyFunction(cls + "#outer"));
        assertThrows(AssertionError.class, () -> verifyNone(before, ONCE, ignoreAnyFunction(cls + "#lockIt")));
    }

    /** The report's dump block shows no frames of the JDK's parking machinery, as Go hides its runtime's. */
    @Test
    void reportShowsNoJdkParkingFrames() {
        Chan<Integer> ch = leakyChan();
        start(() -> blockOn(ch), "chan receive");
        String m = assertThrows(AssertionError.class, () -> verifyNone(before, ONCE)).getMessage();
        assertFalse(m.contains("\njava."), m);
    }

    // ---- options and interrupts ----

    /** Invalid options are refused when made, as goleak's validate does. */
    @Test
    void invalidOptionsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> maxRetries(-1));
        assertThrows(IllegalArgumentException.class, () -> maxWait(Duration.ofMillis(-1)));
        assertThrows(IllegalArgumentException.class, () -> maxSleep(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> ignoreTopFunction(""));
        assertThrows(NullPointerException.class, () -> ignoreAnyFunction((String) null));
        assertThrows(NullPointerException.class, () -> ignoreSnapshot(null));
    }

    /** An interrupted caller stops retrying and still gets the report; its interrupt status stays set. */
    @Test
    void anInterruptedCheckReportsAndKeepsTheFlag() {
        Chan<Integer> ch = leakyChan();
        Goroutine g = start(() -> blockOn(ch), "chan receive");
        Thread.currentThread().interrupt();
        try {
            String m = assertThrows(AssertionError.class, () -> verifyNone(before, maxWait(Duration.ofMinutes(10))))
                    .getMessage();
            assertTrue(m.contains("goroutine " + g.id() + " [chan receive]:"), m);
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
    }

    // ---- helpers ----

    /** Defines goroutine functions in another class, to tell "created by" from the top frame. */
    static final class Spawner {
        static Goroutine spawn(Runnable body) {
            return Go.go(() -> body.run());
        }
    }

    private static void blockOn(Chan<Integer> ch) {
        ch.recv();
    }

    private static void outer(Chan<Integer> ch) {
        blockOn(ch);
    }

    private static void lockIt(Mutex mu) {
        mu.lock();
        mu.unlock();
    }

    /** A channel closed after the test, which ends the goroutines blocked on it. */
    private Chan<Integer> leakyChan() {
        Chan<Integer> ch = Chan.make();
        toClose.add(ch);
        return ch;
    }

    /** Starts a goroutine and waits until it is parked with {@code reason}. */
    private Goroutine start(Runnable body, String reason) {
        Goroutine g = Go.go(body);
        started.add(g);
        awaitWaitReason(g, reason);
        return g;
    }

    private static void awaitWaitReason(Goroutine g, String reason) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!reason.equals(g.waitReason())) {
            assertTrue(System.nanoTime() - deadline < 0, "goroutine never blocked in " + reason);
            Thread.yield();
        }
    }

    private static void awaitExit(Goroutine g) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (g.isAlive()) {
            assertTrue(System.nanoTime() - deadline < 0, "goroutine never ended: " + g);
            Thread.yield();
        }
    }

    /**
     * A platform thread (not a goroutine, so never a leak itself) that runs {@code action} once
     * {@code checker} is asleep between two looks of a leak check, unless {@code stop} is set first.
     */
    private static Thread whenRetrying(Thread checker, AtomicBoolean stop, Runnable action) {
        return Thread.ofPlatform().start(() -> {
            while (!stop.get()) {
                if (sleepingInLeaks(checker)) {
                    action.run();
                    return;
                }
                Thread.onSpinWait();
            }
        });
    }

    /** Whether {@code t} is parked inside a leak check (in its sleep between looks). */
    static boolean sleepingInLeaks(Thread t) {
        Thread.State s = t.getState();
        if (s != Thread.State.WAITING && s != Thread.State.TIMED_WAITING) {
            return false;
        }
        for (StackTraceElement e : t.getStackTrace()) {
            if (e.getClassName().equals(Leaks.class.getName())) {
                return true;
            }
        }
        return false;
    }

    private static boolean join(Thread t) {
        try {
            t.join();
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
