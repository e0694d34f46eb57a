package io.go4j.bench;

import static io.go4j.bench.Util.MASK;
import static io.go4j.bench.Util.VALUES;

import com.softwaremill.jox.Channel;
import com.softwaremill.jox.ChannelClosed;
import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.Goroutine;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.SynchronousQueue;
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
 * B6 contended: {@value #PRODUCERS} producers and {@value #CONSUMERS} consumers on one channel
 * of capacity 0 or 100 ({@code cap} parameter); the score is <b>ns per element</b>. Go twin:
 * {@code BenchmarkB6Contended/cap=0}, {@code /cap=100}.
 *
 * <p>Shape (as the Go twin): each invocation makes a fresh channel and starts 4 fresh producer
 * and 4 fresh consumer virtual threads; the producers send {@value #ELEMENTS} pre-boxed ints
 * in total (split evenly); the benchmark thread (a virtual JMH worker) joins the producers,
 * closes the channel and joins the consumers, which receive until the channel is closed and
 * report how many elements they got (the total is checked). Nothing outlives the invocation.
 *
 * <p>Peers: go4j {@code Chan.make(cap)}; jox rendezvous / buffered channel with {@code done()};
 * the JDK's {@link SynchronousQueue} for capacity 0 and {@link ArrayBlockingQueue}{@code (100)}
 * for 100, closed by putting one end marker per consumer once the producers are done.
 *
 * <p>Run: {@code java -jar go4j-bench/target/benchmarks.jar B6Contended} (add {@code -p cap=0}
 * for one capacity; on JDK 21/22 add {@code -jvmArgsAppend -Djmh.executor=VIRTUAL}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {Util.EXECUTOR, Util.UNSAFE})
public class B6Contended {

    static final int PRODUCERS = 4;
    static final int CONSUMERS = 4;
    /** Elements per invocation, all producers together. */
    static final int ELEMENTS = 100_000;

    @State(Scope.Thread)
    public static class Capacity {
        @Param({"0", "100"})
        public int cap;

        @Setup(Level.Trial)
        public void check() {
            Util.requireVirtual();
        }
    }

    private static int check(int[] counts) {
        int total = 0;
        for (int c : counts) {
            total += c;
        }
        if (total != ELEMENTS) {
            throw new IllegalStateException("B6: received " + total + " of " + ELEMENTS);
        }
        return total;
    }

    @Benchmark
    @OperationsPerInvocation(ELEMENTS)
    public int go4j(Capacity c) {
        Chan<Integer> ch = Chan.make(c.cap);
        List<Goroutine> producers = new ArrayList<>(PRODUCERS);
        for (int p = 0; p < PRODUCERS; p++) {
            int count = Util.share(ELEMENTS, PRODUCERS, p);
            producers.add(Go.go(() -> {
                for (int i = 0; i < count; i++) {
                    ch.send(VALUES[i & MASK]);
                }
            }));
        }
        int[] counts = new int[CONSUMERS];
        List<Goroutine> consumers = new ArrayList<>(CONSUMERS);
        for (int k = 0; k < CONSUMERS; k++) {
            int slot = k;
            consumers.add(Go.go(() -> {
                int n = 0;
                for (Integer ignored : ch) {
                    n++;
                }
                counts[slot] = n;
            }));
        }
        Util.joinGoroutines(producers);
        ch.close();
        Util.joinGoroutines(consumers);
        return check(counts);
    }

    @Benchmark
    @OperationsPerInvocation(ELEMENTS)
    public int jox(Capacity c) {
        Channel<Integer> ch = c.cap == 0 ? Channel.newRendezvousChannel() : Channel.newBufferedChannel(c.cap);
        List<Thread> producers = new ArrayList<>(PRODUCERS);
        for (int p = 0; p < PRODUCERS; p++) {
            int count = Util.share(ELEMENTS, PRODUCERS, p);
            producers.add(Util.virtual(() -> {
                for (int i = 0; i < count; i++) {
                    ch.send(VALUES[i & MASK]);
                }
            }));
        }
        int[] counts = new int[CONSUMERS];
        List<Thread> consumers = new ArrayList<>(CONSUMERS);
        for (int k = 0; k < CONSUMERS; k++) {
            int slot = k;
            consumers.add(Util.virtual(() -> {
                int n = 0;
                while (!(ch.receiveOrClosed() instanceof ChannelClosed)) {
                    n++;
                }
                counts[slot] = n;
            }));
        }
        Util.joinAll(producers);
        ch.done();
        Util.joinAll(consumers);
        return check(counts);
    }

    /** SynchronousQueue for cap=0, ArrayBlockingQueue(cap) otherwise. */
    @Benchmark
    @OperationsPerInvocation(ELEMENTS)
    public int jdk(Capacity c) throws InterruptedException {
        BlockingQueue<Object> q = c.cap == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(c.cap);
        List<Thread> producers = new ArrayList<>(PRODUCERS);
        for (int p = 0; p < PRODUCERS; p++) {
            int count = Util.share(ELEMENTS, PRODUCERS, p);
            producers.add(Util.virtual(() -> {
                for (int i = 0; i < count; i++) {
                    q.put(VALUES[i & MASK]);
                }
            }));
        }
        int[] counts = new int[CONSUMERS];
        List<Thread> consumers = new ArrayList<>(CONSUMERS);
        for (int k = 0; k < CONSUMERS; k++) {
            int slot = k;
            consumers.add(Util.virtual(() -> {
                int n = 0;
                while (q.take() != Util.END) {
                    n++;
                }
                counts[slot] = n;
            }));
        }
        Util.joinAll(producers);
        for (int k = 0; k < CONSUMERS; k++) {
            q.put(Util.END);
        }
        Util.joinAll(consumers);
        return check(counts);
    }
}
