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
import java.util.concurrent.CountDownLatch;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * B4 chain: a chain of {@value #CHAIN} goroutines, each receiving from its left channel and
 * sending to its right one (the shape of Go's {@code test/chan/goroutines.go}), channels of
 * capacity 0 or 16 ({@code cap} parameter). The score is <b>ns per value pushed through the
 * whole chain</b> (invocation time / {@value #VALUES_PER_INVOCATION}), i.e. the cost of about
 * 10,000 hand-offs per value, values pipelined. Go twin: {@code BenchmarkB4Chain/cap=0},
 * {@code /cap=16}.
 *
 * <p>Shape (as the Go twin): the chain is built before the measured time — in a per-iteration
 * setup, which waits until every stage thread runs — and is torn down in the per-iteration
 * teardown (the head is closed, the close travels stage by stage to the tail, which is drained
 * until closed, and all 10,000 threads are joined). Each invocation starts a fresh feeder
 * virtual thread that sends {@value #VALUES_PER_INVOCATION} values into the head, while the
 * benchmark thread reads as many from the tail; the chain is empty again at the end of each
 * invocation, so each invocation pays the pipeline fill once (the Go twin pays it once per
 * {@code b.N} values, typically a few hundred to a few thousand).
 *
 * <p>Peers: go4j {@code Chan.make(cap)} with {@code for (var v : left) right.send(v)}; jox
 * rendezvous / buffered channels; the JDK's {@link SynchronousQueue} for capacity 0 and
 * {@link ArrayBlockingQueue}{@code (16)} for 16, with an end marker for close.
 *
 * <p>Run: {@code java -jar go4j-bench/target/benchmarks.jar B4Chain} (add {@code -p cap=0} for
 * one capacity; on JDK 21/22 add {@code -jvmArgsAppend -Djmh.executor=VIRTUAL}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {Util.EXECUTOR, Util.UNSAFE})
public class B4Chain {

    static final int CHAIN = 10_000;
    /** Values pushed through the chain per invocation. */
    static final int VALUES_PER_INVOCATION = 100;

    @State(Scope.Thread)
    public static class Go4jChain {
        @Param({"0", "16"})
        public int cap;

        Chan<Integer> head;
        Chan<Integer> tail;
        final List<Goroutine> stages = new ArrayList<>(CHAIN);

        @Setup(Level.Iteration)
        public void build() throws InterruptedException {
            Util.requireVirtual();
            CountDownLatch ready = new CountDownLatch(CHAIN);
            head = Chan.make(cap);
            Chan<Integer> left = head;
            for (int i = 0; i < CHAIN; i++) {
                Chan<Integer> l = left;
                Chan<Integer> r = Chan.make(cap);
                stages.add(Go.go(() -> {
                    ready.countDown();
                    for (Integer v : l) {
                        r.send(v);
                    }
                    r.close();
                }));
                left = r;
            }
            tail = left;
            ready.await();
        }

        @TearDown(Level.Iteration)
        public void tearDown() {
            head.close();
            if (tail.recvOk().ok()) {
                throw new IllegalStateException("value left in the chain");
            }
            Util.joinGoroutines(stages);
        }
    }

    @State(Scope.Thread)
    public static class JoxChain {
        @Param({"0", "16"})
        public int cap;

        Channel<Integer> head;
        Channel<Integer> tail;
        final List<Thread> stages = new ArrayList<>(CHAIN);

        private Channel<Integer> make() {
            return cap == 0 ? Channel.newRendezvousChannel() : Channel.newBufferedChannel(cap);
        }

        @Setup(Level.Iteration)
        public void build() throws InterruptedException {
            Util.requireVirtual();
            CountDownLatch ready = new CountDownLatch(CHAIN);
            head = make();
            Channel<Integer> left = head;
            for (int i = 0; i < CHAIN; i++) {
                Channel<Integer> l = left;
                Channel<Integer> r = make();
                stages.add(Util.virtual(() -> {
                    ready.countDown();
                    for (;;) {
                        Object v = l.receiveOrClosed();
                        if (v instanceof ChannelClosed) {
                            break;
                        }
                        r.send((Integer) v);
                    }
                    r.done();
                }));
                left = r;
            }
            tail = left;
            ready.await();
        }

        @TearDown(Level.Iteration)
        public void tearDown() throws InterruptedException {
            head.done();
            if (!(tail.receiveOrClosed() instanceof ChannelClosed)) {
                throw new IllegalStateException("value left in the chain");
            }
            Util.joinAll(stages);
        }
    }

    @State(Scope.Thread)
    public static class JdkChain {
        @Param({"0", "16"})
        public int cap;

        BlockingQueue<Object> head;
        BlockingQueue<Object> tail;
        final List<Thread> stages = new ArrayList<>(CHAIN);

        private BlockingQueue<Object> make() {
            return cap == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(cap);
        }

        @Setup(Level.Iteration)
        public void build() throws InterruptedException {
            Util.requireVirtual();
            CountDownLatch ready = new CountDownLatch(CHAIN);
            head = make();
            BlockingQueue<Object> left = head;
            for (int i = 0; i < CHAIN; i++) {
                BlockingQueue<Object> l = left;
                BlockingQueue<Object> r = make();
                stages.add(Util.virtual(() -> {
                    ready.countDown();
                    Object v;
                    while ((v = l.take()) != Util.END) {
                        r.put(v);
                    }
                    r.put(Util.END);
                }));
                left = r;
            }
            tail = left;
            ready.await();
        }

        @TearDown(Level.Iteration)
        public void tearDown() throws InterruptedException {
            head.put(Util.END);
            if (tail.take() != Util.END) {
                throw new IllegalStateException("value left in the chain");
            }
            Util.joinAll(stages);
        }
    }

    @Benchmark
    @OperationsPerInvocation(VALUES_PER_INVOCATION)
    public int go4j(Go4jChain s) {
        Chan<Integer> head = s.head;
        Chan<Integer> tail = s.tail;
        Goroutine feeder = Go.go(() -> {
            for (int i = 0; i < VALUES_PER_INVOCATION; i++) {
                head.send(VALUES[i & MASK]);
            }
        });
        int sum = 0;
        for (int i = 0; i < VALUES_PER_INVOCATION; i++) {
            sum += tail.recv();
        }
        Util.join(feeder);
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(VALUES_PER_INVOCATION)
    public int jox(JoxChain s) throws InterruptedException {
        Channel<Integer> head = s.head;
        Channel<Integer> tail = s.tail;
        Thread feeder = Util.virtual(() -> {
            for (int i = 0; i < VALUES_PER_INVOCATION; i++) {
                head.send(VALUES[i & MASK]);
            }
        });
        int sum = 0;
        for (int i = 0; i < VALUES_PER_INVOCATION; i++) {
            sum += tail.receive();
        }
        Util.join(feeder);
        return sum;
    }

    /** SynchronousQueue for cap=0, ArrayBlockingQueue(cap) otherwise. */
    @Benchmark
    @OperationsPerInvocation(VALUES_PER_INVOCATION)
    public int jdk(JdkChain s) throws InterruptedException {
        BlockingQueue<Object> head = s.head;
        BlockingQueue<Object> tail = s.tail;
        Thread feeder = Util.virtual(() -> {
            for (int i = 0; i < VALUES_PER_INVOCATION; i++) {
                head.put(VALUES[i & MASK]);
            }
        });
        int sum = 0;
        for (int i = 0; i < VALUES_PER_INVOCATION; i++) {
            sum += (Integer) tail.take();
        }
        Util.join(feeder);
        return sum;
    }
}
