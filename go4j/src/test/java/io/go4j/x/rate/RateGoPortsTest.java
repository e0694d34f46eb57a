package io.go4j.x.rate;

import io.go4j.Go;
import io.go4j.context.CancelContext;
import io.go4j.context.Context;
import io.go4j.context.ContextException;
import io.go4j.sync.WaitGroup;
import io.go4j.testing.Synctest;
import io.go4j.time.Time;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Ports of {@code golang.org/x/time/rate/rate_test.go} (the 2025 version, with
 * {@code TestTinyLimit}). Table tests run on explicit instants ({@code allowN(t, n)},
 * {@code reserveN(t, n)}); Go's {@code runWait}, which drives {@code lim.wait} with a fake timer,
 * becomes {@code awaitN} inside a synctest bubble, whose fake clock makes the delays exact
 * (Go allows scheduling slop; here the delay must be exactly the expected multiple of d).
 */
@Timeout(60)
class RateGoPortsTest {

    /** Go's {@code d}: the time unit of the table tests. */
    static final Duration D = Duration.ofMillis(100);

    static final Instant T0 = Instant.parse("2025-06-01T12:00:00Z");
    static final Instant T1 = at(1), T2 = at(2), T3 = at(3), T4 = at(4), T5 = at(5), T9 = at(9);

    static Instant at(int k) {
        return T0.plus(D.multipliedBy(k));
    }

    // ---- Go's helpers

    /** Go's {@code allow}: at t, expect TokensAt(t) == toks, then AllowN(t, n) == ok. */
    record Allow(Instant t, double toks, int n, boolean ok) {
    }

    /** Go's {@code run}. */
    static void run(Limiter lim, Allow... allows) {
        for (int i = 0; i < allows.length; i++) {
            Allow a = allows[i];
            double toks = lim.tokensAt(a.t());
            assertTrue(toks == a.toks(), "step " + i + ": lim.tokensAt(" + a.t() + ") = " + toks + " want " + a.toks());
            assertEquals(a.ok(), lim.allowN(a.t(), a.n()), "step " + i + ": lim.allowN(" + a.t() + ", " + a.n() + ")");
        }
    }

    /** Go's {@code request}: reserveN(t, n) should give (act, ok); act null = Go's zero time. */
    record Request(Instant t, int n, Instant act, boolean ok) {
    }

    /** Go's {@code dFromDuration}: the duration in multiples of d, rounded to nearest. */
    static long dFromDuration(long nanos) {
        long d = D.toNanos();
        return (nanos + d / 2) / d;
    }

    /** Go's {@code dSince}: multiples of d since t0. */
    static long dSince(Instant t) {
        return dFromDuration(GoTimes.sub(t == null ? GoTimes.ZERO : t, T0));
    }

    static Reservation runReserve(Limiter lim, Request req) {
        return runReserveMax(lim, req, GoTimes.MAX);
    }

    /** Go's {@code runReserveMax}: lim.reserveN(t, n, maxReserve) must match (act, ok). */
    static Reservation runReserveMax(Limiter lim, Request req, long maxReserve) {
        Reservation r = lim.reserveN(req.t(), req.n(), maxReserve);
        boolean bad = r.ok() && dSince(r.timeToAct()) != dSince(req.act()) || r.ok() != req.ok();
        assertFalse(bad, "lim.reserveN(t" + dSince(req.t()) + ", " + req.n() + ", " + maxReserve + ") = (t"
                + dSince(r.timeToAct()) + ", " + r.ok() + ") want (t" + dSince(req.act()) + ", " + req.ok() + ")");
        return r;
    }

    /**
     * Go's {@code runWait}, inside a bubble: awaitN(ctx, n) must succeed or fail as expected and
     * take exactly {@code delayD} multiples of d on the fake clock. Returns the error, or null.
     */
    static RuntimeException runWait(Limiter lim, String name, Context ctx, int n, int delayD, boolean nilErr) {
        Instant start = Time.now();
        RuntimeException err = null;
        try {
            lim.awaitN(ctx, n);
        } catch (RateException | ContextException e) {
            err = e;
        }
        Duration delay = Time.since(start);
        assertEquals(nilErr, err == null, name + ": err = " + err);
        assertEquals(D.multipliedBy(delayD), delay, name + ": delay");
        return err;
    }

    // ---- TestLimit, TestEvery

    /** Go: rate_test.go {@code TestLimit}: a finite limit is not Inf. */
    @Test
    void limit() {
        assertNotEquals(Limit.INF, new Limit(10));
        assertFalse(new Limit(10).isInf());
        assertTrue(Limit.INF.isInf());
    }

    /** Go: rate_test.go {@code TestEvery}: Every(interval) is 1/seconds, Inf for non-positive intervals. */
    @Test
    void every() {
        Object[][] cases = {
                {Duration.ZERO, Limit.INF.perSecond()},
                {Duration.ofNanos(-1), Limit.INF.perSecond()},
                {Duration.ofNanos(1), 1e9},
                {Duration.ofNanos(1_000), 1e6},
                {Duration.ofMillis(1), 1e3},
                {Duration.ofMillis(10), 100.0},
                {Duration.ofMillis(100), 10.0},
                {Duration.ofSeconds(1), 1.0},
                {Duration.ofSeconds(2), 0.5},
                {Duration.ofNanos((long) (2.5 * 1e9)), 0.4},
                {Duration.ofSeconds(4), 0.25},
                {Duration.ofSeconds(10), 0.1},
                {Duration.ofNanos(Long.MAX_VALUE), 1e9 / (double) Long.MAX_VALUE},
        };
        for (Object[] c : cases) {
            Duration interval = (Duration) c[0];
            double want = (double) c[1];
            double got = Limit.every(interval).perSecond();
            assertEquals(1.0, got / want, 1e-9, "every(" + interval + ") = " + got + " want " + want);
        }
    }

    // ---- AllowN tables

    /** Go: rate_test.go {@code TestLimiterBurst1}: with burst 1, one token at a time, refilled every d. */
    @Test
    void limiterBurst1() {
        run(new Limiter(new Limit(10), 1),
                new Allow(T0, 1, 1, true),
                new Allow(T0, 0, 1, false),
                new Allow(T0, 0, 1, false),
                new Allow(T1, 1, 1, true),
                new Allow(T1, 0, 1, false),
                new Allow(T1, 0, 1, false),
                new Allow(T2, 1, 2, false), // burst size is 1, so n=2 always fails
                new Allow(T2, 1, 1, true),
                new Allow(T2, 0, 1, false));
    }

    /** Go: rate_test.go {@code TestLimiterBurst3}: takes of several tokens against a bucket of 3. */
    @Test
    void limiterBurst3() {
        run(new Limiter(new Limit(10), 3),
                new Allow(T0, 3, 2, true),
                new Allow(T0, 1, 2, false),
                new Allow(T0, 1, 1, true),
                new Allow(T0, 0, 1, false),
                new Allow(T1, 1, 4, false),
                new Allow(T2, 2, 1, true),
                new Allow(T3, 2, 1, true),
                new Allow(T4, 2, 1, true),
                new Allow(T4, 1, 1, true),
                new Allow(T4, 0, 1, false),
                new Allow(T4, 0, 1, false),
                new Allow(T9, 3, 3, true),
                new Allow(T9, 0, 0, true));
    }

    /** Go: rate_test.go {@code TestLimiterJumpBackwards}: a call at an earlier time neither gains nor loses tokens. */
    @Test
    void limiterJumpBackwards() {
        run(new Limiter(new Limit(10), 3),
                new Allow(T1, 3, 1, true), // start at t1
                new Allow(T0, 2, 1, true), // jump back to t0, two tokens remain
                new Allow(T0, 1, 1, true),
                new Allow(T0, 0, 1, false),
                new Allow(T0, 0, 1, false),
                new Allow(T1, 1, 1, true), // got a token
                new Allow(T1, 0, 1, false),
                new Allow(T1, 0, 1, false),
                new Allow(T2, 1, 1, true), // got another token
                new Allow(T2, 0, 1, false),
                new Allow(T2, 0, 1, false));
    }

    /** Go: rate_test.go {@code TestLimiter_noTruncationErrors} (golang.org/issues/34861): an odd rate still starts with its token. */
    @Test
    void limiterNoTruncationErrors() {
        assertTrue(new Limiter(new Limit(0.7692307692307693), 1).allow());
    }

    // ---- TestSimultaneousRequests, TestLongRunningQPS

    /** Go: rate_test.go {@code TestSimultaneousRequests}: 15 concurrent allow() on a bucket of 5 grant exactly 5 (fake clock: no refill meanwhile). */
    @Test
    void simultaneousRequests() {
        Synctest.test(() -> {
            final int limit = 1, burst = 5, numRequests = 15;
            Limiter lim = new Limiter(new Limit(limit), burst);
            AtomicInteger numOK = new AtomicInteger();
            WaitGroup wg = new WaitGroup();
            wg.add(numRequests);
            for (int i = 0; i < numRequests; i++) {
                Go.go(() -> {
                    try {
                        if (lim.allow()) {
                            numOK.incrementAndGet();
                        }
                    } finally {
                        wg.done();
                    }
                });
            }
            wg.await();
            assertEquals(burst, numOK.get());
        });
    }

    /** Go: rate_test.go {@code TestLongRunningQPS}: over 5 fake seconds at ~500 req/s, about burst + 5*limit are allowed, never more. */
    @Test
    void longRunningQPS() {
        final int limit = 100, burst = 100;
        int numOK = 0;
        Limiter lim = new Limiter(new Limit(limit), burst);
        Instant start = T0;
        Instant end = start.plusSeconds(5);
        Instant now = start;
        while (now.isBefore(end)) {
            if (lim.allowN(now, 1)) {
                numOK++;
            }
            now = now.plusMillis(2); // still ~500 requests per second
        }
        long elapsed = GoTimes.sub(now, start);
        double ideal = burst + (limit * (double) elapsed / 1e9);
        assertTrue(numOK <= (int) (ideal + 1), "numOK = " + numOK + ", want <= " + (int) (ideal + 1) + " (ideal " + ideal + ")");
        assertTrue(numOK >= (int) (0.999 * ideal), "numOK = " + numOK + ", want >= " + (int) (0.999 * ideal) + " (ideal " + ideal + ")");
    }

    // ---- reserveN tables

    /** Go: rate_test.go {@code TestSimpleReserve}: reservations book future tokens in order. */
    @Test
    void simpleReserve() {
        Limiter lim = new Limiter(new Limit(10), 2);
        runReserve(lim, new Request(T0, 2, T0, true));
        runReserve(lim, new Request(T0, 2, T2, true));
        runReserve(lim, new Request(T3, 2, T4, true));
    }

    /** Go: rate_test.go {@code TestMix}: reserve and allow share one bucket; a debt blocks allow. */
    @Test
    void mix() {
        Limiter lim = new Limiter(new Limit(10), 2);
        runReserve(lim, new Request(T0, 3, T1, false)); // should return false because n > Burst
        runReserve(lim, new Request(T0, 2, T0, true));
        run(lim, new Allow(T1, 1, 2, false)); // not enough tokens - don't allow
        runReserve(lim, new Request(T1, 2, T2, true));
        run(lim, new Allow(T1, -1, 1, false)); // negative tokens - don't allow
        run(lim, new Allow(T3, 1, 1, true));
    }

    /** Go: rate_test.go {@code TestCancelInvalid}: cancelling a not-OK reservation changes nothing. */
    @Test
    void cancelInvalid() {
        Limiter lim = new Limiter(new Limit(10), 2);
        runReserve(lim, new Request(T0, 2, T0, true));
        Reservation r = runReserve(lim, new Request(T0, 3, T3, false));
        r.cancelAt(T0); // should have no effect
        runReserve(lim, new Request(T0, 2, T2, true)); // did not get extra tokens
    }

    /** Go: rate_test.go {@code TestCancelLast}: cancelling the latest reservation gives all its tokens back. */
    @Test
    void cancelLast() {
        Limiter lim = new Limiter(new Limit(10), 2);
        runReserve(lim, new Request(T0, 2, T0, true));
        Reservation r = runReserve(lim, new Request(T0, 2, T2, true));
        r.cancelAt(T1); // got 2 tokens back
        runReserve(lim, new Request(T1, 2, T2, true));
    }

    /** Go: rate_test.go {@code TestCancelTooLate}: a cancel after the time to act has no effect. */
    @Test
    void cancelTooLate() {
        Limiter lim = new Limiter(new Limit(10), 2);
        runReserve(lim, new Request(T0, 2, T0, true));
        Reservation r = runReserve(lim, new Request(T0, 2, T2, true));
        r.cancelAt(T3); // too late to cancel - should have no effect
        runReserve(lim, new Request(T3, 2, T4, true));
    }

    /** Go: rate_test.go {@code TestCancel0Tokens}: tokens that later reservations rely on are not given back. */
    @Test
    void cancel0Tokens() {
        Limiter lim = new Limiter(new Limit(10), 2);
        runReserve(lim, new Request(T0, 2, T0, true));
        Reservation r = runReserve(lim, new Request(T0, 1, T1, true));
        runReserve(lim, new Request(T0, 1, T2, true));
        r.cancelAt(T0); // got 0 tokens back
        runReserve(lim, new Request(T0, 1, T3, true));
    }

    /** Go: rate_test.go {@code TestCancel1Token}: a cancel gives back only the part no later reservation relies on. */
    @Test
    void cancel1Token() {
        Limiter lim = new Limiter(new Limit(10), 2);
        runReserve(lim, new Request(T0, 2, T0, true));
        Reservation r = runReserve(lim, new Request(T0, 2, T2, true));
        runReserve(lim, new Request(T0, 1, T3, true));
        r.cancelAt(T2); // got 1 token back
        runReserve(lim, new Request(T2, 2, T4, true));
    }

    /** Go: rate_test.go {@code TestCancelMulti}: cancelling the last, then an earlier reservation, gives back as if the last never was. */
    @Test
    void cancelMulti() {
        Limiter lim = new Limiter(new Limit(10), 4);
        runReserve(lim, new Request(T0, 4, T0, true));
        Reservation rA = runReserve(lim, new Request(T0, 3, T3, true));
        runReserve(lim, new Request(T0, 1, T4, true));
        Reservation rC = runReserve(lim, new Request(T0, 1, T5, true));
        rC.cancelAt(T1); // get 1 token back
        rA.cancelAt(T1); // get 2 tokens back, as if C was never reserved
        runReserve(lim, new Request(T1, 3, T5, true));
    }

    /** Go: rate_test.go {@code TestReserveJumpBack}: reservations at earlier times; failed ones leave the state unchanged. */
    @Test
    void reserveJumpBack() {
        Limiter lim = new Limiter(new Limit(10), 2);
        runReserve(lim, new Request(T1, 2, T1, true)); // start at t1
        runReserve(lim, new Request(T0, 1, T1, true)); // should violate Limit,Burst
        runReserve(lim, new Request(T2, 2, T3, true));
        // burst size is 2, so n=3 always fails, and the state of lim should not be changed
        runReserve(lim, new Request(T0, 3, null, false));
        runReserve(lim, new Request(T2, 1, T4, true));
        // the maxReserve is not enough so it fails, and the state of lim should not be changed
        runReserveMax(lim, new Request(T0, 2, null, false), D.toNanos());
        runReserve(lim, new Request(T2, 1, T5, true));
    }

    /** Go: rate_test.go {@code TestReserveJumpBackCancel}: a cancel at an earlier time gives back the unrelied-on tokens. */
    @Test
    void reserveJumpBackCancel() {
        Limiter lim = new Limiter(new Limit(10), 2);
        runReserve(lim, new Request(T1, 2, T1, true)); // start at t1
        Reservation r = runReserve(lim, new Request(T1, 2, T3, true));
        runReserve(lim, new Request(T1, 1, T4, true));
        r.cancelAt(T0); // cancel at t0, get 1 token back
        runReserve(lim, new Request(T1, 2, T4, true)); // should violate Limit,Burst
    }

    /** Go: rate_test.go {@code TestReserveSetLimit}: a new limit applies from its time; earlier bookings keep theirs. */
    @Test
    void reserveSetLimit() {
        Limiter lim = new Limiter(new Limit(5), 2);
        runReserve(lim, new Request(T0, 2, T0, true));
        runReserve(lim, new Request(T0, 2, T4, true));
        lim.setLimitAt(T2, new Limit(10));
        runReserve(lim, new Request(T2, 1, T4, true)); // violates Limit and Burst
    }

    /** Go: rate_test.go {@code TestReserveSetBurst}: a larger burst permits larger reservations. */
    @Test
    void reserveSetBurst() {
        Limiter lim = new Limiter(new Limit(5), 2);
        runReserve(lim, new Request(T0, 2, T0, true));
        runReserve(lim, new Request(T0, 2, T4, true));
        lim.setBurstAt(T3, 4);
        runReserve(lim, new Request(T0, 4, T9, true)); // violates Limit and Burst
    }

    /** Go: rate_test.go {@code TestReserveSetLimitCancel}: a cancel after setLimit gives back at the reservation's own limit. */
    @Test
    void reserveSetLimitCancel() {
        Limiter lim = new Limiter(new Limit(5), 2);
        runReserve(lim, new Request(T0, 2, T0, true));
        Reservation r = runReserve(lim, new Request(T0, 2, T4, true));
        lim.setLimitAt(T2, new Limit(10));
        r.cancelAt(T2); // 2 tokens back
        runReserve(lim, new Request(T2, 2, T3, true));
    }

    /** Go: rate_test.go {@code TestReserveMax}: a reservation further away than maxFutureReserve fails. */
    @Test
    void reserveMax() {
        Limiter lim = new Limiter(new Limit(10), 2);
        long maxT = D.toNanos();
        runReserveMax(lim, new Request(T0, 2, T0, true), maxT);
        runReserveMax(lim, new Request(T0, 1, T1, true), maxT); // reserve for close future
        runReserveMax(lim, new Request(T0, 1, T2, false), maxT); // time to act too far in the future
    }

    // ---- Wait

    /** Go: rate_test.go {@code TestWaitSimple}: a done ctx fails, n > burst fails, then waits take 0 and 2 d. */
    @Test
    void waitSimple() {
        Synctest.test(() -> {
            Limiter lim = new Limiter(new Limit(10), 3);
            CancelContext ctx = Context.withCancel(Context.background());
            ctx.cancel();
            assertSame(Context.CANCELED, runWait(lim, "already-cancelled", ctx, 1, 0, false));
            RuntimeException e = runWait(lim, "exceed-burst-error", Context.background(), 4, 0, false);
            assertEquals("rate: Wait(n=4) exceeds limiter's burst 3", e.getMessage());
            runWait(lim, "act-now", Context.background(), 2, 0, true);
            runWait(lim, "act-later", Context.background(), 3, 2, true);
        });
    }

    /** Go: rate_test.go {@code TestWaitCancel}: a wait cancelled after d fails and gives its 3 tokens back. */
    @Test
    void waitCancel() {
        Synctest.test(() -> {
            Limiter lim = new Limiter(new Limit(10), 3);
            CancelContext ctx = Context.withCancel(Context.background());
            runWait(lim, "act-now", ctx, 2, 0, true); // after this lim.tokens = 1
            Go.go(() -> {
                Time.sleep(D);
                ctx.cancel();
            });
            assertSame(Context.CANCELED, runWait(lim, "will-cancel", ctx, 3, 1, false));
            // should get 3 tokens back, and have lim.tokens = 2
            assertTrue(lim.tokens() == 2, "tokens = " + lim.tokens());
            runWait(lim, "act-now-after-cancel", Context.background(), 2, 0, true);
        });
    }

    /** Go: rate_test.go {@code TestWaitTimeout}: a wait that would end after the ctx deadline fails at once. */
    @Test
    void waitTimeout() {
        Synctest.test(() -> {
            Limiter lim = new Limiter(new Limit(10), 3);
            try (CancelContext ctx = Context.withTimeout(Context.background(), D)) {
                runWait(lim, "act-now", ctx, 2, 0, true);
                RuntimeException e = runWait(lim, "w-timeout-err", ctx, 3, 0, false);
                assertEquals("rate: Wait(n=3) would exceed context deadline", e.getMessage());
            }
        });
    }

    /** Go: rate_test.go {@code TestWaitInf}: with an infinite limit, n above the burst (0) waits not at all. */
    @Test
    void waitInf() {
        Synctest.test(() -> {
            Limiter lim = new Limiter(Limit.INF, 0);
            runWait(lim, "exceed-burst-no-error", Context.background(), 3, 0, true);
        });
    }

    // ---- zero and tiny limits

    /** Go: rate_test.go {@code TestZeroLimit}: a zero limit grants the starting token, then nothing. */
    @Test
    void zeroLimit() {
        Limiter r = new Limiter(new Limit(0), 1);
        assertTrue(r.allow(), "Limit(0, 1) want true when first used");
        assertFalse(r.allow(), "Limit(0, 1) want false when already used");
    }

    /** Go: rate_test.go {@code TestSetAfterZeroLimit}: after the zero limit is raised to 10/s, the next token comes in d. */
    @Test
    void setAfterZeroLimit() {
        Synctest.test(() -> {
            Limiter lim = new Limiter(new Limit(0), 1);
            // The limiter should start off full, so even though our rate limit is 0, our first
            // request should be allowed…
            assertTrue(lim.allow(), "Limit(0, 1) want true when first used");
            // …the token bucket is not being replenished though, so the second request should not succeed
            assertFalse(lim.allow(), "Limit(0, 1) want false when already used");
            lim.setLimit(new Limit(10));
            // We set the limit to 10/s so expect to get another token in 100ms
            runWait(lim, "wait-after-set-nonzero-after-zero", Context.background(), 1, 1, true);
        });
    }

    /** Go: rate_test.go {@code TestTinyLimit} (Go issue 71154): a tiny rate does not overflow into allowing more than the burst. */
    @Test
    void tinyLimit() {
        Limiter lim = new Limiter(new Limit(1e-10), 1);
        // The limiter starts with 1 burst token, so the first request should succeed
        assertTrue(lim.allow(), "Limit(1e-10, 1) want true when first used");
        // The limiter should not have replenished the token bucket yet, so the second request should fail
        assertFalse(lim.allow(), "Limit(1e-10, 1) want false when already used");
    }
}
