package io.go4j.bench;

import io.go4j.Go;
import io.go4j.sync.WaitGroup;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * B7 start and join: start {@value #N} goroutines that do nothing but say they are done, and
 * wait until all have; the score is <b>ms per million goroutines</b> (one invocation). Go
 * twin: {@code BenchmarkB7StartJoin} (b.N rounds of a million; ns/op per round). The memory
 * half of B7 (peak RSS) is measured by {@link GoroutineFootprint} in a fresh JVM, not here.
 *
 * <p>Shape (as the Go twin): the benchmark thread (a virtual JMH worker, the "main
 * goroutine") raises a counter by {@value #N} once, starts {@value #N} goroutines one after
 * the other, each of which only counts the counter down, and waits until it is zero. Start and
 * join are both in the measured time; how many goroutines are alive at once depends on how
 * fast the two carriers run them while the starter keeps starting.
 *
 * <p>Peers (all on virtual threads):
 * <ul>
 *   <li>{@code go4j}: {@code wg.add(N)}, {@code N × Go.go(wg::done)}, {@code wg.await()} —
 *       Go's {@code wg.Add(N); go func() { wg.Done() }(); wg.Wait()}.</li>
 *   <li>{@code jdkLatch}: {@code Thread.ofVirtual().start(latch::countDown)} {@value #N} times,
 *       then {@link CountDownLatch#await()} — the same shape with the JDK's counter.</li>
 *   <li>{@code jdkJoin}: {@code Thread.ofVirtual().start(task)} {@value #N} times, keeping the
 *       {@link Thread}s in an array, then {@link Thread#join()} on each — the JDK's "start and
 *       join" taken literally (the array of a million threads is part of the cost).</li>
 *   <li>{@code jdkExecutor}: {@link Executors#newVirtualThreadPerTaskExecutor()},
 *       {@code execute(task)} {@value #N} times, then {@code close()}, which waits for every
 *       task (the executor tracks its threads in a set).</li>
 * </ul>
 * jox has no goroutines of its own (it uses plain virtual threads), so it has no row here.
 *
 * <p>Run: {@code java -jar go4j-bench/target/benchmarks.jar B7StartJoin} (on JDK 21/22 add
 * {@code -jvmArgsAppend -Djmh.executor=VIRTUAL}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {Util.EXECUTOR, Util.UNSAFE})
public class B7StartJoin {

    /** Goroutines started and joined per invocation. */
    static final int N = 1_000_000;

    private static final Runnable NOTHING = () -> { };

    @State(Scope.Thread)
    public static class Check {
        /** Reused by jdkJoin: allocated once, so the array is not part of every invocation. */
        Thread[] threads;

        @Setup(Level.Trial)
        public void check() {
            Util.requireVirtual();
            threads = new Thread[N];
        }
    }

    @Benchmark
    public WaitGroup go4j(Check c) {
        WaitGroup wg = new WaitGroup();
        wg.add(N);
        Runnable done = wg::done;
        for (int i = 0; i < N; i++) {
            Go.go(done);
        }
        wg.await();
        return wg;
    }

    @Benchmark
    public CountDownLatch jdkLatch(Check c) throws InterruptedException {
        CountDownLatch latch = new CountDownLatch(N);
        Runnable done = latch::countDown;
        Thread.Builder b = Thread.ofVirtual();
        for (int i = 0; i < N; i++) {
            b.start(done);
        }
        latch.await();
        return latch;
    }

    @Benchmark
    public Thread jdkJoin(Check c) throws InterruptedException {
        Thread[] ts = c.threads;
        Thread.Builder b = Thread.ofVirtual();
        for (int i = 0; i < N; i++) {
            ts[i] = b.start(NOTHING);
        }
        for (int i = 0; i < N; i++) {
            ts[i].join();
        }
        Thread last = ts[N - 1];
        Arrays.fill(ts, null); // drop the ended threads (1 ms for a million slots)
        return last;
    }

    @Benchmark
    public ExecutorService jdkExecutor(Check c) {
        ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor();
        try (ex) {
            for (int i = 0; i < N; i++) {
                ex.execute(NOTHING);
            }
        } // close(): waits for every task
        return ex;
    }
}
