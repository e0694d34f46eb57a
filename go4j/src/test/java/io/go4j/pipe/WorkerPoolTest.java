package io.go4j.pipe;

import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.Panic;
import io.go4j.context.CancelContext;
import io.go4j.context.Context;
import io.go4j.testing.Leaks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link WorkerPool}: one result per job, errors as {@link Result.Err}, the bound on
 * parallelism (an atomic max counter), FAIL_FAST cancelling the rest, context cancellation,
 * misuse, no leaked goroutines, and a counted stress run. The worker pool of seed 000/001
 * ("Patrón Worker Pool") is the model. No test sleeps.
 */
@Timeout(60)
class WorkerPoolTest {

    static final boolean LONG = "long".equals(System.getProperty("go4j.stress.mode", "short"));

    private Leaks.Option before;

    @BeforeEach
    void snapshot() {
        before = Leaks.ignoreCurrent();
    }

    @AfterEach
    void noLeaks() {
        Leaks.verifyNone(before); // no worker survives a test
    }

    static <R> List<Result<R>> collect(WorkerPool<?, R> pool) {
        List<Result<R>> out = new ArrayList<>();
        for (Result<R> r : pool.results()) {
            out.add(r);
        }
        return out;
    }

    static <T> void submitAllAndClose(WorkerPool<T, ?> pool, List<T> jobs) {
        Go.go(() -> {
            for (T j : jobs) {
                assertTrue(pool.submit(j));
            }
            pool.close();
        });
    }

    /** Every job yields exactly one result; the results channel closes after the last one (seed 001's workerPool). */
    @Test
    void oneResultPerJob() throws Exception {
        WorkerPool<Integer, Integer> pool = WorkerPool.start(Context.background(), 5, (c, x) -> x * 2);
        List<Integer> jobs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            jobs.add(i);
        }
        submitAllAndClose(pool, jobs);
        Set<Integer> got = new HashSet<>();
        for (Result<Integer> r : collect(pool)) {
            assertTrue(got.add(r.getOrThrow()));
        }
        Set<Integer> want = new HashSet<>();
        jobs.forEach(j -> want.add(j * 2));
        assertEquals(want, got);
        assertNull(pool.err());
    }

    /** COLLECT_ALL: an exception becomes an Err result, the other jobs still run, err() is the first. */
    @Test
    void collectAllReportsErrorsAndCarriesOn() {
        IllegalStateException boom = new IllegalStateException("boom");
        WorkerPool<Integer, Integer> pool = WorkerPool.start(Context.background(), 3, (c, x) -> {
            if (x == 4) {
                throw boom;
            }
            return x;
        });
        submitAllAndClose(pool, List.of(0, 1, 2, 3, 4, 5, 6, 7));
        List<Result<Integer>> rs = collect(pool);
        assertEquals(8, rs.size());
        assertEquals(7, rs.stream().filter(Result::isOk).count());
        Result.Err<Integer> err = (Result.Err<Integer>) rs.stream().filter(r -> !r.isOk()).findFirst().orElseThrow();
        assertSame(boom, err.error());
        assertSame(boom, pool.err());
    }

    /** No more than `workers` jobs run at once, and all workers do run at once (max counter = workers). */
    @Test
    void parallelismIsBoundedByWorkers() {
        int workers = 4;
        AtomicInteger active = new AtomicInteger();
        AtomicInteger max = new AtomicInteger();
        Barrier allIn = new Barrier(workers); // the first 4 jobs meet: proves 4 run at once
        AtomicInteger seen = new AtomicInteger();
        WorkerPool<Integer, Integer> pool = WorkerPool.start(Context.background(), workers, (c, x) -> {
            int n = active.incrementAndGet();
            max.accumulateAndGet(n, Math::max);
            if (seen.getAndIncrement() < workers) {
                allIn.await(c);
            }
            active.decrementAndGet();
            return x;
        });
        List<Integer> jobs = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            jobs.add(i);
        }
        submitAllAndClose(pool, jobs);
        assertEquals(200, collect(pool).size());
        assertEquals(workers, max.get());
    }

    /** FAIL_FAST: the first error cancels the pool's context (cause = the error), is delivered, and later submits fail. */
    @Test
    void failFastCancelsTheRest() {
        Exception doom = new Exception("doomed");
        AtomicInteger cancelledJobs = new AtomicInteger();
        WorkerPool<Integer, Integer> pool = WorkerPool.start(Context.background(), 3, 0,
                WorkerPool.ErrorMode.FAIL_FAST, (c, x) -> {
                    if (x == 0) {
                        throw doom;
                    }
                    c.done().recv(); // the others wait for the cancellation
                    cancelledJobs.incrementAndGet();
                    assertSame(doom, Context.cause(c));
                    throw c.err();
                });
        assertTrue(pool.submit(1));
        assertTrue(pool.submit(2));
        assertTrue(pool.submit(0));
        List<Result<Integer>> rs = collect(pool); // closes although close() was never called
        assertSame(doom, pool.err());
        assertTrue(rs.stream().anyMatch(r -> r instanceof Result.Err<Integer> e && e.error() == doom), rs.toString());
        assertEquals(2, cancelledJobs.get());
        assertFalse(pool.submit(3));
        pool.close();
    }

    /** Cancelling the context stops the workers: results closes, submit returns false, goroutine count returns. */
    @Test
    void contextCancelStopsEverything() {
        int base = io.go4j.runtime.GoRuntime.numGoroutine();
        CancelContext ctx = Context.withCancel(Context.background());
        Chan<Boolean> started = Chan.make(8);
        WorkerPool<Integer, Integer> pool = WorkerPool.start(ctx, 8, (c, x) -> {
            started.send(true);
            c.done().recv();
            return x;
        });
        for (int i = 0; i < 8; i++) {
            assertTrue(pool.submit(i));
        }
        for (int i = 0; i < 8; i++) {
            started.recv(); // every worker is busy
        }
        ctx.cancel();
        collect(pool); // ends: the results channel is closed
        assertFalse(pool.submit(99));
        BroadcastTest.awaitGoroutines(base);
    }

    /** A pool nobody reads from is still torn down by cancellation (workers blocked on sending results). */
    @Test
    void cancelUnblocksWorkersStuckOnResults() {
        int base = io.go4j.runtime.GoRuntime.numGoroutine();
        CancelContext ctx = Context.withCancel(Context.background());
        WorkerPool<Integer, Integer> pool = WorkerPool.start(ctx, 2, 4, WorkerPool.ErrorMode.COLLECT_ALL, (c, x) -> x);
        for (int i = 0; i < 8; i++) {
            assertTrue(pool.submit(i)); // 2 results buffered, 2 workers blocked, 4 queued
        }
        ctx.cancel();
        int n = collect(pool).size();
        assertTrue(n <= 8, "results: " + n);
        BroadcastTest.awaitGoroutines(base);
    }

    /** Misuse: submit after close panics as Go's send on a closed channel; bad sizes are rejected. */
    @Test
    void misuse() {
        WorkerPool<Integer, Integer> pool = WorkerPool.start(Context.background(), 1, (c, x) -> x);
        pool.close();
        pool.close(); // idempotent
        Panic p = assertThrows(Panic.class, () -> pool.submit(1));
        assertEquals("send on closed channel", p.getMessage());
        assertEquals(List.of(), collect(pool));
        assertThrows(IllegalArgumentException.class, () -> WorkerPool.start(Context.background(), 0, (c, x) -> x));
        Panic q = assertThrows(Panic.class, () -> WorkerPool.start(Context.background(), 1, -1,
                WorkerPool.ErrorMode.COLLECT_ALL, (c, x) -> x));
        assertEquals("makechan: size out of range", q.getMessage());
    }

    /** Counted stress: several submitters, many jobs; every job's result arrives exactly once, errors included. */
    @Test
    void stressEveryJobCountedOnce() {
        int n = LONG ? 200_000 : 20_000;
        int submitters = 4;
        WorkerPool<Integer, Integer> pool = WorkerPool.start(Context.background(), 6, 3,
                WorkerPool.ErrorMode.COLLECT_ALL, (c, x) -> {
                    if (x % 97 == 0) {
                        throw new IllegalArgumentException(String.valueOf(x));
                    }
                    return x;
                });
        io.go4j.sync.WaitGroup wg = new io.go4j.sync.WaitGroup();
        for (int s = 0; s < submitters; s++) {
            int id = s;
            wg.go(() -> {
                for (int x = id; x < n; x += submitters) {
                    assertTrue(pool.submit(x));
                }
            });
        }
        Go.go(() -> {
            wg.await();
            pool.close();
        });
        boolean[] seen = new boolean[n];
        int count = 0;
        for (Result<Integer> r : pool.results()) {
            int x = switch (r) {
                case Result.Ok<Integer> ok -> ok.value();
                case Result.Err<Integer> e -> Integer.parseInt(e.error().getMessage());
            };
            assertFalse(seen[x], "doubled: " + x);
            assertEquals(x % 97 != 0, r.isOk());
            seen[x] = true;
            count++;
        }
        assertEquals(n, count);
        assertInstanceOf(IllegalArgumentException.class, pool.err());
    }
}
