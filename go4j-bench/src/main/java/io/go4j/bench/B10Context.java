package io.go4j.bench;

import io.go4j.context.CancelContext;
import io.go4j.context.Context;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * B10 context, two parts.
 *
 * <p><b>Create and cancel a {@code WithTimeout(10s)} context</b> (methods
 * {@code go4jWithTimeout}, {@code jdkOrTimeout}, {@code jdkScheduledFuture}): {@value #OPS}
 * times per invocation, {@code ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second); cancel()};
 * the score is <b>ns per context</b> (create + cancel). Go twin:
 * {@code BenchmarkB10ContextWithTimeout}. go4j:
 * {@code Context.withTimeout(Context.background(), Duration.ofSeconds(10)).cancel()}: a
 * context with a deadline timer, cancelled at once (which stops the timer). The JDK has no
 * contexts; its closest equivalent is a cancellable future with a timeout,
 * {@code new CompletableFuture<Void>().orTimeout(10, SECONDS).cancel(false)}
 * ({@code jdkOrTimeout}, the ratio's peer): like a timeout context it is a completion signal
 * others can wait for, armed with a timer that completes it, and cancelling it completes it
 * and cancels the timer. {@code jdkScheduledFuture} (for information) is the bare timer:
 * {@link ScheduledThreadPoolExecutor}{@code .schedule(f, 10, SECONDS)} and
 * {@code cancel(false)}, with {@code setRemoveOnCancelPolicy(true)} and a virtual worker.
 *
 * <p><b>Cancel a tree of {@value #DESCENDANTS} descendants</b> (methods {@code go4jTreeCancel},
 * {@code jdkTreeCancel}; {@code go4jTreeBuildCancel}, {@code jdkTreeBuildCancel}): the tree is
 * a root {@code WithCancel(Background())} with {@value #CHAINS} children, each the head of a
 * chain of {@value #CHAIN} {@code WithCancel} contexts (100 &times; 1,000 = 100,000
 * descendants); cancelling the root cancels all of them. The score is <b>ms per tree</b>. Go
 * twin: {@code BenchmarkB10ContextTree/cancel} and {@code /build+cancel}, the same shape.
 * {@code ...TreeCancel} measures the cancel alone: the tree is built in a per-invocation
 * setup, outside the measured time ({@code @Setup(Level.Invocation)}, sound here because an
 * invocation takes milliseconds), and the per-invocation teardown checks that every chain's
 * last context is cancelled; the Go twin builds with the timer stopped
 * ({@code b.StopTimer}/{@code b.StartTimer}). {@code ...TreeBuildCancel} measures building and
 * cancelling together, in both. The JDK has no cancellation tree; for information only, the
 * JDK rows use the nearest thing, a tree of dependent {@link CompletableFuture}s
 * ({@code f.thenRun(...)}, same shape) whose root is cancelled, which completes every
 * dependent exceptionally.
 *
 * <p>All threads are virtual (the JMH worker through {@code -Djmh.executor=VIRTUAL}).
 *
 * <p>Run: {@code java -jar go4j-bench/target/benchmarks.jar B10Context} (or
 * {@code 'B10Context.*Tree'} for the tree part; on JDK 21/22 add
 * {@code -jvmArgsAppend -Djmh.executor=VIRTUAL}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {Util.EXECUTOR, Util.UNSAFE})
public class B10Context {

    /** Contexts created and cancelled per invocation. */
    static final int OPS = 10_000;
    static final Duration TEN_SECONDS = Duration.ofSeconds(10);

    /** The tree: a root with CHAINS children, each the head of a chain of CHAIN contexts. */
    static final int CHAINS = 100;
    static final int CHAIN = 1_000;
    static final int DESCENDANTS = CHAINS * CHAIN;

    static final Runnable NOOP = () -> { };

    @State(Scope.Thread)
    public static class Check {
        @Setup(Level.Trial)
        public void check() {
            Util.requireVirtual();
        }
    }

    @State(Scope.Thread)
    public static class Executor {
        ScheduledThreadPoolExecutor executor;

        @Setup(Level.Trial)
        public void start() {
            Util.requireVirtual();
            executor = new ScheduledThreadPoolExecutor(1, Thread.ofVirtual().factory());
            executor.setRemoveOnCancelPolicy(true);
        }

        @TearDown(Level.Trial)
        public void stop() throws InterruptedException {
            executor.shutdownNow();
            if (!executor.awaitTermination(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("executor did not terminate (leak)");
            }
        }
    }

    // ---------------------------------------------------------------- the trees

    /** A go4j tree: the root and the last context of every chain. */
    record Go4jTree(CancelContext root, Context[] leaves) {
        static Go4jTree build() {
            CancelContext root = Context.withCancel(Context.background());
            Context[] leaves = new Context[CHAINS];
            for (int c = 0; c < CHAINS; c++) {
                Context ctx = root;
                for (int d = 0; d < CHAIN; d++) {
                    ctx = Context.withCancel(ctx);
                }
                leaves[c] = ctx;
            }
            return new Go4jTree(root, leaves);
        }

        void check() {
            for (Context leaf : leaves) {
                if (leaf.err() != Context.CANCELED) {
                    throw new IllegalStateException("a descendant was not cancelled: " + leaf.err());
                }
            }
        }
    }

    /** A JDK tree of dependent futures: the root and the last future of every chain. */
    record JdkTree(CompletableFuture<Void> root, CompletableFuture<?>[] leaves) {
        static JdkTree build() {
            CompletableFuture<Void> root = new CompletableFuture<>();
            CompletableFuture<?>[] leaves = new CompletableFuture<?>[CHAINS];
            for (int c = 0; c < CHAINS; c++) {
                CompletableFuture<Void> f = root;
                for (int d = 0; d < CHAIN; d++) {
                    f = f.thenRun(NOOP);
                }
                leaves[c] = f;
            }
            return new JdkTree(root, leaves);
        }

        void check() {
            for (CompletableFuture<?> leaf : leaves) {
                if (!leaf.isCompletedExceptionally()) {
                    throw new IllegalStateException("a dependent was not completed");
                }
            }
        }
    }

    @State(Scope.Thread)
    public static class Go4jTreeState {
        Go4jTree tree;

        @Setup(Level.Invocation)
        public void build() {
            Util.requireVirtual();
            tree = Go4jTree.build();
        }

        @TearDown(Level.Invocation)
        public void check() {
            tree.check();
            tree = null;
        }
    }

    @State(Scope.Thread)
    public static class JdkTreeState {
        JdkTree tree;

        @Setup(Level.Invocation)
        public void build() {
            Util.requireVirtual();
            tree = JdkTree.build();
        }

        @TearDown(Level.Invocation)
        public void check() {
            tree.check();
            tree = null;
        }
    }

    // ---------------------------------------------------------------- create + cancel

    /** go4j: {@code Context.withTimeout(background, 10s)}, then {@code cancel()}. */
    @Benchmark
    @OperationsPerInvocation(OPS)
    public CancelContext go4jWithTimeout(Check c) {
        Context bg = Context.background();
        CancelContext last = null;
        for (int i = 0; i < OPS; i++) {
            last = Context.withTimeout(bg, TEN_SECONDS);
            last.cancel();
        }
        return last;
    }

    /** JDK (the ratio's peer): {@code new CompletableFuture<Void>().orTimeout(10s)}, then {@code cancel(false)}. */
    @Benchmark
    @OperationsPerInvocation(OPS)
    public CompletableFuture<Void> jdkOrTimeout(Check c) {
        CompletableFuture<Void> last = null;
        for (int i = 0; i < OPS; i++) {
            last = new CompletableFuture<Void>().orTimeout(10, TimeUnit.SECONDS);
            last.cancel(false);
        }
        return last;
    }

    /** JDK (information): {@code ScheduledThreadPoolExecutor.schedule(f, 10s)}, then {@code cancel(false)}. */
    @Benchmark
    @OperationsPerInvocation(OPS)
    public boolean jdkScheduledFuture(Executor e) {
        ScheduledThreadPoolExecutor ex = e.executor;
        boolean all = true;
        for (int i = 0; i < OPS; i++) {
            all &= ex.schedule(NOOP, 10, TimeUnit.SECONDS).cancel(false);
        }
        return all;
    }

    // ---------------------------------------------------------------- the tree

    /** go4j: cancel the root of a tree of 100,000 descendants built outside the measured time. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public void go4jTreeCancel(Go4jTreeState s) {
        s.tree.root().cancel();
    }

    /** go4j: build the tree, then cancel its root (both measured). */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Go4jTree go4jTreeBuildCancel(Check c) {
        Go4jTree t = Go4jTree.build();
        t.root().cancel();
        t.check();
        return t;
    }

    /** JDK (information): cancel the root of a tree of 100,000 dependent futures built outside the measured time. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public void jdkTreeCancel(JdkTreeState s) {
        s.tree.root().cancel(false);
    }

    /** JDK (information): build the tree of dependent futures, then cancel its root (both measured). */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public JdkTree jdkTreeBuildCancel(Check c) {
        JdkTree t = JdkTree.build();
        t.root().cancel(false);
        t.check();
        return t;
    }
}
