package io.go4j.bench;

import static io.go4j.Case.recv;
import static io.go4j.bench.Util.MASK;
import static io.go4j.bench.Util.VALUES;

import io.go4j.Chan;
import io.go4j.Select;
import io.go4j.time.Time;
import io.go4j.time.Timer;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
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
 * B9 timers, two parts.
 *
 * <p><b>A million pending timers, then stop them</b> (methods {@code go4jAfterFunc},
 * {@code go4jNewTimer}, {@code jdkScheduledExecutor}): each invocation starts
 * {@value #TIMERS} timers due in one hour, keeping them in an array, then stops every one of
 * them (and checks that each stop reports a pending timer); the score is <b>ns per timer</b>
 * for its start and its stop together. Go twins: {@code BenchmarkB9Timers/AfterFunc} and
 * {@code /NewTimer}, which start and stop {@code b.N} timers in batches of the same
 * {@value #TIMERS}, so at most as many are pending at once as here. Peers: go4j
 * {@code Time.afterFunc(1h, f)} / {@code Time.newTimer(1h)} and {@code Timer.stop()}; the
 * JDK's {@link ScheduledThreadPoolExecutor} ({@code schedule(f, 1, HOURS)} and
 * {@code cancel(false)}, with {@code setRemoveOnCancelPolicy(true)} so that a cancelled task
 * leaves the queue at once, as a stopped Go timer is deleted; its one worker is a virtual
 * thread). Known difference: go4j's channel timers have Go 1.23 semantics — a
 * {@code newTimer} that no goroutine is blocked on is not in the timer heap at all — while
 * the Go twin runs on Go 1.19, whose {@code NewTimer} puts every timer into the heap.
 * {@code afterFunc} timers are in the heap in both.
 *
 * <p><b>Select with a timeout on a ready channel</b> (methods {@code go4jSelectTimeout},
 * {@code jdkPollTimeout}, {@code jdkOrTimeoutArmed}): {@value #SELECTS} times, the benchmark
 * thread puts a value into a buffered channel of capacity 1 and then runs
 * {@code select { case v := <-ready: s += v; case <-time.After(time.Second): s-- }}, which
 * always takes the ready value; the score is <b>ns per select</b>. Go twin:
 * {@code BenchmarkB9SelectTimeout}. go4j:
 * {@code Select.select(recv(ready, v -> v), recv(Time.after(Duration.ofSeconds(1)), t -> -1))}
 * — a new timer channel per select, as in Go (go4j's timer is never put into the heap because
 * nobody blocks on it; Go 1.19 puts every {@code time.After} timer into the heap, where it
 * stays until it fires a second later).
 *
 * <p>The JDK has no select. Its closest equivalent is a timed receive from a queue that holds
 * a value: {@link ArrayBlockingQueue}{@code (1).offer(v)} then {@code poll(1, SECONDS)}
 * ({@code jdkPollTimeout}, the ratio's peer) — the same program (a value is ready, the wait
 * with a timeout returns it at once), refilled by the same thread, but without a timer
 * object: the timeout is only an argument. The other candidate,
 * {@code CompletableFuture.orTimeout(1s)} on an already-completed future, is not measured:
 * the JDK checks {@code result == null} first and does nothing, so it would measure an
 * allocation. Instead {@code jdkOrTimeoutArmed} (for information) arms the timeout on a
 * pending future and then completes it — the JDK's cost of a timer per operation, scheduled
 * on the common pool's delay scheduler and cancelled on completion, which is what
 * {@code time.After} costs Go.
 *
 * <p>All threads are virtual (the JMH worker through {@code -Djmh.executor=VIRTUAL}).
 *
 * <p>Run: {@code java -jar go4j-bench/target/benchmarks.jar B9Timers} (on JDK 21/22 add
 * {@code -jvmArgsAppend -Djmh.executor=VIRTUAL}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {Util.EXECUTOR, Util.UNSAFE})
public class B9Timers {

    /** Timers started, then stopped, per invocation. */
    static final int TIMERS = 1_000_000;
    /** Selects per invocation. */
    static final int SELECTS = 10_000;

    static final Duration HOUR = Duration.ofHours(1);
    static final Duration SECOND = Duration.ofSeconds(1);
    private static final Integer MINUS_ONE = -1;
    /** The function of the AfterFunc timers (never runs: every timer is stopped). */
    static final Runnable NOOP = () -> { };

    @State(Scope.Thread)
    public static class Go4jTimers {
        final Timer[] timers = new Timer[TIMERS];

        @Setup(Level.Trial)
        public void check() {
            Util.requireVirtual();
        }
    }

    @State(Scope.Thread)
    public static class JdkTimers {
        final ScheduledFuture<?>[] timers = new ScheduledFuture<?>[TIMERS];
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

        @TearDown(Level.Invocation)
        public void checkEmpty() {
            if (!executor.getQueue().isEmpty()) {
                throw new IllegalStateException("cancelled tasks left in the queue: " + executor.getQueue().size());
            }
        }
    }

    @State(Scope.Thread)
    public static class Ready {
        final Chan<Integer> go4j = Chan.make(1);
        final ArrayBlockingQueue<Integer> jdk = new ArrayBlockingQueue<>(1);

        @Setup(Level.Trial)
        public void check() {
            Util.requireVirtual();
        }
    }

    private static void stopped(boolean wasPending) {
        if (!wasPending) {
            throw new IllegalStateException("stop found a timer that was not pending");
        }
    }

    /** go4j: {@code Time.afterFunc(1h, f)} × 1,000,000, then {@code stop()} each. */
    @Benchmark
    @OperationsPerInvocation(TIMERS)
    public Timer[] go4jAfterFunc(Go4jTimers s) {
        Timer[] ts = s.timers;
        for (int i = 0; i < TIMERS; i++) {
            ts[i] = Time.afterFunc(HOUR, NOOP);
        }
        for (int i = 0; i < TIMERS; i++) {
            stopped(ts[i].stop());
        }
        return ts;
    }

    /** go4j: {@code Time.newTimer(1h)} × 1,000,000, then {@code stop()} each. */
    @Benchmark
    @OperationsPerInvocation(TIMERS)
    public Timer[] go4jNewTimer(Go4jTimers s) {
        Timer[] ts = s.timers;
        for (int i = 0; i < TIMERS; i++) {
            ts[i] = Time.newTimer(HOUR);
        }
        for (int i = 0; i < TIMERS; i++) {
            stopped(ts[i].stop());
        }
        return ts;
    }

    /** JDK: {@code ScheduledThreadPoolExecutor.schedule(f, 1, HOURS)} × 1,000,000, then {@code cancel(false)} each. */
    @Benchmark
    @OperationsPerInvocation(TIMERS)
    public ScheduledFuture<?>[] jdkScheduledExecutor(JdkTimers s) {
        ScheduledFuture<?>[] ts = s.timers;
        ScheduledThreadPoolExecutor e = s.executor;
        for (int i = 0; i < TIMERS; i++) {
            ts[i] = e.schedule(NOOP, 1, TimeUnit.HOURS);
        }
        for (int i = 0; i < TIMERS; i++) {
            stopped(ts[i].cancel(false));
        }
        return ts;
    }

    /** go4j: refill, then {@code select} over the ready channel and {@code Time.after(1s)}. */
    @Benchmark
    @OperationsPerInvocation(SELECTS)
    public int go4jSelectTimeout(Ready s) {
        Chan<Integer> ready = s.go4j;
        int sum = 0;
        for (int i = 0; i < SELECTS; i++) {
            ready.send(VALUES[i & MASK]);
            sum += Select.select(recv(ready, v -> v), recv(Time.after(SECOND), t -> MINUS_ONE));
        }
        return sum;
    }

    /** JDK (the ratio's peer): refill, then {@code ArrayBlockingQueue.poll(1, SECONDS)} on the non-empty queue. */
    @Benchmark
    @OperationsPerInvocation(SELECTS)
    public int jdkPollTimeout(Ready s) throws InterruptedException {
        ArrayBlockingQueue<Integer> ready = s.jdk;
        int sum = 0;
        for (int i = 0; i < SELECTS; i++) {
            ready.offer(VALUES[i & MASK]);
            Integer v = ready.poll(1, TimeUnit.SECONDS);
            sum += v == null ? -1 : v;
        }
        return sum;
    }

    /**
     * JDK (information): a timer per operation — {@code orTimeout(1s)} armed on a pending
     * future, which then completes with the value (cancelling the timeout).
     */
    @Benchmark
    @OperationsPerInvocation(SELECTS)
    public int jdkOrTimeoutArmed(Ready s) {
        int sum = 0;
        for (int i = 0; i < SELECTS; i++) {
            CompletableFuture<Integer> f = new CompletableFuture<Integer>().orTimeout(1, TimeUnit.SECONDS);
            f.complete(VALUES[i & MASK]);
            sum += f.join();
        }
        return sum;
    }
}
