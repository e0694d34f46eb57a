package io.go4j.testing;

import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.Goroutine;
import io.go4j.Panic;
import io.go4j.Select;
import io.go4j.WaitInterruptedException;
import io.go4j.context.CancelContext;
import io.go4j.context.Context;
import io.go4j.context.ContextException;
import io.go4j.sync.Cond;
import io.go4j.sync.Mutex;
import io.go4j.sync.WaitGroup;
import io.go4j.time.Ticker;
import io.go4j.time.Time;
import io.go4j.time.Timer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static io.go4j.Case.recv;
import static org.junit.jupiter.api.Assertions.*;

/**
 * {@link Synctest}: Go 1.25's {@code testing/synctest} (SEMANTICS §10). The tests named after a
 * Go test port {@code src/internal/synctest/synctest_test.go} (the runtime's own tests of
 * synctest, written against {@code synctest.Run}; {@code testing/synctest}'s {@code Test} is
 * {@code Run} plus {@code *testing.T}); the others check the rest of §10.
 *
 * <p>Assertions inside a bubble run on its root goroutine, whose failure {@code Synctest.test}
 * rethrows; values observed by other goroutines of the bubble are handed to the root.
 */
@Timeout(20)
class SynctestTest {

    /** 2000-01-01T00:00:00Z: where every bubble's clock starts. */
    private static final Instant START = Instant.parse("2000-01-01T00:00:00Z");

    /** Waits (in real time, deterministically) until {@code g} is parked with Go's wait reason {@code reason}. */
    private static void awaitReason(Goroutine g, String reason) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!reason.equals(g.waitReason())) {
            if (System.nanoTime() - deadline > 0) {
                fail(g + " never parked in " + reason + " (now: " + g.waitReason() + ")");
            }
            Thread.yield();
        }
    }

    /** Waits until another thread has published a goroutine handle. */
    private static Goroutine awaitHandle(AtomicReference<Goroutine> ref) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        Goroutine g;
        while ((g = ref.get()) == null) {
            if (System.nanoTime() - deadline > 0) {
                fail("goroutine handle never published");
            }
            Thread.yield();
        }
        return g;
    }

    /** wg.Add(1); go func() { defer wg.Done(); f() }(), returning the goroutine's handle. */
    private static Goroutine go(WaitGroup wg, Runnable f) {
        wg.add(1);
        return Go.go(() -> {
            try {
                f.run();
            } finally {
                wg.done();
            }
        });
    }

    // ---- ports of src/internal/synctest/synctest_test.go

    /**
     * Go: {@code internal/synctest/synctest_test.go}, {@code TestWait}: a chain of 100 goroutines,
     * each starting the next and handing it the count over an unbuffered channel; {@code Wait}
     * returns only once the last one has run (none is durably blocked any more: all have ended).
     */
    @Test
    void testWaitForAChain() {
        Synctest.test(() -> {
            AtomicBoolean done = new AtomicBoolean();
            Chan<Integer> ch = Chan.make();
            Runnable[] f = new Runnable[1];
            f[0] = () -> {
                int count = ch.recv();
                if (count == 0) {
                    done.set(true);
                } else {
                    Go.go(f[0]);
                    ch.send(count - 1);
                }
            };
            Go.go(f[0]);
            ch.send(100);
            Synctest.await();
            assertTrue(done.get(), "done = false, want true");
        });
    }

    /**
     * Go: {@code internal/synctest/synctest_test.go}, {@code TestNow}: time starts at
     * 2000-01-01T00:00:00Z, new goroutines see the same clock, and time advances by exactly the sleep.
     */
    @Test
    void testNow() {
        AtomicReference<Instant> childSaw = new AtomicReference<>();
        Synctest.test(() -> {
            assertEquals(START, Time.now(), "at start");
            Chan<Integer> done = Chan.make();
            Go.go(() -> {
                childSaw.set(Time.now());
                done.close();
            });
            done.recv();
            assertEquals(START, childSaw.get(), "a new goroutine sees the same fake clock");
            Time.sleep(Duration.ofSeconds(1));
            assertEquals(START.plusSeconds(1), Time.now(), "after sleep");
            Time.sleep(Duration.ofHours(3).plusNanos(7));
            assertEquals(START.plusSeconds(1).plus(Duration.ofHours(3)).plusNanos(7), Time.now(), "after a second sleep");
        });
    }

    /**
     * Go: {@code internal/synctest/synctest_test.go}, {@code TestGoroutineWait} and
     * {@code TestChannel}: {@code Wait} returns once every other goroutine of the bubble is
     * durably blocked (here on a channel of the bubble), and what they did before blocking is
     * visible after it; after the channel is closed, {@code Wait} returns once they have ended.
     */
    @Test
    void testWait() {
        Synctest.test(() -> {
            Chan<Integer> gate = Chan.make();
            int n = 3;
            boolean[] before = new boolean[n]; // plain fields: Wait gives the happens-before
            boolean[] after = new boolean[n];
            List<Goroutine> gs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k = i;
                gs.add(Go.go(() -> {
                    before[k] = true;
                    gate.recvOk();
                    after[k] = true;
                }));
            }
            Synctest.await();
            for (int i = 0; i < n; i++) {
                assertTrue(before[i], "goroutine " + i + " ran up to its receive");
                assertFalse(after[i]);
                assertEquals("chan receive", gs.get(i).waitReason());
            }
            assertEquals(START, Time.now(), "Wait does not move time");
            gate.close();
            Synctest.await();
            for (int i = 0; i < n; i++) {
                assertTrue(after[i], "goroutine " + i + " finished");
            }
        });
    }

    /** Go: {@code internal/synctest/synctest_test.go}, {@code TestTimerReset}: a reset timer fires at exactly start + the new duration. */
    @Test
    void testTimerReset() {
        Synctest.test(() -> {
            Instant start = Time.now();
            Timer tm = Time.newTimer(Duration.ofSeconds(1));
            assertEquals(start.plusSeconds(1), tm.c().recv());

            tm.reset(Duration.ofSeconds(2));
            assertEquals(start.plusSeconds(3), tm.c().recv());

            tm.reset(Duration.ofSeconds(3));
            Time.sleep(Duration.ofSeconds(1));
            tm.reset(Duration.ofSeconds(3));
            assertEquals(start.plusSeconds(7), tm.c().recv());
        });
    }

    /**
     * Go: {@code internal/synctest/synctest_test.go}, {@code TestTimeAfter}: bubble membership
     * propagates through {@code AfterFunc} (its function and the goroutines it starts run on the
     * bubble's clock).
     */
    @Test
    void testTimeAfter() {
        Synctest.test(() -> {
            AtomicInteger i = new AtomicInteger();
            Time.afterFunc(Duration.ofSeconds(1), () -> {
                i.incrementAndGet(); // 1
                Go.go(() -> {
                    Time.sleep(Duration.ofSeconds(1));
                    i.incrementAndGet(); // 2
                });
            });
            Time.sleep(Duration.ofSeconds(3));
            Synctest.await();
            assertEquals(2, i.get());
        });
    }

    /** Go: {@code internal/synctest/synctest_test.go}, {@code TestDeadlockRoot}: the root blocks for ever. */
    @Test
    void testDeadlockRoot() {
        Panic p = assertThrows(Panic.class, () -> Synctest.test(Select::forever));
        assertEquals("deadlock: all goroutines in bubble are blocked", p.getMessage());
        assertEquals(Synctest.DEADLOCK, p.getMessage());
    }

    /**
     * Go: {@code internal/synctest/synctest_test.go}, {@code TestDeadlockChild}: a child blocks for
     * ever after the root has returned.
     */
    @Test
    void testDeadlockChild() {
        Panic p = assertThrows(Panic.class, () -> Synctest.test(() -> {
            Go.go(Select::forever);
        }));
        assertEquals("deadlock: main bubble goroutine has exited but blocked goroutines remain", p.getMessage());
        assertEquals(Synctest.ROOT_EXITED_DEADLOCK, p.getMessage());
    }

    /**
     * Go: {@code internal/synctest/synctest_test.go}, {@code TestCond}: {@code Cond.Wait} is
     * durable, so the signaller's sleeps advance time while the root waits on the Cond.
     */
    @Test
    void testCond() {
        Synctest.test(() -> {
            Mutex mu = new Mutex();
            Cond cond = new Cond(mu);
            Instant start = Time.now();
            Duration waitTime = Duration.ofMillis(1);

            Go.go(() -> {
                Time.sleep(waitTime); // signal the cond
                mu.lock();
                cond.signal();
                mu.unlock();

                Time.sleep(waitTime); // broadcast to the cond
                mu.lock();
                cond.broadcast();
                mu.unlock();
            });

            mu.lock(); // wait for cond.signal
            cond.await();
            mu.unlock();
            assertEquals(waitTime, Time.since(start));

            AtomicBoolean waiterDone = new AtomicBoolean(); // wait for cond.broadcast in two goroutines
            Go.go(() -> {
                mu.lock();
                cond.await();
                mu.unlock();
                waiterDone.set(true);
            });
            mu.lock();
            cond.await();
            mu.unlock();
            Synctest.await();
            assertTrue(waiterDone.get(), "the other waiter was woken by the broadcast");
            assertEquals(waitTime.multipliedBy(2), Time.since(start));
        });
    }

    /** Go: {@code internal/synctest/synctest_test.go}, {@code TestWaitGroupInBubble}: {@code WaitGroup.Wait} is durable. */
    @Test
    void testWaitGroupInBubble() {
        Synctest.test(() -> {
            WaitGroup wg = new WaitGroup();
            wg.add(1);
            Duration delay = Duration.ofSeconds(1);
            Go.go(() -> {
                Time.sleep(delay);
                wg.done();
            });
            Instant start = Time.now();
            wg.await();
            assertEquals(delay, Time.since(start));
        });
    }

    /**
     * Go: {@code internal/synctest/synctest_test.go}, {@code TestWaitGroupOutOfBubble}: when
     * {@code wg.Add} was called outside the bubble, {@code Wait} in the bubble is not durably
     * blocking (SEMANTICS §10.2: "WaitGroup.Wait (Add called in the bubble)"): it waits, in real
     * time, until an outside goroutine calls {@code Done} — no deadlock.
     */
    @Test
    void testWaitGroupOutOfBubble() {
        WaitGroup wg = new WaitGroup();
        wg.add(1);
        AtomicReference<Goroutine> waiter = new AtomicReference<>();
        AtomicReference<Throwable> helperFailed = new AtomicReference<>();
        Goroutine helper = Go.go(() -> { // outside the bubble
            try {
                awaitReason(awaitHandle(waiter), "sync.WaitGroup.Wait");
                wg.done();
            } catch (Throwable t) {
                helperFailed.set(t);
            }
        });
        Synctest.test(() -> {
            Chan<Integer> done = Chan.make();
            waiter.set(Go.go(() -> {
                wg.await();
                done.close();
            }));
            done.recvOk();
            assertEquals(START, Time.now());
        });
        while (helper.isAlive()) {
            Thread.yield();
        }
        assertNull(helperFailed.get(), () -> "helper: " + helperFailed.get());
    }

    /**
     * Go: {@code internal/synctest/synctest_test.go}, {@code TestTimerFromOutsideBubble}: a timer
     * created outside the bubble runs on real time, and receiving from it in the bubble is not
     * durable (no deadlock while it is pending).
     */
    @Test
    void testTimerFromOutsideBubble() {
        Timer tm = Time.newTimer(Duration.ofMillis(10));
        Instant before = Instant.now();
        AtomicReference<Instant> fired = new AtomicReference<>();
        Synctest.test(() -> fired.set(tm.c().recv()));
        assertFalse(tm.stop(), "the timer fired");
        assertFalse(fired.get().isBefore(before), "a real instant: " + fired.get());
    }

    /**
     * Go: {@code internal/synctest/synctest_test.go}, {@code TestTimerAfterBubbleExit}: a bubble
     * whose goroutines have all ended is over, even with a timer pending; its function never runs.
     */
    @Test
    void testTimerAfterBubbleExit() {
        AtomicBoolean ran = new AtomicBoolean();
        Synctest.test(() -> Time.afterFunc(Duration.ofSeconds(1), () -> ran.set(true)));
        assertFalse(ran.get(), "timer ran before bubble exit");
    }

    // ---- the rest of SEMANTICS §10

    /**
     * Code that waits on a 10-minute context timeout runs in a bubble without waiting 10 real
     * minutes, and sees DEADLINE_EXCEEDED exactly at 2000-01-01T00:10:00Z.
     */
    @Test
    void contextTimeoutInFakeTime() {
        long realStart = System.nanoTime();
        Synctest.test(() -> {
            CancelContext ctx = Context.withTimeout(Context.background(), Duration.ofMinutes(10));
            assertEquals(START.plus(Duration.ofMinutes(10)), ctx.deadline().orElseThrow());
            Chan<Integer> never = Chan.make(); // of the bubble: a durable case
            String which = Select.select(
                    recv(ctx.done(), v -> "done"),
                    recv(never, v -> "never"));
            assertEquals("done", which);
            assertEquals(Instant.parse("2000-01-01T00:10:00Z"), Time.now());
            ContextException err = ctx.err();
            assertSame(Context.DEADLINE_EXCEEDED, err);
            ctx.close();
        });
        // generous bound, far below the 10 minutes the code waits for: it waited in fake time
        assertTrue(Duration.ofNanos(System.nanoTime() - realStart).compareTo(Duration.ofMinutes(1)) < 0);
    }

    /** A ticker in a bubble ticks at exact fake instants, and the receiver wakes at each. */
    @Test
    void tickerTicksAtExactInstants() {
        Synctest.test(() -> {
            try (Ticker t = Time.newTicker(Duration.ofMillis(1500))) {
                for (int k = 1; k <= 5; k++) {
                    Instant tick = t.c().recv();
                    Instant expected = START.plus(Duration.ofMillis(1500L * k));
                    assertEquals(expected, tick, "tick " + k);
                    assertEquals(expected, Time.now(), "woken at tick " + k);
                }
                t.reset(Duration.ofSeconds(10));
                assertEquals(START.plus(Duration.ofMillis(7500)).plusSeconds(10), t.c().recv(), "after reset");
            }
        });
    }

    /** afterFunc's function runs in a new goroutine of the bubble, at exactly the fake instant. */
    @Test
    void afterFuncRunsInTheBubbleAtTheInstant() {
        Synctest.test(() -> {
            long rootId = Go.id();
            Chan<Object[]> seen = Chan.make(1);
            Time.afterFunc(Duration.ofMinutes(5), () ->
                    seen.send(new Object[] {Time.now(), Synctest.inBubble(), Go.id()}));
            Object[] s = seen.recv();
            assertEquals(START.plus(Duration.ofMinutes(5)), s[0]);
            assertEquals(true, s[1], "runs in the bubble");
            assertNotEquals(0L, s[2], "runs in a goroutine");
            assertNotEquals(rootId, s[2], "runs in its own goroutine");
            assertEquals(START.plus(Duration.ofMinutes(5)), Time.now());
        });
    }

    /**
     * A mutex wait is not durable (Go: time does not advance while a goroutine of the bubble waits
     * on a mutex). G waits on a mutex held by H, which waits on a channel of the bubble that nobody
     * will send on; S sleeps an hour; the root waits on a WaitGroup. Were the mutex wait durable,
     * time would jump an hour and then the bubble would deadlock. Instead time stands still until an
     * outside thread interrupts H, which unlocks; G gets the lock at the start instant and the
     * bubble completes (S's hour then passes in fake time).
     */
    @Test
    void mutexWaitIsNotDurable() {
        AtomicReference<Goroutine> gRef = new AtomicReference<>();
        AtomicReference<Goroutine> hRef = new AtomicReference<>();
        AtomicReference<Goroutine> sRef = new AtomicReference<>();
        AtomicReference<Instant> gotLockAt = new AtomicReference<>();
        AtomicReference<Instant> sleptUntil = new AtomicReference<>();
        AtomicReference<Throwable> helperFailed = new AtomicReference<>();
        Goroutine helper = Go.go(() -> { // outside the bubble
            try {
                Goroutine g = awaitHandle(gRef);
                Goroutine h = awaitHandle(hRef);
                awaitReason(awaitHandle(sRef), "sleep");
                awaitReason(h, "chan receive");
                awaitReason(g, "sync.Mutex.Lock");
                assertNull(sleptUntil.get(), "time moved while G waited on the mutex");
                h.interrupt();
            } catch (Throwable t) {
                helperFailed.set(t);
            }
        });
        Synctest.test(() -> {
            Mutex mu = new Mutex();
            Chan<Integer> never = Chan.make();
            WaitGroup wg = new WaitGroup();
            mu.lock(); // held for H, which unlocks it
            hRef.set(go(wg, () -> {
                try {
                    never.recv();
                } catch (WaitInterruptedException e) {
                    Thread.interrupted();
                }
                mu.unlock();
            }));
            sRef.set(go(wg, () -> {
                Time.sleep(Duration.ofHours(1));
                sleptUntil.set(Time.now());
            }));
            gRef.set(go(wg, () -> {
                mu.lock();
                gotLockAt.set(Time.now());
                mu.unlock();
            }));
            wg.await();
        });
        while (helper.isAlive()) {
            Thread.yield();
        }
        assertNull(helperFailed.get(), () -> "helper: " + helperFailed.get());
        assertEquals(START, gotLockAt.get(), "no time passed while G waited on the mutex");
        assertEquals(START.plus(Duration.ofHours(1)), sleptUntil.get(), "then S's hour passed in fake time");
    }

    /**
     * A channel created outside the bubble is not durable: while a goroutine of the bubble
     * receives from it, time does not move (S's one-hour sleep does not end), until an outside
     * goroutine sends.
     */
    @Test
    void outsideChannelIsNotDurable() {
        Chan<Integer> outside = Chan.make(); // created outside the bubble
        AtomicReference<Goroutine> rRef = new AtomicReference<>();
        AtomicReference<Goroutine> sRef = new AtomicReference<>();
        AtomicReference<Instant> receivedAt = new AtomicReference<>();
        AtomicReference<Instant> sleptUntil = new AtomicReference<>();
        AtomicReference<Throwable> helperFailed = new AtomicReference<>();
        Goroutine helper = Go.go(() -> {
            try {
                awaitReason(awaitHandle(sRef), "sleep");
                awaitReason(awaitHandle(rRef), "chan receive");
                assertNull(sleptUntil.get(), "time moved while R waited on an outside channel");
                outside.send(42);
            } catch (Throwable t) {
                helperFailed.set(t);
            }
        });
        AtomicInteger got = new AtomicInteger();
        Synctest.test(() -> {
            WaitGroup wg = new WaitGroup();
            sRef.set(go(wg, () -> {
                Time.sleep(Duration.ofHours(1));
                sleptUntil.set(Time.now());
            }));
            rRef.set(go(wg, () -> {
                got.set(outside.recv());
                receivedAt.set(Time.now());
            }));
            wg.await();
        });
        while (helper.isAlive()) {
            Thread.yield();
        }
        assertNull(helperFailed.get(), () -> "helper: " + helperFailed.get());
        assertEquals(42, got.get());
        assertEquals(START, receivedAt.get(), "no time passed while R waited on the outside channel");
        assertEquals(START.plus(Duration.ofHours(1)), sleptUntil.get());
    }

    /** Synctest.await outside a bubble panics, on a platform thread and on a goroutine. */
    @Test
    void awaitOutsideABubblePanics() throws InterruptedException {
        Panic p = assertThrows(Panic.class, Synctest::await);
        assertEquals("synctest.Wait called from outside a bubble", p.getMessage());
        assertFalse(Synctest.inBubble());

        AtomicReference<Throwable> inGoroutine = new AtomicReference<>();
        AtomicBoolean inBubble = new AtomicBoolean(true);
        Goroutine g = Go.go(() -> {
            inBubble.set(Synctest.inBubble());
            try {
                Synctest.await();
            } catch (Throwable t) {
                inGoroutine.set(t);
            }
        });
        g.thread().join();
        assertFalse(inBubble.get());
        assertInstanceOf(Panic.class, inGoroutine.get());
        assertEquals("synctest.Wait called from outside a bubble", inGoroutine.get().getMessage());
    }

    /** Synctest.test inside a bubble panics (Go: "synctest.Test called from within a synctest bubble"). */
    @Test
    void nestedTestPanics() {
        AtomicBoolean innerRan = new AtomicBoolean();
        Synctest.test(() -> {
            assertTrue(Synctest.inBubble());
            Panic p = assertThrows(Panic.class, () -> Synctest.test(() -> innerRan.set(true)));
            assertEquals("synctest.Test called from within a synctest bubble", p.getMessage());
        });
        assertFalse(innerRan.get());
    }

    /** Time.now outside a bubble is real time, also while and after a bubble runs. */
    @Test
    void timeOutsideABubbleIsReal() {
        Instant before = Instant.now();
        Instant t = Time.now();
        Instant after = Instant.now();
        assertFalse(t.isBefore(before.minusMillis(1)) || t.isAfter(after.plusMillis(1)), t + " not in [" + before + ", " + after + "]");

        AtomicLong outsideDuring = new AtomicLong();
        Chan<Instant> c = Chan.make(1); // outside the bubble: the root's receive is not durable
        Synctest.test(() -> {
            Time.sleep(Duration.ofDays(365));
            Instant b = Instant.now();
            Thread.ofPlatform().start(() -> c.send(Time.now())); // not a goroutine of the bubble
            Instant seen = c.recv();
            outsideDuring.set(Duration.between(b, seen).toMillis());
            assertEquals(START.plus(Duration.ofDays(365)), Time.now());
        });
        assertTrue(Math.abs(outsideDuring.get()) < 60_000, "a thread outside the bubble read real time: " + outsideDuring.get());
        Instant t2 = Time.now();
        assertTrue(t2.isAfter(Instant.parse("2020-01-01T00:00:00Z")), "real time after the bubble: " + t2);
    }

    /**
     * An interrupt makes a durably blocked goroutine runnable at once, not only once it runs:
     * {@code Synctest.await()} right after {@code interrupt()} returns only after the goroutine
     * has reacted (go4j's own rule: Go has no interrupts; SEMANTICS §10.2 says await waits for
     * every goroutine of the bubble to be durably blocked, and an interrupted one is not).
     * Repeated, because the early return it guards against was a race (RateSemanticsTest).
     */
    @Test
    void interruptedGoroutineIsRunnableForAwaitAtOnce() {
        Synctest.test(() -> {
            for (int round = 0; round < 200; round++) {
                Chan<Integer> never = Chan.make();
                AtomicBoolean reacted = new AtomicBoolean();
                Goroutine g = Go.go(() -> {
                    try {
                        never.recv();
                    } catch (WaitInterruptedException e) {
                        reacted.set(true);
                    }
                });
                Synctest.await();
                assertEquals("chan receive", g.waitReason());
                g.interrupt();
                Synctest.await();
                assertTrue(reacted.get(), "round " + round + ": await returned before the interrupted goroutine ran");
            }
        });
    }
}
