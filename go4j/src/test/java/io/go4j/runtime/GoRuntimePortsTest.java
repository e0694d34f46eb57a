package io.go4j.runtime;

import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.Goroutine;
import io.go4j.runtime.ChildJvm.Program;
import io.go4j.runtime.ChildJvm.Run;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Ports of Go's runtime tests: {@code runtime/crash_test.go} (whose programs are in
 * {@code runtime/testdata/testprog/deadlock.go}; here in {@link io.go4j.programs.RuntimePrograms},
 * run in a child JVM under {@code Go.main}) and {@code runtime/proc_test.go}. Go's tests check
 * that the output starts with or contains the message; these check Go's exact lines and the
 * exit status 2 of Go's fatal errors and panics.
 */
@Timeout(120)
class GoRuntimePortsTest {

    private static final String DEADLOCK = "fatal error: all goroutines are asleep - deadlock!\n\n";
    private static final String GOEXIT_DEADLOCK = "fatal error: no goroutines (main called runtime.Goexit) - deadlock!\n";

    @BeforeAll
    static void startPrograms() {
        ChildJvm.startAll(GoRuntimePortsTest.class);
    }

    private static Run run(String program) {
        return ChildJvm.result(program);
    }

    private static void assertDeadlock(Run r, String mainHeader) {
        assertEquals(2, r.exit(), r.describe());
        assertTrue(r.err().startsWith(DEADLOCK + mainHeader + "\n"), r.describe());
        assertEquals("", r.out(), r.describe());
    }

    /** crash_test.go TestSimpleDeadlock (deadlock.go SimpleDeadlock: {@code select {}} in main). */
    @Test
    @Program("SimpleDeadlock")
    void simpleDeadlock() {
        assertDeadlock(run("SimpleDeadlock"), "goroutine 1 [select (no cases)]:");
    }

    /** crash_test.go TestSimpleDeadlock's message for main blocked in a receive: {@code <-make(chan int)}. */
    @Test
    @Program("ChanReceiveDeadlock")
    void chanReceiveDeadlock() {
        Run r = run("ChanReceiveDeadlock");
        assertDeadlock(r, "goroutine 1 [chan receive]:");
        assertTrue(r.err().contains("io.go4j.programs.RuntimePrograms."), "main's frame: " + r.describe());
        assertFalse(r.err().contains("io.go4j.internal."), r.describe());
    }

    /**
     * crash_test.go TestGoexitDeadlock: main Goexits, two goroutines end; Go dies with
     * "no goroutines (main called runtime.Goexit) - deadlock!".
     */
    @Test
    @Program("GoexitDeadlock")
    void goexitDeadlock() {
        Run r = run("GoexitDeadlock");
        assertEquals(2, r.exit(), r.describe());
        assertTrue(r.err().startsWith(GOEXIT_DEADLOCK), r.describe());
    }

    /** crash_test.go TestGoexitCrash (deadlock.go GoexitExit): a sleeping goroutine and a GC change nothing. */
    @Test
    @Program("GoexitExit")
    void goexitCrash() {
        Run r = run("GoexitExit");
        assertEquals(2, r.exit(), r.describe());
        assertTrue(r.err().startsWith(GOEXIT_DEADLOCK), r.describe());
    }

    /**
     * crash_test.go TestGoexitInPanic: a goroutine Goexits from a deferred call (finally) while
     * it panics — the Goexit wins and no panic is reported; then main Goexits.
     */
    @Test
    @Program("GoexitInPanic")
    void goexitInPanic() {
        Run r = run("GoexitInPanic");
        assertEquals(2, r.exit(), r.describe());
        assertTrue(r.err().startsWith(GOEXIT_DEADLOCK), r.describe());
        assertFalse(r.err().contains("panic: hello"), r.describe());
    }

    /** crash_test.go TestPanicAfterGoexit: a panic in a deferred call during Goexit is an uncaught panic. */
    @Test
    @Program("PanicAfterGoexit")
    void panicAfterGoexit() {
        Run r = run("PanicAfterGoexit");
        assertEquals(2, r.exit(), r.describe());
        assertTrue(r.err().startsWith("panic: hello\n\ngoroutine 1 [running]:\n"), r.describe());
    }

    /** crash_test.go TestRecoveredPanicAfterGoexit: that panic recovered, the Goexit goes on. */
    @Test
    @Program("RecoveredPanicAfterGoexit")
    void recoveredPanicAfterGoexit() {
        Run r = run("RecoveredPanicAfterGoexit");
        assertEquals(2, r.exit(), r.describe());
        assertTrue(r.err().startsWith(GOEXIT_DEADLOCK), r.describe());
    }

    /**
     * runtime/proc.go checkdead: main Goexited but a goroutine is still blocked, so the
     * goroutines are asleep rather than gone — Go's "all goroutines are asleep" message, with
     * the blocked goroutine in the dump.
     */
    @Test
    @Program("GoexitWithBlockedGoroutine")
    void goexitWithBlockedGoroutineIsADeadlock() {
        Run r = run("GoexitWithBlockedGoroutine");
        assertDeadlock(r, "goroutine 2 [chan receive]:");
        assertTrue(r.err().contains("created by io.go4j.programs.RuntimePrograms in goroutine 1\n"), r.describe());
    }

    /**
     * crash_test.go TestGoNil: {@code go} of a nil function ends the program with
     * "go of nil func value". (Go's program recovers in vain — Go makes it a fatal error; go4j
     * makes it a panic, so this port leaves the recover out.)
     */
    @Test
    @Program("GoNil")
    void goNil() {
        Run r = run("GoNil");
        assertEquals(2, r.exit(), r.describe());
        assertTrue(r.err().contains("go of nil func value"), r.describe());
    }

    /** crash_test.go TestMainGoroutineID: a panic in main reports goroutine 1. */
    @Test
    @Program("MainGoroutineID")
    void mainGoroutineID() {
        Run r = run("MainGoroutineID");
        assertEquals(2, r.exit(), r.describe());
        assertTrue(r.err().startsWith("panic: test\n\ngoroutine 1 [running]:\n"), r.describe());
    }

    /**
     * crash_test.go TestNoHelperGoroutines: with a pending AfterFunc timer, a panic's report
     * shows goroutine 1 only — go4j's timer and sysmon threads are not goroutines.
     */
    @Test
    @Program("NoHelperGoroutines")
    void noHelperGoroutines() {
        Run r = run("NoHelperGoroutines");
        assertEquals(2, r.exit(), r.describe());
        Matcher m = Pattern.compile("goroutine [0-9]+ \\[").matcher(r.err());
        List<String> headers = new ArrayList<>();
        while (m.find()) {
            headers.add(m.group());
        }
        assertEquals(List.of("goroutine 1 ["), headers, r.describe());
    }

    /** proc_test.go TestNumGoroutine, first half (testprog NumGoroutine): a program's main alone counts 1. */
    @Test
    @Program("NumGoroutine")
    void numGoroutineOfAFreshProgram() {
        Run r = run("NumGoroutine");
        assertEquals(0, r.exit(), r.describe());
        assertEquals("1\n", r.out(), r.describe());
    }

    /**
     * proc_test.go TestNumGoroutine, second half: NumGoroutine equals the number of goroutines
     * in a full dump ({@code runtime.Stack(buf, true)}). Go retries up to 10 times, as
     * goroutines that are ending may be counted by one and not the other; here a fixed set of
     * parked goroutines is made first, and the check runs in a goroutine, as Go's test does.
     */
    @Test
    void numGoroutineMatchesTheDump() throws Exception {
        Chan<Integer> release = Chan.make();
        List<Goroutine> parked = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            parked.add(Go.go(release::recv));
        }
        for (Goroutine g : parked) {
            awaitParked(g, "chan receive");
        }
        CompletableFuture<String> outcome = new CompletableFuture<>();
        Go.go(() -> {
            for (int i = 0; ; i++) {
                GoRuntime.gosched();
                int n = GoRuntime.numGoroutine();
                String dump = GoRuntime.stack(true);
                // Go's count: every "goroutine " once "in goroutine" (of "created by") is removed
                int nstk = count(dump.replace("in goroutine", ""), "goroutine ");
                if (n == nstk) {
                    outcome.complete(dump);
                    return;
                }
                if (i >= 10) {
                    outcome.completeExceptionally(new AssertionError(
                            "NumGoroutine=" + n + ", but found " + nstk + " goroutines in stack dump: " + dump));
                    return;
                }
            }
        });
        String dump = outcome.get(30, TimeUnit.SECONDS);
        assertTrue(dump.startsWith("goroutine "), dump);
        assertTrue(dump.contains(" [running]:\n"), "the caller's own block: " + dump);
        for (Goroutine g : parked) {
            assertTrue(dump.contains("goroutine " + g.id() + " [chan receive]:\n"), dump);
        }
        release.close();
        for (Goroutine g : parked) {
            g.thread().join();
        }
    }

    /**
     * crash_test.go TestGoexitDefer: Goexit runs the goroutine's deferred calls ({@code finally}
     * blocks), and recover ({@code catch (Exception e)}) sees nothing during a Goexit.
     */
    @Test
    void goexitDefer() throws Exception {
        Chan<Boolean> c = Chan.make();
        AtomicReference<Throwable> recovered = new AtomicReference<>();
        Goroutine g = Go.go(() -> {
            try {
                try {
                    GoRuntime.goexit();
                } catch (Exception r) { // recover()
                    recovered.set(r);
                }
                c.send(false); // not reached
            } finally {
                c.send(true);
            }
        });
        // Note: if the finally block fails to run, this blocks until the timeout
        assertTrue(c.recv(), "the finally block ran, and nothing after the Goexit");
        g.thread().join();
        assertNull(recovered.get(), "non-nil recover during Goexit");
    }

    // ---- helpers ----

    private static int count(String s, String sub) {
        int n = 0;
        for (int i = s.indexOf(sub); i >= 0; i = s.indexOf(sub, i + sub.length())) {
            n++;
        }
        return n;
    }

    static void awaitParked(Goroutine g, String reason) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!reason.equals(g.waitReason())) {
            if (!g.isAlive() || System.nanoTime() - deadline > 0) {
                fail("goroutine " + g.id() + " did not park with '" + reason + "': " + g.waitReason());
            }
            Thread.yield();
        }
    }
}
