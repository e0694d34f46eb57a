package io.go4j.pipe;

import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.Goroutine;
import io.go4j.RecvChan;
import io.go4j.TryRecv;
import io.go4j.context.CancelContext;
import io.go4j.context.Context;
import io.go4j.sync.WaitGroup;
import io.go4j.testing.Leaks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link PubSub}: routing by topic, order, the slow-subscriber policies (deterministic: a
 * subscriber that does not read, and {@link PubSub#done()} to know every delivery is over),
 * close and context cancellation, publish after close, no leaked goroutines, and a counted
 * stress run with several publishers and topics. No test sleeps.
 */
@Timeout(60)
class PubSubTest {

    static final boolean LONG = "long".equals(System.getProperty("go4j.stress.mode", "short"));

    private Leaks.Option before;

    @BeforeEach
    void snapshot() {
        before = Leaks.ignoreCurrent();
    }

    @AfterEach
    void noLeaks() {
        Leaks.verifyNone(before); // the pub/sub goroutine is gone after every test
    }

    static <T> List<T> drain(RecvChan<T> ch) {
        List<T> out = new ArrayList<>();
        for (T v : ch) {
            out.add(v);
        }
        return out;
    }

    static void closeAndWait(PubSub<?, ?> ps) {
        ps.close();
        ps.done().recv();
    }

    /** A value reaches the subscribers of its topic only, and every one of them, in order. */
    @Test
    void routesByTopic() {
        PubSub<String, Integer> ps = PubSub.start(Context.background());
        Subscription<Integer> a1 = ps.subscribe("a", 10, SlowPolicy.BLOCK);
        Subscription<Integer> a2 = ps.subscribe("a", 10, SlowPolicy.DROP_NEWEST);
        Subscription<Integer> b = ps.subscribe("b", 10, SlowPolicy.BLOCK);
        Subscription<Integer> nul = ps.subscribe(null, 10, SlowPolicy.BLOCK);
        assertTrue(ps.publish("a", 1));
        assertTrue(ps.publish("b", 2));
        assertTrue(ps.publish("a", 3));
        assertTrue(ps.publish("nobody", 4)); // accepted and discarded
        assertTrue(ps.publish(null, 5));
        closeAndWait(ps);
        assertEquals(List.of(1, 3), drain(a1.chan()));
        assertEquals(List.of(1, 3), drain(a2.chan()));
        assertEquals(List.of(2), drain(b.chan()));
        assertEquals(List.of(5), drain(nul.chan()));
    }

    /** DROP_NEWEST and DROP_OLDEST on a full buffer drop exactly the newest / the oldest. */
    @Test
    void dropPolicies() {
        PubSub<String, Integer> ps = PubSub.start(Context.background());
        Subscription<Integer> newest = ps.subscribe("t", 2, SlowPolicy.DROP_NEWEST);
        Subscription<Integer> oldest = ps.subscribe("t", 2, SlowPolicy.DROP_OLDEST);
        for (int i = 0; i < 6; i++) {
            assertTrue(ps.publish("t", i));
        }
        closeAndWait(ps);
        assertEquals(List.of(0, 1), drain(newest.chan()));
        assertEquals(List.of(4, 5), drain(oldest.chan()));
        assertEquals(4, newest.dropped());
        assertEquals(4, oldest.dropped());
    }

    /** A BLOCK subscriber that does not read holds publishers back; reading releases them. */
    @Test
    void blockSubscriberHoldsPublishersBack() {
        PubSub<String, Integer> ps = PubSub.start(Context.background());
        Subscription<Integer> slow = ps.subscribe("t", 0, SlowPolicy.BLOCK);
        assertTrue(ps.publish("t", 1)); // taken; delivery waits on slow
        Goroutine pub = Go.go(() -> ps.publish("u", 2)); // another topic, still behind it
        awaitParked(pub);
        assertTrue(pub.isAlive());
        assertEquals(1, slow.chan().recv());
        awaitEnded(pub);
        closeAndWait(ps);
        assertEquals(List.of(), drain(slow.chan()));
    }

    /** Unsubscribing the subscriber a delivery waits on releases the delivery; the others still get it. */
    @Test
    void cancelDuringDelivery() {
        PubSub<String, Integer> ps = PubSub.start(Context.background());
        Subscription<Integer> slow = ps.subscribe("t", 0, SlowPolicy.BLOCK);
        Subscription<Integer> fast = ps.subscribe("t", 5, SlowPolicy.BLOCK);
        assertTrue(ps.publish("t", 1));
        slow.cancel();
        assertInstanceOf(TryRecv.Closed.class, slow.chan().tryRecv());
        assertTrue(ps.publish("t", 2));
        closeAndWait(ps);
        assertEquals(List.of(1, 2), drain(fast.chan()));
    }

    /** Publish after close returns false; subscribing after the end gives a closed channel. */
    @Test
    void publishAfterClose() {
        PubSub<String, Integer> ps = PubSub.start(Context.background());
        Subscription<Integer> s = ps.subscribe("t", 1, SlowPolicy.BLOCK);
        ps.close();
        ps.close(); // idempotent
        assertFalse(ps.publish("t", 1));
        ps.done().recv();
        assertEquals(List.of(), drain(s.chan()));
        Subscription<Integer> late = ps.subscribe("t", 1, SlowPolicy.BLOCK);
        assertInstanceOf(TryRecv.Closed.class, late.chan().tryRecv());
    }

    /** close() lets the message being delivered finish before the channels close. */
    @Test
    void closeFinishesTheDeliveryInFlight() {
        PubSub<String, Integer> ps = PubSub.start(Context.background());
        Subscription<Integer> slow = ps.subscribe("t", 0, SlowPolicy.BLOCK);
        assertTrue(ps.publish("t", 1)); // waits on slow
        ps.close();
        assertInstanceOf(TryRecv.WouldBlock.class, ps.done().tryRecv()); // still delivering
        assertEquals(List.of(1), drain(slow.chan()));
        ps.done().recv();
    }

    /** Cancelling the context abandons the delivery, closes every channel, and publish returns false. */
    @Test
    void contextCancel() {
        CancelContext ctx = Context.withCancel(Context.background());
        PubSub<String, Integer> ps = PubSub.start(ctx);
        Subscription<Integer> slow = ps.subscribe("t", 0, SlowPolicy.BLOCK);
        Subscription<Integer> other = ps.subscribe("x", 4, SlowPolicy.DROP_OLDEST);
        assertTrue(ps.publish("x", 0));
        assertTrue(ps.publish("t", 1)); // stuck on slow
        Goroutine pub = Go.go(() -> ps.publish("t", 2)); // waits behind it
        awaitParked(pub);
        ctx.cancel();
        ps.done().recv();
        awaitEnded(pub);
        assertFalse(ps.publish("t", 3));
        assertEquals(List.of(), drain(slow.chan()));
        assertEquals(List.of(0), drain(other.chan()));
    }

    /** publish(ctx, ...) gives up when the caller's context is done; nothing is published. */
    @Test
    void publishWithCallerContext() {
        PubSub<String, Integer> ps = PubSub.start(Context.background());
        Subscription<Integer> slow = ps.subscribe("t", 0, SlowPolicy.BLOCK);
        assertTrue(ps.publish("t", 1)); // the next publish has to wait
        CancelContext mine = Context.withCancel(Context.background());
        boolean[] result = {true};
        Goroutine pub = Go.go(() -> result[0] = ps.publish(mine, "t", 2));
        awaitParked(pub);
        mine.cancel();
        awaitEnded(pub);
        assertFalse(result[0]);
        assertEquals(1, slow.chan().recv());
        closeAndWait(ps);
        assertEquals(List.of(), drain(slow.chan())); // 2 was never published
    }

    /**
     * All pub/sub goroutines and subscriber goroutines end after cancellation: numGoroutine
     * returns to its base. Ten hubs share one context's done channel and ten publishers run flat
     * out: it once hung for ever here, the publishers started by the test thread never scheduled
     * (docs/adr/0017-scheduler-fairness.md; SchedulerFairnessTest).
     */
    @Test
    void noGoroutineLeftAfterCancel() {
        int base = io.go4j.runtime.GoRuntime.numGoroutine();
        CancelContext ctx = Context.withCancel(Context.background());
        WaitGroup wg = new WaitGroup();
        List<PubSub<Integer, Integer>> all = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            PubSub<Integer, Integer> ps = PubSub.start(ctx);
            all.add(ps);
            for (int t = 0; t < 3; t++) {
                Subscription<Integer> s = ps.subscribe(t, t, SlowPolicy.values()[t]);
                wg.go(() -> {
                    for (Integer ignored : s) {
                        // drain until closed
                    }
                });
            }
        }
        // Publishers run until the cancel; each signals once it has published 100 values.
        Chan<Boolean> going = Chan.make(all.size());
        for (int i = 0; i < all.size(); i++) {
            PubSub<Integer, Integer> ps = all.get(i);
            int topic = i % 3;
            wg.go(() -> {
                for (int k = 0; ps.publish(topic, k); k++) {
                    if (k == 100) {
                        going.send(true);
                    }
                }
            });
        }
        for (int i = 0; i < all.size(); i++) {
            going.recv();
        }
        ctx.cancel();
        wg.await();
        for (PubSub<Integer, Integer> ps : all) {
            ps.done().recv();
        }
        BroadcastTest.awaitGoroutines(base);
    }

    /**
     * Counted stress: P publishers each publish (publisher, seq) on random topics; every BLOCK
     * subscriber of a topic receives exactly the messages published on it, each publisher's in
     * order; DROP subscribers receive each publisher's in order with received + dropped equal
     * to the count; nothing is doubled.
     */
    @Test
    void stressCounted() {
        int perPublisher = LONG ? 50_000 : 5_000;
        int publishers = 4;
        int topics = 3;
        PubSub<Integer, long[]> ps = PubSub.start(Context.background());
        record Sub(int topic, Subscription<long[]> s, List<long[]> got) {
        }
        List<Sub> subs = new ArrayList<>();
        WaitGroup readers = new WaitGroup();
        SplittableRandom rnd = new SplittableRandom(7);
        for (int t = 0; t < topics; t++) {
            for (SlowPolicy p : SlowPolicy.values()) {
                Subscription<long[]> s = ps.subscribe(t, new int[] {0, 1, 16}[rnd.nextInt(3)], p);
                List<long[]> got = new ArrayList<>();
                subs.add(new Sub(t, s, got));
                readers.go(() -> {
                    for (long[] m : s) {
                        got.add(m);
                    }
                });
            }
        }
        int[][] sentPerTopic = new int[publishers][topics];
        WaitGroup pubs = new WaitGroup();
        for (int p = 0; p < publishers; p++) {
            int id = p;
            SplittableRandom r = rnd.split();
            pubs.go(() -> {
                for (int k = 0; k < perPublisher; k++) {
                    int t = r.nextInt(topics);
                    assertTrue(ps.publish(t, new long[] {id, k}));
                    sentPerTopic[id][t]++;
                }
            });
        }
        pubs.await();
        closeAndWait(ps);
        readers.await();
        for (Sub sub : subs) {
            Map<Long, Long> last = new HashMap<>();
            for (long[] m : sub.got) {
                Long prev = last.put(m[0], m[1]);
                assertTrue(prev == null || prev < m[1], "order/duplicate in " + sub.s);
            }
            int expected = 0;
            for (int p = 0; p < publishers; p++) {
                expected += sentPerTopic[p][sub.topic];
            }
            if (sub.s.policy() == SlowPolicy.BLOCK) {
                assertEquals(expected, sub.got.size(), sub.s.toString());
                assertEquals(0, sub.s.dropped());
            } else {
                assertEquals(expected, sub.got.size() + sub.s.dropped(), sub.s.toString());
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    static void awaitParked(Goroutine g) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (g.waitReason() == null) {
            assertTrue(g.isAlive(), "ended instead of blocking: " + g);
            assertTrue(System.nanoTime() < deadline, "did not block: " + g);
            Thread.yield();
        }
    }

    static void awaitEnded(Goroutine g) {
        BroadcastTest.awaitEnded(g);
    }
}
