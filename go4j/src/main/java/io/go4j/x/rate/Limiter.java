package io.go4j.x.rate;

import io.go4j.Select;
import io.go4j.WaitInterruptedException;
import io.go4j.context.Context;
import io.go4j.context.ContextException;
import io.go4j.sync.Mutex;
import io.go4j.time.Time;
import io.go4j.time.Timer;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import static io.go4j.Case.otherwise;
import static io.go4j.Case.recv;

/**
 * A token-bucket rate limiter: Go's {@code *rate.Limiter} from {@code golang.org/x/time/rate}.
 * The bucket holds at most {@code burst} tokens, starts full, and refills at {@code limit}
 * tokens per second; each event takes one token (the {@code ...N} methods take {@code n}).
 * Over any long interval the limiter permits {@code limit} events per second, with bursts of at
 * most {@code burst}. With {@link Limit#INF} every event is permitted and the burst is ignored.
 *
 * {@snippet :
 * Limiter lim = new Limiter(Limit.every(Duration.ofMillis(100)), 3); // lim := rate.NewLimiter(rate.Every(100*time.Millisecond), 3)
 * if (lim.allow()) {                                                 // if lim.Allow() {
 *     handle(request);                                               //     handle(request)
 * }                                                                  // }
 * lim.await(ctx);                                                    // if err := lim.Wait(ctx); err != nil { ... }
 * send(message);
 * }
 *
 * <p>Three ways to take tokens, differing in what happens when there are too few:
 * {@link #allow()} says no; {@link #reserve()} books future tokens and says how long to wait
 * ({@link Reservation}); {@link #await} waits for them (most callers should use it). The
 * {@code ...At(Instant t, ...)} and {@code ...N(Instant t, ...)} variants take the time
 * explicitly; the others read {@link Time#now()}, the goroutine's clock, so inside a synctest
 * bubble the limiter runs on the bubble's fake clock.
 *
 * <p>Go's names: {@code Wait}/{@code WaitN} are {@link #await}/{@link #awaitN} (as go4j's
 * {@code WaitGroup.await}: {@code Object.wait} is taken). Where Go returns an {@code error},
 * {@code awaitN} throws: {@link RateException} with Go's message, or the context's
 * {@link ContextException} ({@code ctx.err()}).
 *
 * <p>Thread-safety and memory effects: safe for use by many goroutines. Every method runs under
 * one {@link Mutex} (Go's {@code lim.mu}), so the calls on one limiter are totally ordered and
 * each happens-before the next; {@code awaitN} holds the mutex only while reserving, never
 * while it waits. Mutex waits are short and not interruptible.
 */
public final class Limiter {

    /*
     * Implementation notes. A port of golang.org/x/time/rate/rate.go (2025: the limiter starts
     * full, durationFromTokens caps at InfDuration (Go issue 71154), advance lets time jump
     * backwards). The bucket is not refilled by a clock: each call computes, lazily, what the
     * bucket holds at its time t (advance), then writes the result back.
     *
     *     tokens (may be negative: booked future tokens)
     *       burst ┤─────────╭──────   refills at limit/s up to burst
     *             │        ╱
     *           0 ┤───────╱──────────────────────────> time
     *             │      ╱  ← a reservation took more than there were; it acts when
     *             │ ____╱     the line crosses 0 again (timeToAct = lastEvent)
     *                  last
     *
     * Invariants (under mu): tokens <= burst after every update; last is the time tokens was
     * computed for; lastEvent is the latest timeToAct of any OK reservation (past or future),
     * used by cancel to tell how many of a reservation's tokens later reservations rely on.
     * Non-invariants: tokens may be negative (debt of future reservations); last may move
     * backwards (a call with an earlier t sets last = t; as Go, the bucket then neither gains nor
     * loses for the jump); burst may be changed below tokens by setBurst (tokens is clamped at
     * the next advance).
     *
     * Special cases, all Go's: limit == INF permits everything at once and changes nothing;
     * a limit <= 0 refills nothing (tokensFromDuration = 0) and makes any debt infinitely long
     * (durationFromTokens = InfDuration), so a zero-limit limiter grants only the tokens it
     * starts with (ReserveN still returns OK with an infinite delay); burst 0 refuses every
     * n > 0 unless the limit is INF. Differences from Go: times are Instants and durations Go's
     * int64 nanoseconds (GoTimes); a zero-value Limiter does not exist (new Limiter(new Limit(0), 0)
     * behaves like one); awaitN cancels its reservation also when interrupted.
     */

    /** Go's zero {@code Limit}, which a reservation made under {@link Limit#INF} carries. */
    private static final Limit NO_LIMIT = new Limit(0);

    private final Mutex mu = new Mutex();
    private Limit limit;               // guarded by mu
    private int burst;                 // guarded by mu
    private double tokens;             // guarded by mu
    /** The last time {@link #tokens} was updated. */
    private Instant last = GoTimes.ZERO;      // guarded by mu
    /** The latest time of a rate-limited event (past or future). */
    private Instant lastEvent = GoTimes.ZERO; // guarded by mu

    /**
     * A limiter that allows events up to rate {@code r} and bursts of at most {@code b} tokens,
     * starting full: Go's {@code rate.NewLimiter(r, b)}.
     */
    public Limiter(Limit r, int b) {
        this.limit = Objects.requireNonNull(r, "r");
        this.burst = b;
        this.tokens = b;
    }

    // ---------------------------------------------------------------- state

    /** The maximum overall event rate: Go's {@code lim.Limit()}. */
    public Limit limit() {
        mu.lock();
        try {
            return limit;
        } finally {
            mu.unlock();
        }
    }

    /**
     * The maximum burst: the most tokens one call of {@code allow}, {@code reserve} or
     * {@code await} may take: Go's {@code lim.Burst()}. A zero burst allows no events unless the
     * limit is {@link Limit#INF}.
     */
    public int burst() {
        mu.lock();
        try {
            return burst;
        } finally {
            mu.unlock();
        }
    }

    /** The tokens available now: Go's {@code lim.Tokens()}. Negative while future tokens are booked. */
    public double tokens() {
        return tokensAt(Time.now());
    }

    /** The tokens available at time {@code t}: Go's {@code lim.TokensAt(t)}; changes nothing. */
    public double tokensAt(Instant t) {
        Objects.requireNonNull(t, "t");
        mu.lock();
        try {
            return advance(t);
        } finally {
            mu.unlock();
        }
    }

    // ---------------------------------------------------------------- allow, reserve

    /** {@code allowN(Time.now(), 1)}: Go's {@code lim.Allow()}. */
    public boolean allow() {
        return allowN(Time.now(), 1);
    }

    /**
     * Whether {@code n} events may happen at time {@code t}, taking their tokens if so: Go's
     * {@code lim.AllowN(t, n)}. For callers that drop or skip events over the limit.
     */
    public boolean allowN(Instant t, int n) {
        return reserveN(t, n, 0).ok();
    }

    /** {@code reserveN(Time.now(), 1)}: Go's {@code lim.Reserve()}. */
    public Reservation reserve() {
        return reserveN(Time.now(), 1);
    }

    /**
     * Books {@code n} tokens at time {@code t} and says how long the caller must wait before the
     * {@code n} events: Go's {@code lim.ReserveN(t, n)}. The limiter counts the booking when it
     * permits later events. The reservation is not {@link Reservation#ok() OK} (and books
     * nothing) if {@code n} exceeds the burst. For callers that slow down without dropping
     * events and need no deadline or cancellation (else use {@link #awaitN}).
     */
    public Reservation reserveN(Instant t, int n) {
        return reserveN(t, n, GoTimes.MAX);
    }

    // ---------------------------------------------------------------- await

    /** {@code awaitN(ctx, 1)}: Go's {@code lim.Wait(ctx)}. */
    public void await(Context ctx) {
        awaitN(ctx, 1);
    }

    /**
     * Blocks until the limiter permits {@code n} events: Go's {@code lim.WaitN(ctx, n)}. Returns
     * normally when they may happen. The burst is ignored if the limit is {@link Limit#INF}.
     * Waits in a {@code select} over a timer of the goroutine's clock and {@code ctx.done()}
     * (Go's wait reason {@code select}); the timer is stopped on every path.
     *
     * @throws RateException {@code rate: Wait(n=%d) exceeds limiter's burst %d} if {@code n} is
     *         more than the burst, or {@code rate: Wait(n=%d) would exceed context deadline} if
     *         the tokens come after the context's deadline (at once, without waiting)
     * @throws ContextException {@code ctx.err()} if {@code ctx} is done before the wait ends (or
     *         already was); the reservation is then cancelled, giving its tokens back
     * @throws WaitInterruptedException if the thread is interrupted while waiting; the
     *         reservation is cancelled as for a done context, and the interrupt flag stays set
     */
    public void awaitN(Context ctx, int n) {
        Objects.requireNonNull(ctx, "ctx");
        int b;
        Limit l;
        mu.lock();
        try {
            b = burst;
            l = limit;
        } finally {
            mu.unlock();
        }
        if (n > b && !l.isInf()) {
            throw new RateException(String.format("rate: Wait(n=%d) exceeds limiter's burst %d", n, b));
        }
        // Check if ctx is already cancelled.
        boolean done = Select.select(recv(ctx.done(), x -> true), otherwise(() -> false));
        if (done) {
            throw errOf(ctx);
        }
        // Determine the wait limit.
        Instant t = Time.now();
        long waitLimit = GoTimes.MAX;
        Optional<Instant> deadline = ctx.deadline();
        if (deadline.isPresent()) {
            waitLimit = GoTimes.sub(deadline.get(), t);
        }
        // Reserve.
        Reservation r = reserveN(t, n, waitLimit);
        if (!r.ok()) {
            throw new RateException(String.format("rate: Wait(n=%d) would exceed context deadline", n));
        }
        // Wait if necessary.
        long delay = r.delayFromNanos(t);
        if (delay == 0) {
            return;
        }
        Timer timer = Time.newTimer(Duration.ofNanos(delay));
        boolean fired;
        try {
            fired = Select.select(recv(timer.c(), x -> true), recv(ctx.done(), x -> false));
        } catch (WaitInterruptedException e) {
            r.cancel(); // no events will happen: give the tokens back, as for a done context
            throw e;
        } finally {
            timer.stop();
        }
        if (!fired) {
            // The context was done before we could proceed. Cancel the reservation, which may
            // permit other events to proceed sooner.
            r.cancel();
            throw errOf(ctx);
        }
    }

    /** {@code ctx.err()} of a done context; {@code CANCELED} for a foreign context that breaks the contract. */
    private static ContextException errOf(Context ctx) {
        ContextException err = ctx.err();
        return err != null ? err : Context.CANCELED;
    }

    // ---------------------------------------------------------------- set

    /** {@code setLimitAt(Time.now(), newLimit)}: Go's {@code lim.SetLimit(newLimit)}. */
    public void setLimit(Limit newLimit) {
        setLimitAt(Time.now(), newLimit);
    }

    /**
     * Sets a new limit at time {@code t}, after crediting the tokens earned until {@code t} at the
     * old limit: Go's {@code lim.SetLimitAt(t, newLimit)}. Reservations made before (and waits
     * under way) keep their times, so they may violate or under-use the new limit and burst.
     */
    public void setLimitAt(Instant t, Limit newLimit) {
        Objects.requireNonNull(t, "t");
        Objects.requireNonNull(newLimit, "newLimit");
        mu.lock();
        try {
            double tk = advance(t);
            last = t;
            tokens = tk;
            limit = newLimit;
        } finally {
            mu.unlock();
        }
    }

    /** {@code setBurstAt(Time.now(), newBurst)}: Go's {@code lim.SetBurst(newBurst)}. */
    public void setBurst(int newBurst) {
        setBurstAt(Time.now(), newBurst);
    }

    /**
     * Sets a new burst at time {@code t}, after crediting the tokens earned until {@code t}:
     * Go's {@code lim.SetBurstAt(t, newBurst)}. Tokens above a smaller burst are dropped at the
     * next refill computation.
     */
    public void setBurstAt(Instant t, int newBurst) {
        Objects.requireNonNull(t, "t");
        mu.lock();
        try {
            double tk = advance(t);
            last = t;
            tokens = tk;
            burst = newBurst;
        } finally {
            mu.unlock();
        }
    }

    @Override
    public String toString() {
        mu.lock();
        try {
            return "Limiter[limit=" + limit.perSecond() + "/s, burst=" + burst + ", tokens=" + tokens + "]";
        } finally {
            mu.unlock();
        }
    }

    // ---------------------------------------------------------------- the core (Go's reserveN, CancelAt, advance)

    /**
     * Go's {@code lim.reserveN}: the one path of {@code allowN} (maxFutureReserve 0),
     * {@code reserveN} (InfDuration) and {@code awaitN} (time to the context's deadline).
     * Package-private for the ports of Go's table tests, which call it directly.
     */
    Reservation reserveN(Instant t, int n, long maxFutureReserve) {
        Objects.requireNonNull(t, "t");
        mu.lock();
        try {
            // 1. Infinite limit: act now, change nothing (Go leaves the reservation's limit 0).
            if (limit.isInf()) {
                return new Reservation(true, this, n, t, NO_LIMIT);
            }
            // 2. The tokens at t, minus the request; a debt is a wait.
            double tk = advance(t) - n;
            long waitDuration = 0;
            if (tk < 0) {
                waitDuration = limit.durationFromTokens(-tk);
            }
            // 3. Decide; only an OK reservation changes the limiter.
            boolean ok = n <= burst && waitDuration <= maxFutureReserve;
            if (!ok) {
                return new Reservation(false, this, 0, GoTimes.ZERO, limit);
            }
            Instant timeToAct = t.plusNanos(waitDuration);
            last = t;
            tokens = tk;
            lastEvent = timeToAct;
            return new Reservation(true, this, n, timeToAct, limit);
        } finally {
            mu.unlock();
        }
    }

    /** Go's {@code r.CancelAt(t)} for an OK reservation {@code r}: gives back what later bookings do not rely on. */
    void cancel(Reservation r, Instant t) {
        Objects.requireNonNull(t, "t");
        mu.lock();
        try {
            if (limit.isInf() || r.tokens() == 0 || r.timeToAct().isBefore(t)) {
                return;
            }
            // The time between lastEvent and r's timeToAct was booked by reservations made after
            // r: those tokens are not given back.
            double restoreTokens = r.tokens() - r.limit().tokensFromDuration(GoTimes.sub(lastEvent, r.timeToAct()));
            if (restoreTokens <= 0) {
                return;
            }
            double tk = advance(t) + restoreTokens;
            if (tk > burst) {
                tk = burst;
            }
            last = t;
            tokens = tk;
            if (r.timeToAct().equals(lastEvent)) {
                // r was the latest booking: the latest event is now the one before it, if not past.
                Instant prevEvent = r.timeToAct().plusNanos(r.limit().durationFromTokens(-r.tokens()));
                if (!prevEvent.isBefore(t)) {
                    lastEvent = prevEvent;
                }
            }
        } finally {
            mu.unlock();
        }
    }

    /**
     * Go's {@code lim.advance(t)}: the tokens the bucket holds at {@code t}, refilled since
     * {@code last} at the current limit and capped at the burst. Changes nothing. Requires mu.
     * A {@code t} before {@code last} counts as no time passed.
     */
    private double advance(Instant t) {
        Instant l = last;
        if (t.isBefore(l)) {
            l = t;
        }
        long elapsed = GoTimes.sub(t, l);
        double delta = limit.tokensFromDuration(elapsed);
        double tk = tokens + delta;
        if (tk > burst) {
            tk = burst;
        }
        return tk;
    }
}
