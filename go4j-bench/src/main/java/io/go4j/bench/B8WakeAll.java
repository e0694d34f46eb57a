package io.go4j.bench;

import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.Goroutine;
import io.go4j.sync.WaitGroup;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * B8 wake all: {@value #N} goroutines blocked in a receive on one channel, then the channel
 * is closed; the score is <b>ms from the close until the last goroutine has said it is done</b>
 * (one invocation wakes a million). Go twin: {@code BenchmarkB8WakeAll} (b.N rounds; ns/op per
 * round). The memory half of B8 (bytes per blocked goroutine) is measured by
 * {@link GoroutineFootprint} in a fresh JVM, not here.
 *
 * <p>Shape (as the Go twin): before the measured time — in a per-invocation setup — the
 * benchmark thread (a virtual JMH worker) starts {@value #N} goroutines, each of which blocks
 * on the shared channel and, once woken, counts a wait group down; the setup then waits until
 * every one of them is parked (go4j: {@link Goroutine#waitReason()} is {@code "chan receive"};
 * the JDK: {@link Thread#getState()} is {@code WAITING}). The measured invocation closes the
 * channel and waits on the wait group. The per-invocation teardown joins all {@value #N}
 * threads, so none outlives the invocation. The Go twin cannot see whether a goroutine is
 * parked; it waits until every goroutine has started and then sleeps briefly (timer stopped),
 * see {@code go/bench_test.go}.
 *
 * <p>Peers (all on virtual threads):
 * <ul>
 *   <li>{@code go4j}: {@code ch.recv()} on an unbuffered {@code Chan}, {@code ch.close()},
 *       {@link WaitGroup} — Go's {@code <-ch}, {@code close(ch)}, {@code wg.Wait()}.</li>
 *   <li>{@code jdkLatch}: {@code gate.await()} on a {@link CountDownLatch}{@code (1)}, released
 *       by {@code gate.countDown()}; a {@code CountDownLatch(N)} counts the woken threads.</li>
 * </ul>
 * jox has no goroutines of its own, so it has no row here.
 *
 * <p>Run: {@code java -jar go4j-bench/target/benchmarks.jar B8WakeAll} (on JDK 21/22 add
 * {@code -jvmArgsAppend -Djmh.executor=VIRTUAL}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {Util.EXECUTOR, Util.UNSAFE})
public class B8WakeAll {

    /** Goroutines blocked, then woken, per invocation. */
    static final int N = 1_000_000;

    /** How long a setup waits for the goroutines to park before it calls the run broken. */
    static final long PARK_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(120);

    /**
     * Lets the threads being waited for run — a virtual caller yields its carrier, which they
     * need; a platform caller sleeps 0.1 ms rather than spin on one of the two cores — and
     * throws {@code what} once the deadline has passed.
     */
    static void awaitTurn(long deadline, String what) {
        if (System.nanoTime() - deadline > 0) {
            throw new IllegalStateException(what);
        }
        if (Thread.currentThread().isVirtual()) {
            Thread.yield();
        } else {
            LockSupport.parkNanos(100_000);
        }
    }

    @State(Scope.Thread)
    public static class Go4jBlocked {
        final Goroutine[] gs = new Goroutine[N];
        Chan<Void> ch;
        WaitGroup woken;

        @Setup(Level.Invocation)
        public void block() {
            Util.requireVirtual();
            Chan<Void> c = Chan.make();
            WaitGroup wg = new WaitGroup();
            wg.add(N);
            Runnable body = () -> {
                c.recv();
                wg.done();
            };
            for (int i = 0; i < N; i++) {
                gs[i] = Go.go(body);
            }
            long deadline = System.nanoTime() + PARK_TIMEOUT_NS;
            for (Goroutine g : gs) { // once parked, a goroutine stays parked until the close
                while (g.waitReason() == null) {
                    awaitTurn(deadline, "B8 go4j: goroutines did not all park");
                }
            }
            ch = c;
            woken = wg;
        }

        @TearDown(Level.Invocation)
        public void join() {
            for (int i = 0; i < N; i++) {
                Util.join(gs[i]);
            }
            Arrays.fill(gs, null);
        }
    }

    @State(Scope.Thread)
    public static class JdkBlocked {
        final Thread[] ts = new Thread[N];
        CountDownLatch gate;
        CountDownLatch woken;

        @Setup(Level.Invocation)
        public void block() {
            Util.requireVirtual();
            CountDownLatch g = new CountDownLatch(1);
            CountDownLatch w = new CountDownLatch(N);
            Runnable body = () -> {
                try {
                    g.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                w.countDown();
            };
            Thread.Builder b = Thread.ofVirtual();
            for (int i = 0; i < N; i++) {
                ts[i] = b.start(body);
            }
            long deadline = System.nanoTime() + PARK_TIMEOUT_NS;
            for (Thread t : ts) {
                while (t.getState() != Thread.State.WAITING) {
                    awaitTurn(deadline, "B8 JDK: virtual threads did not all park");
                }
            }
            gate = g;
            woken = w;
        }

        @TearDown(Level.Invocation)
        public void join() {
            for (int i = 0; i < N; i++) {
                Util.join(ts[i]);
            }
            Arrays.fill(ts, null);
        }
    }

    @Benchmark
    public WaitGroup go4j(Go4jBlocked s) {
        s.ch.close();
        s.woken.await();
        return s.woken;
    }

    @Benchmark
    public CountDownLatch jdkLatch(JdkBlocked s) throws InterruptedException {
        s.gate.countDown();
        s.woken.await();
        return s.woken;
    }
}
