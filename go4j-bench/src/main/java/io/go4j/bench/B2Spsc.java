package io.go4j.bench;

import static io.go4j.bench.Util.MASK;
import static io.go4j.bench.Util.VALUES;

import com.softwaremill.jox.Channel;
import com.softwaremill.jox.ChannelClosed;
import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.Goroutine;
import java.util.concurrent.ArrayBlockingQueue;
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
 * B2 single producer, single consumer on a buffered channel of capacity 16 and 100
 * ({@code cap} parameter); the score is <b>ns per element</b>. Go twin:
 * {@code BenchmarkB2SPSC/cap=16}, {@code /cap=100}.
 *
 * <p>Shape (as the Go twin): each invocation makes a fresh channel, starts a fresh producer
 * virtual thread that sends {@value #ELEMENTS} pre-boxed ints and closes the channel, while
 * the benchmark thread (a virtual JMH worker) receives until the channel is closed
 * ({@code for v := range ch}); then the producer is joined, so nothing outlives the
 * invocation. Thread start and join are inside the measured time, as in Go, and cost
 * far less than 0.1 ns per element at this batch size.
 *
 * <p>Peers: go4j {@code Chan.make(cap)} with {@code for (var v : ch)}; jox
 * {@code Channel.newBufferedChannel(cap)} with {@code done()} / {@code receiveOrClosed()};
 * the JDK's {@link ArrayBlockingQueue}{@code (cap)}, which cannot be closed: the producer
 * puts an end marker instead. ({@code LinkedTransferQueue} is unbounded, so it has no
 * capacity to compare; it is left out to keep the run short.)
 *
 * <p>Run: {@code java -jar go4j-bench/target/benchmarks.jar B2Spsc} (add {@code -p cap=16} for
 * one capacity; on JDK 21/22 add {@code -jvmArgsAppend -Djmh.executor=VIRTUAL}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {Util.EXECUTOR, Util.UNSAFE})
public class B2Spsc {

    /** Elements per invocation. */
    static final int ELEMENTS = 100_000;

    @State(Scope.Thread)
    public static class Capacity {
        @Param({"16", "100"})
        public int cap;

        @Setup(Level.Trial)
        public void check() {
            Util.requireVirtual();
        }
    }

    @Benchmark
    @OperationsPerInvocation(ELEMENTS)
    public int go4j(Capacity c) {
        Chan<Integer> ch = Chan.make(c.cap);
        Goroutine producer = Go.go(() -> {
            for (int i = 0; i < ELEMENTS; i++) {
                ch.send(VALUES[i & MASK]);
            }
            ch.close();
        });
        int sum = 0;
        for (Integer v : ch) {
            sum += v;
        }
        Util.join(producer);
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(ELEMENTS)
    public int jox(Capacity c) throws InterruptedException {
        Channel<Integer> ch = Channel.newBufferedChannel(c.cap);
        Thread producer = Util.virtual(() -> {
            for (int i = 0; i < ELEMENTS; i++) {
                ch.send(VALUES[i & MASK]);
            }
            ch.done();
        });
        int sum = 0;
        for (;;) {
            Object v = ch.receiveOrClosed();
            if (v instanceof ChannelClosed) {
                break;
            }
            sum += (Integer) v;
        }
        Util.join(producer);
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(ELEMENTS)
    public int jdkArrayBlockingQueue(Capacity c) throws InterruptedException {
        ArrayBlockingQueue<Object> q = new ArrayBlockingQueue<>(c.cap);
        Thread producer = Util.virtual(() -> {
            for (int i = 0; i < ELEMENTS; i++) {
                q.put(VALUES[i & MASK]);
            }
            q.put(Util.END);
        });
        int sum = 0;
        Object v;
        while ((v = q.take()) != Util.END) {
            sum += (Integer) v;
        }
        Util.join(producer);
        return sum;
    }
}
