package io.go4j.runtime;

import io.go4j.Go;
import io.go4j.internal.Dump;
import io.go4j.internal.park.Park;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Go's {@code runtime} package: the number of CPUs and goroutines, yielding, ending a goroutine,
 * garbage collection, memory statistics and goroutine dumps.
 *
 * {@snippet :
 * int n = GoRuntime.numGoroutine();              // runtime.NumGoroutine()
 * int procs = GoRuntime.gomaxprocs(0);           // runtime.GOMAXPROCS(0)
 * MemStats m = GoRuntime.readMemStats();         // runtime.ReadMemStats(&m)
 * System.out.println(m.alloc() / 1024 + " KB");  // m.Alloc / 1024
 * System.out.print(GoRuntime.stack(true));       // buf := make([]byte, 1<<20); runtime.Stack(buf, true)
 * }
 *
 * <p>Named {@code GoRuntime} so that it does not hide {@link java.lang.Runtime}.
 */
public final class GoRuntime {

    private GoRuntime() {
    }

    private static final AtomicLong FORCED_GCS = new AtomicLong();

    /** Go's {@code runtime.NumCPU()}: the processors available to the JVM. */
    public static int numCPU() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * Go's {@code runtime.GOMAXPROCS(n)}: the number of carrier threads that run goroutines at
     * once — the parallelism of the JDK's virtual-thread scheduler. Returns the current value.
     *
     * <p>{@code n < 1} only reads, as in Go. The JDK fixes the scheduler's parallelism when the
     * first virtual thread starts, from {@code -Djdk.virtualThreadScheduler.parallelism=N}
     * (default: the number of processors) and offers no supported way to change it later; so
     * {@code gomaxprocs(n)} with {@code n >= 1} different from the current value throws
     * {@link UnsupportedOperationException} naming that property — never a silent no-op
     * (docs/adr/0011-runtime-introspection.md). Asking for the current value succeeds.
     */
    public static int gomaxprocs(int n) {
        int current = Park.parallelism();
        if (n >= 1 && n != current) {
            throw new UnsupportedOperationException("GOMAXPROCS(" + n + "): the JDK fixes the virtual-thread"
                    + " scheduler's parallelism (now " + current + ") at start-up; start the JVM with"
                    + " -Djdk.virtualThreadScheduler.parallelism=" + n);
        }
        return current;
    }

    /** Go's {@code runtime.NumGoroutine()}: the goroutines that exist now. */
    public static int numGoroutine() {
        return Park.numGoroutine();
    }

    /**
     * Go's {@code runtime.Gosched()}: lets other goroutines run; the caller goes on later,
     * without waiting for anything. Call it from a goroutine.
     */
    public static void gosched() {
        Park.gosched();
    }

    /**
     * Go's {@code runtime.Goexit()}: ends the calling goroutine after running its
     * {@code finally} blocks (Go's deferred calls). Implemented by throwing {@link Goexit},
     * which go4j's goroutine wrapper swallows; code that catches {@code Throwable} or
     * {@code Error} must rethrow it. Calling it outside a goroutine throws it anyway.
     * Under {@code Go.main}, if the main goroutine Goexits, the program goes on until the other
     * goroutines end, then dies with Go's {@code fatal error: no goroutines (main called
     * runtime.Goexit) - deadlock!}.
     */
    public static void goexit() {
        throw new Goexit();
    }

    /** Go's {@code runtime.GC()}: runs a garbage collection ({@link System#gc()}). */
    public static void gc() {
        FORCED_GCS.incrementAndGet();
        System.gc();
    }

    /** Go's {@code runtime.ReadMemStats(&m)}. */
    public static MemStats readMemStats() {
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        MemoryUsage heap = mem.getHeapMemoryUsage();
        MemoryUsage nonHeap = mem.getNonHeapMemoryUsage();
        long numGC = 0;
        long gcMillis = 0;
        long lastGcEnd = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            numGC += Math.max(0, gc.getCollectionCount());
            gcMillis += Math.max(0, gc.getCollectionTime());
            if (gc instanceof com.sun.management.GarbageCollectorMXBean sun) {
                com.sun.management.GcInfo info = sun.getLastGcInfo();
                if (info != null) {
                    lastGcEnd = Math.max(lastGcEnd, info.getEndTime());
                }
            }
        }
        long lastGC = lastGcEnd == 0 ? 0
                : (ManagementFactory.getRuntimeMXBean().getStartTime() + lastGcEnd) * 1_000_000L;
        long totalAlloc = -1;
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
                && t.isThreadAllocatedMemorySupported() && t.isThreadAllocatedMemoryEnabled()) {
            totalAlloc = t.getTotalThreadAllocatedBytes();
        }
        long used = heap.getUsed();
        long committed = heap.getCommitted();
        long max = heap.getMax();
        return new MemStats(
                used,
                totalAlloc,
                committed + nonHeap.getCommitted(),
                used,
                committed,
                Math.max(0, committed - used),
                used,
                0,
                max > 0 ? max : committed,
                lastGC,
                gcMillis * 1_000_000L,
                numGC,
                FORCED_GCS.get());
    }

    /**
     * Go's {@code runtime.Stack(buf, all)}: the calling goroutine's stack in Go's dump format,
     * followed by every other goroutine's if {@code all}. See {@link #dump()}.
     */
    public static String stack(boolean all) {
        return Dump.stack(all);
    }

    /**
     * The dump of all goroutines, as Go prints on {@code SIGQUIT} or when it finds a deadlock:
     * {@code goroutine 7 [chan receive, 2 minutes]:}, the stack, {@code created by ... in
     * goroutine 1}, one block per goroutine. The same as {@code stack(true)}.
     */
    public static String dump() {
        return Dump.stack(true);
    }

    /**
     * Makes the goroutine dump readable from outside the process, as Go's {@code SIGQUIT} dump
     * is (the JVM owns that signal): registers the platform MBean
     * {@value GoroutinesMXBean#OBJECT_NAME} ({@link GoroutinesMXBean}: operations
     * {@code dump} and {@code dumpJson}, attribute {@code NumGoroutine}) for jconsole, JMC or
     * any JMX client, and has JFR record the event {@code io.go4j.Goroutine} — one per
     * goroutine, with its wait reason, since when, and stack — at every chunk of any recording
     * ({@code jcmd <pid> JFR.start}, then {@code jcmd <pid> JFR.dump filename=x.jfr}). See
     * {@link GoroutinesMXBean} for the ways to get a dump.
     *
     * <p>{@code Go.main} calls it at start-up, on a background thread ({@code go4j-diagnostics}),
     * unless {@code -Dgo4j.diagnostics=false}: creating the platform MBean server takes a tenth
     * of a second or more. Other programs call it once, when they like. Idempotent, safe from
     * many threads; it blocks while the platform MBean server is being created.
     *
     * @return true if the MBean is registered (by this call, an earlier one, or another copy of
     *         go4j in the JVM); false if the platform refused it (JMX absent or failing)
     */
    public static boolean registerMBean() {
        return Goroutines.register();
    }

    /**
     * Turns on go4j's deadlock detector outside {@code Go.main} (under {@code Go.main} it is
     * always on and ends the program as Go does): when no goroutine can ever run again,
     * {@code handler} receives Go's report — {@code all goroutines are asleep - deadlock!}, a
     * blank line and the goroutine dump — on the detector's thread. The detector never reports
     * a program that can still make progress: any live thread outside go4j that could act, a
     * pending timer, or a goroutine blocked outside go4j (I/O, JDK locks) rules a deadlock out.
     * {@code null} turns it off. See docs/adr/0011-runtime-introspection.md.
     */
    public static void setDeadlockHandler(java.util.function.Consumer<String> handler) {
        io.go4j.internal.park.Sysmon.watch(handler, null);
    }

    /** The id of the calling goroutine (0 outside goroutines); Go exposes it only in dumps. */
    public static long goid() {
        return Go.id();
    }
}
