package io.go4j.bench;

import io.go4j.Go;
import io.go4j.Goroutine;
import io.go4j.sync.Mutex;
import io.go4j.sync.RWMutex;
import io.go4j.sync.WaitGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Phaser;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * B11 sync: Mutex, WaitGroup and RWMutex against Go's {@code sync} and the JDK's locks and
 * latches. Every part runs on fresh virtual threads per invocation (Go: fresh goroutines per
 * round), which are joined before the invocation ends, so nothing outlives it; their start
 * and join are inside the measured time, as in the Go twins, and cost well under 0.1 ns per
 * operation at these batch sizes.
 *
 * <p><b>Mutex, 8 contending goroutines</b> ({@code go4jMutex}, {@code jdkReentrantLock},
 * {@code jdkSynchronized}): {@value #THREADS} threads share {@value #OPS} iterations of
 * {@code mu.Lock(); counter++; mu.Unlock()} on one lock; the score is <b>aggregate ns per
 * lock/unlock pair</b> (invocation time / {@value #OPS}), and the counter is checked. Go twin:
 * {@code BenchmarkB11Mutex}. Peers: go4j {@link Mutex}; the JDK's {@link ReentrantLock}
 * (non-fair, the ratio's peer); a {@code synchronized} block (for information: JDK 24+ no
 * longer pins a virtual thread that blocks on a monitor; go4j itself never uses monitors).
 *
 * <p><b>WaitGroup Add/Done on one goroutine</b> ({@code go4jWaitGroupAddDone},
 * {@code jdkPhaser}): the benchmark thread does {@code wg.Add(1); wg.Done()} {@value #OPS}
 * times; <b>ns per Add+Done pair</b>. Go twin: {@code BenchmarkB11WaitGroupAddDone}. The JDK
 * peer is a {@link Phaser} with one party of its own, {@code register()} +
 * {@code arriveAndDeregister()} per operation — the JDK's only count that goes up and down
 * ({@link CountDownLatch} cannot be raised).
 *
 * <p><b>WaitGroup fan-in</b> ({@code go4jWaitGroupFanIn}, {@code jdkCountDownLatch}): the
 * benchmark thread does {@code wg.Add(OPS)}, starts {@value #THREADS} threads that share
 * {@value #OPS} {@code wg.Done()} calls, and waits with {@code wg.Wait()}; <b>aggregate ns per
 * Done</b>. Go twin: {@code BenchmarkB11WaitGroupFanIn}. The JDK peer is a
 * {@link CountDownLatch}{@code (OPS)}: {@code countDown()} and {@code await()}.
 *
 * <p><b>RWMutex, 90 % reads, 8 goroutines</b> ({@code go4jRWMutex},
 * {@code jdkReentrantReadWriteLock}): {@value #THREADS} threads share {@value #OPS}
 * operations; each thread's operation {@code i} is a write ({@code Lock(); counter++; Unlock()})
 * when {@code i % 10 == 0}, else a read ({@code RLock(); s += counter; RUnlock()}); <b>aggregate
 * ns per operation</b>, counter checked. Go twin: {@code BenchmarkB11RWMutex}. Peers: go4j
 * {@link RWMutex}; the JDK's {@link ReentrantReadWriteLock} (non-fair).
 *
 * <p>All threads are virtual (the JMH worker through {@code -Djmh.executor=VIRTUAL}).
 *
 * <p>Run: {@code java -jar go4j-bench/target/benchmarks.jar B11Sync} (or
 * {@code 'B11Sync.*Mutex'} for one part; on JDK 21/22 add
 * {@code -jvmArgsAppend -Djmh.executor=VIRTUAL}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {Util.EXECUTOR, Util.UNSAFE})
public class B11Sync {

    /** Contending threads (goroutines). */
    static final int THREADS = 8;
    /** Operations per invocation, all threads together. */
    static final int OPS = 100_000;

    @State(Scope.Thread)
    public static class Check {
        @Setup(Level.Trial)
        public void check() {
            Util.requireVirtual();
        }
    }

    /** The shared counter of the lock benchmarks; guarded by the lock under test. */
    static final class Counter {
        int value;
    }

    /** Writes of one RWMutex worker with {@code n} operations: i = 0, 10, 20, ... */
    static int writes(int n) {
        return (n + 9) / 10;
    }

    private static void checkCount(int actual, int expected) {
        if (actual != expected) {
            throw new IllegalStateException("B11: counter " + actual + ", expected " + expected);
        }
    }

    private static int expectedWrites() {
        int w = 0;
        for (int t = 0; t < THREADS; t++) {
            w += writes(Util.share(OPS, THREADS, t));
        }
        return w;
    }

    // ---------------------------------------------------------------- Mutex

    @Benchmark
    @OperationsPerInvocation(OPS)
    public int go4jMutex(Check c) {
        Mutex mu = new Mutex();
        Counter counter = new Counter();
        List<Goroutine> gs = new ArrayList<>(THREADS);
        for (int t = 0; t < THREADS; t++) {
            int n = Util.share(OPS, THREADS, t);
            gs.add(Go.go(() -> {
                for (int i = 0; i < n; i++) {
                    mu.lock();
                    counter.value++;
                    mu.unlock();
                }
            }));
        }
        Util.joinGoroutines(gs);
        checkCount(counter.value, OPS);
        return counter.value;
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public int jdkReentrantLock(Check c) {
        ReentrantLock mu = new ReentrantLock();
        Counter counter = new Counter();
        List<Thread> ts = new ArrayList<>(THREADS);
        for (int t = 0; t < THREADS; t++) {
            int n = Util.share(OPS, THREADS, t);
            ts.add(Util.virtual(() -> {
                for (int i = 0; i < n; i++) {
                    mu.lock();
                    try {
                        counter.value++;
                    } finally {
                        mu.unlock();
                    }
                }
            }));
        }
        Util.joinAll(ts);
        checkCount(counter.value, OPS);
        return counter.value;
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public int jdkSynchronized(Check c) {
        Object mu = new Object();
        Counter counter = new Counter();
        List<Thread> ts = new ArrayList<>(THREADS);
        for (int t = 0; t < THREADS; t++) {
            int n = Util.share(OPS, THREADS, t);
            ts.add(Util.virtual(() -> {
                for (int i = 0; i < n; i++) {
                    synchronized (mu) {
                        counter.value++;
                    }
                }
            }));
        }
        Util.joinAll(ts);
        checkCount(counter.value, OPS);
        return counter.value;
    }

    // ---------------------------------------------------------------- WaitGroup Add/Done

    @Benchmark
    @OperationsPerInvocation(OPS)
    public WaitGroup go4jWaitGroupAddDone(Check c) {
        WaitGroup wg = new WaitGroup();
        for (int i = 0; i < OPS; i++) {
            wg.add(1);
            wg.done();
        }
        wg.await(); // the counter is zero: returns at once
        return wg;
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public Phaser jdkPhaser(Check c) {
        Phaser ph = new Phaser(1); // our own party keeps the phaser alive
        for (int i = 0; i < OPS; i++) {
            ph.register();
            ph.arriveAndDeregister();
        }
        if (ph.getRegisteredParties() != 1 || ph.getPhase() != 0) {
            throw new IllegalStateException("B11: phaser " + ph);
        }
        return ph;
    }

    // ---------------------------------------------------------------- WaitGroup fan-in

    @Benchmark
    @OperationsPerInvocation(OPS)
    public WaitGroup go4jWaitGroupFanIn(Check c) {
        WaitGroup wg = new WaitGroup();
        wg.add(OPS);
        List<Goroutine> gs = new ArrayList<>(THREADS);
        for (int t = 0; t < THREADS; t++) {
            int n = Util.share(OPS, THREADS, t);
            gs.add(Go.go(() -> {
                for (int i = 0; i < n; i++) {
                    wg.done();
                }
            }));
        }
        wg.await();
        Util.joinGoroutines(gs);
        return wg;
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public CountDownLatch jdkCountDownLatch(Check c) throws InterruptedException {
        CountDownLatch latch = new CountDownLatch(OPS);
        List<Thread> ts = new ArrayList<>(THREADS);
        for (int t = 0; t < THREADS; t++) {
            int n = Util.share(OPS, THREADS, t);
            ts.add(Util.virtual(() -> {
                for (int i = 0; i < n; i++) {
                    latch.countDown();
                }
            }));
        }
        latch.await();
        Util.joinAll(ts);
        return latch;
    }

    // ---------------------------------------------------------------- RWMutex, 90 % reads

    @Benchmark
    @OperationsPerInvocation(OPS)
    public int go4jRWMutex(Check c) {
        RWMutex mu = new RWMutex();
        Counter counter = new Counter();
        int[] sums = new int[THREADS];
        List<Goroutine> gs = new ArrayList<>(THREADS);
        for (int t = 0; t < THREADS; t++) {
            int n = Util.share(OPS, THREADS, t);
            int slot = t;
            gs.add(Go.go(() -> {
                int s = 0;
                for (int i = 0; i < n; i++) {
                    if (i % 10 == 0) {
                        mu.lock();
                        counter.value++;
                        mu.unlock();
                    } else {
                        mu.rLock();
                        s += counter.value;
                        mu.rUnlock();
                    }
                }
                sums[slot] = s;
            }));
        }
        Util.joinGoroutines(gs);
        checkCount(counter.value, expectedWrites());
        return counter.value + sums[0];
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public int jdkReentrantReadWriteLock(Check c) {
        ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
        ReentrantReadWriteLock.ReadLock r = rw.readLock();
        ReentrantReadWriteLock.WriteLock w = rw.writeLock();
        Counter counter = new Counter();
        int[] sums = new int[THREADS];
        List<Thread> ts = new ArrayList<>(THREADS);
        for (int t = 0; t < THREADS; t++) {
            int n = Util.share(OPS, THREADS, t);
            int slot = t;
            ts.add(Util.virtual(() -> {
                int s = 0;
                for (int i = 0; i < n; i++) {
                    if (i % 10 == 0) {
                        w.lock();
                        try {
                            counter.value++;
                        } finally {
                            w.unlock();
                        }
                    } else {
                        r.lock();
                        try {
                            s += counter.value;
                        } finally {
                            r.unlock();
                        }
                    }
                }
                sums[slot] = s;
            }));
        }
        Util.joinAll(ts);
        checkCount(counter.value, expectedWrites());
        return counter.value + sums[0];
    }
}
