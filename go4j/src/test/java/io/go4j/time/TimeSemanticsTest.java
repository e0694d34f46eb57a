package io.go4j.time;

import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.Panic;
import io.go4j.RecvChan;
import io.go4j.Select;
import io.go4j.TryRecv;
import io.go4j.WaitInterruptedException;
import io.go4j.internal.park.Clock;
import io.go4j.time.GoTimePortsTest.Started;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import static io.go4j.Case.onDefault;
import static io.go4j.Case.onRecv;
import static io.go4j.Case.otherwise;
import static io.go4j.Case.recv;
import static io.go4j.time.GoTimePortsTest.assertCollected;
import static io.go4j.time.GoTimePortsTest.call;
import static io.go4j.time.GoTimePortsTest.inGoroutine;
import static io.go4j.time.GoTimePortsTest.ms;
import static io.go4j.time.GoTimePortsTest.recvWithin;
import static io.go4j.time.GoTimePortsTest.start;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * One test (or a few) per rule of SEMANTICS.md §5 (time), each named after its rule and
 * written to fail if the rule breaks, plus go4j's interrupt rules (ADR 0002) and Go's wait
 * reasons for waits on time.
 *
 * <p>Timing: a timer never fires early, so lower bounds are asserted exactly; nothing asserts
 * that a timer fires promptly, except through generous limits (seconds) that only a hang
 * exceeds. Where a test must show that something does <em>not</em> happen after a deadline,
 * it waits past the deadline; everywhere else it waits on the thing itself (a goroutine's
 * wait reason, a channel).
 */
@Timeout(180)
class TimeSemanticsTest {

    // ================================================================== §5.1

    /** §5.1: Sleep(d) pauses at least d; Sleep(0) and Sleep(negative) do not wait at all (an interrupted thread passes them). */
    @Test
    void rule5_1_sleepPausesAtLeastD() {
        inGoroutine(() -> {
            long t0 = System.nanoTime();
            Time.sleep(ms(20));
            assertTrue(System.nanoTime() - t0 >= ms(20).toNanos(), "Sleep(20ms) returned early");
            Thread.currentThread().interrupt(); // any wait would now throw
            try {
                Time.sleep(Duration.ZERO);
                Time.sleep(Duration.ofSeconds(-1));
                Time.sleep(Duration.ofNanos(Long.MIN_VALUE));
            } finally {
                assertTrue(Thread.interrupted(), "the interrupt flag must be untouched");
            }
        });
    }

    /** §5.1: After(d) delivers one value, the time of the deadline (not before start+d), and never a second one. */
    @Test
    void rule5_1_afterDeliversTheTimeOnce() {
        inGoroutine(() -> {
            Instant start = Time.now();
            long t0 = System.nanoTime();
            RecvChan<Instant> c = Time.after(ms(5));
            Instant v = c.recv();
            assertTrue(System.nanoTime() - t0 >= ms(5).toNanos(), "After(5ms) delivered early");
            assertFalse(v.isBefore(start.plus(ms(5)).minusMillis(1)), "value " + v + " is before start+5ms " + start);
            Started<Instant> second = call(c::recv);
            second.awaitWaitReason("chan receive");
            Time.sleep(ms(20));
            assertEquals("chan receive", second.goroutine().waitReason(), "After delivered a second value");
            second.goroutine().interrupt();
            second.failure(WaitInterruptedException.class);
        });
    }

    /** §5.1: Tick(d) is the nil channel for d <= 0 (never ready, in receive and select); for d > 0 it delivers again and again. */
    @Test
    void rule5_1_tickIsNilForNonPositiveAndTicksOtherwise() {
        inGoroutine(() -> {
            for (Duration d : List.of(Duration.ZERO, Duration.ofNanos(-1), Duration.ofSeconds(-5))) {
                RecvChan<Instant> nil = Time.tick(d);
                assertTrue(nil.isNil(), "Tick(" + Time.format(d) + ")");
                assertEquals(0, nil.len());
                assertEquals(0, nil.cap());
                assertEquals("default", Select.select(recv(nil, v -> "tick"), otherwise(() -> "default")));
                Started<Instant> blocked = call(nil::recv);
                blocked.awaitWaitReason("chan receive (nil chan)");
                blocked.goroutine().interrupt();
                blocked.failure(WaitInterruptedException.class);
            }
            Instant start = Time.now();
            RecvChan<Instant> tick = Time.tick(ms(1));
            assertFalse(tick.isNil());
            for (int i = 0; i < 5; i++) {
                Instant v = tick.recv();
                assertFalse(v.isBefore(start), "tick value " + v + " before start " + start);
            }
        });
    }

    /** §5.1: NewTimer(d) fires once, not before d; Stop after the value was received returns false. */
    @Test
    void rule5_1_newTimerFiresOnceAfterD() {
        inGoroutine(() -> {
            long t0 = System.nanoTime();
            Timer t = Time.newTimer(ms(10));
            assertNotNull(t.c());
            assertNotNull(t.c().recv());
            assertTrue(System.nanoTime() - t0 >= ms(10).toNanos(), "NewTimer(10ms) fired early");
            Time.sleep(ms(20));
            assertInstanceOf(TryRecv.WouldBlock.class, t.c().tryRecv(), "a timer fires once");
            assertFalse(t.stop(), "Stop of a fired and received timer returns false");
        });
    }

    /** §5.1: NewTicker(d <= 0) panics with Go's message; NewTicker(d) ticks repeatedly until stopped. */
    @Test
    void rule5_1_newTickerPanicsForNonPositiveAndTicksRepeatedly() {
        inGoroutine(() -> {
            for (Duration d : List.of(Duration.ZERO, Duration.ofNanos(-1), Duration.ofDays(-1))) {
                Panic p = assertThrows(Panic.class, () -> Time.newTicker(d));
                assertEquals("non-positive interval for NewTicker", p.getMessage());
            }
            long t0 = System.nanoTime();
            try (Ticker ticker = Time.newTicker(ms(2))) {
                for (int i = 1; i <= 5; i++) {
                    assertNotNull(ticker.c().recv());
                    assertTrue(System.nanoTime() - t0 >= i * ms(2).toNanos(), "tick " + i + " came early");
                }
            }
        });
    }

    /**
     * §5.1: AfterFunc(d, f) runs f in its own goroutine: a goroutine id that is neither the
     * caller's nor 0, a new one for each call, also when the caller is a plain thread; an f
     * that blocks for ever blocks no other timer; the timer has no channel (Go's nil C).
     */
    @Test
    void rule5_1_afterFuncRunsFInItsOwnGoroutine() {
        Set<Long> ids = ConcurrentHashMap.newKeySet();
        // from a plain thread (the JUnit thread, Go.id() == 0)
        Chan<Long> fromThread = Chan.make(1);
        Timer t0 = Time.afterFunc(Duration.ZERO, () -> fromThread.send(Go.id()));
        assertNull(t0.c(), "an AfterFunc timer has no channel");
        long id0 = recvWithin(fromThread, Duration.ofSeconds(30));
        assertNotEquals(0, id0, "f must run in a goroutine");
        ids.add(id0);
        // from goroutines
        inGoroutine(() -> {
            long caller = Go.id();
            Chan<Long> got = Chan.make(10);
            for (int i = 0; i < 10; i++) {
                Time.afterFunc(ms(i % 3), () -> got.send(Go.id()));
            }
            for (int i = 0; i < 10; i++) {
                long id = got.recv();
                assertNotEquals(caller, id, "f ran in the caller's goroutine");
                assertNotEquals(0, id);
                assertTrue(ids.add(id), "two AfterFuncs ran in the same goroutine " + id);
            }
            // an f that never returns does not hold up the clock
            Chan<Void> never = Chan.make();
            Chan<Boolean> blocked = Chan.make(1);
            Time.afterFunc(Duration.ZERO, () -> {
                blocked.send(true);
                never.recvOk();
            });
            blocked.recv();
            assertNotNull(recvWithin(Time.after(ms(1)), Duration.ofSeconds(30)));
            never.close();
        });
    }

    // ================================================================== §5.2

    /**
     * §5.2: timer channels are unbuffered-looking: len 0 and cap 0 for After, NewTimer,
     * NewTicker and Tick — before the deadline, and after it while the value is due and
     * receivable.
     */
    @Test
    void rule5_2_timerChannelsHaveLenAndCapZero() {
        inGoroutine(() -> {
            List<Supplier<RecvChan<Instant>>> kinds = List.of(
                    () -> Time.after(Duration.ofNanos(1)),
                    () -> Time.newTimer(Duration.ofNanos(1)).c(),
                    () -> Time.newTicker(Duration.ofNanos(1)).c(),
                    () -> Time.tick(Duration.ofNanos(1)),
                    () -> Time.after(Duration.ofHours(1)));
            for (int k = 0; k < kinds.size(); k++) {
                RecvChan<Instant> c = kinds.get(k).get();
                assertEquals(0, c.len(), "kind " + k + " len");
                assertEquals(0, c.cap(), "kind " + k + " cap");
                Time.sleep(ms(2)); // the 1 ns timers are due: a value waits to be received
                assertEquals(0, c.len(), "kind " + k + " len with a value due");
                assertEquals(0, c.cap(), "kind " + k + " cap with a value due");
                if (k < 4) {
                    assertTrue(c.tryRecv().received(), "kind " + k + ": the due value is receivable");
                    assertEquals(0, c.len(), "kind " + k + " len after the receive");
                }
            }
            // a timer whose value was produced for a blocked receiver still reports 0, 0
            Timer t = Time.newTimer(Duration.ofHours(1));
            Started<Instant> r = call(() -> t.c().recv());
            r.awaitWaitReason("chan receive");
            assertEquals(0, t.c().len());
            t.reset(ms(1)); // now let it fire for the parked receiver
            assertNotNull(r.join());
            assertEquals(0, t.c().len());
            assertEquals(0, t.c().cap());
        });
    }

    /**
     * §5.2: after Stop returns, no stale value is received. Thousands of timers and tickers
     * are stopped around their deadlines (before, at, after; no receiver); Stop of a timer
     * whose value nobody received returns true; nothing is receivable after it, then or a
     * little later.
     */
    @Test
    void rule5_2_noStaleValueAfterStop() {
        inGoroutine(() -> {
            ThreadLocalRandom rnd = ThreadLocalRandom.current();
            List<RecvChan<Instant>> stopped = new ArrayList<>();
            for (int i = 0; i < 3000; i++) {
                boolean ticker = i % 3 == 2;
                long d = rnd.nextLong(1, 200_000);
                long t0 = System.nanoTime();
                Timer timer = ticker ? null : Time.newTimer(Duration.ofNanos(d));
                Ticker tk = ticker ? Time.newTicker(Duration.ofNanos(d)) : null;
                long spin = rnd.nextLong(0, 300_000);
                while (System.nanoTime() - t0 < spin) {
                    Thread.onSpinWait();
                }
                if (ticker) {
                    tk.stop();
                    stopped.add(tk.c());
                } else {
                    assertTrue(timer.stop(), "Stop of a timer whose value nobody received must return true");
                    stopped.add(timer.c());
                }
                assertInstanceOf(TryRecv.WouldBlock.class, stopped.get(stopped.size() - 1).tryRecv(),
                        "stale value after Stop (round " + i + ")");
            }
            Time.sleep(ms(5)); // past every deadline: a stopped timer stays silent
            for (RecvChan<Instant> c : stopped) {
                assertInstanceOf(TryRecv.WouldBlock.class, c.tryRecv(), "a stopped timer delivered later");
            }
        });
    }

    /**
     * §5.2: after Reset returns, no stale value is received: the next value comes from the new
     * deadline. Each timer (or ticker) is made due first, so the stale value would be earlier
     * than the Reset call; the value received is never before it. Reset of a due, unreceived
     * timer returns true.
     */
    @Test
    void rule5_2_noStaleValueAfterReset() {
        inGoroutine(() -> {
            for (int i = 0; i < 400; i++) {
                boolean ticker = i % 2 == 1;
                long t0 = System.nanoTime();
                Timer timer = ticker ? null : Time.newTimer(Duration.ofNanos(50_000));
                Ticker tk = ticker ? Time.newTicker(Duration.ofNanos(50_000)) : null;
                while (System.nanoTime() - t0 < 120_000) { // the old deadline has passed
                    Thread.onSpinWait();
                }
                Instant before = Time.now();
                RecvChan<Instant> c;
                if (ticker) {
                    tk.reset(ms(2));
                    c = tk.c();
                } else {
                    assertTrue(timer.reset(ms(2)), "Reset of a due, unreceived timer must return true");
                    c = timer.c();
                }
                Instant v = c.recv();
                assertFalse(v.isBefore(before), "round " + i + ": received " + v + ", from before the Reset at " + before);
                if (ticker) {
                    tk.stop();
                }
            }
        });
    }

    /**
     * §5.2 with a receiver blocked on the channel while Stop or Reset races the firing: the
     * result tells exactly whether the receiver got the old value — true: it gets nothing (Stop)
     * or only a value from the new deadline (Reset); false: it got the old value.
     */
    @Test
    void rule5_2_stopAndResetResultsTellWhetherABlockedReceiverGotTheValue() {
        inGoroutine(() -> {
            ThreadLocalRandom rnd = ThreadLocalRandom.current();
            for (int i = 0; i < 600; i++) {
                boolean reset = i % 2 == 1;
                Timer timer = Time.newTimer(Duration.ofHours(1));
                Chan<Void> quit = Chan.make();
                Started<Instant> r = call(() -> Select.select(recv(timer.c(), v -> v), recv(quit, v -> null)));
                r.awaitWaitReason("select");
                assertTrue(timer.reset(Duration.ofNanos(rnd.nextLong(1, 300_000))), "the timer was pending");
                long spin = rnd.nextLong(0, 300_000);
                long t0 = System.nanoTime();
                while (System.nanoTime() - t0 < spin) {
                    Thread.onSpinWait();
                }
                boolean active = reset ? timer.reset(Duration.ofHours(1)) : timer.stop();
                quit.close();
                Instant got = r.join();
                assertEquals(active, got == null, "round " + i + (reset ? ": Reset" : ": Stop") + " returned " + active
                        + " but the blocked receiver " + (got == null ? "got nothing" : "got " + got));
                timer.stop();
            }
        });
    }

    /**
     * §5.2: unreferenced timers are collected, stopped or not, however far their deadline:
     * After(1h), NewTimer(1h), NewTicker(1h), Tick(1h), a stopped timer, a received one, and
     * one polled by a select with default, held only through weak references, are garbage.
     */
    @Test
    void rule5_2_unreferencedTimersAreCollected() {
        List<WeakReference<Object>> refs = unreferencedTimers();
        assertCollected(refs, "unreferenced timers");
    }

    private static List<WeakReference<Object>> unreferencedTimers() {
        List<WeakReference<Object>> refs = new ArrayList<>();
        refs.add(new WeakReference<>(Time.after(Duration.ofHours(1))));
        refs.add(new WeakReference<>(Time.newTimer(Duration.ofHours(1))));
        refs.add(new WeakReference<>(Time.newTicker(Duration.ofHours(1))));
        refs.add(new WeakReference<>(Time.tick(Duration.ofHours(1))));
        Timer stopped = Time.newTimer(Duration.ofHours(1));
        stopped.stop();
        refs.add(new WeakReference<>(stopped));
        RecvChan<Instant> received = Time.after(Duration.ZERO);
        received.recv();
        refs.add(new WeakReference<>(received));
        Timer polled = Time.newTimer(Duration.ofHours(1));
        Select.select(onRecv(polled.c(), v -> { }), onDefault(() -> { }));
        refs.add(new WeakReference<>(polled));
        return refs;
    }

    /**
     * §5.2: a timer whose blocked receiver gave up — interrupted, or its select took another
     * case (the everyday {@code select { case <-time.After(time.Hour): case v := <-work: }})
     * — is garbage once unreferenced, like any other timer.
     */
    @Test
    void rule5_2_aTimerWhoseBlockedReceiverGaveUpIsCollected() {
        List<WeakReference<Object>> refs = new ArrayList<>();
        refs.add(abandonedByInterrupt());
        refs.add(abandonedBySelect());
        assertCollected(refs, "timers whose blocked receiver gave up");
    }

    /**
     * §5.2: a due value that a select produced but did not take (the select chose another
     * ready case) is withdrawn by {@code stop()} — which reports it prevented a receive — and
     * by {@code reset()}: no stale value is received afterwards.
     */
    @Test
    void rule5_2_stopAndResetWithdrawAValueASelectProducedButDidNotTake() {
        for (boolean viaReset : new boolean[] {false, true}) {
            int withdrawn = 0;
            for (int attempt = 0; attempt < 10_000 && withdrawn < 20; attempt++) {
                Timer t = Time.newTimer(Duration.ZERO); // due at once
                Chan<Integer> ready = Chan.make(1);
                ready.send(1);
                boolean tookReady = Select.select(recv(ready, v -> true), recv(t.c(), v -> false));
                if (!tookReady) {
                    continue; // the timer's case won: nothing to withdraw this time
                }
                // The select polled the due timer, which put its value in the channel's slot.
                if (viaReset) {
                    assertTrue(t.reset(Duration.ofHours(1)), "reset must report the unreceived value");
                    assertEquals(TryRecv.wouldBlock(), t.c().tryRecv(), "stale value after reset");
                    t.stop();
                } else {
                    assertTrue(t.stop(), "stop must report the unreceived value");
                    assertEquals(TryRecv.wouldBlock(), t.c().tryRecv(), "stale value after stop");
                }
                withdrawn++;
            }
            assertTrue(withdrawn >= 20, "the ready case must win sometimes (uniform choice)");
        }
    }

    private static WeakReference<Object> abandonedByInterrupt() {
        RecvChan<Instant> c = Time.after(Duration.ofHours(1));
        Started<Instant> r = call(c::recv);
        r.awaitWaitReason("chan receive");
        r.goroutine().interrupt();
        r.failure(WaitInterruptedException.class);
        return new WeakReference<>(c);
    }

    private static WeakReference<Object> abandonedBySelect() {
        RecvChan<Instant> c = Time.after(Duration.ofHours(1));
        Chan<String> work = Chan.make();
        Started<String> r = call(() -> Select.select(recv(c, v -> "timeout"), recv(work, v -> v)));
        r.awaitWaitReason("select");
        work.send("work");
        assertEquals("work", r.join());
        return new WeakReference<>(c);
    }

    /**
     * §5.2 (lazy timers): After(1h), NewTimer(1h) and NewTicker(1h) that nobody waits on take
     * no slot in the clock's heap — 100,000 of them, still referenced, leave it as it was.
     */
    @Test
    void rule5_2_unwaitedTimersTakeNoHeapSlot() {
        int before = Clock.REAL.heapSize();
        List<Object> keep = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            keep.add(switch (i % 3) {
                case 0 -> Time.after(Duration.ofHours(1));
                case 1 -> Time.newTimer(Duration.ofHours(1));
                default -> Time.newTicker(Duration.ofHours(1));
            });
        }
        int grown = Clock.REAL.heapSize() - before;
        assertTrue(grown < 100, "the clock's heap grew by " + grown + " for 100,000 timers nobody waits on");
        assertEquals(100_000, keep.size());
    }

    /**
     * §5.2/§5.3: stopped timers and timers whose waiter left do not pile up in the clock's
     * heap. Go drops such zombies once they are more than a quarter of a heap. Here: 10,000
     * selects on After(1h) that another case wins, then 5 rounds of 100,000 AfterFunc(1h)
     * started and stopped, with no deadline near to wake the clock: the heap comes back near
     * its live size (0 and 100,000), it does not keep every timer ever made. (Before the
     * library's fix in 56e9119 it grew by one slot for every such timer.)
     */
    @Test
    void rule5_2_stoppedAndAbandonedTimersDoNotPileUpInTheHeap() {
        inGoroutine(() -> {
            int before = Clock.REAL.heapSize();
            Chan<String> work = Chan.make();
            for (int i = 0; i < 10_000; i++) {
                RecvChan<Instant> c = Time.after(Duration.ofHours(1));
                Started<String> r = call(() -> Select.select(recv(c, v -> "timeout"), recv(work, v -> v)));
                r.awaitWaitReason("select");
                work.send("work");
                r.join();
            }
            awaitHeapBelow(before + 1_000, "10,000 abandoned After(1h)");
            Timer[] timers = new Timer[100_000];
            for (int round = 0; round < 5; round++) {
                for (int i = 0; i < timers.length; i++) {
                    timers[i] = Time.afterFunc(Duration.ofHours(1), () -> { });
                }
                for (Timer t : timers) {
                    t.stop();
                }
            }
            awaitHeapBelow(before + 2 * timers.length, "5 x 100,000 stopped AfterFunc(1h)");
        });
    }

    /** Waits (the sweep runs on the clock's driver thread) until the real clock's heap has fewer than {@code limit} slots. */
    private static void awaitHeapBelow(int limit, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        int size;
        while ((size = Clock.REAL.heapSize()) >= limit) {
            if (System.nanoTime() - deadline > 0) {
                fail(what + " left the clock's heap at " + size + " slots (limit " + limit + ")");
            }
            Thread.yield();
        }
    }

    /**
     * §5.2 with §3: timer channels are ordinary select cases — against another channel
     * (whichever is ready wins), with default (default only while the timer is not due; a due
     * timer is never missed by a non-blocking select), and twice in one select (one case runs,
     * one value is consumed; a select blocked on a duplicated timer channel wakes once and the
     * timer keeps working).
     */
    @Test
    void rule5_2_timerChannelsWorkInSelect() {
        inGoroutine(() -> {
            Chan<String> idle = Chan.make();
            Chan<String> ready = Chan.make(1);
            // against other channels
            assertEquals("timer", Select.select(recv(Time.after(ms(5)), t -> "timer"), recv(idle, v -> v)));
            ready.send("other");
            assertEquals("other", Select.select(recv(Time.after(Duration.ofHours(1)), t -> "timer"), recv(ready, v -> v)));
            // with default
            Timer far = Time.newTimer(Duration.ofHours(1));
            assertEquals("default", Select.select(recv(far.c(), t -> "timer"), otherwise(() -> "default")));
            for (int i = 0; i < 1000; i++) {
                RecvChan<Instant> due = i % 2 == 0 ? Time.after(Duration.ZERO) : Time.newTimer(Duration.ofNanos(-1)).c();
                String chosen = i % 4 < 2
                        ? Select.select(recv(due, t -> "timer"), otherwise(() -> "default"))
                        : Select.select(recv(due, t -> "timer"), recv(idle, v -> v), otherwise(() -> "default"));
                assertEquals("timer", chosen, "a due timer must be chosen over default (round " + i + ")");
            }
            // duplicated in one select, ready: one case runs, one value consumed, both cases get chosen
            boolean[] seen = new boolean[2];
            for (int i = 0; i < 200; i++) {
                RecvChan<Instant> c = Time.after(Duration.ZERO);
                int k = Select.select(recv(c, t -> 0), recv(c, t -> 1));
                seen[k] = true;
                assertInstanceOf(TryRecv.WouldBlock.class, c.tryRecv(), "one firing, one value");
            }
            assertTrue(seen[0] && seen[1], "a random choice among ready duplicate cases");
            // duplicated in one select, blocked
            Timer t = Time.newTimer(Duration.ofHours(1));
            Started<Integer> r = call(() -> Select.select(recv(t.c(), v -> 0), recv(t.c(), v -> 1), recv(idle, v -> 2)));
            r.awaitWaitReason("select");
            assertTrue(t.reset(ms(1)));
            int k = r.join();
            assertTrue(k == 0 || k == 1);
            assertInstanceOf(TryRecv.WouldBlock.class, t.c().tryRecv());
            // the timer still works for a new blocked receiver after the duplicated select left
            assertFalse(t.reset(ms(1)), "the value was received");
            assertNotNull(recvWithin(t.c(), Duration.ofSeconds(30)));
            // a timer channel together with a send case
            Chan<Integer> full = Chan.make(1);
            full.send(0);
            assertEquals("timer", Select.select(recv(Time.after(ms(1)), v -> "timer"), io.go4j.Case.send(full, 1, () -> "sent")));
        });
    }

    // ================================================================== §5.3

    /**
     * §5.3: a million pending timers: 1,000,000 AfterFunc(1h) exist at once (each takes a
     * slot in the clock's heap), every Stop returns true (a second Stop false), no function
     * runs, and once the clock runs again the stopped timers leave nothing behind.
     */
    @Test
    void rule5_3_aMillionPendingTimers() {
        int n = 1_000_000;
        AtomicInteger ran = new AtomicInteger();
        Runnable f = ran::incrementAndGet;
        int before = Clock.REAL.heapSize();
        Timer[] timers = new Timer[n];
        for (int i = 0; i < n; i++) {
            timers[i] = Time.afterFunc(Duration.ofHours(1), f);
        }
        int slots = Clock.REAL.heapSize(); // each pending AfterFunc has a live slot (other slots may have been swept)
        assertTrue(slots >= n, "a million pending timers, but the clock's heap has " + slots + " slots");
        int stoppedTrue = 0;
        for (Timer t : timers) {
            if (t.stop()) {
                stoppedTrue++;
            }
        }
        assertEquals(n, stoppedTrue, "Stop of a pending AfterFunc returns true");
        for (int i = 0; i < n; i += 1000) {
            assertFalse(timers[i].stop(), "a second Stop returns false");
        }
        timers = null;
        Time.sleep(ms(2)); // the clock wakes for this sleep and sweeps the stopped timers
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (Clock.REAL.heapSize() - before > 1000) {
            assertTrue(System.nanoTime() - deadline < 0, "stopped timers left behind: " + (Clock.REAL.heapSize() - before));
            Time.sleep(ms(1));
        }
        assertEquals(0, ran.get(), "a stopped AfterFunc ran");
    }

    /**
     * §5.3 with Stop: 100,000 AfterFunc(D) stopped before D never run. Stop returns true for
     * every timer stopped before its deadline; then a separate goroutine sleeps past the
     * deadlines and no function has run. If the machine is so slow that some deadline passes
     * before its Stop (Stop may then rightly say false, and f then runs), the round is
     * retried with a longer D (50 ms, 200 ms, 800 ms, 3.2 s) — and in every round, f runs
     * exactly for the timers whose Stop returned false.
     */
    @Test
    void rule5_3_stoppedTimersNeverRun() {
        inGoroutine(() -> {
            int n = 100_000;
            List<String> log = new ArrayList<>();
            for (long d = 50; d <= 3200; d *= 4) {
                Duration dd = ms(d);
                AtomicInteger ran = new AtomicInteger();
                Runnable f = ran::incrementAndGet;
                Timer[] timers = new Timer[n];
                long[] created = new long[n];
                for (int i = 0; i < n; i++) {
                    created[i] = System.nanoTime();
                    timers[i] = Time.afterFunc(dd, f);
                }
                int falses = 0;
                for (int i = 0; i < n; i++) {
                    if (!timers[i].stop()) {
                        // read after Stop: a false Stop means the timer fired before it returned
                        assertTrue(System.nanoTime() - created[i] >= dd.toNanos(), "Stop returned false before the deadline of timer " + i);
                        falses++;
                    }
                }
                long lastDeadline = created[n - 1] + dd.toNanos();
                Chan<Boolean> past = Chan.make();
                Go.go(() -> {
                    Time.sleep(Duration.ofNanos(lastDeadline - System.nanoTime()).plus(ms(100)));
                    past.send(true);
                });
                past.recv();
                int expected = falses;
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (ran.get() < expected && System.nanoTime() - deadline < 0) {
                    Time.sleep(ms(1));
                }
                assertEquals(expected, ran.get(), "f must run exactly for the timers whose Stop returned false");
                if (falses == 0) {
                    return;
                }
                log.add(falses + " timers of " + Time.format(dd) + " fired before their Stop");
            }
            fail("the machine was too slow to stop 100,000 timers before their deadline: " + log);
        });
    }

    // ================================================================== interrupts and wait reasons

    /**
     * ADR 0002 for Sleep: a sleeping goroutine shows Go's wait reason "sleep"; interrupted, it
     * throws WaitInterruptedException ("sleep interrupted") at once and keeps its interrupt
     * flag; a thread already interrupted does not start a positive sleep.
     */
    @Test
    void interruptedSleepThrowsAndKeepsTheFlag() {
        AtomicBoolean flagKept = new AtomicBoolean();
        Started<Void> sleeper = start(() -> {
            try {
                Time.sleep(Duration.ofHours(1));
            } finally {
                flagKept.set(Thread.currentThread().isInterrupted());
            }
        });
        sleeper.awaitWaitReason("sleep");
        sleeper.goroutine().interrupt();
        WaitInterruptedException e = sleeper.failure(WaitInterruptedException.class);
        assertEquals("sleep interrupted", e.getMessage());
        assertTrue(flagKept.get(), "the interrupt flag must stay set");

        AtomicReference<Throwable> pre = new AtomicReference<>();
        inGoroutine(() -> {
            Thread.currentThread().interrupt();
            pre.set(assertThrows(WaitInterruptedException.class, () -> Time.sleep(Duration.ofHours(1))));
            assertTrue(Thread.interrupted(), "flag kept");
        });
        assertEquals("sleep interrupted", pre.get().getMessage());
    }

    /**
     * ADR 0002 for timer channels: a goroutine blocked on a timer channel shows "chan receive"
     * (in a select, "select"); interrupted, it throws WaitInterruptedException, keeps its flag
     * and has taken nothing — the timer's value goes to the next receiver.
     */
    @Test
    void interruptedReceiveOnATimerChannelTakesNothing() {
        inGoroutine(() -> {
            Timer t = Time.newTimer(Duration.ofHours(1));
            AtomicBoolean flagKept = new AtomicBoolean();
            Started<Instant> r = call(() -> {
                try {
                    return t.c().recv();
                } finally {
                    flagKept.set(Thread.currentThread().isInterrupted());
                }
            });
            r.awaitWaitReason("chan receive");
            r.goroutine().interrupt();
            assertEquals("chan receive interrupted", r.failure(WaitInterruptedException.class).getMessage());
            assertTrue(flagKept.get(), "the interrupt flag must stay set");

            Chan<String> idle = Chan.make();
            Started<String> s = call(() -> Select.select(recv(t.c(), v -> "timer"), recv(idle, v -> v)));
            s.awaitWaitReason("select");
            s.goroutine().interrupt();
            assertEquals("select interrupted", s.failure(WaitInterruptedException.class).getMessage());

            assertTrue(t.reset(ms(1)), "the timer was still pending");
            assertNotNull(recvWithin(t.c(), Duration.ofSeconds(30)), "the value goes to the next receiver");
        });
    }

    /** Go's wait reasons for waits on time: "sleep", "chan receive" (timer channel), "select", "chan receive (nil chan)" (Tick(0)). */
    @Test
    void waitReasonsForTimeWaits() {
        inGoroutine(() -> {
            Timer t = Time.newTimer(Duration.ofHours(1));
            Chan<String> idle = Chan.make();
            List<Started<?>> gs = List.<Started<?>>of(
                    start(() -> Time.sleep(Duration.ofHours(1))),
                    call(() -> t.c().recv()),
                    call(() -> Select.select(recv(t.c(), v -> "t"), recv(idle, v -> v))),
                    call(() -> Time.tick(Duration.ZERO).recv()));
            List<String> reasons = List.of("sleep", "chan receive", "select", "chan receive (nil chan)");
            for (int i = 0; i < gs.size(); i++) {
                gs.get(i).awaitWaitReason(reasons.get(i));
            }
            for (Started<?> g : gs) {
                g.goroutine().interrupt();
                g.failure(WaitInterruptedException.class);
            }
        });
    }
}
