package io.go4j.x.rate;

import io.go4j.sync.WaitGroup;
import io.go4j.testing.Synctest;
import io.go4j.time.Time;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@link Sometimes}: ports of {@code golang.org/x/time/rate/sometimes_test.go} (its examples
 * become tests asserting the example's output; the ones that sleep run on a synctest bubble's
 * fake clock), and checks of the rest of Go's contract.
 */
@Timeout(30)
class SometimesTest {

    /** Calls {@code s.run} with actions printing "1", "2", ... into {@code out}, in order. */
    private static void runN(Sometimes s, List<String> out, int from, int to) {
        for (int i = from; i <= to; i++) {
            String v = Integer.toString(i);
            s.run(() -> out.add(v));
        }
    }

    /** Go: sometimes_test.go {@code ExampleSometimes_once}: the zero value runs its action once, like sync.Once. */
    @Test
    void once() {
        Sometimes s = new Sometimes();
        List<String> out = new ArrayList<>();
        runN(s, out, 1, 3);
        assertEquals(List.of("1"), out);
    }

    /** Go: sometimes_test.go {@code ExampleSometimes_first}: First: 2 runs the first two calls. */
    @Test
    void first() {
        Sometimes s = Sometimes.builder().first(2).build();
        List<String> out = new ArrayList<>();
        runN(s, out, 1, 3);
        assertEquals(List.of("1", "2"), out);
    }

    /** Go: sometimes_test.go {@code ExampleSometimes_every}: Every: 2 runs calls 1, 3, 5, .... */
    @Test
    void every() {
        Sometimes s = Sometimes.builder().every(2).build();
        List<String> out = new ArrayList<>();
        runN(s, out, 1, 3);
        assertEquals(List.of("1", "3"), out);
    }

    /** Go: sometimes_test.go {@code ExampleSometimes_interval}: Interval: 1s runs again once a second has passed. */
    @Test
    void interval() {
        Synctest.test(() -> {
            Sometimes s = Sometimes.builder().interval(Duration.ofSeconds(1)).build();
            List<String> out = new ArrayList<>();
            runN(s, out, 1, 2);
            Time.sleep(Duration.ofSeconds(1));
            runN(s, out, 3, 3);
            assertEquals(List.of("1", "3"), out);
        });
    }

    /** Go: sometimes_test.go {@code ExampleSometimes_mix}: First, Every and Interval together run the union of their calls. */
    @Test
    void mix() {
        Synctest.test(() -> {
            Sometimes s = new Sometimes(2, 2, Duration.ofSeconds(2));
            List<String> out = new ArrayList<>();
            s.run(() -> out.add("1 (First:2)"));
            s.run(() -> out.add("2 (First:2)"));
            s.run(() -> out.add("3 (Every:2)"));
            Time.sleep(Duration.ofSeconds(2));
            s.run(() -> out.add("4 (Interval)"));
            s.run(() -> out.add("5 (Every:2)"));
            s.run(() -> out.add("6"));
            assertEquals(List.of("1 (First:2)", "2 (First:2)", "3 (Every:2)", "4 (Interval)", "5 (Every:2)"), out);
        });
    }

    /** Go: sometimes_test.go {@code TestSometimesZero}: Interval 0 is off: only the first call runs. */
    @Test
    void sometimesZero() {
        AtomicInteger runs = new AtomicInteger();
        Sometimes s = Sometimes.builder().interval(Duration.ZERO).build();
        s.run(runs::incrementAndGet);
        s.run(runs::incrementAndGet);
        assertEquals(1, runs.get());
    }

    /** Go: sometimes_test.go {@code TestSometimesMax}: Interval math.MaxInt64 neither overflows nor runs again. */
    @Test
    void sometimesMax() {
        AtomicInteger runs = new AtomicInteger();
        Sometimes s = Sometimes.builder().interval(Duration.ofNanos(Long.MAX_VALUE)).build();
        s.run(runs::incrementAndGet);
        s.run(runs::incrementAndGet);
        assertEquals(1, runs.get());
    }

    /** Go: sometimes_test.go {@code TestSometimesNegative}: a negative Interval is off. */
    @Test
    void sometimesNegative() {
        AtomicInteger runs = new AtomicInteger();
        Sometimes s = Sometimes.builder().interval(Duration.ofNanos(-1)).build();
        s.run(runs::incrementAndGet);
        s.run(runs::incrementAndGet);
        assertEquals(1, runs.get());
    }

    // ---- beyond Go's tests

    /** Interval counts from f's last run, not from the last call: calls in between do not restart it. */
    @Test
    void intervalCountsFromLastRun() {
        Synctest.test(() -> {
            AtomicInteger runs = new AtomicInteger();
            Sometimes s = Sometimes.builder().interval(Duration.ofSeconds(10)).build();
            for (int i = 0; i < 30; i++) { // one call per second for 30 s: runs at 0, 10, 20 s
                s.run(runs::incrementAndGet);
                Time.sleep(Duration.ofSeconds(1));
            }
            assertEquals(3, runs.get());
        });
    }

    /** Concurrent calls run one at a time, f included, and Every counts every call exactly once. */
    @Test
    void concurrentCallsAreSerialAndCounted() {
        final int goroutines = 8, calls = 250;
        Sometimes s = Sometimes.builder().every(10).build();
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger runs = new AtomicInteger();
        WaitGroup wg = new WaitGroup();
        for (int g = 0; g < goroutines; g++) {
            wg.go(() -> {
                for (int i = 0; i < calls; i++) {
                    s.run(() -> {
                        if (inside.incrementAndGet() != 1) {
                            overlaps.incrementAndGet();
                        }
                        runs.incrementAndGet();
                        inside.decrementAndGet();
                    });
                }
            });
        }
        wg.await();
        assertEquals(0, overlaps.get());
        assertEquals(goroutines * calls / 10, runs.get());
    }

    /** A throwing f propagates, releases the mutex and is not counted (Go increments the count after f returns). */
    @Test
    void throwingActionIsNotCounted() {
        Sometimes s = new Sometimes();
        assertThrows(IllegalStateException.class, () -> s.run(() -> {
            throw new IllegalStateException("boom");
        }));
        AtomicInteger runs = new AtomicInteger();
        s.run(runs::incrementAndGet); // would deadlock if the mutex (not reentrant) were still held
        s.run(runs::incrementAndGet);
        assertEquals(1, runs.get(), "the call after the failed first call counts as the first, and only it runs");
    }

    /** The builder and the constructor give the same settings; off settings stay as given. */
    @Test
    void builderSetsFields() {
        Sometimes s = Sometimes.builder().first(3).every(4).interval(Duration.ofSeconds(5)).build();
        assertEquals(3, s.first());
        assertEquals(4, s.every());
        assertEquals(Duration.ofSeconds(5), s.interval());
        assertEquals("Sometimes[first=3, every=4, interval=5s]", s.toString());
        Sometimes z = new Sometimes();
        assertEquals(0, z.first());
        assertEquals(0, z.every());
        assertEquals(Duration.ZERO, z.interval());
    }
}
