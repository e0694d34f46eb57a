package io.go4j.internal.park;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The deadlock detector — the part of Go's {@code sysmon}/{@code checkdead} that go4j needs:
 * when no goroutine can ever run again, say so ({@code fatal error: all goroutines are asleep
 * - deadlock!}) instead of hanging for ever.
 *
 * <h2>When it looks</h2>
 * Only while enabled ({@code Go.main}, or a handler set through {@code GoRuntime}). The park
 * facility pokes it when the root bubble's runnable count drops to zero (a goroutine parked or
 * ended); it then checks on its own platform thread, {@code go4j-sysmon}. Nothing is added to
 * the hot path but a comparison with zero.
 *
 * <h2>No false positive, ever</h2>
 * It reports a deadlock only if all of these hold, twice in a row:
 * <ol>
 *   <li>the runnable count is zero and every live goroutine is parked in go4j on something only
 *       another goroutine or thread can end (a channel, select, lock, condition, wait group),
 *       and no waker has claimed it yet;</li>
 *   <li>the real clock has no pending timer and is not firing one (a sleep, a timer channel
 *       someone waits on, an AfterFunc, a context deadline can still wake someone);</li>
 *   <li>no thread outside go4j could act: every live platform thread is go4j's own, the JVM's
 *       own (reference handler, finalizer, signal dispatcher, attach listener, notification,
 *       cleaner, the virtual-thread carriers), or parked unclaimed in go4j; and every virtual
 *       thread that is not a goroutine is parked unclaimed in go4j. Virtual threads are
 *       enumerated with the JDK's thread dump ({@code HotSpotDiagnosticMXBean.dumpThreads}); if
 *       the JVM does not track all virtual threads ({@code -Djdk.trackAllThreads=false}) or the
 *       dump fails, the detector never reports.</li>
 * </ol>
 * A goroutine blocked outside go4j — in I/O, {@code Thread.sleep}, a JDK lock — is still in the
 * runnable count, so it is never taken for deadlocked. Like Go, the detector can miss a deadlock
 * (a program whose live platform threads will never act); it never reports one that is not.
 */
public final class Sysmon {

    private Sysmon() {
    }

    /** Foreign threads (not goroutines) that have used go4j, by thread id: their records. */
    private static final ConcurrentHashMap<Long, G> FOREIGN = new ConcurrentHashMap<>();
    private static volatile int pruneAt = 1024;

    private static volatile Thread thread;
    private static volatile Consumer<String> onDeadlock;
    private static volatile Consumer<String> onMainGoexitEnd;

    /** The message Go prints when every goroutine is blocked. */
    public static final String DEADLOCK = "all goroutines are asleep - deadlock!";
    /** The message Go prints when main called Goexit and every other goroutine has ended. */
    public static final String GOEXIT_DEADLOCK = "no goroutines (main called runtime.Goexit) - deadlock!";

    private static final Set<String> JVM_THREADS = Set.of("Reference Handler", "Finalizer",
            "Signal Dispatcher", "Attach Listener", "Notification Thread", "Common-Cleaner",
            "DestroyJavaVM", "go4j-timers", "go4j-sysmon", "go4j-diagnostics", "go4j-waitclock", "go4j-fairness",
            // JFR's own threads (they run go4j's goroutine event, which only reads)
            "JFR Recorder Thread", "JFR Periodic Tasks",
            // the JDK's helpers of the virtual-thread scheduler (timed parks, monitor unblocking):
            // they only wake virtual threads, which are accounted for on their own
            "VirtualThread-unparker", "VirtualThread-unblocker", "ForkJoinPool-1-delayScheduler",
            "MasterPoller");

    /**
     * Starts watching (again). {@code onDeadlock} receives Go's report — the message line,
     * a blank line and the goroutine dump — once per deadlock found; {@code onMainGoexitEnd}
     * (may be null) receives Go's message when main called Goexit and the last goroutine has
     * ended. A null {@code onDeadlock} stops watching.
     */
    public static void watch(Consumer<String> onDeadlock, Consumer<String> onMainGoexitEnd) {
        Sysmon.onDeadlock = onDeadlock;
        Sysmon.onMainGoexitEnd = onMainGoexitEnd;
        if (onDeadlock == null) {
            Park.watching = false;
            return;
        }
        startThread();
        Park.watching = true;
        poke(); // the program may be deadlocked already
    }

    private static void startThread() {
        if (thread != null) {
            return;
        }
        Thread t = Thread.ofPlatform().daemon().name("go4j-sysmon").unstarted(Sysmon::loop);
        if (THREAD.compareAndSet(null, t)) {
            thread = t;
            t.start();
        }
    }

    private static final java.util.concurrent.atomic.AtomicReference<Thread> THREAD =
            new java.util.concurrent.atomic.AtomicReference<>();

    /** The runnable count of the root bubble reached zero: have a look. */
    static void poke() {
        Thread t = thread;
        if (t != null) {
            Park.unparkRuntimeThread(t);
        }
    }

    /** A thread that is not a goroutine has started using go4j. */
    static void foreignThreadSeen(G g) {
        FOREIGN.put(g.thread.threadId(), g);
        if (FOREIGN.size() > pruneAt) {
            FOREIGN.values().removeIf(f -> !f.thread.isAlive());
            pruneAt = Math.max(1024, FOREIGN.size() * 2);
        }
    }

    private static void loop() {
        for (;;) {
            Park.parkRuntimeThread(Sysmon.class, Long.MAX_VALUE);
            Consumer<String> h = onDeadlock;
            if (h == null) {
                continue;
            }
            try {
                Consumer<String> g = onMainGoexitEnd;
                if (g != null && Park.mainGoexited && Park.numGoroutine() == 0) {
                    g.accept(GOEXIT_DEADLOCK);
                    continue;
                }
                if (deadlocked() && deadlocked()) {
                    h.accept(DEADLOCK + "\n\n" + io.go4j.internal.Dump.stack(true));
                }
            } catch (Throwable t) {
                // The detector must never take the program down by itself; it just does not report.
            }
        }
    }

    /** One look; see the class comment. True only if every condition holds. */
    static boolean deadlocked() {
        if (Bubble.ROOT.runnable() != 0 || Park.numGoroutine() == 0) {
            return false;
        }
        TimerHeap timers = Clock.REAL.timers;
        if (timers.firing() > 0 || timers.earliest() != Long.MAX_VALUE) {
            return false;
        }
        Set<Long> goroutineThreads = new HashSet<>();
        for (G g : Park.goroutines()) {
            if (!g.parkedUnclaimed()) {
                return false;
            }
            goroutineThreads.add(g.thread.threadId());
        }
        Set<Long> platform = new HashSet<>();
        Thread self = Thread.currentThread();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            platform.add(t.threadId());
            if (t == self || !t.isAlive() || isJvmThread(t)) {
                continue;
            }
            if (!parkedInGo4j(t.threadId())) {
                return false; // a thread that may still act: feed a channel, unlock, ...
            }
        }
        Set<Long> jdkPollers = new HashSet<>();
        Set<Long> all = allThreadIds(jdkPollers);
        if (all == null) {
            return false; // cannot see the virtual threads: cannot be sure
        }
        for (long tid : all) {
            if (goroutineThreads.contains(tid) || platform.contains(tid) || jdkPollers.contains(tid)) {
                continue;
            }
            if (!parkedInGo4j(tid)) {
                return false; // a virtual thread that is not a goroutine may still act
            }
        }
        // Nothing moved meanwhile?
        if (Bubble.ROOT.runnable() != 0 || timers.firing() > 0 || timers.earliest() != Long.MAX_VALUE) {
            return false;
        }
        for (G g : Park.goroutines()) {
            if (!g.parkedUnclaimed()) {
                return false;
            }
        }
        return true;
    }

    private static boolean parkedInGo4j(long tid) {
        G f = FOREIGN.get(tid);
        return f != null && f.parkedUnclaimed();
    }

    private static boolean isJvmThread(Thread t) {
        String n = t.getName();
        return JVM_THREADS.contains(n) && (t.isDaemon() || n.equals("DestroyJavaVM"))
                || t.getClass().getName().equals("jdk.internal.misc.CarrierThread");
    }

    private static final Pattern TID_NAME = Pattern.compile(
            "\"tid\"\\s*:\\s*\"?(\\d+)\"?[^{}\\[\\]]*?\"name\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern TID = Pattern.compile("\"tid\"\\s*:\\s*\"?(\\d+)");

    /**
     * The ids of every thread the JVM tracks, virtual ones included, from its thread dump; null
     * if the JVM does not track every virtual thread or the dump fails.
     */
    private static Set<Long> allThreadIds(Set<Long> jdkPollers) {
        if ("false".equals(System.getProperty("jdk.trackAllThreads"))) {
            return null;
        }
        Path file = null;
        try {
            file = Files.createTempFile("go4j-sysmon", ".json");
            Files.delete(file); // dumpThreads refuses to overwrite
            com.sun.management.HotSpotDiagnosticMXBean bean =
                    ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            bean.dumpThreads(file.toString(), com.sun.management.HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
            String json = Files.readString(file);
            Set<Long> ids = new HashSet<>();
            Matcher m = TID.matcher(json);
            while (m.find()) {
                ids.add(Long.parseLong(m.group(1)));
            }
            // The JDK's I/O pollers run as virtual threads (SubPoller-N): they only wake the
            // threads blocked in I/O, which are accounted for on their own.
            Matcher p = TID_NAME.matcher(json);
            while (p.find()) {
                if (p.group(2).startsWith("SubPoller-")) {
                    jdkPollers.add(Long.parseLong(p.group(1)));
                }
            }
            return ids.isEmpty() ? null : ids;
        } catch (IOException | RuntimeException e) {
            return null;
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    // a temp file left behind; harmless
                }
            }
        }
    }

    /** For tests: the registry of foreign threads. */
    static Map<Long, G> foreign() {
        return FOREIGN;
    }
}
