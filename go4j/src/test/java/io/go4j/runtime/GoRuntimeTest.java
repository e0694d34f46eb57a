package io.go4j.runtime;

import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.Goroutine;
import io.go4j.Select;
import io.go4j.WaitInterruptedException;
import io.go4j.internal.Dump;
import io.go4j.internal.park.G;
import io.go4j.internal.park.Park;
import io.go4j.runtime.ChildJvm.Program;
import io.go4j.runtime.ChildJvm.Run;
import io.go4j.sync.Cond;
import io.go4j.sync.Mutex;
import io.go4j.sync.RWMutex;
import io.go4j.sync.WaitGroup;
import io.go4j.time.Time;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.go4j.Case.recv;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@link GoRuntime}: Go's {@code runtime} package on the JVM (SEMANTICS §8,
 * docs/adr/0011-runtime-introspection.md) — NumCPU, GOMAXPROCS, NumGoroutine, Gosched,
 * Goexit, GC and ReadMemStats, Stack and its Go-format dumps, and the deadlock handler
 * outside {@code Go.main}.
 *
 * <p>These tests share the JVM with the other test classes, whose goroutines may still be
 * alive: they look only at goroutines they started, and compare goroutine counts as Go's
 * proc_test.go does, retrying when a goroutine of someone else ended in between.
 *
 * <p>The deadlock handler is tested in child JVMs: inside the test JVM the test framework's own
 * platform threads (surefire's command reader, JUnit's timeout watcher) could still act, so by
 * ADR 0011 the detector never reports there.
 */
@Timeout(120)
class GoRuntimeTest {

    private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(30);

    @BeforeAll
    static void startPrograms() {
        ChildJvm.startAll(GoRuntimeTest.class);
    }

    // ---- NumCPU, GOMAXPROCS ----

    /** NumCPU is the processors available to the JVM. */
    @Test
    void numCpuIsTheAvailableProcessors() {
        assertEquals(Runtime.getRuntime().availableProcessors(), GoRuntime.numCPU());
        assertTrue(GoRuntime.numCPU() >= 1);
    }

    /** GOMAXPROCS(n < 1) only reads: the virtual-thread scheduler's parallelism, the same every time. */
    @Test
    void gomaxprocsZeroReadsTheSchedulerParallelism() {
        int expected = Integer.getInteger("jdk.virtualThreadScheduler.parallelism",
                Runtime.getRuntime().availableProcessors());
        assertEquals(expected, GoRuntime.gomaxprocs(0));
        assertEquals(expected, GoRuntime.gomaxprocs(-1));
        assertEquals(expected, GoRuntime.gomaxprocs(0), "reading changes nothing");
    }

    /**
     * GOMAXPROCS goroutines really run at once: that many goroutines that spin (never yield)
     * until all of them have arrived all get a carrier.
     */
    @Test
    void gomaxprocsGoroutinesRunInParallel() throws Exception {
        int procs = GoRuntime.gomaxprocs(0);
        AtomicInteger arrived = new AtomicInteger();
        AtomicBoolean giveUp = new AtomicBoolean();
        List<Goroutine> spinners = new ArrayList<>();
        for (int i = 0; i < procs; i++) {
            spinners.add(Go.go(() -> {
                arrived.incrementAndGet();
                while (arrived.get() < procs && !giveUp.get()) {
                    Thread.onSpinWait();
                }
            }));
        }
        for (Goroutine g : spinners) {
            if (!g.thread().join(Duration.ofNanos(WAIT_NANOS))) {
                giveUp.set(true);
                fail(arrived.get() + " of " + procs + " spinning goroutines ran at once");
            }
        }
        assertEquals(procs, arrived.get());
    }

    /**
     * GOMAXPROCS(n) with another n cannot be honoured on the JVM: it throws, naming the
     * property that sets the parallelism at start-up; asking for the current value succeeds.
     */
    @Test
    void gomaxprocsOfAnotherValueThrows() {
        int current = GoRuntime.gomaxprocs(0);
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> GoRuntime.gomaxprocs(current + 1));
        assertTrue(e.getMessage().contains("-Djdk.virtualThreadScheduler.parallelism=" + (current + 1)), e.getMessage());
        assertEquals(current, GoRuntime.gomaxprocs(current), "the current value is returned, as Go returns the previous");
        assertEquals(current, GoRuntime.gomaxprocs(0), "unchanged");
    }

    // ---- NumGoroutine ----

    /** NumGoroutine counts goroutines from their start to their end (a parked one counts too). */
    @Test
    void numGoroutineCountsLiveGoroutines() throws Exception {
        int k = 4;
        String last = "";
        for (int attempt = 1; attempt <= 10; attempt++) {
            int before = GoRuntime.numGoroutine();
            Chan<Integer> release = Chan.make();
            List<Goroutine> gs = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                gs.add(Go.go(release::recv));
            }
            for (Goroutine g : gs) {
                awaitParked(g, "chan receive");
            }
            int during = GoRuntime.numGoroutine();
            release.close();
            for (Goroutine g : gs) {
                awaitEnded(g);
            }
            int after = GoRuntime.numGoroutine();
            if (during - before == k && during - after == k) {
                return;
            }
            last = "before " + before + ", with " + k + " more " + during + ", after they ended " + after;
        }
        fail(last);
    }

    // ---- Gosched ----

    /**
     * Gosched does not starve work submitted from outside the carriers: GOMAXPROCS (at least 2)
     * goroutines that only call Gosched until a flag is set must see a {@code time.AfterFunc}
     * (run by go4j's timer thread) set it.
     */
    @Test
    void goschedLetsATimerRunBesideYieldingGoroutines() throws Exception {
        AtomicBoolean flag = new AtomicBoolean();
        List<Goroutine> loopers = startGoschedLoopers(flag, new AtomicInteger());
        Time.afterFunc(Duration.ofMillis(1), () -> flag.set(true));
        awaitAllEnded(loopers, flag);
    }

    /**
     * Gosched does not starve a goroutine started by a platform thread: while GOMAXPROCS (at
     * least 2) goroutines loop on Gosched, a goroutine started by the test thread runs and
     * sets the flag that ends them.
     */
    @Test
    void goschedLetsAGoroutineStartedOutsideRun() throws Exception {
        AtomicBoolean flag = new AtomicBoolean();
        AtomicInteger spins = new AtomicInteger();
        List<Goroutine> loopers = startGoschedLoopers(flag, spins);
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (spins.get() < 1000 * loopers.size() && System.nanoTime() - deadline < 0) {
            Thread.onSpinWait(); // the loopers are all running
        }
        Go.go(() -> flag.set(true));
        awaitAllEnded(loopers, flag);
    }

    private static List<Goroutine> startGoschedLoopers(AtomicBoolean flag, AtomicInteger spins) {
        List<Goroutine> loopers = new ArrayList<>();
        for (int i = 0; i < Math.max(2, GoRuntime.gomaxprocs(0)); i++) {
            loopers.add(Go.go(() -> {
                while (!flag.get()) {
                    spins.incrementAndGet();
                    GoRuntime.gosched();
                }
            }));
        }
        return loopers;
    }

    private static void awaitAllEnded(List<Goroutine> loopers, AtomicBoolean flag) throws InterruptedException {
        for (Goroutine g : loopers) {
            if (!g.thread().join(Duration.ofNanos(WAIT_NANOS))) {
                flag.set(true); // let them go, then fail
                fail("the flag was not set while goroutines looped on Gosched");
            }
        }
    }

    // ---- Goexit ----

    /**
     * Goexit ends the calling goroutine only: every enclosing {@code finally} runs (innermost
     * first, as Go runs deferred calls), code after it does not, no panic is reported, the
     * goroutine leaves the count and the dump, and the goroutine that started it goes on.
     */
    @Test
    void goexitRunsFinallyBlocksAndEndsOnlyThatGoroutine() throws Exception {
        List<String> panics = new java.util.concurrent.CopyOnWriteArrayList<>();
        Go.setPanicHandler((g, t) -> panics.add(g.id() + ": " + t));
        try {
            Chan<String> events = Chan.make(10);
            CompletableFuture<Long> child = new CompletableFuture<>();
            Goroutine parent = Go.go(() -> {
                Goroutine g = Go.go(() -> {
                    try {
                        try {
                            events.send("body");
                            GoRuntime.goexit();
                            events.send("after goexit");
                        } finally {
                            events.send("inner finally");
                        }
                    } finally {
                        events.send("outer finally");
                    }
                });
                awaitEnded(g);
                child.complete(g.id());
                events.send("parent goes on");
            });
            awaitEnded(parent);
            long id = child.get(30, TimeUnit.SECONDS);
            events.close();
            List<String> seen = new ArrayList<>();
            for (String e : events) {
                seen.add(e);
            }
            assertEquals(List.of("body", "inner finally", "outer finally", "parent goes on"), seen);
            assertEquals(List.of(), panics, "Goexit is not a panic");
            assertNull(Park.goroutine(id), "no longer a live goroutine");
            assertFalse(GoRuntime.stack(true).contains("goroutine " + id + " ["), "not in the dump");
        } finally {
            Go.setPanicHandler(null);
        }
    }

    /** After Goexit the goroutine no longer counts: NumGoroutine drops by one. */
    @Test
    void goexitLowersNumGoroutine() throws Exception {
        String last = "";
        for (int attempt = 1; attempt <= 10; attempt++) {
            Chan<Integer> go = Chan.make();
            Goroutine g = Go.go(() -> {
                go.recv();
                GoRuntime.goexit();
            });
            awaitParked(g, "chan receive");
            int before = GoRuntime.numGoroutine();
            go.send(1);
            awaitEnded(g);
            int after = GoRuntime.numGoroutine();
            if (before - after == 1) {
                return;
            }
            last = "before " + before + ", after " + after;
        }
        fail(last);
    }

    /** Goexit cannot be caught by {@code catch (Exception e)} (Go's recover returns nil during Goexit). */
    @Test
    void goexitIsNotAnException() {
        Throwable t = assertThrows(Throwable.class, GoRuntime::goexit);
        assertTrue(t instanceof Goexit, t.toString());
        assertFalse(t instanceof Exception);
        assertTrue(t instanceof Error);
    }

    // ---- GC, ReadMemStats ----

    /** ReadMemStats' fields are consistent with one another and with Go's definitions. */
    @Test
    void readMemStatsFieldsAreSane() {
        MemStats m = GoRuntime.readMemStats();
        assertTrue(m.alloc() > 0, m.toString());
        assertEquals(m.alloc(), m.heapAlloc(), "HeapAlloc is Alloc, as in Go");
        assertEquals(m.alloc(), m.heapInuse(), m.toString());
        assertTrue(m.heapSys() >= m.heapInuse(), m.toString());
        assertTrue(m.sys() >= m.heapSys(), m.toString());
        assertEquals(m.heapSys() - m.heapInuse(), m.heapIdle(), m.toString());
        assertEquals(0, m.heapReleased(), m.toString());
        assertTrue(m.nextGC() >= m.heapSys(), m.toString());
        assertTrue(m.numGC() >= 0 && m.pauseTotalNs() >= 0 && m.lastGC() >= 0, m.toString());
        assertTrue(m.totalAlloc() == -1 || m.totalAlloc() > 0, m.toString());
    }

    /**
     * GC runs a collection: NumGC grows, NumForcedGC counts the calls of gc(), LastGC is a
     * time (UNIX nanoseconds) between the JVM's start and now.
     */
    @Test
    void gcCountsForcedAndCompletedCollections() {
        MemStats a = GoRuntime.readMemStats();
        GoRuntime.gc();
        GoRuntime.gc();
        MemStats b = GoRuntime.readMemStats();
        assertEquals(a.numForcedGC() + 2, b.numForcedGC(), b.toString());
        assertTrue(b.numGC() > a.numGC(), a + " then " + b);
        long start = ManagementFactory.getRuntimeMXBean().getStartTime() * 1_000_000L;
        long now = System.currentTimeMillis() * 1_000_000L;
        assertTrue(b.lastGC() >= start && b.lastGC() <= now + 1_000_000_000L,
                "LastGC " + b.lastGC() + " between " + start + " and " + now);
        assertTrue(b.lastGC() >= a.lastGC());
    }

    /** TotalAlloc is cumulative: allocating 16 MB on this thread raises it by at least that much. */
    @Test
    void totalAllocGrowsWithAllocation() {
        MemStats a = GoRuntime.readMemStats();
        org.junit.jupiter.api.Assumptions.assumeTrue(a.totalAlloc() != -1, "the JVM does not count allocations");
        long sum = 0;
        for (int i = 0; i < 16; i++) {
            byte[] mb = new byte[1 << 20];
            mb[i] = 1;
            sum += mb.length + mb[i];
        }
        MemStats b = GoRuntime.readMemStats();
        assertTrue(b.totalAlloc() - a.totalAlloc() >= 16L << 20,
                a.totalAlloc() + " then " + b.totalAlloc() + " (" + sum + ")");
    }

    // ---- Stack ----

    /** stack(false) in a goroutine: its own block only, "[running]", the caller's frame first. */
    @Test
    void stackOfTheCallerOnly() throws Exception {
        CompletableFuture<String> dump = new CompletableFuture<>();
        AtomicReference<Long> id = new AtomicReference<>();
        Chan<Integer> hold = Chan.make();
        Goroutine other = Go.go(hold::recv); // must not show
        try {
            awaitParked(other, "chan receive");
            Go.go(() -> {
                id.set(Go.id());
                dump.complete(StackProbe.stackOfCaller());
            });
            String s = dump.get(30, TimeUnit.SECONDS);
            String[] lines = s.split("\n");
            assertEquals("goroutine " + id.get() + " [running]:", lines[0], s);
            assertEquals("io.go4j.runtime.StackProbe.stackOfCaller(...)", lines[1], s);
            assertTrue(lines[2].startsWith("\tStackProbe.java:"), s);
            assertEquals(1, headers(s).size(), s);
            assertFalse(s.contains("io.go4j.internal."), s);
            assertTrue(s.endsWith("created by io.go4j.runtime.GoRuntimeTest\n"), s);
        } finally {
            hold.close();
            awaitEnded(other);
        }
    }

    /** stack(false) on a thread that is not a goroutine: there is no goroutine to show. */
    @Test
    void stackOutsideGoroutinesIsEmpty() {
        assertEquals("", GoRuntime.stack(false));
    }

    /** A goroutine blocked in one way, and how to let it go. */
    private record Blocked(String reason, Runnable body, Runnable release) {
    }

    /**
     * stack(true) shows every goroutine with Go's wait reason, "created by" with the
     * creating goroutine, no frame of go4j's internals and no duration for a fresh wait; a
     * goroutine blocked outside go4j (in a JDK latch) is "runnable". dump() is the same dump.
     */
    @Test
    void stackOfAllShowsGoWaitReasons() throws Exception {
        Chan<Integer> recvCh = Chan.make();
        Chan<Integer> sendCh = Chan.make();
        Chan<Integer> selA = Chan.make();
        Chan<Integer> selB = Chan.make();
        Mutex mu = new Mutex();
        RWMutex rwWriteHeld = new RWMutex();
        RWMutex rwReadHeld = new RWMutex();
        Mutex condMu = new Mutex();
        Cond cond = new Cond(condMu);
        AtomicBoolean signalled = new AtomicBoolean();
        WaitGroup wg = new WaitGroup();
        CountDownLatch latch = new CountDownLatch(1);
        mu.lock();
        rwWriteHeld.lock();
        rwReadHeld.rLock();
        wg.add(1);
        List<Goroutine> interruptible = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Blocked> cases = List.of(
                new Blocked("chan receive", recvCh::recv, recvCh::close),
                new Blocked("chan send", () -> sendCh.send(1), sendCh::recv),
                new Blocked("select", () -> Select.select(recv(selA), recv(selB)), selA::close),
                new Blocked("chan receive (nil chan)", ignoringInterrupt(() -> Chan.nil().recv()), null),
                new Blocked("chan send (nil chan)", ignoringInterrupt(() -> Chan.<Integer>nil().send(1)), null),
                new Blocked("select (no cases)", ignoringInterrupt(Select::forever), null),
                new Blocked("sleep", ignoringInterrupt(() -> Time.sleep(Duration.ofHours(1))), null),
                new Blocked("sync.Mutex.Lock", () -> {
                    mu.lock();
                    mu.unlock();
                }, mu::unlock),
                new Blocked("sync.RWMutex.RLock", () -> {
                    rwWriteHeld.rLock();
                    rwWriteHeld.rUnlock();
                }, rwWriteHeld::unlock),
                new Blocked("sync.RWMutex.Lock", () -> {
                    rwReadHeld.lock();
                    rwReadHeld.unlock();
                }, rwReadHeld::rUnlock),
                new Blocked("sync.Cond.Wait", () -> {
                    condMu.lock();
                    while (!signalled.get()) {
                        cond.await();
                    }
                    condMu.unlock();
                }, () -> {
                    condMu.lock();
                    signalled.set(true);
                    cond.broadcast();
                    condMu.unlock();
                }),
                new Blocked("sync.WaitGroup.Wait", wg::await, wg::done),
                new Blocked("runnable", () -> {
                    try {
                        latch.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }, latch::countDown));
        // A parent goroutine starts them all, then waits itself.
        Chan<Integer> holdParent = Chan.make();
        CompletableFuture<List<Goroutine>> started = new CompletableFuture<>();
        Goroutine parent = Go.go(() -> {
            List<Goroutine> gs = new ArrayList<>();
            for (Blocked b : cases) {
                gs.add(Go.go(b.body()));
            }
            started.complete(gs);
            holdParent.recv();
        });
        List<Goroutine> gs = started.get(30, TimeUnit.SECONDS);
        try {
            awaitParked(parent, "chan receive");
            for (int i = 0; i < cases.size(); i++) {
                Blocked b = cases.get(i);
                if (b.reason().equals("runnable")) {
                    awaitState(gs.get(i), Thread.State.WAITING);
                } else {
                    awaitParked(gs.get(i), b.reason());
                }
                if (b.release() == null) {
                    interruptible.add(gs.get(i));
                }
            }
            for (String dump : List.of(GoRuntime.stack(true), GoRuntime.dump())) {
                Map<Long, String> blocks = blocks(dump);
                for (int i = 0; i < cases.size(); i++) {
                    Goroutine g = gs.get(i);
                    String block = blocks.get(g.id());
                    assertNotNull(block, "goroutine " + g.id() + " in " + dump);
                    assertTrue(block.startsWith("goroutine " + g.id() + " [" + cases.get(i).reason() + "]:\n"), block);
                    assertTrue(block.endsWith("\ncreated by io.go4j.runtime.GoRuntimeTest in goroutine " + parent.id() + "\n"),
                            block);
                    assertFalse(block.contains("io.go4j.internal."), block);
                }
                String parentBlock = blocks.get(parent.id());
                assertTrue(parentBlock.startsWith("goroutine " + parent.id() + " [chan receive]:\n"), parentBlock);
                assertTrue(parentBlock.endsWith("\ncreated by io.go4j.runtime.GoRuntimeTest\n"),
                        "started by the test thread, not a goroutine: " + parentBlock);
                assertFalse(dump.contains("io.go4j.internal."), "no goroutine's frames: " + dump);
                assertFalse(dump.contains("[running]"), "the test thread is not a goroutine: " + dump);
            }
        } finally {
            for (Blocked b : cases) {
                if (b.release() != null) {
                    b.release().run();
                }
            }
            for (Goroutine g : interruptible) {
                g.interrupt();
            }
            holdParent.close();
            for (Goroutine g : gs) {
                awaitEnded(g);
            }
            awaitEnded(parent);
        }
    }

    private static Runnable ignoringInterrupt(Runnable wait) {
        return () -> {
            try {
                wait.run();
            } catch (WaitInterruptedException e) {
                // released
            }
        };
    }

    /**
     * A dump's header shows how long a goroutine has waited from one minute up, in Go's words
     * ("1 minutes" too); the caller is "running", a goroutine not parked in go4j "runnable".
     */
    @Test
    void dumpHeaderShowsTheWaitFromOneMinuteUp() throws Exception {
        Chan<Integer> ch = Chan.make();
        Goroutine parked = Go.go(ch::recv);
        AtomicBoolean stop = new AtomicBoolean();
        Goroutine busy = Go.go(() -> {
            while (!stop.get()) {
                Thread.onSpinWait();
            }
        });
        try {
            awaitParked(parked, "chan receive");
            G g = Park.goroutine(parked.id());
            long since = g.waitSinceNanos();
            long minute = TimeUnit.MINUTES.toNanos(1);
            String id = "goroutine " + parked.id();
            assertEquals(id + " [chan receive]:", Dump.header(g, false, since));
            assertEquals(id + " [chan receive]:", Dump.header(g, false, since + minute - 1));
            assertEquals(id + " [chan receive, 1 minutes]:", Dump.header(g, false, since + minute));
            assertEquals(id + " [chan receive, 2 minutes]:", Dump.header(g, false, since + 2 * minute + 5_000_000_000L));
            assertEquals(id + " [chan receive, 90 minutes]:", Dump.header(g, false, since + 90 * minute));
            assertEquals(id + " [running]:", Dump.header(g, true, since + 2 * minute));
            G b = Park.goroutine(busy.id());
            assertEquals("goroutine " + busy.id() + " [runnable]:", Dump.header(b, false, System.nanoTime()));
        } finally {
            stop.set(true);
            ch.close();
            awaitEnded(parked);
            awaitEnded(busy);
        }
    }

    /** A parked goroutine's frames start at the code that called go4j: no JDK parking frames (Go hides gopark). */
    @Test
    void dumpLeavesOutTheJdkParkingFrames() throws Exception {
        Chan<Integer> ch = Chan.make();
        Goroutine g = Go.go(ch::recv);
        try {
            awaitParked(g, "chan receive");
            String block = blocks(GoRuntime.stack(true)).get(g.id());
            assertFalse(block.contains("java.lang.System$"), block);
            assertFalse(block.contains("parkVirtualThread"), block);
        } finally {
            ch.close();
            awaitEnded(g);
        }
    }

    /** Frames of classes that merely start with "GoRuntime" (this test's) are shown: only GoRuntime's own are hidden. */
    @Test
    void dumpShowsFramesOfClassesNamedLikeGoRuntime() throws Exception {
        CompletableFuture<String> dump = new CompletableFuture<>();
        Go.go(() -> dump.complete(stackFromThisClass()));
        String s = dump.get(30, TimeUnit.SECONDS);
        assertTrue(s.contains("io.go4j.runtime.GoRuntimeTest.stackFromThisClass(...)\n"), s);
    }

    private static String stackFromThisClass() {
        return GoRuntime.stack(false);
    }

    // ---- the deadlock handler outside Go.main ----

    /**
     * Outside Go.main the handler receives Go's report when a goroutine completes a deadlock
     * in which the program's main thread (not a goroutine) is already blocked on a channel; it
     * closes that channel, and main goes on. (A child JVM: in the test JVM, the test
     * framework's own threads could always act, so the detector rightly never reports there.)
     */
    @Test
    @Program("HandlerGoroutineParksLast")
    void deadlockHandlerOutsideGoMain() {
        Run r = ChildJvm.result("HandlerGoroutineParksLast");
        assertEquals(0, r.exit(), r.describe());
        assertEquals("handler: [all goroutines are asleep - deadlock!, , goroutine 2 [chan receive]:]\n"
                + "main woke, ok=false\n", r.out(), r.describe());
    }

    /**
     * The handler is not called while the program's main thread runs beside a blocked
     * goroutine (it could still act); it is called once main itself blocks on a channel and so
     * completes the deadlock — the case of a test thread that waits in go4j.
     */
    @Test
    @Program("HandlerThreadParksLast")
    void deadlockHandlerWhenTheMainThreadBlocksLast() {
        Run r = ChildJvm.result("HandlerThreadParksLast");
        assertEquals(0, r.exit(), r.describe());
        assertEquals("main ran\n"
                + "handler: [all goroutines are asleep - deadlock!, , goroutine 2 [chan receive]:]\n"
                + "main woke, ok=false\n", r.out(), r.describe());
    }

    // ---- goid ----

    /** goid() is the calling goroutine's id (Go.id()), 0 on a thread that is not a goroutine. */
    @Test
    void goidIsTheGoroutineId() throws Exception {
        CompletableFuture<long[]> ids = new CompletableFuture<>();
        Goroutine g = Go.go(() -> ids.complete(new long[] {GoRuntime.goid(), Go.id()}));
        long[] got = ids.get(30, TimeUnit.SECONDS);
        assertEquals(g.id(), got[0]);
        assertEquals(g.id(), got[1]);
        assertEquals(0, GoRuntime.goid());
    }

    // ---- helpers ----

    private static final Pattern HEADER = Pattern.compile("(?m)^goroutine (\\d+) \\[");

    private static List<String> headers(String dump) {
        List<String> hs = new ArrayList<>();
        Matcher m = HEADER.matcher(dump);
        while (m.find()) {
            hs.add(m.group());
        }
        return hs;
    }

    /** The dump's blocks by goroutine id (blocks are separated by a blank line). */
    private static Map<Long, String> blocks(String dump) {
        Map<Long, String> byId = new HashMap<>();
        for (String block : dump.split("\n\n")) {
            Matcher m = HEADER.matcher(block);
            assertTrue(m.lookingAt(), "a block starts with its header: " + block);
            byId.put(Long.parseLong(m.group(1)), block.endsWith("\n") ? block : block + "\n");
        }
        return byId;
    }

    static void awaitParked(Goroutine g, String reason) {
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (!reason.equals(g.waitReason())) {
            if (!g.isAlive() || System.nanoTime() - deadline > 0) {
                fail("goroutine " + g.id() + " did not park with '" + reason + "': " + g.waitReason());
            }
            Thread.yield();
        }
    }

    private static void awaitState(Goroutine g, Thread.State state) {
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (g.thread().getState() != state) {
            if (System.nanoTime() - deadline > 0) {
                fail("goroutine " + g.id() + " is " + g.thread().getState() + ", not " + state);
            }
            Thread.yield();
        }
    }

    static void awaitEnded(Goroutine g) {
        try {
            if (!g.thread().join(Duration.ofNanos(WAIT_NANOS))) {
                fail("goroutine " + g.id() + " did not end: " + g.waitReason());
            }
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
