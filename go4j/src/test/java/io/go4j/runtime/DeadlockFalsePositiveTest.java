package io.go4j.runtime;

import io.go4j.runtime.ChildJvm.Program;
import io.go4j.runtime.ChildJvm.Run;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The deadlock detector never reports a program that can still make progress
 * (docs/adr/0011-runtime-introspection.md, decision 5; SEMANTICS §8.3): each program below
 * runs under {@code Go.main} in a child JVM with its main goroutine parked on a channel that
 * something go4j does not see — a plain platform thread, an HTTP request, blocking I/O, a
 * sleep, a timer, a virtual thread that is not a goroutine — will feed. Each must exit 0 with
 * its output, not 2. The partner waits until main is parked (a handshake on main's wait
 * reason, not a sleep), so the detector does look at the parked program. Beside them, true
 * deadlocks of each kind must be reported, with Go's message and main's wait reason.
 */
@Timeout(120)
class DeadlockFalsePositiveTest {

    private static final String DEADLOCK = "fatal error: all goroutines are asleep - deadlock!\n\n";

    @BeforeAll
    static void startPrograms() {
        ChildJvm.startAll(DeadlockFalsePositiveTest.class);
    }

    private static void assertRunsTo(String program, String expectedOutput) {
        Run r = ChildJvm.result(program);
        assertEquals(0, r.exit(), r.describe());
        assertEquals(expectedOutput + "\n", r.out(), r.describe());
        assertEquals("", r.err(), r.describe());
    }

    private static void assertDeadlock(String program, String mainWaitReason) {
        Run r = ChildJvm.result(program);
        assertEquals(2, r.exit(), r.describe());
        assertTrue(r.err().startsWith(DEADLOCK + "goroutine 1 [" + mainWaitReason + "]:\n"), r.describe());
        assertEquals("", r.out(), r.describe());
    }

    // ---- no false positives ----

    /** (a) A plain platform thread, started by main, works a while after main parks, then sends. */
    @Test
    @Program("PlatformThreadFeeds")
    void platformThreadFeeds() {
        assertRunsTo("PlatformThreadFeeds", "from a platform thread (true)");
    }

    /** (b) An HTTP request to the JDK's HttpServer, handled on its dispatcher thread, sends. */
    @Test
    @Program("HttpRequestFeeds")
    void httpRequestFeeds() {
        assertRunsTo("HttpRequestFeeds", "request for /feed");
    }

    /** (b) The same, with the server's handlers on virtual threads that are not goroutines. */
    @Test
    @Program("HttpRequestOnVirtualThreadFeeds")
    void httpRequestOnVirtualThreadFeeds() {
        assertRunsTo("HttpRequestOnVirtualThreadFeeds", "request for /feed");
    }

    /** (c) The only other goroutine is blocked in a socket read nobody feeds, until it times out. */
    @Test
    @Program("SocketReadTimesOut")
    void goroutineInSocketRead() {
        assertRunsTo("SocketReadTimesOut", "read timed out");
    }

    /** (c) A goroutine blocked reading a pipe, which a platform thread fills after main parks. */
    @Test
    @Program("PipeReadFeeds")
    void goroutineInPipeRead() {
        assertRunsTo("PipeReadFeeds", "read pipe");
    }

    /** (d) A goroutine in go4j's sleep ({@code time.Sleep}, 200 ms) then sends. */
    @Test
    @Program("TimeSleepFeeds")
    void goroutineInTimeSleep() {
        assertRunsTo("TimeSleepFeeds", "slept");
    }

    /** (d) A goroutine in {@code Thread.sleep} (200 ms) then sends. */
    @Test
    @Program("ThreadSleepFeeds")
    void goroutineInThreadSleep() {
        assertRunsTo("ThreadSleepFeeds", "slept");
    }

    /** (e) A pending {@code time.AfterFunc} (200 ms) whose function sends. */
    @Test
    @Program("AfterFuncFeeds")
    void afterFuncFeeds() {
        assertRunsTo("AfterFuncFeeds", "after func");
    }

    /** (e) Main receives from {@code time.After(200ms)} itself. */
    @Test
    @Program("TimeAfterWakes")
    void timeAfterWakes() {
        assertRunsTo("TimeAfterWakes", "after");
    }

    /** (e) Main selects on a channel nobody feeds and {@code time.After(200ms)}. */
    @Test
    @Program("SelectWithTimeoutWakes")
    void selectWithTimeoutWakes() {
        assertRunsTo("SelectWithTimeoutWakes", "timeout");
    }

    /** (e) Main waits on {@code ctx.Done()} of {@code context.WithTimeout(200ms)}. */
    @Test
    @Program("ContextTimeoutWakes")
    void contextDeadlineWakes() {
        assertRunsTo("ContextTimeoutWakes", "context deadline exceeded");
    }

    /** (f) A virtual thread that is not a goroutine ({@code Thread.ofVirtual()}) sleeps, then sends. */
    @Test
    @Program("VirtualThreadFeeds")
    void virtualThreadFeeds() {
        assertRunsTo("VirtualThreadFeeds", "from a plain virtual thread");
    }

    // ---- true positives ----

    /** {@code select {}} in main: crash_test.go TestSimpleDeadlock. */
    @Test
    @Program("SimpleDeadlock")
    void selectForeverIsADeadlock() {
        assertDeadlock("SimpleDeadlock", "select (no cases)");
    }

    /** A Mutex locked twice by main. */
    @Test
    @Program("MutexLockedTwice")
    void mutexLockedTwiceIsADeadlock() {
        assertDeadlock("MutexLockedTwice", "sync.Mutex.Lock");
    }

    /** A WaitGroup waited on that nobody marks done. */
    @Test
    @Program("WaitGroupNeverDone")
    void waitGroupNeverDoneIsADeadlock() {
        assertDeadlock("WaitGroupNeverDone", "sync.WaitGroup.Wait");
    }

    /** A Cond waited on that nobody signals. */
    @Test
    @Program("CondNeverSignalled")
    void condNeverSignalledIsADeadlock() {
        assertDeadlock("CondNeverSignalled", "sync.Cond.Wait");
    }

    /**
     * Sleeps on goroutines and on a plain virtual thread and a fired AfterFunc leave the JDK's
     * helper threads behind (on JDK 25 the 'ForkJoinPool-1-delayScheduler' thread); a deadlock
     * after them is still reported, as Go does not count its system goroutines.
     */
    @Test
    @Program("DeadlockAfterTimersAndSleeps")
    void deadlockAfterTimersAndSleeps() {
        assertDeadlock("DeadlockAfterTimersAndSleeps", "chan receive");
    }

    /**
     * Socket I/O on goroutines starts the JDK's I/O pollers (on JDK 25 the 'MasterPoller'
     * platform thread and 'SubPoller-N' virtual threads); a deadlock after it is still reported.
     */
    @Test
    @Program("DeadlockAfterSocketIo")
    void deadlockAfterSocketIo() {
        assertDeadlock("DeadlockAfterSocketIo", "chan receive");
    }
}
