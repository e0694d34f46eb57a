package io.go4j.pipe;

import io.go4j.RecvChan;
import io.go4j.context.CancelContext;
import io.go4j.context.Context;
import io.go4j.testing.Leaks;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The acceptance test: a multi-stage pipeline
 * <pre>
 * generate ─▶ map ×3 ─▶ filter ─▶ flatMap ×2 ─▶ batch(4, 1ms) ─┐
 * from ─▶ map ─▶ batch(3) ──────────────────────────────────────┴▶ merge ─▶ consumer
 * </pre>
 * cancelled at random moments — after a random number of elements consumed, not after a
 * sleep — then checked: no goroutine is left behind, no element was seen twice, every element
 * seen is one the pipeline can produce, with ordered stages each branch's elements are in
 * order, and a run that is never cut short delivers everything. The seed of each run is in
 * the failure message.
 */
@Timeout(600)
class PipeRandomCancelTest {

    private static final boolean LONG = "long".equals(System.getProperty("go4j.stress.mode"));
    private static final int N1 = 60;  // values of the first branch's source
    private static final int N2 = 20;  // values of the second branch's source

    /** The elements of a complete run: for every i < N1 with 3i even, 30i and 30i+1; and -1 ... -N2. */
    private static Set<Long> expected() {
        Set<Long> all = new HashSet<>();
        for (long i = 0; i < N1; i++) {
            long m = i * 3;
            if (m % 2 == 0) {
                all.add(m * 10);
                all.add(m * 10 + 1);
            }
        }
        for (long i = 1; i <= N2; i++) {
            all.add(-i);
        }
        return all;
    }

    private static void run(long seed, boolean ordered) {
        Random rnd = new Random(seed);
        Set<Long> all = expected();
        Leaks.Option before = Leaks.ignoreCurrent();
        CancelContext ctx = Context.withCancel(Context.background());
        Stage par3 = ordered ? Stage.parallel(3).ordered() : Stage.parallel(3);
        Stage par2 = ordered ? Stage.parallel(2).ordered(1) : Stage.parallel(2).buffer(1);
        RecvChan<Integer> src = Pipe.generate(ctx, emit -> {
            for (int i = 0; i < N1 && emit.emit(i); i++) {
                // the next value
            }
        });
        RecvChan<Long> tripled = Pipe.map(ctx, src, i -> i * 3L, par3);
        RecvChan<Long> even = Pipe.filter(ctx, tripled, m -> m % 2 == 0);
        RecvChan<Long> pairs = Pipe.flatMap(ctx, even, m -> List.of(m * 10, m * 10 + 1), par2);
        RecvChan<List<Long>> b1 = Pipe.batch(ctx, pairs, 4, Duration.ofMillis(1));
        RecvChan<Long> negatives = Pipe.map(ctx, Pipe.from(ctx, IntStream.rangeClosed(1, N2).boxed().toList()), i -> -(long) i);
        RecvChan<List<Long>> b2 = Pipe.batch(ctx, negatives, 3);
        RecvChan<List<Long>> merged = Pipe.merge(ctx, b1, b2);

        int stopAfter = rnd.nextInt(all.size() + 2); // all.size() + 1: never cut short
        Set<Long> seen = new HashSet<>();
        long lastPositive = Long.MIN_VALUE;
        long lastNegative = Long.MAX_VALUE;
        String where = "seed " + seed + (ordered ? " ordered" : " unordered") + ", stop after " + stopAfter + ": ";
        consume:
        for (List<Long> batch : merged) {
            assertTrue(!batch.isEmpty() && batch.size() <= 4, where + "batch size " + batch.size());
            for (long x : batch) {
                if (seen.size() == stopAfter) {
                    break consume;
                }
                if (!seen.add(x)) {
                    fail(where + "duplicate " + x);
                }
                assertTrue(all.contains(x), where + "unexpected " + x);
                if (x >= 0) {
                    assertTrue(!ordered || x > lastPositive, where + x + " after " + lastPositive);
                    lastPositive = x;
                } else {
                    assertTrue(x < lastNegative, where + x + " after " + lastNegative); // a sequential branch
                    lastNegative = x;
                }
            }
        }
        ctx.cancel();
        if (stopAfter > all.size()) {
            assertEquals(all, seen, where + "a run not cut short delivers everything");
        }
        try {
            Leaks.verifyNone(before);
        } catch (AssertionError e) {
            throw new AssertionError(where + e.getMessage(), e);
        }
    }

    /** A Pipeline whose map fails at a random element, while the consumer stops at another random moment. */
    private static void runPipeline(long seed) {
        Random rnd = new Random(seed);
        Leaks.Option before = Leaks.ignoreCurrent();
        int failAt = rnd.nextInt(2 * N1); // beyond N1: never fails
        int stopAfter = rnd.nextInt(2 * N1);
        IOException boom = new IOException("at " + failAt);
        Pipeline p = Pipeline.withContext(Context.background());
        RecvChan<Integer> src = p.from(IntStream.range(0, N1).boxed().toList());
        RecvChan<Integer> mapped = p.map(src, i -> {
            if (i == failAt) {
                throw boom;
            }
            return i;
        }, Stage.parallel(3).ordered());
        RecvChan<List<Integer>> batches = p.batch(p.flatMap(mapped, i -> List.of(i, i)), 5, Duration.ofMillis(1));
        int seen = 0;
        int last = -1;
        boolean stopped = false;
        consume:
        for (List<Integer> b : batches) {
            for (int i : b) {
                if (seen == stopAfter) {
                    stopped = true;
                    break consume;
                }
                assertTrue(i < failAt && (i == last || i == last + 1), "seed " + seed + ": " + i + " after " + last);
                last = i;
                seen++;
            }
        }
        if (stopped) {
            p.close();
        }
        String where = "seed " + seed + " failAt " + failAt + " stopAfter " + stopAfter;
        if (failAt < N1) {
            Exception e = assertThrows(Exception.class, p::await, where);
            assertTrue(e == boom || stopped && e == Context.CANCELED, where + ": " + e);
        } else if (stopped) {
            try {
                p.await(); // every stage may have drained its input before the consumer stopped
            } catch (Exception e) {
                assertSame(Context.CANCELED, e, where);
            }
        } else {
            assertEquals(2 * N1, seen, where);
            try {
                p.await();
            } catch (Exception e) {
                fail(where + ": " + e);
            }
        }
        Leaks.verifyNone(before);
    }

    private static void runMany(int n, long base) {
        for (int i = 0; i < n; i++) {
            run(base + i, (i & 1) == 0);
        }
    }

    // 1,000 cancellations at random moments, ordered and unordered: no leak, no duplicate, order kept where asked.
    @Test
    void thousandRandomCancellations() {
        runMany(1000, 1);
    }

    // 300 pipelines failing and stopping at random moments: await reports the failure, nothing leaks, ordered output stays in order.
    @Test
    void pipelinesFailingAtRandomMoments() {
        for (int i = 0; i < 300; i++) {
            runPipeline(i);
        }
    }

    // The long version: 10,000 (short) or 100,000 (long mode) random cancellations and 5,000 / 50,000 failing pipelines.
    @Test
    @Tag("slow")
    void manyRandomCancellations() {
        long base = System.nanoTime();
        runMany(LONG ? 100_000 : 10_000, base);
        for (int i = 0; i < (LONG ? 50_000 : 5_000); i++) {
            runPipeline(base + i);
        }
    }
}
