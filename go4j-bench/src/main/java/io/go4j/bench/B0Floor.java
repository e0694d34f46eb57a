package io.go4j.bench;

import static io.go4j.bench.Util.MASK;
import static io.go4j.bench.Util.VALUES;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
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
 * B0, the scheduler's cost: what one blocking hand-off between two virtual threads costs on
 * this JDK when nothing but {@link LockSupport#park()}/{@link LockSupport#unpark(Thread)} and
 * one volatile field is involved — no channel, no lock, no queue, no spinning. Not a strict
 * lower bound: a channel that hands a value straight to a parked partner, and spins while no
 * goroutine waits for a carrier, can beat it (docs/benchmarks/ANALYSIS.md §6). It is not a go4j scenario:
 * it measures the scheduler every JVM channel (go4j, jox, the JDK's queues) must go through
 * once more goroutines are runnable than there are carriers, where spinning would starve them.
 *
 * <p>Shape: {@code pairs} producer/consumer pairs of virtual threads; each producer hands
 * {@value #PER_PAIR} values to its consumer through a one-slot cell, unbuffered: it publishes
 * the value, unparks the consumer, and parks until the consumer has taken it (the consumer
 * clears the cell and unparks the producer). Score: <b>ns per element</b>, aggregate over all
 * pairs — B3's shape at capacity 0 ({@code manyPairs}: 10,000 pairs) and a single pair
 * ({@code onePair}: B1's hand-off, one way). Compare with B3's and B1's go4j rows: the difference is what go4j's
 * channel adds to the scheduler's own cost.
 *
 * <p>Run: {@code java -jar go4j-bench/target/benchmarks.jar B0Floor}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {Util.EXECUTOR, Util.UNSAFE})
public class B0Floor {

    static final int PER_PAIR = 100;

    /** A one-slot rendezvous cell. */
    static final class Cell {
        volatile Object item;
        volatile Thread producer;
        volatile Thread consumer;
    }

    /** The pairs of one invocation; {@link One} and {@link Many} set how many. */
    public abstract static class Pairs {
        final int pairs;

        Pairs(int pairs) {
            this.pairs = pairs;
        }

        final List<Thread> threads = new ArrayList<>();
        CountDownLatch start;
        CountDownLatch done;

        @Setup(Level.Invocation)
        public void build() throws InterruptedException {
            Util.requireVirtual();
            threads.clear();
            CountDownLatch go = new CountDownLatch(1);
            CountDownLatch finished = new CountDownLatch(2 * pairs);
            CountDownLatch ready = new CountDownLatch(2 * pairs);
            for (int p = 0; p < pairs; p++) {
                Cell c = new Cell();
                Thread consumer = Thread.ofVirtual().unstarted(() -> {
                    ready.countDown();
                    await(go);
                    long sum = 0;
                    for (int i = 0; i < PER_PAIR; i++) {
                        Object v;
                        while ((v = c.item) == null) {
                            LockSupport.park(c);
                        }
                        c.item = null;
                        LockSupport.unpark(c.producer);
                        sum += (Integer) v;
                    }
                    finished.countDown();
                });
                Thread producer = Thread.ofVirtual().unstarted(() -> {
                    ready.countDown();
                    await(go);
                    for (int i = 0; i < PER_PAIR; i++) {
                        c.item = VALUES[i & MASK];
                        LockSupport.unpark(c.consumer);
                        while (c.item != null) {
                            LockSupport.park(c);
                        }
                    }
                    finished.countDown();
                });
                c.producer = producer;
                c.consumer = consumer;
                threads.add(producer);
                threads.add(consumer);
                consumer.start();
                producer.start();
            }
            ready.await();
            start = go;
            done = finished;
        }

        @TearDown(Level.Invocation)
        public void join() {
            for (Thread t : threads) {
                Util.join(t);
            }
        }

        private static void await(CountDownLatch l) {
            try {
                l.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** One pair (B1's hand-off). */
    @State(Scope.Thread)
    public static class One extends Pairs {
        public One() {
            super(1);
        }
    }

    /** 10,000 pairs (B3's shape at capacity 0). */
    @State(Scope.Thread)
    public static class Many extends Pairs {
        public Many() {
            super(B3Pairs.PAIRS);
        }
    }

    /** ns per element, one pair. */
    @Benchmark
    @OperationsPerInvocation(PER_PAIR)
    public void onePair(One s) throws InterruptedException {
        s.start.countDown();
        s.done.await();
    }

    /** ns per element, 10,000 pairs together (aggregate). */
    @Benchmark
    @OperationsPerInvocation(PER_PAIR * 10_000)
    public void manyPairs(Many s) throws InterruptedException {
        s.start.countDown();
        s.done.await();
    }
}
