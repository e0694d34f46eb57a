package io.go4j.pipe;

import io.go4j.Go;
import io.go4j.Goroutine;
import io.go4j.WaitInterruptedException;
import io.go4j.context.CancelContext;
import io.go4j.context.Context;
import io.go4j.context.ContextException;
import io.go4j.sync.WaitGroup;
import io.go4j.testing.Leaks;
import io.go4j.testing.Synctest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Barrier}: rounds (nobody passes before all arrived), one leader per round,
 * generation safety, withdrawal on context cancellation, timeout and interrupt, and a
 * counted stress run. Seed 001's "Barreras de Sincronización" program is the model.
 * No test sleeps; time-dependent cases run in a {@link Synctest} bubble.
 */
@Timeout(60)
class BarrierTest {

    static final boolean LONG = "long".equals(System.getProperty("go4j.stress.mode", "short"));

    private Leaks.Option before;

    @BeforeEach
    void snapshot() {
        before = Leaks.ignoreCurrent();
    }

    @AfterEach
    void noLeaks() {
        Leaks.verifyNone(before); // no goroutine is left waiting at a barrier
    }

    /** Seed 001's program: 5 workers, 3 phases; in each phase every worker sees all 5 arrivals of the phase. */
    @Test
    void phasesAreSeparated() {
        int n = 5;
        int phases = 3;
        Barrier b = new Barrier(n);
        AtomicIntegerArray arrivals = new AtomicIntegerArray(phases);
        AtomicInteger leaders = new AtomicInteger();
        AtomicReference<String> failure = new AtomicReference<>();
        WaitGroup wg = new WaitGroup();
        for (int w = 0; w < n; w++) {
            wg.go(() -> {
                for (int p = 0; p < phases; p++) {
                    arrivals.incrementAndGet(p);
                    if (b.await()) {
                        leaders.incrementAndGet();
                    }
                    if (arrivals.get(p) != n) {
                        failure.set("passed phase " + p + " with " + arrivals.get(p) + " arrivals");
                    }
                }
            });
        }
        wg.await();
        assertEquals(null, failure.get());
        assertEquals(phases, leaders.get()); // exactly one leader per round
        assertEquals(0, b.waiting());
    }

    /** A barrier of 1 never waits and always leads. */
    @Test
    void singleParty() {
        Barrier b = new Barrier(1);
        assertTrue(b.await());
        assertTrue(b.await());
        assertThrows(IllegalArgumentException.class, () -> new Barrier(0));
    }

    /** Generation safety: a goroutine re-entering the next round waits for a new full round. */
    @Test
    void fastGoroutineCannotReleaseThePreviousRound() {
        Barrier b = new Barrier(2);
        AtomicInteger passed = new AtomicInteger();
        Goroutine fast = Go.go(() -> {
            b.await();
            passed.incrementAndGet();
            b.await(); // round 2: must wait for the slow one to come again
            passed.incrementAndGet();
        });
        b.await(); // round 1 completes
        while (passed.get() == 0 || b.waiting() == 0) {
            Thread.yield(); // until fast is in round 2 (bounded by the class timeout)
        }
        PubSubTest.awaitParked(fast);
        assertEquals(1, passed.get());
        assertEquals(1, b.waiting());
        assertTrue(fast.isAlive());
        b.await(); // round 2
        BroadcastTest.awaitEnded(fast);
        assertEquals(2, passed.get());
    }

    /** A cancelled await throws ctx.err() and withdraws its arrival; the barrier still works. */
    @Test
    void cancelledAwaitWithdraws() {
        Barrier b = new Barrier(2);
        CancelContext ctx = Context.withCancel(Context.background());
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Goroutine g = Go.go(() -> {
            try {
                b.await(ctx);
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        PubSubTest.awaitParked(g);
        assertEquals(1, b.waiting());
        ctx.cancel();
        BroadcastTest.awaitEnded(g);
        assertSame(Context.CANCELED, thrown.get());
        assertEquals(0, b.waiting());
        // A full new round still needs two parties.
        Goroutine other = Go.go(() -> b.await());
        PubSubTest.awaitParked(other);
        assertTrue(b.await()); // the second arrival completes the round, and leads
        BroadcastTest.awaitEnded(other);
    }

    /** An already-cancelled context fails at once unless the caller completes the round. */
    @Test
    void doneContextAndTheLastArrival() {
        Barrier b = new Barrier(1);
        CancelContext ctx = Context.withCancel(Context.background());
        ctx.cancel();
        assertTrue(b.await(ctx)); // the last arrival does not wait, so it is not cancelled
        Barrier two = new Barrier(2);
        assertThrows(ContextException.class, () -> two.await(ctx));
        assertEquals(0, two.waiting());
    }

    /** A timeout (virtual time) withdraws the arrival with DEADLINE_EXCEEDED. */
    @Test
    void timeoutInVirtualTime() {
        Synctest.test(() -> {
            Barrier b = new Barrier(3);
            try (CancelContext ctx = Context.withTimeout(Context.background(), Duration.ofMinutes(10))) {
                AtomicReference<Throwable> other = new AtomicReference<>();
                Go.go(() -> {
                    try {
                        b.await(ctx);
                    } catch (Throwable t) {
                        other.set(t);
                    }
                });
                ContextException e = assertThrows(ContextException.class, () -> b.await(ctx));
                assertSame(Context.DEADLINE_EXCEEDED, e);
                Synctest.await();
                assertSame(Context.DEADLINE_EXCEEDED, other.get());
            }
            assertEquals(0, b.waiting());
        });
    }

    /** An interrupted await throws WaitInterruptedException, keeps the flag, and withdraws. */
    @Test
    void interruptWithdraws() {
        Barrier b = new Barrier(2);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        boolean[] flag = {false};
        Goroutine g = Go.go(() -> {
            try {
                b.await();
            } catch (Throwable t) {
                thrown.set(t);
                flag[0] = Thread.currentThread().isInterrupted();
            }
        });
        PubSubTest.awaitParked(g);
        g.interrupt();
        BroadcastTest.awaitEnded(g);
        assertTrue(thrown.get() instanceof WaitInterruptedException, String.valueOf(thrown.get()));
        assertTrue(flag[0]);
        assertEquals(0, b.waiting());
    }

    /**
     * Counted stress: n goroutines, many rounds, some awaits with a context that a chaos
     * goroutine never cancels; every round has exactly n arrivals before anyone passes and
     * exactly one leader.
     */
    @Test
    void stressRounds() {
        int n = 4;
        int rounds = LONG ? 50_000 : 5_000;
        Barrier b = new Barrier(n);
        AtomicIntegerArray arrivals = new AtomicIntegerArray(rounds);
        AtomicIntegerArray leaders = new AtomicIntegerArray(rounds);
        AtomicReference<String> failure = new AtomicReference<>();
        WaitGroup wg = new WaitGroup();
        for (int w = 0; w < n; w++) {
            int id = w;
            wg.go(() -> {
                for (int r = 0; r < rounds; r++) {
                    arrivals.incrementAndGet(r);
                    boolean leader = (r + id) % 2 == 0 ? b.await() : b.await(Context.background());
                    if (leader) {
                        leaders.incrementAndGet(r);
                    }
                    if (arrivals.get(r) != n) {
                        failure.compareAndSet(null, "round " + r + ": " + arrivals.get(r));
                    }
                }
            });
        }
        wg.await();
        assertEquals(null, failure.get());
        for (int r = 0; r < rounds; r++) {
            assertEquals(1, leaders.get(r), "leaders in round " + r);
        }
    }
}
