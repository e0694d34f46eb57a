package io.go4j.time;

import io.go4j.internal.park.Clock;

import java.time.Duration;
import java.util.Locale;

/**
 * A measurement, not a test: what a pending timer costs. For 1,000,000 {@link Time#afterFunc}
 * timers and 1,000,000 {@link Time#newTimer} timers, all with a one-hour deadline and all
 * pending at once, it prints the heap bytes per timer (heap used after {@code System.gc()},
 * after minus before, divided by the count: a rough figure), and the nanoseconds per creation
 * and per {@code stop()} (single-threaded, wall clock over the whole loop, after a warm-up
 * round). The array that holds the timers is allocated before the "before" figure, so it is
 * not counted. The Go twin is {@code go4j-bench/go/timers_footprint/main.go}
 * ({@code runtime.ReadMemStats} HeapAlloc after {@code runtime.GC()}).
 *
 * <p>Run (from the repository root, after {@code ./mvnw -pl go4j test-compile}):
 * <pre>{@code
 * java -cp go4j/target/classes:go4j/target/test-classes io.go4j.time.TimerFootprint [count]
 * }</pre>
 * The JVM's default heap is enough for the default million (a few hundred MB).
 */
public final class TimerFootprint {

    private TimerFootprint() {
    }

    private static final Duration HOUR = Duration.ofHours(1);
    private static final Runnable F = () -> { };

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        System.out.printf(Locale.ROOT, "go4j timers, %,d pending at once, deadline 1h (Java %s, %d CPUs)%n",
                n, Runtime.version(), Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "%-10s %14s %12s %10s %14s%n", "kind", "bytes/timer", "ns/create", "ns/stop", "heap slots");
        for (int round = 0; round < 2; round++) { // round 0 warms up the JIT; round 1 is printed
            measure("AfterFunc", n, round == 1, () -> Time.afterFunc(HOUR, F));
            measure("NewTimer", n, round == 1, () -> Time.newTimer(HOUR));
        }
    }

    private interface Maker {
        Timer make();
    }

    private static void measure(String kind, int n, boolean print, Maker maker) {
        Timer[] timers = new Timer[n];
        long before = usedAfterGc();
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            timers[i] = maker.make();
        }
        long t1 = System.nanoTime();
        int slots = Clock.REAL.heapSize();
        long after = usedAfterGc();
        long t2 = System.nanoTime();
        for (Timer t : timers) {
            t.stop();
        }
        long t3 = System.nanoTime();
        if (print) {
            System.out.printf(Locale.ROOT, "%-10s %14.1f %12.1f %10.1f %,14d%n", kind,
                    (after - before) / (double) n, (t1 - t0) / (double) n, (t3 - t2) / (double) n, slots);
        }
        timers = null;
        Time.sleep(Duration.ofMillis(5)); // wakes the clock's driver, which sweeps the stopped timers
    }

    private static long usedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }
}
