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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Rendezvous}: two parties swap values whoever comes first (seed 001's "Rendezvous"
 * program, with values); a cancelled or interrupted exchange pairs with nobody and leaves the
 * rendezvous unchanged; timeouts in virtual time; a counted stress run with cancellations.
 * No test sleeps.
 */
@Timeout(60)
class RendezvousTest {

    static final boolean LONG = "long".equals(System.getProperty("go4j.stress.mode", "short"));

    private Leaks.Option before;

    @BeforeEach
    void snapshot() {
        before = Leaks.ignoreCurrent();
    }

    @AfterEach
    void noLeaks() {
        Leaks.verifyNone(before); // no exchanger is left waiting
    }

    /** Each side gets the other's value, whichever arrives first (both orders forced). */
    @Test
    void swapsValuesInBothOrders() {
        for (int order = 0; order < 2; order++) {
            Rendezvous<String> r = new Rendezvous<>();
            AtomicReference<String> got = new AtomicReference<>();
            Goroutine g = Go.go(() -> got.set(r.exchange("from goroutine")));
            if (order == 0) {
                PubSubTest.awaitParked(g); // the goroutine arrives first
            }
            assertEquals("from goroutine", r.exchange("from test"));
            BroadcastTest.awaitEnded(g);
            assertEquals("from test", got.get());
        }
    }

    /** Null values are exchanged like any other. */
    @Test
    void nullValues() {
        Rendezvous<String> r = new Rendezvous<>();
        AtomicReference<String> got = new AtomicReference<>("unset");
        Goroutine g = Go.go(() -> got.set(r.exchange(null)));
        assertEquals(null, r.exchange(null));
        BroadcastTest.awaitEnded(g);
        assertNull(got.get());
    }

    /** A cancelled exchange throws ctx.err() and its value is never handed to a later partner. */
    @Test
    void cancelledExchangePairsWithNobody() {
        Rendezvous<String> r = new Rendezvous<>();
        CancelContext ctx = Context.withCancel(Context.background());
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Goroutine g = Go.go(() -> {
            try {
                r.exchange(ctx, "stale");
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        PubSubTest.awaitParked(g);
        ctx.cancel();
        BroadcastTest.awaitEnded(g);
        assertSame(Context.CANCELED, thrown.get());
        // A fresh pair meets each other, not the cancelled offer.
        AtomicReference<String> got = new AtomicReference<>();
        Goroutine h = Go.go(() -> got.set(r.exchange("a")));
        assertEquals("a", r.exchange("b"));
        BroadcastTest.awaitEnded(h);
        assertEquals("b", got.get());
        // An already-done context fails at once.
        assertThrows(ContextException.class, () -> r.exchange(ctx, "x"));
    }

    /** A timeout runs in virtual time inside a bubble: DEADLINE_EXCEEDED with no partner. */
    @Test
    void timeoutInVirtualTime() {
        Synctest.test(() -> {
            Rendezvous<Integer> r = new Rendezvous<>();
            try (CancelContext ctx = Context.withTimeout(Context.background(), Duration.ofHours(1))) {
                assertSame(Context.DEADLINE_EXCEEDED, assertThrows(ContextException.class, () -> r.exchange(ctx, 1)));
            }
        });
    }

    /** An interrupted exchange throws WaitInterruptedException with the flag set, and pairs with nobody. */
    @Test
    void interruptPairsWithNobody() {
        Rendezvous<Integer> r = new Rendezvous<>();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        boolean[] flag = {false};
        Goroutine g = Go.go(() -> {
            try {
                r.exchange(1);
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
        Goroutine h = Go.go(() -> r.exchange(2));
        assertEquals(2, r.exchange(3));
        BroadcastTest.awaitEnded(h);
    }

    /**
     * Counted stress: 8 goroutines exchange unique values until a shared counter runs out, then
     * their last exchanges are cancelled. Every value whose exchange returned was received by
     * exactly one other goroutine; no value of a cancelled exchange was received; pairs are
     * symmetric (nobody exchanges with itself).
     */
    @Test
    void stressNothingLostNothingDoubled() {
        int parties = 8;
        int target = LONG ? 200_000 : 20_000;
        Rendezvous<long[]> r = new Rendezvous<>();
        CancelContext ctx = Context.withCancel(Context.background());
        AtomicInteger exchanges = new AtomicInteger();
        Set<Long> delivered = ConcurrentHashMap.newKeySet();
        List<List<long[]>> received = new ArrayList<>();
        WaitGroup wg = new WaitGroup();
        for (int p = 0; p < parties; p++) {
            int id = p;
            List<long[]> mine = new ArrayList<>();
            received.add(mine);
            wg.go(() -> {
                for (long seq = 0; ; seq++) {
                    long key = ((long) id << 40) | seq;
                    long[] got;
                    try {
                        got = r.exchange(ctx, new long[] {id, key});
                    } catch (ContextException e) {
                        return;
                    }
                    delivered.add(key);
                    mine.add(got);
                    if (exchanges.incrementAndGet() == target) {
                        ctx.cancel();
                    }
                }
            });
        }
        wg.await();
        Set<Long> seen = new HashSet<>();
        for (int p = 0; p < parties; p++) {
            for (long[] v : received.get(p)) {
                assertTrue(v[0] != p, "exchanged with itself: " + p);
                assertTrue(seen.add(v[1]), "doubled: " + v[1]);
            }
        }
        assertEquals(delivered, seen);
        assertTrue(seen.size() >= target);
    }
}
