package io.go4j.bench;

import static io.go4j.Case.otherwise;
import static io.go4j.Case.recv;
import static io.go4j.bench.Util.MASK;
import static io.go4j.bench.Util.VALUES;

import com.softwaremill.jox.Channel;
import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.Goroutine;
import io.go4j.Select;
import io.go4j.TryRecv;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * B5 select, two parts.
 *
 * <p><b>Select over 2 or 4 channels</b> ({@code channels} parameter; methods {@code go4j},
 * {@code jox}): one consumer loops a blocking select over 2 / 4 unbuffered channels, each fed
 * by its own producer; the score is <b>ns per select</b> (= per element received). Go twin:
 * {@code BenchmarkB5Select/2}, {@code /4}. Shape (as the Go twin): each invocation makes fresh
 * channels and starts one fresh producer virtual thread per channel, which sends its share of
 * {@value #SELECTS} pre-boxed ints and exits (the channels are not closed: a closed channel
 * would make its case permanently ready); the benchmark thread (a virtual JMH worker) makes
 * {@value #SELECTS} selects, then joins the producers, so nothing outlives the invocation.
 *
 * <p><b>Non-blocking select with default on an idle channel</b> (methods
 * {@code go4jDefaultIdle}, {@code joxDefaultIdle}, {@code go4jTryRecvIdle}): {@value #IDLE_SELECTS}
 * times {@code select { case v := <-ch: s += v; default: s++ }} on an unbuffered channel nobody
 * uses; the score is <b>ns per select</b>. Go twin: {@code BenchmarkB5SelectDefaultIdle}. No
 * threads are involved. jox 1.0.1 has a default clause ({@code Select.defaultClause(value)}),
 * which runs its general select. Go compiles a one-case select with default to a non-blocking
 * receive ({@code selectnbrecv}), and go4j's {@code Select.select} does the same at run time
 * for one case plus default; {@code ch.tryRecv()}, go4j's direct non-blocking receive, is
 * measured as {@code go4jTryRecvIdle} for information (jox 1.0.1 has no non-blocking receive).
 *
 * <p>Peers: go4j {@code Select.select(recv(c0), recv(c1), ...)} and
 * {@code Select.select(recv(ch), otherwise(...))}; jox
 * {@code Select.select(c0.receiveClause(), ...)} and
 * {@code Select.select(ch.receiveClause(), Select.defaultClause(1))}. The JDK has no select over
 * several queues, so there is no JDK peer in B5.
 *
 * <p>Run: {@code java -jar go4j-bench/target/benchmarks.jar B5Select} (or
 * {@code 'B5Select.*Idle'} for the default part; {@code -p channels=2} for one width; on JDK
 * 21/22 add {@code -jvmArgsAppend -Djmh.executor=VIRTUAL}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {Util.EXECUTOR, Util.UNSAFE})
public class B5Select {

    /** Selects (= elements) per invocation of the blocking select. */
    static final int SELECTS = 10_000;
    /** Non-blocking selects per invocation on the idle channel. */
    static final int IDLE_SELECTS = 1_000;

    private static final Integer ONE = 1;

    @State(Scope.Thread)
    public static class Width {
        @Param({"2", "4"})
        public int channels;

        @Setup(Level.Trial)
        public void check() {
            Util.requireVirtual();
        }
    }

    @State(Scope.Thread)
    public static class Idle {
        final Chan<Integer> go4j = Chan.make();
        final Channel<Integer> jox = Channel.newRendezvousChannel();

        @Setup(Level.Trial)
        public void check() {
            Util.requireVirtual();
        }
    }

    @Benchmark
    @OperationsPerInvocation(SELECTS)
    public int go4j(Width w) {
        int n = w.channels;
        List<Chan<Integer>> chans = new ArrayList<>(n);
        List<Goroutine> producers = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            Chan<Integer> ch = Chan.make();
            int count = Util.share(SELECTS, n, k);
            chans.add(ch);
            producers.add(Go.go(() -> {
                for (int i = 0; i < count; i++) {
                    ch.send(VALUES[i & MASK]);
                }
            }));
        }
        int sum = 0;
        Chan<Integer> c0 = chans.get(0);
        Chan<Integer> c1 = chans.get(1);
        if (n == 2) {
            for (int i = 0; i < SELECTS; i++) {
                sum += Select.select(recv(c0), recv(c1));
            }
        } else {
            Chan<Integer> c2 = chans.get(2);
            Chan<Integer> c3 = chans.get(3);
            for (int i = 0; i < SELECTS; i++) {
                sum += Select.select(recv(c0), recv(c1), recv(c2), recv(c3));
            }
        }
        Util.joinGoroutines(producers);
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(SELECTS)
    public int jox(Width w) throws InterruptedException {
        int n = w.channels;
        List<Channel<Integer>> chans = new ArrayList<>(n);
        List<Thread> producers = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            Channel<Integer> ch = Channel.newRendezvousChannel();
            int count = Util.share(SELECTS, n, k);
            chans.add(ch);
            producers.add(Util.virtual(() -> {
                for (int i = 0; i < count; i++) {
                    ch.send(VALUES[i & MASK]);
                }
            }));
        }
        int sum = 0;
        Channel<Integer> c0 = chans.get(0);
        Channel<Integer> c1 = chans.get(1);
        if (n == 2) {
            for (int i = 0; i < SELECTS; i++) {
                sum += com.softwaremill.jox.Select.select(c0.receiveClause(), c1.receiveClause());
            }
        } else {
            Channel<Integer> c2 = chans.get(2);
            Channel<Integer> c3 = chans.get(3);
            for (int i = 0; i < SELECTS; i++) {
                sum += com.softwaremill.jox.Select.select(
                        c0.receiveClause(), c1.receiveClause(), c2.receiveClause(), c3.receiveClause());
            }
        }
        Util.joinAll(producers);
        return sum;
    }

    /** go4j: {@code Select.select(recv(ch), otherwise(() -> 1))} on an idle channel. */
    @Benchmark
    @OperationsPerInvocation(IDLE_SELECTS)
    public int go4jDefaultIdle(Idle s) {
        Chan<Integer> ch = s.go4j;
        int sum = 0;
        for (int i = 0; i < IDLE_SELECTS; i++) {
            sum += Select.select(recv(ch), otherwise(() -> ONE));
        }
        return sum;
    }

    /** go4j: {@code ch.tryRecv()} on an idle channel (Go's compiled form of the same select). */
    @Benchmark
    @OperationsPerInvocation(IDLE_SELECTS)
    public int go4jTryRecvIdle(Idle s) {
        Chan<Integer> ch = s.go4j;
        int sum = 0;
        for (int i = 0; i < IDLE_SELECTS; i++) {
            if (ch.tryRecv() instanceof TryRecv.Value<Integer>(Integer v)) {
                sum += v;
            } else {
                sum++;
            }
        }
        return sum;
    }

    /** jox: {@code Select.select(ch.receiveClause(), Select.defaultClause(1))} on an idle channel. */
    @Benchmark
    @OperationsPerInvocation(IDLE_SELECTS)
    public int joxDefaultIdle(Idle s) throws InterruptedException {
        Channel<Integer> ch = s.jox;
        int sum = 0;
        for (int i = 0; i < IDLE_SELECTS; i++) {
            sum += com.softwaremill.jox.Select.select(ch.receiveClause(), com.softwaremill.jox.Select.defaultClause(ONE));
        }
        return sum;
    }
}
