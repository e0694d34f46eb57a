package io.go4j.testing;

import io.go4j.WaitInterruptedException;
import io.go4j.internal.Dump;
import io.go4j.internal.PanicReport;
import io.go4j.internal.park.G;
import io.go4j.internal.park.Park;
import io.go4j.internal.park.WaitReason;
import io.go4j.time.Time;

import java.net.URL;
import java.security.CodeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A goroutine-leak check in the manner of <a href="https://github.com/uber-go/goleak">goleak</a>:
 * at the end of a test, the goroutines still alive that the test did not expect are leaks.
 *
 * {@snippet :
 * // Go:  func TestWorker(t *testing.T) {
 * //          defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
 * //          ...
 * //      }
 * Leaks.Option before = Leaks.ignoreCurrent();   // goleak.IgnoreCurrent(), evaluated when the test starts
 * try {
 *     // ... the test ...
 * } finally {
 *     Leaks.verifyNone(before);                   // defer goleak.VerifyNone(t, ...)
 * }
 * }
 *
 * <p>{@link #verifyNone} lists the live goroutines, leaving out the calling goroutine and those
 * the options ignore. If any remain it looks again, with a backoff, so that goroutines on their
 * way out (their function has returned, or is about to) are not reported; if some still remain
 * when the retries are spent it throws an {@link AssertionError} whose message is goleak's:
 * <pre>
 * found unexpected goroutines:
 * Goroutine 7 in state chan receive, with com.example.Worker.run on top of the stack:
 * goroutine 7 [chan receive]:
 * com.example.Worker.run(...)
 * 	Worker.java:42
 * created by com.example.Server in goroutine 3
 * </pre>
 * one such entry per leaked goroutine, in id order, separated by blank lines: goleak's line
 * naming the goroutine, its state and its top function, then the goroutine's block in the
 * format of Go's goroutine dumps ({@link io.go4j.runtime.GoRuntime#dump()}). Go's goleak prints
 * the list as a Go slice, in brackets; go4j leaves the brackets out.
 *
 * <h2>What is checked</h2>
 * Goroutines: what {@link io.go4j.Go#go} (and {@code WaitGroup.go}, {@code time.afterFunc} ...)
 * started. Threads started otherwise (an executor's, a test framework's) are not goroutines and
 * are never reported. The check sees every goroutine of the JVM: like goleak's
 * {@code VerifyNone}, it cannot tell which test started a goroutine, so tests that run in
 * parallel with one another and start goroutines can report each other's.
 *
 * <h2>Top function</h2>
 * goleak names a goroutine by the function at the top of its stack. A go4j goroutine's stack
 * starts with go4j's and the JDK's frames (a channel's or a mutex's, the park facility's, the
 * virtual thread's); its <em>top function</em> is the first frame below them: the first frame
 * of a class that is neither the JDK's nor go4j's own — for a goroutine blocked in
 * {@code ch.recv()} called from {@code Worker.run}, {@code com.example.Worker.run}. A lambda's
 * body appears as {@code Enclosing.lambda$method$0}. The report names it for each leak.
 *
 * <h2>Retries</h2>
 * goleak looks again up to 20 times, sleeping 1µs, 2µs, 4µs ... in between (each sleep capped
 * at 100µs since goleak 1.3, at 100 ms before). go4j sleeps the same way, each sleep capped at
 * {@link #maxSleep} (100 ms by default), until {@link #maxWait} (1 second by default) has
 * passed since the first look or it has looked again {@link #maxRetries} times (no limit by
 * default). So a test with no leak pays nothing, and a leaky test fails after about a second.
 * The sleeps are go4j's {@code time.Sleep} (wait reason {@code sleep}); if the calling thread is
 * interrupted, the check stops retrying and reports what it found (the interrupt status stays
 * set).
 *
 * <p>The JUnit 5 extension ({@code @VerifyNoGoroutineLeaks}, module {@code go4j-junit}) runs
 * this check around each test.
 */
public final class Leaks {

    private Leaks() {
    }

    /** The first line of the report: goleak's words. */
    public static final String HEADER = "found unexpected goroutines:";

    /**
     * The ids of the goroutines alive at one moment ({@link Leaks#snapshot()}). Goroutine ids are
     * never reused, so a goroutine is in a snapshot if and only if it was alive when it was taken.
     *
     * @param ids the goroutine ids (an unmodifiable copy is kept)
     */
    public record Snapshot(Set<Long> ids) {
        public Snapshot {
            ids = Set.copyOf(ids);
        }

        /** Whether the goroutine with this id was alive when the snapshot was taken. */
        public boolean contains(long id) {
            return ids.contains(id);
        }
    }

    /**
     * One option of a check: what to ignore and how long to retry; goleak's {@code Option}.
     * Made by the static methods of {@link Leaks}; an option can be used in any number of checks.
     */
    public static final class Option {
        private final Consumer<Settings> apply;

        private Option(Consumer<Settings> apply) {
            this.apply = apply;
        }
    }

    // ---- snapshots ----

    /** The ids of the goroutines alive now (the calling goroutine included, if it is one). */
    public static Snapshot snapshot() {
        Collection<G> gs = Park.goroutines();
        Set<Long> ids = new HashSet<>(gs.size() * 2);
        for (G g : gs) {
            ids.add(g.id);
        }
        return new Snapshot(ids);
    }

    // ---- options ----

    /**
     * Ignores the goroutines alive now: goleak's {@code IgnoreCurrent()}. Evaluate it when the
     * test starts and pass it to the check at the end; Go's
     * {@code defer goleak.VerifyNone(t, goleak.IgnoreCurrent())} does the same, since a deferred
     * call's arguments are evaluated at the {@code defer}.
     */
    public static Option ignoreCurrent() {
        return ignoreSnapshot(snapshot());
    }

    /** Ignores the goroutines that were alive when {@code before} was taken. */
    public static Option ignoreSnapshot(Snapshot before) {
        Objects.requireNonNull(before, "before");
        return filter(c -> before.contains(c.g.id));
    }

    /**
     * Ignores goroutines whose top function (see the class comment) is {@code function}, or that
     * were created by a function of that class: goleak's {@code IgnoreTopFunction}, plus the
     * creator, so that a goroutine that has not yet run into its function is ignored too.
     * {@code function} is a class name ({@code com.example.Worker}: any method of the class,
     * and any goroutine whose function that class defined), or a method:
     * {@code com.example.Worker#run} or, as frames are printed, {@code com.example.Worker.run}.
     * A method also matches the lambdas written in it ({@code lambda$run$0}). Nested classes can
     * be named with {@code $} or {@code .}.
     */
    public static Option ignoreTopFunction(String function) {
        FunctionName f = FunctionName.parse(function);
        return filter(c -> f.matchesCreator(c.creator()) || f.matches(c.top()));
    }

    /** {@link #ignoreTopFunction(String)} with the class's name. */
    public static Option ignoreTopFunction(Class<?> cls) {
        return ignoreTopFunction(cls.getName());
    }

    /**
     * Ignores goroutines that have {@code function} anywhere on their stack, go4j's own frames
     * included: goleak's {@code IgnoreAnyFunction}. {@code function} is named as for
     * {@link #ignoreTopFunction(String)}. As in goleak, the "created by" function does not count
     * (see {@link #ignoreCreatedBy(String)}), though a lambda's body is on its goroutine's stack.
     */
    public static Option ignoreAnyFunction(String function) {
        FunctionName f = FunctionName.parse(function);
        return filter(c -> {
            for (StackTraceElement e : c.frames()) {
                if (f.matches(e)) {
                    return true;
                }
            }
            return false;
        });
    }

    /** {@link #ignoreAnyFunction(String)} with the class's name. */
    public static Option ignoreAnyFunction(Class<?> cls) {
        return ignoreAnyFunction(cls.getName());
    }

    /**
     * Ignores goroutines created by {@code cls}: those whose function that class defined (the
     * class a dump names in {@code created by}): goleak's {@code IgnoreCreatedBy}. Java records no
     * more than the class, so a class name is all this takes ({@code $} or {@code .} for nested
     * classes).
     */
    public static Option ignoreCreatedBy(String cls) {
        FunctionName f = FunctionName.parse(cls);
        return filter(c -> f.matchesCreator(c.creator()));
    }

    /** {@link #ignoreCreatedBy(String)} with the class's name. */
    public static Option ignoreCreatedBy(Class<?> cls) {
        return ignoreCreatedBy(cls.getName());
    }

    /**
     * Retries at most {@code n} times ({@code 0}: look once): goleak's {@code MaxRetryAttempts}.
     * No limit by default: {@link #maxWait} bounds the retries.
     */
    public static Option maxRetries(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("maxRetries should not be negative: " + n);
        }
        return new Option(s -> s.maxRetries = n);
    }

    /**
     * Stops retrying once {@code d} has passed since the first look (1 second by default);
     * {@link Duration#ZERO}: look once.
     */
    public static Option maxWait(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("maxWait should not be negative: " + d);
        }
        return new Option(s -> s.maxWaitNanos = saturatedNanos(d));
    }

    /**
     * The longest sleep between two looks (100 ms by default); the sleeps double from 1µs up to
     * it: goleak's {@code MaxSleepInterval}.
     */
    public static Option maxSleep(Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("maxSleep should be greater than 0s: " + d);
        }
        return new Option(s -> s.maxSleepNanos = saturatedNanos(d));
    }

    // ---- the check ----

    /**
     * Fails if goroutines other than the caller and the ignored ones are still alive once the
     * retries are spent: goleak's {@code VerifyNone}.
     *
     * @throws AssertionError with the report described in the class comment
     */
    public static void verifyNone(Option... options) {
        Optional<String> report = find(options);
        if (report.isPresent()) {
            throw new AssertionError(report.get());
        }
    }

    /**
     * The report {@link #verifyNone} would fail with, or empty if no goroutine leaked: goleak's
     * {@code Find}, which returns an error.
     */
    public static Optional<String> find(Option... options) {
        Settings s = new Settings();
        for (Option o : options) {
            o.apply.accept(s);
        }
        G self = Park.currentGoroutineOrNull();
        long start = System.nanoTime();
        List<G> leaks;
        for (int i = 0; ; i++) {
            leaks = scan(s, self);
            if (leaks.isEmpty()) {
                return Optional.empty();
            }
            if (i >= s.maxRetries) {
                break;
            }
            long left = s.maxWaitNanos - (System.nanoTime() - start);
            if (left <= 0) {
                break;
            }
            long nap = Math.min(Math.min(1_000L << Math.min(i, 40), s.maxSleepNanos), left);
            try {
                Time.sleep(Duration.ofNanos(nap));
            } catch (WaitInterruptedException e) {
                break; // asked to stop: report what we have; the interrupt status stays set
            }
        }
        return report(leaks);
    }

    // ---- how ----

    private static final class Settings {
        final List<Predicate<Candidate>> ignores = new ArrayList<>();
        int maxRetries = Integer.MAX_VALUE;
        long maxWaitNanos = 1_000_000_000L;
        long maxSleepNanos = 100_000_000L;
    }

    private static Option filter(Predicate<Candidate> ignore) {
        return new Option(s -> s.ignores.add(ignore));
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    /** The live goroutines, less the caller and the ignored, in id order. */
    private static List<G> scan(Settings s, G self) {
        List<G> found = new ArrayList<>();
        for (G g : Park.goroutines()) {
            if (g == self) {
                continue;
            }
            Candidate c = new Candidate(g);
            boolean ignored = false;
            for (Predicate<Candidate> p : s.ignores) {
                if (p.test(c)) {
                    ignored = true;
                    break;
                }
            }
            if (!ignored) {
                found.add(g);
            }
        }
        found.sort(Comparator.comparingLong(g -> g.id));
        return found;
    }

    private static Optional<String> report(List<G> leaks) {
        StringBuilder b = new StringBuilder(HEADER).append('\n');
        boolean any = false;
        for (G g : leaks) {
            if (Park.goroutine(g.id) == null) {
                continue; // ended since the last look
            }
            Candidate c = new Candidate(g);
            StackTraceElement top = c.top();
            WaitReason r = g.waitReason();
            if (any) {
                b.append('\n');
            }
            any = true;
            b.append("Goroutine ").append(g.id).append(" in state ").append(r == null ? "runnable" : r.text())
                    .append(", with ").append(top == null ? "?" : top.getClassName() + "." + top.getMethodName())
                    .append(" on top of the stack:\n");
            Dump.goroutine(b, g, false);
        }
        return any ? Optional.of(b.toString()) : Optional.empty();
    }

    /** A goroutine under examination; its stack is read once, when an option first asks. */
    private static final class Candidate {
        final G g;
        private StackTraceElement[] frames;
        private StackTraceElement top;
        private boolean topKnown;

        Candidate(G g) {
            this.g = g;
        }

        StackTraceElement[] frames() {
            if (frames == null) {
                Thread t = g.thread();
                frames = t == null ? new StackTraceElement[0] : t.getStackTrace();
            }
            return frames;
        }

        /** The first frame that is neither the JDK's nor go4j's; null if there is none (yet). */
        StackTraceElement top() {
            if (!topKnown) {
                topKnown = true;
                for (StackTraceElement e : frames()) {
                    if (!isJdk(e.getClassName()) && !isGo4j(e.getClassName())) {
                        top = e;
                        break;
                    }
                }
            }
            return top;
        }

        /** The class that defined the goroutine's function ("created by"), or null. */
        String creator() {
            return g.fnClass == null ? null : PanicReport.creator(g.fnClass);
        }
    }

    private static boolean isJdk(String cls) {
        return cls.startsWith("java.") || cls.startsWith("javax.") || cls.startsWith("jdk.")
                || cls.startsWith("sun.") || cls.startsWith("com.sun.");
    }

    private static final ConcurrentHashMap<String, Boolean> GO4J_CLASSES = new ConcurrentHashMap<>();

    /**
     * Whether {@code cls} is a class of the go4j library itself, not of a program or test that
     * uses go4j (go4j's own tests live in go4j's packages): a class of go4j's module when go4j
     * is a named module, else a class loaded from the same jar or directory as this one.
     */
    private static boolean isGo4j(String cls) {
        if (!cls.startsWith("io.go4j.")) {
            return false;
        }
        return GO4J_CLASSES.computeIfAbsent(cls, Leaks::definedByGo4j);
    }

    private static boolean definedByGo4j(String name) {
        Class<?> c;
        try {
            c = Class.forName(name, false, Leaks.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
        Module m = Leaks.class.getModule();
        if (m.isNamed()) {
            return c.getModule() == m;
        }
        URL here = location(Leaks.class);
        return here != null && here.equals(location(c));
    }

    private static URL location(Class<?> c) {
        CodeSource cs = c.getProtectionDomain().getCodeSource();
        return cs == null ? null : cs.getLocation();
    }

    /** A function named in an ignore option: a class, or a class and a method. */
    private record FunctionName(String cls, String method, String wholeAsClass) {

        static FunctionName parse(String f) {
            Objects.requireNonNull(f, "function");
            if (f.isEmpty()) {
                throw new IllegalArgumentException("empty function name");
            }
            int hash = f.indexOf('#');
            if (hash >= 0) {
                String c = normalize(f.substring(0, hash));
                String m = f.substring(hash + 1);
                return m.isEmpty() ? new FunctionName(null, null, c) : new FunctionName(c, m, null);
            }
            // "a.b.C" names a class; "a.b.C.m" names method m of class a.b.C: try both readings
            int dot = f.lastIndexOf('.');
            return dot < 0
                    ? new FunctionName(null, null, normalize(f))
                    : new FunctionName(normalize(f.substring(0, dot)), f.substring(dot + 1), normalize(f));
        }

        boolean matches(StackTraceElement e) {
            if (e == null) {
                return false;
            }
            String c = normalize(e.getClassName());
            if (c.equals(wholeAsClass)) {
                return true;
            }
            if (cls == null || !c.equals(cls)) {
                return false;
            }
            String m = e.getMethodName();
            return m.equals(method) || m.startsWith("lambda$" + method + "$");
        }

        /** A creator is a class: only a name read as a class can match it. */
        boolean matchesCreator(String creator) {
            if (creator == null) {
                return false;
            }
            String c = normalize(creator);
            return c.equals(wholeAsClass);
        }

        private static String normalize(String cls) {
            return cls.replace('$', '.');
        }
    }
}
