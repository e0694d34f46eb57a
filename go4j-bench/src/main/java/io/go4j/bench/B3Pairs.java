package io.go4j.bench;

import static io.go4j.bench.Util.MASK;
import static io.go4j.bench.Util.VALUES;

import com.softwaremill.jox.Channel;
import com.softwaremill.jox.ChannelClosed;
import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.Goroutine;
import io.go4j.sync.WaitGroup;
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
 * B3 pairs: {@value #PAIRS} independent producer/consumer pairs, each with its own channel of
 * capacity 0 or 16 ({@code cap} parameter); the score is <b>aggregate ns per element</b>
 * (invocation time / all elements moved). Go twin: {@code BenchmarkB3Pairs/cap=0}, {@code /cap=16}.
 *
 * <p>Shape (as the Go twin): before the measured time — in a per-invocation setup — the
 * {@value #PAIRS} pairs (20,000 virtual threads) are started and have all run up to their
 * first wait (producers on the start barrier, consumers on their channel). The measured
 * invocation releases the barrier and waits until every thread has finished: each producer
 * sends {@value #PER_PAIR} pre-boxed ints and closes its channel, each consumer receives until
 * the channel is closed. The per-invocation teardown joins all 20,000 threads, so none outlives
 * the invocation. The start barrier and the completion count use each library's idiom, as the
 * Go twin uses close(start) and a WaitGroup: go4j closes a {@code Chan} and waits on its
 * {@link WaitGroup}; jox calls {@code done()} on a jox channel and counts down a
 * {@link CountDownLatch} (jox has no wait group); the JDK uses two CountDownLatches.
 *
 * <p>Peers: go4j {@code Chan.make(cap)}; jox {@code newRendezvousChannel()} /
 * {@code newBufferedChannel(16)}; the JDK's {@link SynchronousQueue} for capacity 0 and
 * {@link ArrayBlockingQueue}{@code (16)} for 16, with an end marker for close.
 *
 * <p>Run: {@code java -jar go4j-bench/target/benchmarks.jar B3Pairs} (add {@code -p cap=0} for
 * one capacity; on JDK 21/22 add {@code -jvmArgsAppend -Djmh.executor=VIRTUAL}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {Util.EXECUTOR, Util.UNSAFE})
public class B3Pairs {

    static final int PAIRS = 10_000;
    /** Elements per pair and invocation. */
    static final int PER_PAIR = 100;
    static final int ELEMENTS = PAIRS * PER_PAIR;

    @State(Scope.Thread)
    public static class Go4jPairs {
        @Param({"0", "16"})
        public int cap;

        Chan<Void> start;
        WaitGroup finished;
        final List<Goroutine> threads = new ArrayList<>(2 * PAIRS);

        @Setup(Level.Invocation)
        public void build() throws InterruptedException {
            Util.requireVirtual();
            Chan<Void> go = Chan.make();
            WaitGroup wg = new WaitGroup();
            wg.add(2 * PAIRS);
            CountDownLatch ready = new CountDownLatch(2 * PAIRS);
            for (int p = 0; p < PAIRS; p++) {
                Chan<Integer> ch = Chan.make(cap);
                threads.add(Go.go(() -> { // producer
                    ready.countDown();
                    go.recv();
                    for (int i = 0; i < PER_PAIR; i++) {
                        ch.send(VALUES[i & MASK]);
                    }
                    ch.close();
                    wg.done();
                }));
                threads.add(Go.go(() -> { // consumer
                    ready.countDown();
                    int sum = 0;
                    for (Integer v : ch) {
                        sum += v;
                    }
                    wg.done();
                }));
            }
            ready.await();
            start = go;
            finished = wg;
        }

        @TearDown(Level.Invocation)
        public void join() {
            Util.joinGoroutines(threads);
        }
    }

    @State(Scope.Thread)
    public static class JoxPairs {
        @Param({"0", "16"})
        public int cap;

        Channel<Void> start;
        CountDownLatch finished;
        final List<Thread> threads = new ArrayList<>(2 * PAIRS);

        @Setup(Level.Invocation)
        public void build() throws InterruptedException {
            Util.requireVirtual();
            Channel<Void> go = Channel.newRendezvousChannel();
            CountDownLatch done = new CountDownLatch(2 * PAIRS);
            CountDownLatch ready = new CountDownLatch(2 * PAIRS);
            for (int p = 0; p < PAIRS; p++) {
                Channel<Integer> ch = cap == 0 ? Channel.newRendezvousChannel() : Channel.newBufferedChannel(cap);
                threads.add(Util.virtual(() -> { // producer
                    ready.countDown();
                    go.receiveOrClosed();
                    for (int i = 0; i < PER_PAIR; i++) {
                        ch.send(VALUES[i & MASK]);
                    }
                    ch.done();
                    done.countDown();
                }));
                threads.add(Util.virtual(() -> { // consumer
                    ready.countDown();
                    int sum = 0;
                    for (;;) {
                        Object v = ch.receiveOrClosed();
                        if (v instanceof ChannelClosed) {
                            break;
                        }
                        sum += (Integer) v;
                    }
                    done.countDown();
                }));
            }
            ready.await();
            start = go;
            finished = done;
        }

        @TearDown(Level.Invocation)
        public void join() {
            Util.joinAll(threads);
        }
    }

    @State(Scope.Thread)
    public static class JdkPairs {
        @Param({"0", "16"})
        public int cap;

        CountDownLatch start;
        CountDownLatch finished;
        final List<Thread> threads = new ArrayList<>(2 * PAIRS);

        @Setup(Level.Invocation)
        public void build() throws InterruptedException {
            Util.requireVirtual();
            CountDownLatch go = new CountDownLatch(1);
            CountDownLatch done = new CountDownLatch(2 * PAIRS);
            CountDownLatch ready = new CountDownLatch(2 * PAIRS);
            for (int p = 0; p < PAIRS; p++) {
                BlockingQueue<Object> q = cap == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(cap);
                threads.add(Util.virtual(() -> { // producer
                    ready.countDown();
                    go.await();
                    for (int i = 0; i < PER_PAIR; i++) {
                        q.put(VALUES[i & MASK]);
                    }
                    q.put(Util.END);
                    done.countDown();
                }));
                threads.add(Util.virtual(() -> { // consumer
                    ready.countDown();
                    int sum = 0;
                    Object v;
                    while ((v = q.take()) != Util.END) {
                        sum += (Integer) v;
                    }
                    done.countDown();
                }));
            }
            ready.await();
            start = go;
            finished = done;
        }

        @TearDown(Level.Invocation)
        public void join() {
            Util.joinAll(threads);
        }
    }

    @Benchmark
    @OperationsPerInvocation(ELEMENTS)
    public void go4j(Go4jPairs s) {
        s.start.close();
        s.finished.await();
    }

    @Benchmark
    @OperationsPerInvocation(ELEMENTS)
    public void jox(JoxPairs s) throws InterruptedException {
        s.start.done();
        s.finished.await();
    }

    /** SynchronousQueue for cap=0, ArrayBlockingQueue(cap) otherwise. */
    @Benchmark
    @OperationsPerInvocation(ELEMENTS)
    public void jdk(JdkPairs s) throws InterruptedException {
        s.start.countDown();
        s.finished.await();
    }
}
