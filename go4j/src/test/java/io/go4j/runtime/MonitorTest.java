package io.go4j.runtime;

import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.Goroutine;
import io.go4j.Panic;
import io.go4j.TryRecv;
import io.go4j.internal.park.Park;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@link Monitor}: the runtime guide's performance monitor (a goroutine printing
 * {@code Goroutines: %d | Memoria: %d KB | GCs: %d} in a loop) as a ready helper. Samples
 * are collected through a channel sink; waits are on the things themselves, never sleeps.
 */
@Timeout(60)
class MonitorTest {

    static void await(String what, BooleanSupplier cond) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting until " + what);
            }
            Thread.yield();
        }
    }

    /** The sample prints the guide's line, in English. */
    @Test
    void sampleLineIsTheGuidesLine() {
        Monitor.Sample s = new Monitor.Sample(Instant.EPOCH, 12, 3456 * 1024L + 1000, 1, 3, Map.of());
        assertEquals("Goroutines: 12 | Memory: 3456 KB | GCs: 3", s.toString());
    }

    /**
     * The first sample comes at once, then one per interval: the k-th sample never arrives
     * before k-1 intervals have passed (a ticker never fires early), and the samples' times
     * do not go backwards.
     */
    @Test
    void samplesArriveAtTheInterval() {
        Duration interval = Duration.ofMillis(20);
        Chan<Monitor.Sample> samples = Chan.make(16);
        long start = System.nanoTime();
        List<Long> arrivals = new ArrayList<>();
        List<Monitor.Sample> got = new ArrayList<>();
        try (Monitor m = Monitor.start(interval, samples::send)) {
            for (int k = 0; k < 5; k++) {
                got.add(samples.recv());
                arrivals.add(System.nanoTime() - start);
            }
            assertEquals("go4j-monitor", m.goroutine().name());
        }
        for (int k = 1; k < 5; k++) {
            assertTrue(arrivals.get(k) >= k * interval.toNanos(),
                    "sample " + k + " arrived after " + arrivals.get(k) + " ns, before " + k + " intervals");
            assertFalse(got.get(k).time().isBefore(got.get(k - 1).time()), "time goes forward: " + got);
        }
        for (Monitor.Sample s : got) {
            assertTrue(s.numGoroutine() >= 1, "the monitor counts itself: " + s);
            assertTrue(s.alloc() > 0 && s.heapInuse() > 0 && s.numGC() >= 0, s.toString());
        }
    }

    /** A sample counts goroutines by wait reason, Go's words as keys. */
    @Test
    void sampleCountsGoroutinesByWaitReason() {
        Chan<Integer> never = Chan.make();
        List<Goroutine> gs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            gs.add(Go.go(never::recv));
        }
        for (Goroutine g : gs) {
            await(g + " parks", () -> "chan receive".equals(g.waitReason()));
        }
        Monitor.Sample s = Monitor.Sample.now();
        assertTrue(s.waitReasons().getOrDefault("chan receive", 0) >= 3, s.waitReasons().toString());
        assertTrue(s.numGoroutine() >= 3, s.toString());
        assertEquals(s.numGoroutine(), s.waitReasons().values().stream().mapToInt(Integer::intValue).sum(),
                "every goroutine is counted under one reason (runnable if not parked): " + s.waitReasons());
        assertThrows(UnsupportedOperationException.class, () -> s.waitReasons().put("x", 1));
        never.close();
        for (Goroutine g : gs) {
            await(g + " ends", () -> !g.isAlive());
        }
    }

    /**
     * Closing stops the monitor: its goroutine has ended (and left the live goroutines) when
     * close returns, nothing more reaches the sink, and a second close does nothing.
     */
    @Test
    void closeEndsTheGoroutine() {
        Chan<Monitor.Sample> samples = Chan.make(1000);
        Monitor m = Monitor.start(Duration.ofMillis(5), samples::send);
        samples.recv();
        Goroutine g = m.goroutine();
        assertNotNull(Park.goroutine(g.id()), "the monitor is a live goroutine");
        m.close();
        assertFalse(g.isAlive(), "the goroutine has ended");
        assertNull(Park.goroutine(g.id()), "and is no longer counted by NumGoroutine");
        int left = samples.len();
        assertInstanceOf(TryRecv.WouldBlock.class, drained(samples, left).tryRecv(), "no sample after close");
        m.close(); // idempotent
    }

    private static <E> Chan<E> drained(Chan<E> ch, int n) {
        for (int i = 0; i < n; i++) {
            ch.recv();
        }
        return ch;
    }

    /**
     * A sink blocked on a full channel does not keep close from returning: the send is
     * cancelled (the sample is given up), and no panic escapes the monitor goroutine.
     */
    @Test
    void closeCancelsABlockedSink() {
        List<Throwable> escaped = new CopyOnWriteArrayList<>();
        Go.setPanicHandler((g, t) -> escaped.add(t));
        try {
            Chan<Monitor.Sample> unread = Chan.make(); // nobody receives: the first send blocks
            Monitor m = Monitor.start(Duration.ofMillis(5), unread::send);
            await("the sink blocks", () -> "chan send".equals(m.goroutine().waitReason()));
            m.close();
            assertFalse(m.goroutine().isAlive());
            assertInstanceOf(TryRecv.WouldBlock.class, unread.tryRecv(), "the cancelled send had no effect");
            assertEquals(List.of(), escaped);
        } finally {
            Go.setPanicHandler(null);
        }
    }

    /** The sink may close its own monitor: close returns at once and no sample follows. */
    @Test
    void sinkMayCloseItsMonitor() {
        AtomicReference<Monitor> self = new AtomicReference<>();
        Chan<Monitor> ready = Chan.make(1);
        List<Monitor.Sample> got = new CopyOnWriteArrayList<>();
        Monitor m = Monitor.start(Duration.ofMillis(5), s -> {
            got.add(s);
            Monitor me = self.get();
            if (me == null) {
                me = ready.recv(); // the first sample may come before start returns
                self.set(me);
            }
            me.close();
        });
        ready.send(m);
        await("the monitor ends", () -> !m.goroutine().isAlive());
        assertEquals(1, got.size(), "one sample, then the monitor stopped: " + got);
    }

    /** A non-positive interval panics as Go's time.NewTicker does. */
    @Test
    void nonPositiveIntervalPanics() {
        Panic p = assertThrows(Panic.class, () -> Monitor.start(Duration.ZERO, s -> { }));
        assertEquals("non-positive interval for NewTicker", p.getMessage());
    }
}
