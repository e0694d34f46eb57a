package io.go4j.stress;

import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.Recv;
import io.go4j.Select;
import io.go4j.sync.WaitGroup;
import io.go4j.time.Ticker;
import io.go4j.time.Time;
import io.go4j.time.Timer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

import static io.go4j.Case.recv;
import static io.go4j.Case.recvOk;
import static io.go4j.Case.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Randomized stress of selects racing timeouts, accounting for every element: a select whose
 * timer case wins must not have sent or received its data element, and one whose data case
 * wins must have — nothing lost, nothing doubled, whatever the timing.
 *
 * <p>Producers send unique elements with {@code select { case data <- v: case <-timeout: }},
 * the timeout coming from {@code Time.after}, from one {@code Timer} reset before every
 * attempt, or from a ticker; consumers receive with {@code select { case v, ok := <-data:
 * case <-timeout: }} likewise. Timeouts are a few microseconds to a millisecond, so both cases
 * win often. After the producers finish, the channel is closed and the consumers drain it. The
 * received multiset must equal the set of elements whose send case ran.
 *
 * <p>Seeded ({@code -Dgo4j.stress.seed=N}); the budget is {@value #SHORT_BUDGET_MS} ms per
 * capacity by default and {@value #LONG_BUDGET_MS} ms under {@code go4j.stress.mode=long}.
 */
@Timeout(300)
class TimeoutStressTest {

    static final long SHORT_BUDGET_MS = 2_000;
    static final long LONG_BUDGET_MS = 30_000;
    private static final boolean LONG = "long".equals(System.getProperty("go4j.stress.mode"));
    private static final long SEED = Long.getLong("go4j.stress.seed", System.nanoTime());
    private static final int PRODUCERS = 4;
    private static final int CONSUMERS = 4;

    /** Every element whose send case ran is received exactly once; timed-out ones never. */
    @ParameterizedTest(name = "capacity {0}")
    @ValueSource(ints = {0, 1, 16})
    void selectsRacingTimeoutsLoseAndDoubleNothing(int capacity) {
        runFor(capacity, SHORT_BUDGET_MS);
    }

    /** The same for longer, under {@code -Pstress}. */
    @Tag("slow")
    @Test
    void longRun() {
        for (int c : new int[] {0, 1, 16}) {
            runFor(c, LONG ? LONG_BUDGET_MS : SHORT_BUDGET_MS * 4);
        }
    }

    private static void runFor(int capacity, long budgetMs) {
        long seed = SEED ^ capacity;
        String where = "capacity " + capacity + ", seed " + seed;
        Chan<Long> data = Chan.make(capacity);
        long deadline = System.nanoTime() + budgetMs * 1_000_000L;
        List<List<Long>> sent = new ArrayList<>();
        List<List<Long>> received = new ArrayList<>();
        AtomicLong timeouts = new AtomicLong();
        WaitGroup producers = new WaitGroup();
        WaitGroup consumers = new WaitGroup();
        for (int p = 0; p < PRODUCERS; p++) {
            List<Long> mine = new ArrayList<>();
            sent.add(mine);
            long base = (long) (p + 1) << 40;
            SplittableRandom rnd = new SplittableRandom(seed + p);
            producers.go(() -> produce(data, mine, base, rnd, deadline, timeouts));
        }
        for (int c = 0; c < CONSUMERS; c++) {
            List<Long> mine = new ArrayList<>();
            received.add(mine);
            SplittableRandom rnd = new SplittableRandom(seed + 100 + c);
            consumers.go(() -> consume(data, mine, rnd, timeouts));
        }
        producers.await();
        data.close();
        consumers.await();

        Map<Long, Integer> counts = new HashMap<>();
        long total = 0;
        for (List<Long> l : received) {
            for (long v : l) {
                counts.merge(v, 1, Integer::sum);
                total++;
            }
        }
        long sentTotal = 0;
        for (List<Long> l : sent) {
            for (long v : l) {
                sentTotal++;
                Integer n = counts.remove(v);
                if (n == null) {
                    fail("lost element " + Long.toHexString(v) + " (" + where + ")");
                }
                if (n != 1) {
                    fail("element " + Long.toHexString(v) + " received " + n + " times (" + where + ")");
                }
            }
        }
        assertEquals(Map.of(), counts, "received elements that no send delivered (" + where + ")");
        assertEquals(sentTotal, total, where);
        assertTrue(sentTotal > 0 && timeouts.get() > 0,
                "both cases must have won sometimes: sent " + sentTotal + ", timeouts " + timeouts + " (" + where + ")");
    }

    private static void produce(Chan<Long> data, List<Long> sent, long base, SplittableRandom rnd,
                                long deadline, AtomicLong timeouts) {
        Timer timer = Time.newTimer(Duration.ofHours(1));
        Ticker ticker = Time.newTicker(Duration.ofMillis(1));
        try {
            long seq = 0;
            while (System.nanoTime() < deadline) {
                long v = base | seq++;
                int kind = rnd.nextInt(3);
                Duration d = Duration.ofNanos(rnd.nextLong(1_000_000L));
                boolean ok = switch (kind) {
                    case 0 -> Select.select(send(data, v, () -> true), recv(Time.after(d), t -> false));
                    case 1 -> {
                        timer.reset(d);
                        yield Select.select(send(data, v, () -> true), recv(timer.c(), t -> false));
                    }
                    default -> Select.select(send(data, v, () -> true), recv(ticker.c(), t -> false));
                };
                if (ok) {
                    sent.add(v);
                } else {
                    timeouts.incrementAndGet();
                }
            }
        } finally {
            timer.stop();
            ticker.stop();
        }
    }

    private static void consume(Chan<Long> data, List<Long> received, SplittableRandom rnd, AtomicLong timeouts) {
        Timer timer = Time.newTimer(Duration.ofHours(1));
        try {
            for (;;) {
                Duration d = Duration.ofNanos(rnd.nextLong(1_000_000L));
                Recv<Long> r;
                if (rnd.nextBoolean()) {
                    r = Select.select(recvOk(data, (v, ok) -> new Recv<>(v, ok)), recv(Time.after(d), t -> null));
                } else {
                    timer.reset(d);
                    r = Select.select(recvOk(data, (v, ok) -> new Recv<>(v, ok)), recv(timer.c(), t -> null));
                }
                if (r == null) {
                    timeouts.incrementAndGet();
                } else if (!r.ok()) {
                    return; // closed and drained
                } else {
                    received.add(r.value());
                }
            }
        } finally {
            timer.stop();
        }
    }

    static {
        Go.id(); // load the runtime before timing starts
    }
}
