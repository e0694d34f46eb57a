package io.go4j.bench;

import static io.go4j.bench.Util.MASK;
import static io.go4j.bench.Util.VALUES;

import com.softwaremill.jox.Channel;
import com.softwaremill.jox.ChannelClosed;
import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.Goroutine;
import io.go4j.RecvChan;
import io.go4j.context.CancelContext;
import io.go4j.context.Context;
import io.go4j.pipe.Pipe;
import io.go4j.pipe.Stage;
import io.go4j.sync.WaitGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * B13 pipeline: generator → {@value #WORKERS} parallel workers → merge → sink,
 * {@value #ITEMS} items per run; the score is <b>ms per pipeline run</b>. Go twin:
 * {@code BenchmarkB13Pipeline/cap=0}, {@code /cap=16} (b.N runs; ns/op per run).
 *
 * <p>Shape (as the Go twin), fresh in every invocation: a generator thread sends the items
 * (pre-boxed {@code i & 1023}, as everywhere in this suite; Go sends the same plain ints) on
 * an input channel and closes it; {@value #WORKERS} worker threads range over the input
 * channel and send {@link #work}{@code (v)} on one merge channel; a closer thread waits
 * until all workers are done (Go: {@code sync.WaitGroup}) and closes the merge channel; the
 * benchmark thread (a virtual JMH worker) is the sink: it sums the merge channel until it is
 * closed, then joins every thread it started, so nothing outlives the invocation, and checks
 * the sum. Both channels have the capacity of the {@code cap} parameter: 0 (unbuffered, Go's
 * default) and 16 (a small buffer, as in B2–B4). Thread start and join are inside the
 * measured time, as in Go.
 *
 * <p>Work per item: {@code (v * v + 1) & 1023} — small, identical in every variant and in Go,
 * and its result indexes the pre-boxed values, so no variant allocates per item. The hand-offs
 * dominate by design: B13 measures the plumbing of a pipeline, not the work.
 *
 * <p>Peers:
 * <ul>
 *   <li>{@code go4j}: hand-written the Go way — {@code Chan.make(cap)} twice, {@code Go.go},
 *       {@code for (var v : ch)}, {@link WaitGroup} ({@code add(4)}, {@code done()} in a
 *       {@code finally}, as Go 1.19's {@code defer wg.Done()}) and a closer goroutine.</li>
 *   <li>{@code jox}: the same shape with jox rendezvous / buffered channels on virtual threads,
 *       {@code done()} for close; jox has no WaitGroup, so the closer waits on a
 *       {@link CountDownLatch}{@code (4)}.</li>
 *   <li>{@code jdkExecutorPipeline}: the same shape on the JDK — the generator, the workers and
 *       the closer are tasks of a {@link Executors#newVirtualThreadPerTaskExecutor()}, connected
 *       by {@link SynchronousQueue} (capacity 0) or {@link ArrayBlockingQueue}{@code (16)}; the
 *       queues cannot be closed, so the generator puts one end marker per worker and the closer
 *       (after a {@link CountDownLatch}{@code (4)}) one end marker for the sink. The executor's
 *       {@code close()} joins every task.</li>
 *   <li>{@code jdkParallelStream}: <b>a different shape</b>, for information —
 *       {@code IntStream.range(0, N).parallel().mapToLong(work).sum()}: the JDK's idiomatic
 *       way to map and sum in parallel. No channels and no per-item hand-off: the range is
 *       split into chunks run by the common {@link ForkJoinPool} (platform threads), so it
 *       shows what the per-item hand-off costs, not a like-for-like peer. It does not depend
 *       on {@code cap} and runs once (the report shows it beside both capacities).</li>
 * </ul>
 *
 * <p>Run: {@code java -jar go4j-bench/target/benchmarks.jar B13Pipeline} (add {@code -p cap=0}
 * for one capacity; on JDK 21/22 add {@code -jvmArgsAppend -Djmh.executor=VIRTUAL}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {Util.EXECUTOR, Util.UNSAFE})
public class B13Pipeline {

    /** Items per pipeline run (per invocation). */
    static final int ITEMS = 1_000_000;
    /** Parallel workers between the generator and the merge channel. */
    static final int WORKERS = 4;
    /** The sink's sum of one run, checked after every invocation. */
    static final long EXPECTED = expected(ITEMS);

    @State(Scope.Thread)
    public static class Capacity {
        /** Capacity of both the input and the merge channel (Go: the same). */
        @Param({"0", "16"})
        public int cap;

        @Setup(Level.Trial)
        public void check() {
            Util.requireVirtual();
        }
    }

    /** For the variant that has no channels (no {@code cap} parameter). */
    @State(Scope.Thread)
    public static class Check {
        @Setup(Level.Trial)
        public void check() {
            Util.requireVirtual();
        }
    }

    /** The work per item (Go twin: {@code b13Work}); its result is in [0, 1024). */
    static int work(int v) {
        return (v * v + 1) & MASK;
    }

    static long expected(int items) {
        long s = 0;
        for (int i = 0; i < items; i++) {
            s += work(i & MASK);
        }
        return s;
    }

    private static long check(long sum) {
        if (sum != EXPECTED) {
            throw new IllegalStateException("B13: sum " + sum + ", expected " + EXPECTED);
        }
        return sum;
    }

    // ---------------------------------------------------------------- go4j

    @Benchmark
    public long go4j(Capacity c) {
        Chan<Integer> in = Chan.make(c.cap);
        Chan<Integer> out = Chan.make(c.cap);
        List<Goroutine> gs = new ArrayList<>(WORKERS + 2);
        gs.add(Go.go(() -> { // generator
            for (int i = 0; i < ITEMS; i++) {
                in.send(VALUES[i & MASK]);
            }
            in.close();
        }));
        WaitGroup wg = new WaitGroup();
        wg.add(WORKERS);
        for (int w = 0; w < WORKERS; w++) {
            gs.add(Go.go(() -> { // worker
                try {
                    for (Integer v : in) {
                        out.send(VALUES[work(v)]);
                    }
                } finally {
                    wg.done();
                }
            }));
        }
        gs.add(Go.go(() -> { // closer
            wg.await();
            out.close();
        }));
        long sum = 0;
        for (Integer v : out) { // sink
            sum += v;
        }
        Util.joinGoroutines(gs);
        return check(sum);
    }

    // ---------------------------------------------------------------- go4jPipe

    /**
     * The same pipeline in one library call per stage ({@code io.go4j.pipe}): a generator, then
     * {@code Pipe.map} with {@code Stage.parallel(4).unordered()} (four workers, their outputs
     * merged by the stage), the sink ranging over the result. Every send in the library's stages
     * is a select against the context's done channel (that is what makes them cancellable and
     * leak-free), so this is the hand-written {@link #go4j} plus that price; shown for
     * information. The generator's output is unbuffered (the library's default); the stage's
     * output has the {@code cap} capacity.
     */
    @Benchmark
    public long go4jPipe(Capacity c) {
        try (CancelContext ctx = Context.withCancel(Context.background())) {
            RecvChan<Integer> in = Pipe.generate(ctx, emit -> {
                for (int i = 0; i < ITEMS; i++) {
                    if (!emit.emit(VALUES[i & MASK])) {
                        return;
                    }
                }
            });
            RecvChan<Integer> out = Pipe.map(ctx, in, v -> VALUES[work(v)],
                    Stage.parallel(WORKERS).unordered().buffer(c.cap));
            long sum = 0;
            for (Integer v : out) { // closed once every worker has ended
                sum += v;
            }
            return check(sum);
        }
    }

    // ---------------------------------------------------------------- jox

    @Benchmark
    public long jox(Capacity c) throws InterruptedException {
        Channel<Integer> in = c.cap == 0 ? Channel.newRendezvousChannel() : Channel.newBufferedChannel(c.cap);
        Channel<Integer> out = c.cap == 0 ? Channel.newRendezvousChannel() : Channel.newBufferedChannel(c.cap);
        List<Thread> ts = new ArrayList<>(WORKERS + 2);
        ts.add(Util.virtual(() -> { // generator
            for (int i = 0; i < ITEMS; i++) {
                in.send(VALUES[i & MASK]);
            }
            in.done();
        }));
        CountDownLatch workersDone = new CountDownLatch(WORKERS);
        for (int w = 0; w < WORKERS; w++) {
            ts.add(Util.virtual(() -> { // worker
                try {
                    for (;;) {
                        Object v = in.receiveOrClosed();
                        if (v instanceof ChannelClosed) {
                            break;
                        }
                        out.send(VALUES[work((Integer) v)]);
                    }
                } finally {
                    workersDone.countDown();
                }
            }));
        }
        ts.add(Util.virtual(() -> { // closer
            workersDone.await();
            out.done();
        }));
        long sum = 0;
        for (;;) { // sink
            Object v = out.receiveOrClosed();
            if (v instanceof ChannelClosed) {
                break;
            }
            sum += (Integer) v;
        }
        Util.joinAll(ts);
        return check(sum);
    }

    // ---------------------------------------------------------------- JDK

    private static BlockingQueue<Object> queue(int cap) {
        return cap == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(cap);
    }

    @Benchmark
    public long jdkExecutorPipeline(Capacity c) throws InterruptedException, ExecutionException {
        BlockingQueue<Object> in = queue(c.cap);
        BlockingQueue<Object> out = queue(c.cap);
        List<Future<?>> tasks = new ArrayList<>(WORKERS + 2);
        long sum = 0;
        try (ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
            tasks.add(ex.submit(() -> { // generator
                for (int i = 0; i < ITEMS; i++) {
                    in.put(VALUES[i & MASK]);
                }
                for (int w = 0; w < WORKERS; w++) {
                    in.put(Util.END); // one end marker per worker: the queue cannot be closed
                }
                return null;
            }));
            CountDownLatch workersDone = new CountDownLatch(WORKERS);
            for (int w = 0; w < WORKERS; w++) {
                tasks.add(ex.submit(() -> { // worker
                    try {
                        Object v;
                        while ((v = in.take()) != Util.END) {
                            out.put(VALUES[work((Integer) v)]);
                        }
                    } finally {
                        workersDone.countDown();
                    }
                    return null;
                }));
            }
            tasks.add(ex.submit(() -> { // closer
                workersDone.await();
                out.put(Util.END);
                return null;
            }));
            Object v;
            while ((v = out.take()) != Util.END) { // sink
                sum += (Integer) v;
            }
        } // close(): waits for every task
        for (Future<?> f : tasks) {
            f.get(); // rethrows a task's failure
        }
        return check(sum);
    }

    /** A different shape (no channels, no per-item hand-off; common ForkJoinPool): information only. */
    @Benchmark
    public long jdkParallelStream(Check c) {
        return check(IntStream.range(0, ITEMS).parallel().mapToLong(i -> work(i & MASK)).sum());
    }
}
