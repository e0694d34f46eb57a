package io.go4j.bench;

import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.Goroutine;
import io.go4j.sync.WaitGroup;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * The memory half of B7 and B8 (docs/BENCHMARKS.md): what a million goroutines cost, for go4j
 * and for plain JDK virtual threads. A measurement, not a JMH benchmark: each measurement runs
 * once in a <b>fresh JVM</b> (the process-wide peak RSS, {@code VmHWM}, only grows), so the
 * parent starts one child JVM per scenario and implementation, with its own JVM options
 * ({@code -Xmx4g} from the script) and class path. The Go twin is
 * {@code go4j-bench/go/goroutines_footprint/main.go}, which measures the same way.
 *
 * <p>What is measured ({@code n} = 1,000,000 unless given):
 * <ul>
 *   <li><b>B7</b> — start and join {@code n} goroutines, as {@link B7StartJoin} (go4j:
 *       {@code wg.add(n)}, {@code n × Go.go(wg::done)}, {@code wg.await()}; JDK:
 *       {@code Thread.ofVirtual().start(latch::countDown)}, {@code latch.await()}), once, after
 *       a warm-up round of 10,000. {@code hwm} = growth of the peak resident set
 *       ({@code VmHWM} of {@code /proc/self/status}) over that one round, per goroutine: the
 *       peak memory the JVM needed to start and join them (mostly the heap it grew for the
 *       garbage of a million ended threads, so it depends on the collector's sizing). Also
 *       {@code startMs}: the round's time (cold; the JMH figure is {@link B7StartJoin}'s).</li>
 *   <li><b>B8</b> — {@code n} goroutines blocked at once (go4j: in {@code ch.recv()} on one
 *       unbuffered channel; JDK: in {@code CountDownLatch(1).await()}), after a warm-up round of
 *       10,000; the harness waits until every one is parked (go4j:
 *       {@code waitReason() != null}; JDK: state {@code WAITING}), then drops its own references
 *       to them (the array that held them was allocated before the "before" figures), so what
 *       stays is what the runtime keeps for a parked goroutine (its thread, its stack chunk,
 *       and go4j's goroutine record, registry entry and channel wait entry). {@code heap} =
 *       heap used after full GCs ({@code System.gc()}, the least of three), after minus
 *       before, per goroutine: the live bytes per blocked goroutine. {@code rss} =
 *       {@code VmRSS} after minus before, per goroutine; {@code hwm} = the same for
 *       {@code VmHWM}. Then the channel is closed (the latch counted down) and {@code wakeMs}
 *       is the time until the last goroutine has counted its wait group ({@code CountDownLatch})
 *       down — one cold shot; the JMH figure is {@link B8WakeAll}'s. {@code startMs}: the time
 *       to start them all and see them all parked.</li>
 * </ul>
 *
 * <p>Output: a human-readable table, and one machine-readable line per measurement, read by
 * {@link Report} ({@code footprint=...}):
 * <pre>{@code
 * FOOTPRINT scenario=B8 impl=go4j n=1000000 heap=1234.5 rss=1500.2 hwm=1490.0 startMs=812.3 wakeMs=402.1
 * }</pre>
 * (bytes per goroutine; {@code NaN} where not measured). The Go twin prints the same lines with
 * {@code impl=go}, its {@code heap} being {@code HeapAlloc + StackInuse} after
 * {@code runtime.GC()}.
 *
 * <p>Run (from the repository root, after {@code ./mvnw -pl go4j-bench -am package -DskipTests}):
 * <pre>{@code
 * java -Xmx4g -cp go4j-bench/target/benchmarks.jar io.go4j.bench.GoroutineFootprint [n]
 * java -Xmx4g -cp go4j-bench/target/benchmarks.jar io.go4j.bench.GoroutineFootprint run B8 go4j [n]  # one, in this JVM
 * }</pre>
 * Linux only ({@code /proc/self/status}); elsewhere rss and hwm are NaN.
 */
public final class GoroutineFootprint {

    private GoroutineFootprint() {
    }

    static final int DEFAULT_N = 1_000_000;
    private static final int WARM_UP = 10_000;
    private static final List<String> SCENARIOS = List.of("B7", "B8");
    private static final List<String> IMPLS = List.of("go4j", "jdk");

    public static void main(String[] args) throws Exception {
        if (args.length >= 3 && args[0].equals("run")) {
            int n = args.length > 3 ? Integer.parseInt(args[3]) : DEFAULT_N;
            run(args[1], args[2], n);
            return;
        }
        int n = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_N;
        System.out.printf(Locale.ROOT, "goroutine footprint, n = %,d, one fresh JVM per line (Java %s, %d CPUs, max heap %,d MB)%n",
                n, Runtime.version(), Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> jvmArgs = ManagementFactory.getRuntimeMXBean().getInputArguments();
        int failed = 0;
        for (String scenario : SCENARIOS) {
            for (String impl : IMPLS) {
                List<String> cmd = new ArrayList<>();
                cmd.add(java);
                cmd.addAll(jvmArgs);
                cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), GoroutineFootprint.class.getName(),
                        "run", scenario, impl, Integer.toString(n)));
                int rc = new ProcessBuilder(cmd).inheritIO().start().waitFor();
                if (rc != 0) {
                    System.err.println("GoroutineFootprint: " + scenario + " " + impl + " failed, exit status " + rc);
                    failed++;
                }
            }
        }
        if (failed > 0) {
            System.exit(1);
        }
    }

    // ------------------------------------------------------------------ one measurement

    private static void run(String scenario, String impl, int n) throws InterruptedException {
        if (!IMPLS.contains(impl)) {
            throw new IllegalArgumentException("impl: go4j or jdk, got " + impl);
        }
        boolean go4j = impl.equals("go4j");
        switch (scenario) {
            case "B7" -> {
                startJoin(go4j, WARM_UP);
                usedAfterGc();
                long hwm0 = procStatus("VmHWM");
                long t0 = System.nanoTime();
                startJoin(go4j, n);
                long t1 = System.nanoTime();
                long hwm1 = procStatus("VmHWM");
                print("B7", impl, n, Double.NaN, Double.NaN, perG(hwm1, hwm0, n), (t1 - t0) / 1e6, Double.NaN);
            }
            case "B8" -> {
                Object[] held = new Object[n]; // allocated before the "before" figures
                blockAndWake(go4j, new Object[WARM_UP], WARM_UP, false, impl);
                blockAndWake(go4j, held, n, true, impl);
            }
            default -> throw new IllegalArgumentException("scenario: B7 or B8, got " + scenario);
        }
    }

    /** B7's body: as {@link B7StartJoin#go4j} and {@link B7StartJoin#jdkLatch}. */
    private static void startJoin(boolean go4j, int n) throws InterruptedException {
        if (go4j) {
            WaitGroup wg = new WaitGroup();
            wg.add(n);
            Runnable done = wg::done;
            for (int i = 0; i < n; i++) {
                Go.go(done);
            }
            wg.await();
        } else {
            CountDownLatch latch = new CountDownLatch(n);
            Runnable done = latch::countDown;
            Thread.Builder b = Thread.ofVirtual();
            for (int i = 0; i < n; i++) {
                b.start(done);
            }
            latch.await();
        }
    }

    /** B8: blocks n goroutines, measures (if {@code print}), wakes them all and times that. */
    private static void blockAndWake(boolean go4j, Object[] held, int n, boolean print, String impl)
            throws InterruptedException {
        long before = print ? usedAfterGc() : 0;
        long rss0 = procStatus("VmRSS");
        long hwm0 = procStatus("VmHWM");
        long deadline = System.nanoTime() + B8WakeAll.PARK_TIMEOUT_NS;
        long t0 = System.nanoTime();
        Runnable release;
        Runnable awaitWoken;
        if (go4j) {
            Chan<Void> ch = Chan.make();
            WaitGroup wg = new WaitGroup();
            wg.add(n);
            Runnable body = () -> {
                ch.recv();
                wg.done();
            };
            for (int i = 0; i < n; i++) {
                held[i] = Go.go(body);
            }
            for (Object g : held) {
                while (((Goroutine) g).waitReason() == null) {
                    B8WakeAll.awaitTurn(deadline, "go4j goroutines did not all park");
                }
            }
            release = ch::close;
            awaitWoken = wg::await;
        } else {
            CountDownLatch gate = new CountDownLatch(1);
            CountDownLatch woken = new CountDownLatch(n);
            Runnable body = () -> {
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                woken.countDown();
            };
            Thread.Builder b = Thread.ofVirtual();
            for (int i = 0; i < n; i++) {
                held[i] = b.start(body);
            }
            for (Object t : held) {
                while (((Thread) t).getState() != Thread.State.WAITING) {
                    B8WakeAll.awaitTurn(deadline, "virtual threads did not all park");
                }
            }
            release = gate::countDown;
            awaitWoken = () -> {
                try {
                    woken.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            };
        }
        long t1 = System.nanoTime();
        Arrays.fill(held, null); // what stays alive is what the runtime keeps for a parked goroutine
        long after = print ? usedAfterGc() : 0;
        long rss1 = procStatus("VmRSS");
        long hwm1 = procStatus("VmHWM");
        long t2 = System.nanoTime();
        release.run();
        awaitWoken.run();
        long t3 = System.nanoTime();
        if (print) {
            print("B8", impl, n, perG(after, before, n), perG(rss1, rss0, n), perG(hwm1, hwm0, n),
                    (t1 - t0) / 1e6, (t3 - t2) / 1e6);
        }
    }

    // ------------------------------------------------------------------ figures

    private static void print(String scenario, String impl, int n, double heap, double rss, double hwm,
                              double startMs, double wakeMs) {
        System.out.printf(Locale.ROOT, "%-3s %-5s n=%,d: heap %s B/goroutine, RSS %s B/goroutine, peak RSS %s B/goroutine,"
                        + " start %s ms, wake %s ms%n", scenario, impl, n, f(heap), f(rss), f(hwm), f(startMs), f(wakeMs));
        System.out.printf(Locale.ROOT, "FOOTPRINT scenario=%s impl=%s n=%d heap=%.1f rss=%.1f hwm=%.1f startMs=%.1f wakeMs=%.1f%n",
                scenario, impl, n, heap, rss, hwm, startMs, wakeMs);
        System.out.flush();
    }

    private static String f(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f", v);
    }

    /** (after - before) / n, or NaN if a figure is unknown (negative). */
    private static double perG(long after, long before, int n) {
        return after < 0 || before < 0 ? Double.NaN : (after - before) / (double) n;
    }

    /** Heap used after full collections: the least of three. */
    private static long usedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }

    /**
     * A {@code kB} field of {@code /proc/self/status} in bytes ({@code VmRSS}: resident now;
     * {@code VmHWM}: the peak resident set so far), or -1 if unknown.
     */
    private static long procStatus(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return -1;
    }
}
