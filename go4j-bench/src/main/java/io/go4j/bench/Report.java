package io.go4j.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes {@code docs/benchmarks/RESULTS.md} from one JMH run ({@code -rf json}) and the Go
 * twins' {@code go test -bench} output taken before and after it. Run by
 * {@code go4j-bench/run-benchmarks.sh}; by hand:
 *
 * <pre>{@code
 * java -cp go4j-bench/target/benchmarks.jar io.go4j.bench.Report \
 *     jmh=go4j-bench/target/jmh.json go=go4j-bench/target/go-before.txt,go4j-bench/target/go-after.txt \
 *     out=docs/benchmarks/RESULTS.md [mode=short] [goVersion=...] [goSettings=...] [note=...]
 * }</pre>
 *
 * <p>For each scenario: ns/op (ms/op for the B10 trees, B12 and B13) of go4j, Go (the median of all
 * samples of both Go runs), jox and the JDK peers, and the ratio go4j / peer checked against
 * the target of {@code docs/BENCHMARKS.md}: jox &le; 0.8, the JDK &le; 1.0, Go &le; 1.0 in B2,
 * B3, B5, B6, B13, &le; 1.25 in B1 and &le; 1.5 in B9, B10, B11, B12. JMH scores are read in their own
 * unit ({@code scoreUnit}) and Go's in ns/op, and shown in the scenario's unit. No dependency
 * beyond the JDK (a small JSON reader is included).
 *
 * <p>B7 and B8 (ms per million goroutines) have no time target against Go; their memory per
 * goroutine, from the {@code FOOTPRINT} lines of {@link GoroutineFootprint} and
 * {@code go/goroutines_footprint} ({@code footprint=go4j-bench/target/footprint.txt,go4j-bench/target/go-footprint.txt}),
 * is a table of its own, go4j / Go checked against &le; 2.0.
 *
 * <p>Beside the report it writes {@code chart.svg} and {@code chart.png} ({@link Chart}): the
 * summary's ratios as bars on a log scale, embedded in the report ({@code png=false}: SVG only).
 */
public final class Report {

    private Report() {
    }

    // ------------------------------------------------------------------ what is compared

    /** A ratio target: go4j / peer must be at most {@code max}; {@code max <= 0}: none. */
    enum Target {
        JOX(0.8), JDK(1.0), GO(1.0), GO_B1(1.25), GO_B9_B12(1.5), GO_MEMORY(2.0), NONE(0);

        final double max;

        Target(double max) {
            this.max = max;
        }
    }

    /** A peer row: a JMH method of the scenario's class, or Go ({@code method == null}). */
    record Peer(String label, String method, Target target, boolean variant) {
        static Peer go(Target t) {
            return new Peer("Go", null, t, false);
        }

        static Peer jmh(String label, String method, Target t) {
            return new Peer(label, method, t, false);
        }

        /** Another go4j way of doing the same, shown without a ratio. */
        static Peer go4jVariant(String label, String method) {
            return new Peer(label, method, Target.NONE, true);
        }
    }

    /** One parameter set: JMH params and the matching Go benchmark name (without "Benchmark", "-N"). */
    record Config(String label, Map<String, String> params, String goName, String jdkQueue) {
    }

    /**
     * A table of the report. {@code nsPerUnit} and {@code opUnit}: the unit its scores are
     * shown in (1 and "ns/op", or 1e6 and "ms/op").
     */
    record Scenario(String id, String title, String unit, String jmhClass, String go4jMethod,
                    List<Config> configs, List<Peer> peers, double nsPerUnit, String opUnit) {

        /** A scenario shown in ns/op. */
        Scenario(String id, String title, String unit, String jmhClass, String go4jMethod,
                 List<Config> configs, List<Peer> peers) {
            this(id, title, unit, jmhClass, go4jMethod, configs, peers, 1, "ns/op");
        }

        /** The same scenario shown in ms/op. */
        Scenario inMillis() {
            return new Scenario(id, title, unit, jmhClass, go4jMethod, configs, peers, 1e6, "ms/op");
        }
    }

    private static Config cfg(String label, String param, String value, String goName, String jdkQueue) {
        Map<String, String> p = param == null ? Map.of() : Map.of(param, value);
        return new Config(label, p, goName, jdkQueue);
    }

    private static final String JDK_QUEUE = "JDK {queue}";

    static final List<Scenario> SCENARIOS = List.of(
            new Scenario("B1", "ping-pong over two unbuffered channels", "ns per round trip", "B1PingPong", "go4j",
                    List.of(cfg("unbuffered", null, null, "B1PingPong", null)),
                    List.of(Peer.go(Target.GO_B1),
                            Peer.jmh("jox", "jox", Target.JOX),
                            Peer.jmh("JDK SynchronousQueue", "jdkSynchronousQueue", Target.JDK),
                            Peer.jmh("JDK Exchanger (2 exchanges per round trip)", "jdkExchanger", Target.JDK),
                            Peer.jmh("JDK Exchanger swap (1 exchange per round trip; info)", "jdkExchangerSwap", Target.NONE))),
            new Scenario("B2", "one producer, one consumer, buffered", "ns per element", "B2Spsc", "go4j",
                    List.of(cfg("cap=16", "cap", "16", "B2SPSC/cap=16", null),
                            cfg("cap=100", "cap", "100", "B2SPSC/cap=100", null)),
                    List.of(Peer.go(Target.GO),
                            Peer.jmh("jox", "jox", Target.JOX),
                            Peer.jmh("JDK ArrayBlockingQueue", "jdkArrayBlockingQueue", Target.JDK))),
            new Scenario("B3", "10,000 independent producer/consumer pairs (aggregate)", "ns per element", "B3Pairs", "go4j",
                    List.of(cfg("cap=0", "cap", "0", "B3Pairs/cap=0", "SynchronousQueue"),
                            cfg("cap=16", "cap", "16", "B3Pairs/cap=16", "ArrayBlockingQueue")),
                    List.of(Peer.go(Target.GO),
                            Peer.jmh("jox", "jox", Target.JOX),
                            Peer.jmh(JDK_QUEUE, "jdk", Target.JDK))),
            new Scenario("B4", "chain of 10,000 goroutines", "ns per value through the whole chain", "B4Chain", "go4j",
                    List.of(cfg("cap=0", "cap", "0", "B4Chain/cap=0", "SynchronousQueue"),
                            cfg("cap=16", "cap", "16", "B4Chain/cap=16", "ArrayBlockingQueue")),
                    List.of(Peer.go(Target.NONE),
                            Peer.jmh("jox", "jox", Target.JOX),
                            Peer.jmh(JDK_QUEUE, "jdk", Target.JDK))),
            new Scenario("B5", "select over 2 / 4 unbuffered channels, one producer each (no JDK select exists)",
                    "ns per select", "B5Select", "go4j",
                    List.of(cfg("2 channels", "channels", "2", "B5Select/2", null),
                            cfg("4 channels", "channels", "4", "B5Select/4", null)),
                    List.of(Peer.go(Target.GO),
                            Peer.jmh("jox", "jox", Target.JOX))),
            new Scenario("B5 idle", "non-blocking select with default on an idle channel", "ns per select", "B5Select",
                    "go4jDefaultIdle",
                    List.of(cfg("select + default", null, null, "B5SelectDefaultIdle", null)),
                    List.of(Peer.go(Target.GO),
                            Peer.jmh("jox (defaultClause)", "joxDefaultIdle", Target.JOX),
                            Peer.go4jVariant("go4j ch.tryRecv() (Go's compiled form; info)", "go4jTryRecvIdle"))),
            new Scenario("B6", "4 producers, 4 consumers on one channel", "ns per element", "B6Contended", "go4j",
                    List.of(cfg("cap=0", "cap", "0", "B6Contended/cap=0", "SynchronousQueue"),
                            cfg("cap=100", "cap", "100", "B6Contended/cap=100", "ArrayBlockingQueue")),
                    List.of(Peer.go(Target.GO),
                            Peer.jmh("jox", "jox", Target.JOX),
                            Peer.jmh(JDK_QUEUE, "jdk", Target.JDK))),
            new Scenario("B7", "start and join 1,000,000 goroutines (memory: see the B7/B8 memory table)",
                    "ms per 1,000,000 goroutines started and joined", "B7StartJoin", "go4j",
                    List.of(cfg("1,000,000 goroutines", null, null, "B7StartJoin", null)),
                    List.of(Peer.go(Target.NONE),
                            Peer.jmh("JDK Thread.ofVirtual().start + CountDownLatch", "jdkLatch", Target.JDK),
                            Peer.jmh("JDK Thread.ofVirtual().start + join each", "jdkJoin", Target.JDK),
                            Peer.jmh("JDK newVirtualThreadPerTaskExecutor execute + close", "jdkExecutor", Target.JDK)))
                    .inMillis(),
            new Scenario("B8", "1,000,000 goroutines blocked on one channel, then close it: time to wake all "
                    + "(memory: see the B7/B8 memory table)",
                    "ms from close until all 1,000,000 have counted a wait group down", "B8WakeAll", "go4j",
                    List.of(cfg("1,000,000 blocked", null, null, "B8WakeAll", null)),
                    List.of(Peer.go(Target.NONE),
                            Peer.jmh("JDK virtual threads in CountDownLatch(1).await()", "jdkLatch", Target.JDK)))
                    .inMillis(),
            new Scenario("B9 AfterFunc", "start 1,000,000 AfterFunc(1h) timers, then stop them", "ns per timer (start + stop)",
                    "B9Timers", "go4jAfterFunc",
                    List.of(cfg("Time.afterFunc(1h, f)", null, null, "B9Timers/AfterFunc", null)),
                    List.of(Peer.go(Target.GO_B9_B12),
                            Peer.jmh("JDK ScheduledThreadPoolExecutor schedule + cancel", "jdkScheduledExecutor", Target.JDK))),
            new Scenario("B9 NewTimer", "start 1,000,000 NewTimer(1h) timers, then stop them", "ns per timer (start + stop)",
                    "B9Timers", "go4jNewTimer",
                    List.of(cfg("Time.newTimer(1h)", null, null, "B9Timers/NewTimer", null)),
                    List.of(Peer.go(Target.GO_B9_B12),
                            Peer.jmh("JDK ScheduledThreadPoolExecutor schedule + cancel", "jdkScheduledExecutor", Target.JDK))),
            new Scenario("B9 select timeout", "select with time.After(1s) on a ready channel (refilled by the same goroutine)",
                    "ns per select", "B9Timers", "go4jSelectTimeout",
                    List.of(cfg("ready + After(1s)", null, null, "B9SelectTimeout", null)),
                    List.of(Peer.go(Target.GO_B9_B12),
                            Peer.jmh("JDK ArrayBlockingQueue(1) poll(1 s) on a non-empty queue", "jdkPollTimeout", Target.JDK),
                            Peer.jmh("JDK CompletableFuture orTimeout(1 s) armed, then completed (info)", "jdkOrTimeoutArmed",
                                    Target.NONE))),
            new Scenario("B10 WithTimeout", "create + cancel a context.WithTimeout(Background, 10s)", "ns per context",
                    "B10Context", "go4jWithTimeout",
                    List.of(cfg("WithTimeout(10s) + cancel", null, null, "B10ContextWithTimeout", null)),
                    List.of(Peer.go(Target.GO_B9_B12),
                            Peer.jmh("JDK CompletableFuture orTimeout(10 s) + cancel", "jdkOrTimeout", Target.JDK),
                            Peer.jmh("JDK ScheduledThreadPoolExecutor schedule(10 s) + cancel (info)", "jdkScheduledFuture",
                                    Target.NONE))),
            new Scenario("B10 tree", "cancel a tree of 100,000 descendants (root + 100 chains of 1,000), built outside the measurement",
                    "ms per tree", "B10Context", "go4jTreeCancel",
                    List.of(cfg("cancel only", null, null, "B10ContextTree/cancel", null)),
                    List.of(Peer.go(Target.GO_B9_B12),
                            Peer.jmh("JDK tree of dependent CompletableFutures, cancel root (info)", "jdkTreeCancel",
                                    Target.NONE))).inMillis(),
            new Scenario("B10 tree build", "build and cancel a tree of 100,000 descendants (both measured)",
                    "ms per tree", "B10Context", "go4jTreeBuildCancel",
                    List.of(cfg("build + cancel", null, null, "B10ContextTree/build+cancel", null)),
                    List.of(Peer.go(Target.GO_B9_B12),
                            Peer.jmh("JDK tree of dependent CompletableFutures, build + cancel (info)", "jdkTreeBuildCancel",
                                    Target.NONE))).inMillis(),
            new Scenario("B11 Mutex", "8 goroutines contending: lock, counter++, unlock (aggregate)", "ns per lock/unlock pair",
                    "B11Sync", "go4jMutex",
                    List.of(cfg("8 goroutines", null, null, "B11Mutex", null)),
                    List.of(Peer.go(Target.GO_B9_B12),
                            Peer.jmh("JDK ReentrantLock", "jdkReentrantLock", Target.JDK),
                            Peer.jmh("JDK synchronized (info)", "jdkSynchronized", Target.NONE))),
            new Scenario("B11 WaitGroup Add/Done", "wg.Add(1); wg.Done() on one goroutine", "ns per Add + Done",
                    "B11Sync", "go4jWaitGroupAddDone",
                    List.of(cfg("one goroutine", null, null, "B11WaitGroupAddDone", null)),
                    List.of(Peer.go(Target.GO_B9_B12),
                            Peer.jmh("JDK Phaser register + arriveAndDeregister", "jdkPhaser", Target.JDK))),
            new Scenario("B11 WaitGroup fan-in", "wg.Add(n); 8 goroutines share n wg.Done(); one wg.Wait() (aggregate)",
                    "ns per Done", "B11Sync", "go4jWaitGroupFanIn",
                    List.of(cfg("8 goroutines", null, null, "B11WaitGroupFanIn", null)),
                    List.of(Peer.go(Target.GO_B9_B12),
                            Peer.jmh("JDK CountDownLatch", "jdkCountDownLatch", Target.JDK))),
            new Scenario("B11 RWMutex", "8 goroutines, 90 % RLock/RUnlock, 10 % Lock/Unlock (aggregate)", "ns per operation",
                    "B11Sync", "go4jRWMutex",
                    List.of(cfg("8 goroutines", null, null, "B11RWMutex", null)),
                    List.of(Peer.go(Target.GO_B9_B12),
                            Peer.jmh("JDK ReentrantReadWriteLock", "jdkReentrantReadWriteLock", Target.JDK))),
            new Scenario("B12", "prime sieve: daisy chain of filter goroutines (Go's test/chan/sieve1.go), first 2,000 primes",
                    "ms per sieve run", "B12Sieve", "go4j",
                    List.of(cfg("unbuffered", null, null, "B12Sieve", null)),
                    List.of(Peer.go(Target.GO_B9_B12),
                            Peer.jmh("jox", "jox", Target.JOX),
                            Peer.jmh("JDK SynchronousQueue", "jdkSynchronousQueue", Target.JDK),
                            Peer.jmh("JDK LinkedTransferQueue (transfer)", "jdkTransferQueue", Target.JDK))).inMillis(),
            new Scenario("B13", "pipeline: generator → 4 parallel workers → merge → sink, 1,000,000 items",
                    "ms per pipeline run of 1,000,000 items", "B13Pipeline", "go4j",
                    List.of(cfg("cap=0", "cap", "0", "B13Pipeline/cap=0", "SynchronousQueue"),
                            cfg("cap=16", "cap", "16", "B13Pipeline/cap=16", "ArrayBlockingQueue")),
                    List.of(Peer.go(Target.GO),
                            Peer.go4jVariant("go4j io.go4j.pipe: generate + map(parallel(4)) (info)", "go4jPipe"),
                            Peer.jmh("jox", "jox", Target.JOX),
                            Peer.jmh("JDK virtual-thread executor + {queue}", "jdkExecutorPipeline", Target.JDK),
                            Peer.jmh("JDK IntStream.parallel().mapToLong().sum() (different shape: no channels; info)",
                                    "jdkParallelStream", Target.NONE))).inMillis());

    // ------------------------------------------------------------------ data

    /** A score in ns: value, error (NaN if unknown) and, for Go, the spread of its samples (else null). */
    record Score(double value, double error, GoSpread go) {
    }

    /**
     * The spread of a Go score's samples, in ns: their number, range and, when there were a run
     * before and a run after JMH, the median of each (NaN if that run has none).
     */
    record GoSpread(int n, double min, double max, boolean twoRuns, double before, double after) {
    }

    static final String PACKAGE = "io.go4j.bench.";

    // ------------------------------------------------------------------ main

    public static void main(String[] args) throws IOException {
        Map<String, String> opt = new LinkedHashMap<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected key=value, got: " + a);
            }
            opt.put(a.substring(0, eq), a.substring(eq + 1));
        }
        Path jmhFile = Path.of(require(opt, "jmh"));
        Path out = Path.of(require(opt, "out"));
        List<Path> goFiles = new ArrayList<>();
        for (String f : opt.getOrDefault("go", "").split(",")) {
            if (!f.isBlank()) {
                goFiles.add(Path.of(f.trim()));
            }
        }

        List<Object> jmh = new ArrayList<>(); // jmh=a.json[,b.json]: the runs of one report (short mode: two)
        for (String f : require(opt, "jmh").split(",")) {
            if (!f.isBlank()) {
                jmh.addAll((List<?>) new Json(Files.readString(Path.of(f.trim()))).parse());
            }
        }
        Map<String, Score> java = new LinkedHashMap<>();
        Map<String, Object> first = jmh.isEmpty() ? Map.of() : asMap(jmh.get(0));
        for (Object o : jmh) {
            Map<String, Object> b = asMap(o);
            String name = (String) b.get("benchmark");
            if (name.startsWith(PACKAGE)) {
                name = name.substring(PACKAGE.length());
            }
            Map<String, Object> m = asMap(b.get("primaryMetric"));
            double ns = nsPer(String.valueOf(m.get("scoreUnit")));
            java.put(key(name, params(b)), new Score(num(m.get("score")) * ns, num(m.get("scoreError")) * ns, null));
        }
        Map<String, List<Double>> goSamples = new TreeMap<>();
        List<Map<String, List<Double>>> goRuns = new ArrayList<>();
        for (Path f : goFiles) {
            Map<String, List<Double>> run = parseGo(Files.exists(f) ? Files.readString(f) : "");
            goRuns.add(run);
            run.forEach((k, v) -> goSamples.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
        }
        Map<String, Score> go = new TreeMap<>();
        goSamples.forEach((k, v) -> go.put(k, goScore(v, goRuns, k)));

        // One date for the report and the chart.
        opt.putIfAbsent("date",
                ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")));
        List<Ratio> ratios = new ArrayList<>();
        String md = render(opt, first, java, go, goFiles, jmhFile, ratios);
        Path dir = out.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Files.writeString(out, md);
        System.out.println("Report: wrote " + out);
        // The chart: the summary's ratios, drawn beside the report (chart.svg, chart.png); png=false: SVG only.
        Chart.Meta meta = new Chart.Meta(opt.getOrDefault("mode", "?"), opt.get("date"),
                cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " CPUs",
                str(first.get("jdkVersion")), goShort(opt.getOrDefault("goVersion", "Go ?")),
                version("com.softwaremill.jox", "channels"));
        for (Path f : Chart.write(dir, meta, ratios, !"false".equals(opt.get("png")))) {
            System.out.println("Report: wrote " + f);
        }
    }

    /** "go version go1.19.8 linux/amd64" -> "go1.19.8". */
    private static String goShort(String goVersion) {
        Matcher m = Pattern.compile("\\bgo\\d+(\\.\\d+)*\\S*").matcher(goVersion);
        return m.find() ? m.group() : "Go " + goVersion;
    }

    private static String require(Map<String, String> opt, String k) {
        String v = opt.get(k);
        if (v == null) {
            throw new IllegalArgumentException("missing " + k + "=...");
        }
        return v;
    }

    /** Nanoseconds in the time unit of a JMH average-time score unit such as "ms/op". */
    static double nsPer(String scoreUnit) {
        String u = scoreUnit.endsWith("/op") ? scoreUnit.substring(0, scoreUnit.length() - 3) : scoreUnit;
        return switch (u) {
            case "ns" -> 1;
            case "us", "µs" -> 1e3;
            case "ms" -> 1e6;
            case "s" -> 1e9;
            default -> throw new IllegalArgumentException("unsupported JMH score unit: " + scoreUnit);
        };
    }

    static String key(String benchmark, Map<String, String> params) {
        return benchmark + new TreeMap<>(params);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o) {
        return o == null ? Map.of() : (Map<String, Object>) o;
    }

    private static Map<String, String> params(Map<String, Object> b) {
        Map<String, String> p = new TreeMap<>();
        asMap(b.get("params")).forEach((k, v) -> p.put(k, String.valueOf(v)));
        return p;
    }

    private static double num(Object o) {
        if (o instanceof Number n) {
            return n.doubleValue();
        }
        if (o instanceof String s) {
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }

    // ------------------------------------------------------------------ Go output

    private static final Pattern GO_LINE =
            Pattern.compile("^Benchmark(\\S+?)(?:-\\d+)?\\s+\\d+\\s+([0-9.]+) ns/op.*$", Pattern.MULTILINE);

    /** Go benchmark name (without "Benchmark" and the -GOMAXPROCS suffix) -> ns/op samples. */
    static Map<String, List<Double>> parseGo(String text) {
        Map<String, List<Double>> r = new TreeMap<>();
        Matcher m = GO_LINE.matcher(text);
        while (m.find()) {
            r.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(Double.parseDouble(m.group(2)));
        }
        return r;
    }

    private static Score goScore(List<Double> samples, List<Map<String, List<Double>>> runs, String name) {
        List<Double> s = new ArrayList<>(samples);
        s.sort(null);
        int n = s.size();
        double median = n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
        boolean two = runs.size() == 2;
        GoSpread spread = new GoSpread(n, s.get(0), s.get(n - 1), two,
                two ? medianOf(runs.get(0).get(name)) : Double.NaN, two ? medianOf(runs.get(1).get(name)) : Double.NaN);
        return new Score(median, Double.NaN, spread);
    }

    private static double medianOf(List<Double> v) {
        if (v == null || v.isEmpty()) {
            return Double.NaN;
        }
        List<Double> s = new ArrayList<>(v);
        s.sort(null);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    /** A Go score's spread, in ns divided by {@code scale}. */
    private static String spread(GoSpread g, double scale) {
        StringBuilder sb = new StringBuilder();
        sb.append("n=").append(g.n()).append(", ").append(fmt(g.min() / scale)).append('–').append(fmt(g.max() / scale));
        if (g.twoRuns()) {
            sb.append("; before ").append(Double.isNaN(g.before()) ? "—" : fmt(g.before() / scale))
                    .append(", after ").append(Double.isNaN(g.after()) ? "—" : fmt(g.after() / scale));
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------ rendering

    /** A ratio of the summary. */
    record Ratio(String scenario, String config, String peer, double ratio, Target target) {
    }

    private static String render(Map<String, String> opt, Map<String, Object> jmhFirst, Map<String, Score> java,
                                 Map<String, Score> go, List<Path> goFiles, Path jmhFile, List<Ratio> ratios) {
        StringBuilder sb = new StringBuilder();
        String mode = opt.getOrDefault("mode", "?");
        String date = opt.getOrDefault("date",
                ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")));
        sb.append("# go4j benchmark results (B1–B13)\n\n");
        sb.append("Written by `go4j-bench/run-benchmarks.sh ").append(mode).append("` on ").append(date)
                .append(". Method, scenarios and targets: [docs/BENCHMARKS.md](../BENCHMARKS.md); how the ")
                .append("benchmarks measure: [go4j-bench/README.md](../../go4j-bench/README.md).\n\n");
        sb.append("Absolute nanoseconds on a shared machine drift; the **ratios go4j / peer, measured in one run**, ")
                .append("are what the targets are written in. Lower is better. ")
                .append("A ratio is marked ✅ when it meets its target and ❌ when it does not.\n");
        if (opt.containsKey("note")) {
            sb.append("\n> **Note:** ").append(opt.get("note")).append('\n');
        }

        // machine
        sb.append("\n## Machine and software\n\n| | |\n|---|---|\n");
        row(sb, "Mode", mode + (mode.equals("short") ? " (a quick look: few, short iterations — indicative only; by default one "
                + "capacity per scenario and not every peer: the rows left out read \"missing\")" : ""));
        row(sb, "CPU", cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " CPUs (nproc)");
        row(sb, "Memory", memTotal());
        row(sb, "OS", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        row(sb, "JDK", str(jmhFirst.get("jdkVersion")) + ", " + str(jmhFirst.get("vmName")) + " "
                + str(jmhFirst.get("vmVersion")));
        if (opt.containsKey("jmhCommand")) {
            row(sb, "JMH command", "`" + opt.get("jmhCommand").replace("|", "\\|") + "`"); // \| : a pipe inside a table cell
        }
        row(sb, "JVM options (forks)", "`" + String.join(" ", strings(jmhFirst.get("jvmArgs"))) + "`");
        row(sb, "JMH", str(jmhFirst.get("jmhVersion")) + "; " + str(jmhFirst.get("forks")) + " fork(s), warm-up "
                + str(jmhFirst.get("warmupIterations")) + " × " + str(jmhFirst.get("warmupTime")) + ", measurement "
                + str(jmhFirst.get("measurementIterations")) + " × " + str(jmhFirst.get("measurementTime"))
                + "; ± is JMH's 99.9 % confidence half-width");
        row(sb, "Go", opt.getOrDefault("goVersion", "?") + "; " + opt.getOrDefault("goSettings", "")
                + (goFiles.size() == 1 ? "; run once, before JMH, ns/op = the median of its samples"
                        : "; run before and after JMH, ns/op = the median of all samples of both runs"));
        row(sb, "go4j", version("io.go4j", "go4j"));
        row(sb, "jox", "com.softwaremill.jox:channels " + version("com.softwaremill.jox", "channels"));
        if (opt.containsKey("load")) {
            row(sb, "Load average (1, 5, 15 min)", opt.get("load"));
        }

        StringBuilder tables = new StringBuilder();
        for (Scenario sc : SCENARIOS) {
            tables.append("\n## ").append(sc.id()).append(" — ").append(sc.title()).append("\n\n");
            tables.append("JMH class `").append(sc.jmhClass()).append("`; unit: ").append(sc.unit()).append(".\n\n");
            double scale = sc.nsPerUnit();
            tables.append("| config | implementation | ").append(sc.opUnit()).append(" | ± / spread | go4j / this | target |\n");
            tables.append("|---|---|---:|---|---:|---|\n");
            for (Config c : sc.configs()) {
                Score g4 = java.get(key(sc.jmhClass() + "." + sc.go4jMethod(), c.params()));
                tables.append("| ").append(c.label()).append(" | **go4j** | ").append(g4 == null ? "missing" : fmt(g4.value() / scale))
                        .append(" | ").append(g4 == null ? "" : err(g4, scale)).append(" | | |\n");
                for (Peer p : sc.peers()) {
                    Score ps;
                    if (p.method() == null) {
                        ps = go.get(c.goName());
                    } else {
                        ps = java.get(key(sc.jmhClass() + "." + p.method(), c.params()));
                        if (ps == null) { // a method without the scenario's parameters (B13's parallel stream)
                            ps = java.get(key(sc.jmhClass() + "." + p.method(), Map.of()));
                        }
                    }
                    String label = p.label().replace("{queue}",
                            c.jdkQueue() == null ? "" : c.jdkQueue().equals("SynchronousQueue") ? "SynchronousQueue"
                                    : c.jdkQueue() + "(" + c.params().get("cap") + ")");
                    tables.append("| ").append(c.label()).append(" | ").append(label).append(" | ");
                    if (ps == null) {
                        tables.append("missing | | | |\n");
                        continue;
                    }
                    tables.append(fmt(ps.value() / scale)).append(" | ")
                            .append(ps.go() != null ? spread(ps.go(), scale) : err(ps, scale)).append(" | ");
                    if (p.variant() || g4 == null) {
                        tables.append("| |\n");
                        continue;
                    }
                    double r = g4.value() / ps.value();
                    tables.append(String.format(Locale.ROOT, "%.2f", r)).append(" | ").append(mark(r, p.target())).append(" |\n");
                    ratios.add(new Ratio(sc.id(), c.label(), label, r, p.target()));
                }
            }
        }

        String memory = memorySection(opt, ratios);

        // summary
        sb.append("\n## Summary: ratio go4j / peer (same run; lower is better)\n\n");
        long met = ratios.stream().filter(r -> r.target().max > 0 && r.ratio() <= r.target().max).count();
        long targeted = ratios.stream().filter(r -> r.target().max > 0).count();
        sb.append(met).append(" of ").append(targeted).append(" targeted ratios met.\n\n");
        sb.append("![ratios go4j / peer on a log scale, green: target met, red: missed, grey: no target](chart.svg)\n\n");
        sb.append("The same ratios as a chart: [chart.svg](chart.svg) ([PNG](chart.png)), drawn from the same data by ")
                .append("`io.go4j.bench.Chart`.\n\n");
        sb.append("| scenario | config | peer | go4j / peer | target |\n|---|---|---|---:|---|\n");
        for (Ratio r : ratios) {
            sb.append("| ").append(r.scenario()).append(" | ").append(r.config()).append(" | ").append(r.peer())
                    .append(" | ").append(String.format(Locale.ROOT, "%.2f", r.ratio())).append(" | ")
                    .append(mark(r.ratio(), r.target())).append(" |\n");
        }
        sb.append(missesSection(opt, ratios));
        sb.append(tables);
        sb.append(memory);

        sb.append("\n## Raw data\n\n");
        sb.append("- JMH (JSON, all iterations): `").append(String.valueOf(jmhFile).replace(",", "`, `")).append("`\n");
        for (Path f : goFiles) {
            sb.append("- Go (`go test -bench` output): `").append(f).append("`\n");
        }
        sb.append("\nThese files are build outputs (under `target/`, not committed); rerun the script to regenerate them.\n");
        return sb.toString();
    }

    // ------------------------------------------------------------------ misses

    /**
     * One line of the limits file ({@code limits=path}, docs/benchmarks/limits.tsv): for the
     * missed ratios of a scenario whose peer starts with {@code peer} ({@code *}: any), what
     * limits go4j there (with the numbers that show it) and what was tried against it.
     */
    record Limit(String scenario, String peer, String limit, String tried) {
    }

    /** Reads the limits file: tab-separated scenario, peer prefix, limit, tried; '#' comments. */
    static List<Limit> readLimits(Path file) throws IOException {
        List<Limit> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            if (f.length != 4) {
                throw new IOException(file + ": want 4 tab-separated fields: " + line);
            }
            out.add(new Limit(f[0].trim(), f[1].trim(), f[2].trim(), f[3].trim()));
        }
        return out;
    }

    /**
     * "Missed targets": each ratio that misses its target with what limits it and what was
     * tried, from the limits file — the acceptance of docs/BENCHMARKS.md's targets is "met, or
     * the measured limit and what was tried". A miss the file does not cover says so.
     */
    static String missesSection(Map<String, String> opt, List<Ratio> ratios) {
        List<Ratio> misses = ratios.stream().filter(r -> r.target().max > 0 && r.ratio() > r.target().max).toList();
        if (misses.isEmpty()) {
            return "";
        }
        List<Limit> limits = List.of();
        String file = opt.get("limits");
        if (file != null) {
            try {
                limits = readLimits(Path.of(file));
            } catch (IOException e) {
                System.err.println("Report: cannot read limits file " + file + ": " + e.getMessage());
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append("\n## Missed targets: what limits them, and what was tried\n\n");
        sb.append("Each ratio above that misses its target, with the measured limit behind it and the attempts ")
                .append("against it (from `docs/benchmarks/limits.tsv`; the measurements are in ")
                .append("[ANALYSIS.md](ANALYSIS.md)).\n\n");
        sb.append("| scenario | config | peer | go4j / peer | what limits it (measured) | what was tried |\n");
        sb.append("|---|---|---|---:|---|---|\n");
        for (Ratio r : misses) {
            Limit l = limits.stream()
                    .filter(x -> x.scenario().equals(r.scenario())
                            && (x.peer().equals("*") || r.peer().startsWith(x.peer())))
                    .findFirst().orElse(null);
            sb.append("| ").append(r.scenario()).append(" | ").append(r.config()).append(" | ").append(r.peer())
                    .append(" | ").append(String.format(Locale.ROOT, "%.2f", r.ratio())).append(" | ")
                    .append(l == null ? "not analysed yet" : l.limit()).append(" | ")
                    .append(l == null ? "—" : l.tried()).append(" |\n");
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------ B7/B8 memory

    /**
     * The B7/B8 memory table from the {@code FOOTPRINT} lines of {@link GoroutineFootprint} and
     * its Go twin ({@code footprint=file,file}); its go4j / Go ratios join {@code ratios}.
     * Empty if no {@code footprint} option was given.
     */
    static String memorySection(Map<String, String> opt, List<Ratio> ratios) {
        if (!opt.containsKey("footprint")) {
            return "";
        }
        Map<String, Map<String, String>> fp = new LinkedHashMap<>(); // "B8 go4j" -> fields
        List<String> files = new ArrayList<>();
        for (String f : opt.get("footprint").split(",")) {
            if (f.isBlank()) {
                continue;
            }
            files.add(f.trim());
            try {
                fp.putAll(parseFootprint(Files.readString(Path.of(f.trim()))));
            } catch (IOException e) {
                // missing file: its rows show "missing"
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append("\n## B7, B8 — memory per goroutine\n\n");
        sb.append("`io.go4j.bench.GoroutineFootprint` (go4j and JDK virtual threads) and its Go twin ")
                .append("`go/goroutines_footprint` measure once, each scenario and implementation in a fresh process. ")
                .append("**B7 peak RSS**: growth of the peak resident set (`VmHWM`) over one start + join of ")
                .append("1,000,000 goroutines (each only counts a wait group down), in all — how many are alive at ")
                .append("once depends on how fast they end; for the JVM it is mostly the heap grown for the garbage ")
                .append("of a million ended threads (G1's sizing, `-Xmx4g`), for Go the stacks of the few alive at ")
                .append("the peak (ended goroutines are reused). **B8**: 1,000,000 goroutines ")
                .append("blocked at once (go4j and Go: receive on one channel; JDK: `CountDownLatch(1).await()`); ")
                .append("*live bytes* = heap used after full GC, after minus before (Go: `HeapAlloc + StackInuse` ")
                .append("after `runtime.GC()`, so Go's goroutine stacks count), per goroutine; *RSS* = `VmRSS` after ")
                .append("minus before. The times are single cold shots, for information; the JMH tables above are ")
                .append("the timing results. The ratios go4j / Go are checked against ≤ 2.0 (docs/BENCHMARKS.md); ")
                .append("go4j / JDK is for information.\n\n");
        sb.append("| measure | go4j | Go | JDK virtual thread | go4j / Go | target | go4j / JDK |\n");
        sb.append("|---|---:|---:|---:|---:|---|---:|\n");
        memRow(sb, ratios, fp, "B7", "hwm", true, "B7 peak RSS growth over one start + join of 1,000,000 (MiB in all)", true);
        memRow(sb, ratios, fp, "B8", "heap", false, "B8 live bytes per blocked goroutine", true);
        memRow(sb, ratios, fp, "B8", "rss", false, "B8 RSS growth per blocked goroutine (bytes)", true);
        memRow(sb, ratios, fp, "B7", "startMs", false, "B7 start + join 1,000,000 (ms, one cold shot; info)", false);
        memRow(sb, ratios, fp, "B8", "startMs", false, "B8 start 1,000,000 and see all parked (ms, one cold shot; info)", false);
        memRow(sb, ratios, fp, "B8", "wakeMs", false, "B8 close → all 1,000,000 woken (ms, one cold shot; info)", false);
        sb.append("\nRaw data: ");
        for (int i = 0; i < files.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append('`').append(files.get(i)).append('`');
        }
        sb.append(".\n");
        return sb.toString();
    }

    private static void memRow(StringBuilder sb, List<Ratio> ratios, Map<String, Map<String, String>> fp,
                               String scenario, String field, boolean inMiB, String label, boolean targeted) {
        double g4 = fpValue(fp, scenario + " go4j", field, inMiB);
        double go = fpValue(fp, scenario + " go", field, inMiB);
        double jdk = fpValue(fp, scenario + " jdk", field, inMiB);
        sb.append("| ").append(label).append(" | **").append(fmtOrMissing(g4)).append("** | ")
                .append(fmtOrMissing(go)).append(" | ").append(fmtOrMissing(jdk)).append(" | ");
        Target t = targeted ? Target.GO_MEMORY : Target.NONE;
        if (Double.isNaN(g4) || Double.isNaN(go)) {
            sb.append(" | | ");
        } else {
            double r = g4 / go;
            sb.append(String.format(Locale.ROOT, "%.2f", r)).append(" | ").append(mark(r, t)).append(" | ");
            if (targeted) {
                ratios.add(new Ratio(scenario + " memory", label, "Go", r, t));
            }
        }
        sb.append(Double.isNaN(g4) || Double.isNaN(jdk) ? "" : String.format(Locale.ROOT, "%.2f", g4 / jdk)).append(" |\n");
    }

    private static String fmtOrMissing(double v) {
        return Double.isNaN(v) ? "missing" : fmt(v);
    }

    /** A field of a footprint line; {@code inMiB}: a per-goroutine byte count times n, in MiB. */
    private static double fpValue(Map<String, Map<String, String>> fp, String key, String field, boolean inMiB) {
        Map<String, String> m = fp.get(key);
        if (m == null) {
            return Double.NaN;
        }
        return inMiB ? num(m.get(field)) * num(m.get("n")) / (1 << 20) : num(m.get(field));
    }

    /** {@code FOOTPRINT k=v ...} lines -> "scenario impl" -> fields (a later line wins). */
    static Map<String, Map<String, String>> parseFootprint(String text) {
        Map<String, Map<String, String>> r = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (!line.startsWith("FOOTPRINT ")) {
                continue;
            }
            Map<String, String> m = new LinkedHashMap<>();
            for (String kv : line.substring("FOOTPRINT ".length()).trim().split("\\s+")) {
                int eq = kv.indexOf('=');
                if (eq > 0) {
                    m.put(kv.substring(0, eq), kv.substring(eq + 1));
                }
            }
            r.put(m.get("scenario") + " " + m.get("impl"), m);
        }
        return r;
    }

    private static void row(StringBuilder sb, String k, String v) {
        sb.append("| ").append(k).append(" | ").append(v).append(" |\n");
    }

    private static String mark(double r, Target t) {
        if (t.max <= 0) {
            return "— (no target)";
        }
        String m = String.format(Locale.ROOT, "%.2f", t.max);
        return r <= t.max ? "✅ ≤ " + m : "❌ > " + m;
    }

    private static String err(Score s, double scale) {
        return Double.isNaN(s.error()) ? "" : "± " + fmt(s.error() / scale);
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        double a = Math.abs(v);
        if (a >= 10_000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }

    /** Strings as they are; JSON numbers without a ".0" when they are whole. */
    private static String str(Object o) {
        if (o instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
            return Long.toString(d.longValue());
        }
        return o == null ? "?" : String.valueOf(o);
    }

    private static List<String> strings(Object o) {
        List<String> r = new ArrayList<>();
        if (o instanceof List<?> l) {
            for (Object x : l) {
                r.add(String.valueOf(x));
            }
        }
        return r;
    }

    private static String version(String group, String artifact) {
        try (InputStream in = Report.class.getResourceAsStream("/META-INF/maven/" + group + "/" + artifact + "/pom.properties")) {
            if (in == null) {
                return "?";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "?");
        } catch (IOException e) {
            return "?";
        }
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return System.getProperty("os.arch");
    }

    private static String memTotal() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    return String.format(Locale.ROOT, "%.1f GiB", kb / 1024.0 / 1024.0);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return "?";
    }

    // ------------------------------------------------------------------ a small JSON reader

    /** Reads JSON into Map (LinkedHashMap), List, String, Double, Boolean and null. */
    static final class Json {
        private final String s;
        private int i;

        Json(String s) {
            this.s = s;
        }

        Object parse() {
            Object v = value();
            ws();
            if (i != s.length()) {
                throw error("trailing characters");
            }
            return v;
        }

        private Object value() {
            ws();
            if (i >= s.length()) {
                throw error("unexpected end");
            }
            char c = s.charAt(i);
            switch (c) {
                case '{': {
                    i++;
                    Map<String, Object> m = new LinkedHashMap<>();
                    ws();
                    if (peek('}')) {
                        return m;
                    }
                    do {
                        ws();
                        String k = string();
                        ws();
                        expect(':');
                        m.put(k, value());
                        ws();
                    } while (peek(','));
                    expect('}');
                    return m;
                }
                case '[': {
                    i++;
                    List<Object> l = new ArrayList<>();
                    ws();
                    if (peek(']')) {
                        return l;
                    }
                    do {
                        l.add(value());
                        ws();
                    } while (peek(','));
                    expect(']');
                    return l;
                }
                case '"':
                    return string();
                default:
                    if (s.startsWith("true", i)) {
                        i += 4;
                        return Boolean.TRUE;
                    }
                    if (s.startsWith("false", i)) {
                        i += 5;
                        return Boolean.FALSE;
                    }
                    if (s.startsWith("null", i)) {
                        i += 4;
                        return null;
                    }
                    int start = i;
                    while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
                        i++;
                    }
                    if (start == i) {
                        throw error("unexpected character '" + c + "'");
                    }
                    return Double.parseDouble(s.substring(start, i));
            }
        }

        private String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (true) {
                if (i >= s.length()) {
                    throw error("unterminated string");
                }
                char c = s.charAt(i++);
                if (c == '"') {
                    return b.toString();
                }
                if (c != '\\') {
                    b.append(c);
                    continue;
                }
                char e = s.charAt(i++);
                switch (e) {
                    case 'n' -> b.append('\n');
                    case 't' -> b.append('\t');
                    case 'r' -> b.append('\r');
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'u' -> {
                        b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        i += 4;
                    }
                    default -> b.append(e); // " \ /
                }
            }
        }

        private void ws() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        private boolean peek(char c) {
            if (i < s.length() && s.charAt(i) == c) {
                i++;
                return true;
            }
            return false;
        }

        private void expect(char c) {
            if (!peek(c)) {
                throw error("expected '" + c + "'");
            }
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException("JSON: " + what + " at offset " + i);
        }
    }
}
