package io.go4j.x.rate;

import io.go4j.Go;
import io.go4j.Goroutine;
import io.go4j.WaitInterruptedException;
import io.go4j.context.CancelContext;
import io.go4j.context.Context;
import io.go4j.context.ContextException;
import io.go4j.testing.Leaks;
import io.go4j.testing.Synctest;
import io.go4j.time.Time;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

/**
 * SEMANTICS.md §9.4 (rate.Limiter and Sometimes), one test per rule, plus what the Java shape
 * adds: interrupts and leaving nothing behind. Time passes on explicit instants or on a synctest
 * bubble's fake clock.
 */
@Timeout(30)
class RateSemanticsTest {

    private static final Instant T0 = Instant.parse("2025-06-01T12:00:00Z");

    /** §9.4 token bucket starting full: a new limiter holds burst tokens and grants exactly those at once. */
    @Test
    void bucketStartsFull() {
        Limiter lim = new Limiter(new Limit(10), 5);
        assertEquals(5.0, lim.tokensAt(T0));
        for (int i = 0; i < 5; i++) {
            assertTrue(lim.allowN(T0, 1), "token " + i);
        }
        assertFalse(lim.allowN(T0, 1));
        assertEquals(10, lim.limit().perSecond());
        assertEquals(5, lim.burst());
    }

    /** §9.4 Allow/AllowN: a refusal takes nothing; n above the burst is always refused; the bucket refills at the limit up to the burst. */
    @Test
    void allowN() {
        Limiter lim = new Limiter(new Limit(2), 4);
        assertFalse(lim.allowN(T0, 5), "n > burst");
        assertTrue(lim.allowN(T0, 3));
        assertFalse(lim.allowN(T0, 2), "only one token left");
        assertEquals(1.0, lim.tokensAt(T0), "a refusal takes nothing");
        assertTrue(lim.allowN(T0.plusSeconds(1), 3), "two tokens earned in a second");
        assertEquals(4.0, lim.tokensAt(T0.plusSeconds(100)), "refill stops at the burst");
    }

    /** §9.4 Reserve/ReserveN: OK with the delay until enough tokens; not OK (INF_DURATION) above the burst; cancel gives tokens back. */
    @Test
    void reserveN() {
        Limiter lim = new Limiter(new Limit(10), 2);
        Reservation now = lim.reserveN(T0, 2);
        assertTrue(now.ok());
        assertEquals(Duration.ZERO, now.delayFrom(T0));
        Reservation later = lim.reserveN(T0, 2);
        assertTrue(later.ok());
        assertEquals(Duration.ofMillis(200), later.delayFrom(T0));
        assertEquals(Duration.ofMillis(150), later.delayFrom(T0.plusMillis(50)));
        assertEquals(Duration.ZERO, later.delayFrom(T0.plusSeconds(1)), "never negative");
        Reservation tooBig = lim.reserveN(T0, 3);
        assertFalse(tooBig.ok());
        assertEquals(Reservation.INF_DURATION, tooBig.delayFrom(T0));
        assertEquals(-2.0, lim.tokensAt(T0));
        later.cancelAt(T0);
        assertEquals(0.0, lim.tokensAt(T0), "the cancelled reservation's 2 tokens are back");
    }

    /** §9.4 Wait/WaitN: awaitN blocks until the tokens are there (exactly, on the fake clock) and takes them. */
    @Test
    void awaitNWaitsForTokens() {
        Synctest.test(() -> {
            Limiter lim = new Limiter(new Limit(10), 5);
            Instant start = Time.now();
            lim.awaitN(Context.background(), 5);
            assertEquals(Duration.ZERO, Time.since(start));
            lim.awaitN(Context.background(), 5);
            assertEquals(Duration.ofMillis(500), Time.since(start));
            lim.await(Context.background());
            assertEquals(Duration.ofMillis(600), Time.since(start));
            assertEquals(0.0, lim.tokens());
        });
    }

    /** §9.4 WaitN errors: Go's two messages, thrown as RateException at once, leaving the limiter unchanged. */
    @Test
    void awaitNErrors() {
        Synctest.test(() -> {
            Limiter lim = new Limiter(new Limit(1), 2);
            RateException burst = assertThrows(RateException.class, () -> lim.awaitN(Context.background(), 3));
            assertEquals("rate: Wait(n=3) exceeds limiter's burst 2", burst.getMessage());
            assertEquals("rate: Wait(n=3) exceeds limiter's burst 2", burst.toString());
            assertTrue(lim.allowN(Time.now(), 2));
            Instant start = Time.now();
            try (CancelContext ctx = Context.withTimeout(Context.background(), Duration.ofMillis(999))) {
                RateException deadline = assertThrows(RateException.class, () -> lim.awaitN(ctx, 1));
                assertEquals("rate: Wait(n=1) would exceed context deadline", deadline.getMessage());
                assertEquals(start, Time.now(), "fails without waiting");
                assertEquals(0.0, lim.tokens(), "nothing reserved");
            }
            try (CancelContext ctx = Context.withTimeout(Context.background(), Duration.ofSeconds(1))) {
                lim.awaitN(ctx, 1); // a token exactly at the deadline is in time
                assertEquals(Duration.ofSeconds(1), Time.since(start));
            }
        });
    }

    /** §9.4 WaitN with a done context: ctx.err() at once if already done; if done while waiting, ctx.err() and the tokens are given back. */
    @Test
    void awaitNWithDoneContext() {
        Synctest.test(() -> {
            Limiter lim = new Limiter(new Limit(1), 1);
            CancelContext cancelled = Context.withCancel(Context.background());
            cancelled.cancel();
            assertSame(Context.CANCELED, assertThrows(ContextException.class, () -> lim.await(cancelled)));
            assertEquals(1.0, lim.tokens(), "a done context takes nothing, even with tokens free");

            assertTrue(lim.allow());
            try (CancelContext ctx = Context.withDeadline(Context.background(), Time.now().plusSeconds(5))) {
                Instant start = Time.now();
                Go.go(() -> {
                    Time.sleep(Duration.ofMillis(300));
                    ctx.cancel();
                });
                assertSame(Context.CANCELED, assertThrows(ContextException.class, () -> lim.await(ctx)));
                assertEquals(Duration.ofMillis(300), Time.since(start));
                assertEquals(0.3, lim.tokens(), 1e-12, "the booked token was given back");
            }
        });
    }

    /** Interrupting a goroutine in awaitN throws WaitInterruptedException, keeps the flag set and gives the tokens back. */
    @Test
    void awaitNInterrupted() {
        Synctest.test(() -> {
            Limiter lim = new Limiter(new Limit(1), 3);
            assertTrue(lim.allowN(Time.now(), 3));
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            AtomicReference<Boolean> flag = new AtomicReference<>();
            Goroutine g = Go.go(() -> {
                try {
                    lim.awaitN(Context.background(), 2);
                } catch (Throwable t) {
                    thrown.set(t);
                    flag.set(Thread.currentThread().isInterrupted());
                }
            });
            Synctest.await(); // g is durably blocked in awaitN's select
            assertEquals("select", g.waitReason());
            assertEquals(-2.0, lim.tokens());
            g.interrupt(); // cancels g's wait at once: g is runnable for await (G.interrupt)
            Synctest.await();
            assertInstanceOf(WaitInterruptedException.class, thrown.get());
            assertTrue(flag.get(), "interrupt flag kept");
            assertEquals(0.0, lim.tokens(), "the 2 booked tokens were given back");
        });
    }

    /** §9.4 SetLimit: tokens earned so far are kept at the old rate; refill continues at the new one. */
    @Test
    void setLimit() {
        Limiter lim = new Limiter(new Limit(1), 10);
        assertTrue(lim.allowN(T0, 10));
        lim.setLimitAt(T0.plusSeconds(2), new Limit(4));
        assertEquals(new Limit(4), lim.limit());
        assertEquals(2.0, lim.tokensAt(T0.plusSeconds(2)), "2 s at 1/s");
        assertEquals(6.0, lim.tokensAt(T0.plusSeconds(3)), "then 1 s at 4/s");
    }

    /** §9.4 SetBurst: a larger burst admits larger takes and a higher cap; a smaller one caps the bucket. */
    @Test
    void setBurst() {
        Limiter lim = new Limiter(new Limit(1), 2);
        assertFalse(lim.allowN(T0, 3));
        lim.setBurstAt(T0, 5);
        assertEquals(5, lim.burst());
        assertEquals(2.0, lim.tokensAt(T0), "a new burst does not add tokens");
        assertEquals(5.0, lim.tokensAt(T0.plusSeconds(10)), "the bucket now fills to 5");
        assertTrue(lim.allowN(T0.plusSeconds(10), 5));
        lim.setBurstAt(T0.plusSeconds(100), 1);
        assertEquals(1.0, lim.tokensAt(T0.plusSeconds(100)));
        lim.setBurstAt(T0.plusSeconds(100), 0);
        assertFalse(lim.allowN(T0.plusSeconds(200), 1), "burst 0 refuses every event");
    }

    /** §9.4 Every(d): one event per d; Inf for d <= 0. */
    @Test
    void every() {
        assertEquals(new Limit(5), Limit.every(Duration.ofMillis(200)));
        assertSame(Limit.INF, Limit.every(Duration.ZERO));
        assertSame(Limit.INF, Limit.every(Duration.ofSeconds(-1)));
        Limiter lim = new Limiter(Limit.every(Duration.ofMillis(200)), 1);
        assertTrue(lim.allowN(T0, 1));
        assertFalse(lim.allowN(T0.plusMillis(199), 1));
        assertTrue(lim.allowN(T0.plusMillis(200), 1));
    }

    /** §9.4 Inf: every event is allowed at once, the burst (even 0) ignored, nothing consumed; a reservation under Inf cannot be cancelled. */
    @Test
    void inf() {
        Limiter lim = new Limiter(Limit.INF, 0);
        for (int i = 0; i < 1000; i++) {
            assertTrue(lim.allowN(T0, 1_000_000));
        }
        Reservation r = lim.reserveN(T0, 7);
        assertTrue(r.ok());
        assertEquals(Duration.ZERO, r.delayFrom(T0));
        r.cancelAt(T0);
        assertEquals(0.0, lim.tokensAt(T0), "tokens untouched: still the burst, 0");
    }

    /** A zero limit grants the starting tokens, then never: allow refuses, reserve is OK with an infinite delay. */
    @Test
    void zeroLimit() {
        Limiter lim = new Limiter(new Limit(0), 2);
        assertTrue(lim.allowN(T0, 2));
        assertFalse(lim.allowN(T0.plusSeconds(1_000_000), 1));
        Reservation r = lim.reserveN(T0, 1);
        assertTrue(r.ok());
        assertEquals(Reservation.INF_DURATION, r.delayFrom(T0));
    }

    /** §9.4 Sometimes{First, Every, Interval}: the union of the three filters (see SometimesTest for each). */
    @Test
    void sometimes() {
        Synctest.test(() -> {
            Sometimes s = Sometimes.builder().first(1).every(3).interval(Duration.ofMinutes(1)).build();
            StringBuilder ran = new StringBuilder();
            for (int i = 1; i <= 7; i++) {
                int call = i;
                s.run(() -> ran.append(call).append(' '));
                if (i == 5) {
                    Time.sleep(Duration.ofMinutes(1));
                }
            }
            assertEquals("1 4 6 7 ", ran.toString()); // first; every 3rd (1, 4, 7); interval after the sleep (6)
        });
    }

    /** Allow, reserve and awaitN use the goroutine's clock: in a bubble, allow() refills exactly with fake time. */
    @Test
    void usesGoroutineClock() {
        Synctest.test(() -> {
            Limiter lim = new Limiter(new Limit(100), 100);
            int ok = 0;
            Instant end = Time.now().plusSeconds(2);
            while (Time.now().isBefore(end)) {
                if (lim.allow()) {
                    ok++;
                }
                Time.sleep(Duration.ofMillis(5));
            }
            // 400 calls, one per 5 ms: the full bucket of 100, then the 199.5 tokens earned by the last
            // call at 1.995 s, of which 199 whole ones.
            assertEquals(100 + 199, ok);
        });
    }

    /** awaitN starts no goroutine and leaves none blocked (nor a timer waited on), whichever way it ends. */
    @Test
    void awaitNLeavesNothingBehind() {
        Leaks.Option before = Leaks.ignoreCurrent();
        Synctest.test(() -> {
            Limiter lim = new Limiter(new Limit(1), 1);
            lim.await(Context.background());                 // at once
            lim.await(Context.background());                 // after the timer fires
            try (CancelContext ctx = Context.withTimeout(Context.background(), Duration.ofMillis(1500))) {
                lim.await(ctx);                              // fits the deadline: timer fires
                assertThrows(RateException.class, () -> lim.await(ctx)); // would exceed it
            }
            CancelContext ctx = Context.withCancel(Context.background());
            Go.go(() -> {
                Time.sleep(Duration.ofMillis(10));
                ctx.cancel();
            });
            assertThrows(ContextException.class, () -> lim.awaitN(ctx, 1)); // cancelled while waiting
            Instant cancelledAt = Time.now();
            // Nothing of the cancelled wait remains: when this goroutine sleeps past the wait's
            // original end, the clock jumps straight to the sleep's end (a leftover waiter on the
            // timer would be woken at ~2 s and still be alive when the bubble ends, a deadlock).
            Time.sleep(Duration.ofSeconds(5));
            assertEquals(cancelledAt.plusSeconds(5), Time.now());
        });
        Leaks.verifyNone(before);
    }
}
