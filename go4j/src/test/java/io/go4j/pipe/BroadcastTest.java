package io.go4j.pipe;

import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.Panic;
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
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Broadcast} and {@link Subscription}: every subscriber gets every value in order under
 * BLOCK; the drop policies drop exactly the newest or the oldest values (made deterministic by
 * a subscriber that never reads, and by waiting on {@link Broadcast#done()}, after which every
 * delivery is over); a BLOCK subscriber sets the pace; cancel, source close and context
 * cancellation close the subscriber channels and end the goroutine; a counted stress run.
 * No test sleeps: each waits on a channel or on a goroutine's wait reason.
 */
@Timeout(60)
class BroadcastTest {

    static final boolean LONG = "long".equals(System.getProperty("go4j.stress.mode", "short"));

    private Leaks.Option before;

    @BeforeEach
    void snapshot() {
        before = Leaks.ignoreCurrent();
    }

    @AfterEach
    void noLeaks() {
        Leaks.verifyNone(before); // every test ends with the broadcast goroutine gone
    }

    static <T> List<T> drain(RecvChan<T> ch) {
        List<T> out = new ArrayList<>();
        for (T v : ch) {
            out.add(v);
        }
        return out;
    }

    static List<Integer> range(int from, int to) {
        return IntStream.range(from, to).boxed().toList();
    }

    /** Sends 0..n-1 on src, closes it, and waits until the broadcast has delivered everything. */
    static void feedAndFinish(Chan<Integer> src, Broadcast<Integer> b, int n) {
        for (int i = 0; i < n; i++) {
            src.send(i);
        }
        src.close();
        b.done().recv();
    }

    // ---------------------------------------------------------------- behaviour

    /** Under BLOCK every subscriber receives every value, in the source's order. */
    @Test
    void blockDeliversEveryValueInOrderToEverySubscriber() {
        Chan<Integer> src = Chan.make();
        Broadcast<Integer> b = Broadcast.of(Context.background(), src);
        List<List<Integer>> got = new ArrayList<>();
        WaitGroup wg = new WaitGroup();
        for (int buffer : new int[] {0, 1, 2, 10, 100}) {
            Subscription<Integer> s = b.subscribe(buffer, SlowPolicy.BLOCK);
            List<Integer> mine = new ArrayList<>();
            got.add(mine);
            wg.go(() -> mine.addAll(drain(s.chan())));
        }
        feedAndFinish(src, b, 1000);
        wg.await();
        for (List<Integer> l : got) {
            assertEquals(range(0, 1000), l);
        }
    }

    /** DROP_NEWEST on a full buffer keeps the first values and counts the rest as dropped. */
    @Test
    void dropNewestDropsExactlyTheNewest() {
        Chan<Integer> src = Chan.make();
        Broadcast<Integer> b = Broadcast.of(Context.background(), src);
        Subscription<Integer> stalled = b.subscribe(3, SlowPolicy.DROP_NEWEST); // never reads until the end
        feedAndFinish(src, b, 10);
        assertEquals(7, stalled.dropped());
        assertEquals(List.of(0, 1, 2), drain(stalled.chan()));
    }

    /** DROP_OLDEST on a full buffer keeps the latest values and counts the evicted ones. */
    @Test
    void dropOldestDropsExactlyTheOldest() {
        Chan<Integer> src = Chan.make();
        Broadcast<Integer> b = Broadcast.of(Context.background(), src);
        Subscription<Integer> stalled = b.subscribe(3, SlowPolicy.DROP_OLDEST);
        feedAndFinish(src, b, 10);
        assertEquals(7, stalled.dropped());
        assertEquals(List.of(7, 8, 9), drain(stalled.chan()));
    }

    /** With a buffer of 0 and nobody receiving, both drop policies drop every value. */
    @Test
    void dropPoliciesWithNoBufferDropWhatNobodyWaitsFor() {
        Chan<Integer> src = Chan.make();
        Broadcast<Integer> b = Broadcast.of(Context.background(), src);
        Subscription<Integer> n = b.subscribe(0, SlowPolicy.DROP_NEWEST);
        Subscription<Integer> o = b.subscribe(0, SlowPolicy.DROP_OLDEST);
        feedAndFinish(src, b, 5);
        assertEquals(5, n.dropped());
        assertEquals(5, o.dropped());
        assertEquals(List.of(), drain(n.chan()));
        assertEquals(List.of(), drain(o.chan()));
    }

    /** A stalled DROP subscriber does not hold up the delivery to a BLOCK subscriber. */
    @Test
    void dropSubscriberNeverSlowsTheOthers() {
        Chan<Integer> src = Chan.make();
        Broadcast<Integer> b = Broadcast.of(Context.background(), src);
        Subscription<Integer> stalled = b.subscribe(1, SlowPolicy.DROP_NEWEST);
        Subscription<Integer> reader = b.subscribe(0, SlowPolicy.BLOCK);
        List<Integer> got = new ArrayList<>();
        var g = Go.go(() -> got.addAll(drain(reader.chan())));
        feedAndFinish(src, b, 100); // would hang if the stalled subscriber blocked delivery
        awaitEnded(g);
        assertEquals(range(0, 100), got);
        assertEquals(99, stalled.dropped());
        assertEquals(List.of(0), drain(stalled.chan()));
    }

    /** A BLOCK subscriber that does not read holds the broadcaster: the source is not read meanwhile. */
    @Test
    void blockSubscriberSetsThePace() {
        Chan<Integer> src = Chan.make();
        Broadcast<Integer> b = Broadcast.of(Context.background(), src);
        Subscription<Integer> slow = b.subscribe(1, SlowPolicy.BLOCK);
        src.send(1); // delivered into slow's buffer
        src.send(2); // taken; its delivery waits for slow
        // The broadcaster is stuck delivering 2, so it is not receiving from the source.
        assertFalse(src.trySend(3));
        assertEquals(1, slow.chan().recv()); // makes room: 2 goes in, the source is read again
        src.send(3);
        assertEquals(2, slow.chan().recv());
        assertEquals(3, slow.chan().recv());
        src.close();
        b.done().recv();
        assertEquals(List.of(), drain(slow.chan()));
    }

    /** A subscriber joining during a delivery does not get that value, but gets the next ones. */
    @Test
    void subscriberJoiningMidDeliveryGetsOnlyLaterValues() {
        Chan<Integer> src = Chan.make();
        Broadcast<Integer> b = Broadcast.of(Context.background(), src);
        Subscription<Integer> slow = b.subscribe(0, SlowPolicy.BLOCK);
        src.send(1); // the broadcaster now waits on slow to deliver 1
        Subscription<Integer> late = b.subscribe(10, SlowPolicy.BLOCK); // served while waiting
        assertEquals(1, slow.chan().recv());
        Go.go(() -> drain(slow.chan()));
        src.send(2);
        feedAndFinish(src, b, 0);
        assertEquals(List.of(2), drain(late.chan()));
    }

    /** Cancelling the subscriber the broadcaster waits on releases it, and closes that channel. */
    @Test
    void cancelReleasesABlockedBroadcaster() {
        Chan<Integer> src = Chan.make();
        Broadcast<Integer> b = Broadcast.of(Context.background(), src);
        Subscription<Integer> slow = b.subscribe(1, SlowPolicy.BLOCK);
        Subscription<Integer> other = b.subscribe(10, SlowPolicy.BLOCK);
        src.send(1);
        src.send(2); // stuck on slow
        slow.cancel();
        slow.cancel(); // idempotent
        assertEquals(List.of(1), drain(slow.chan())); // buffered value kept, then closed
        feedAndFinish(src, b, 0);
        assertEquals(List.of(1, 2), drain(other.chan()));
        assertEquals(0, slow.dropped());
    }

    /** After cancel returns the channel is closed and no later value arrives. */
    @Test
    void cancelClosesTheChannelAtOnce() {
        Chan<Integer> src = Chan.make();
        Broadcast<Integer> b = Broadcast.of(Context.background(), src);
        try (Subscription<Integer> s = b.subscribe(10, SlowPolicy.BLOCK)) {
            src.send(7);
            src.send(8); // 7 has been delivered once 8 is taken
            s.cancel();
            assertEquals(7, s.chan().recv());
            // 8 may or may not have been delivered before the cancel; nothing after it is.
            TryRecv<Integer> t = s.chan().tryRecv();
            if (t instanceof TryRecv.Value<Integer> v) {
                assertEquals(8, v.value());
                t = s.chan().tryRecv();
            }
            assertInstanceOf(TryRecv.Closed.class, t);
        }
        src.close();
        b.done().recv();
    }

    /** Cancelling the context ends the broadcast mid-delivery and closes every subscriber channel. */
    @Test
    void contextCancelClosesEverything() {
        CancelContext ctx = Context.withCancel(Context.background());
        Chan<Integer> src = Chan.make();
        Broadcast<Integer> b = Broadcast.of(ctx, src);
        Subscription<Integer> slow = b.subscribe(0, SlowPolicy.BLOCK);
        Subscription<Integer> dropper = b.subscribe(5, SlowPolicy.DROP_OLDEST);
        src.send(1); // stuck on slow
        ctx.cancel();
        b.done().recv();
        assertEquals(List.of(), drain(slow.chan()));
        assertEquals(List.of(1), drain(dropper.chan()));
        // Subscribing afterwards yields a closed subscription; cancelling it is harmless.
        Subscription<Integer> after = b.subscribe(1, SlowPolicy.BLOCK);
        assertInstanceOf(TryRecv.Closed.class, after.chan().tryRecv());
        after.cancel();
    }

    /** Closing the source closes the subscriber channels after the values buffered in them. */
    @Test
    void sourceCloseEndsTheBroadcast() {
        Chan<Integer> src = Chan.make(3);
        src.send(1);
        src.send(2);
        Broadcast<Integer> b = Broadcast.of(Context.background(), src);
        Subscription<Integer> s = b.subscribe(10, SlowPolicy.BLOCK);
        src.send(3);
        src.close();
        b.done().recv();
        // 1 and 2 may have been read before the subscription: only a suffix is guaranteed.
        List<Integer> got = drain(s.chan());
        assertTrue(List.of(1, 2, 3).subList(3 - got.size(), 3).equals(got), got.toString());
        assertTrue(got.contains(3));
    }

    /** Misuse: a negative buffer panics with Go's makechan message; a null policy is rejected. */
    @Test
    void badArguments() {
        Chan<Integer> src = Chan.make();
        Broadcast<Integer> b = Broadcast.of(Context.background(), src);
        Panic p = assertThrows(Panic.class, () -> b.subscribe(-1, SlowPolicy.BLOCK));
        assertEquals("makechan: size out of range", p.getMessage());
        assertThrows(NullPointerException.class, () -> b.subscribe(1, null));
        assertThrows(NullPointerException.class, () -> Broadcast.of(Context.background(), null));
        src.close();
        b.done().recv();
    }

    /** The broadcast goroutine and all consumers are gone after the context is cancelled (numGoroutine too). */
    @Test
    void noGoroutineLeftAfterCancel() {
        int base = io.go4j.runtime.GoRuntime.numGoroutine();
        CancelContext ctx = Context.withCancel(Context.background());
        Chan<Integer> src = Chan.make();
        List<Broadcast<Integer>> bs = new ArrayList<>();
        WaitGroup wg = new WaitGroup();
        for (int i = 0; i < 20; i++) {
            Broadcast<Integer> b = Broadcast.of(ctx, src);
            bs.add(b);
            Subscription<Integer> s = b.subscribe(0, SlowPolicy.BLOCK);
            wg.go(() -> drain(s.chan()));
        }
        ctx.cancel();
        wg.await();
        for (Broadcast<Integer> b : bs) {
            b.done().recv();
        }
        awaitGoroutines(base);
    }

    // ---------------------------------------------------------------- stress

    /**
     * Counted stress: BLOCK subscribers get exactly 0..n-1 in order; DROP subscribers get a
     * strictly increasing subsequence with received + dropped == n; a BLOCK subscriber that
     * cancels midway gets a prefix 0..k-1 with k at least where it cancelled; nothing is doubled.
     */
    @Test
    void stressEveryValueCounted() {
        int n = LONG ? 200_000 : 20_000;
        SplittableRandom rnd = new SplittableRandom(42);
        Chan<Integer> src = Chan.make(rnd.nextInt(4));
        Broadcast<Integer> b = Broadcast.of(Context.background(), src);
        int subs = 8;
        List<List<Integer>> got = new ArrayList<>();
        List<Subscription<Integer>> ss = new ArrayList<>();
        WaitGroup wg = new WaitGroup();
        for (int i = 0; i < subs; i++) {
            // the last one is a BLOCK subscriber that leaves midway
            SlowPolicy p = i == subs - 1 ? SlowPolicy.BLOCK : SlowPolicy.values()[i % 3];
            Subscription<Integer> s = b.subscribe(new int[] {0, 1, 2, 10, 100}[rnd.nextInt(5)], p);
            ss.add(s);
            List<Integer> mine = new ArrayList<>();
            got.add(mine);
            int cancelAt = i == subs - 1 ? n / 2 : -1;
            wg.go(() -> {
                for (Integer v : s) {
                    mine.add(v);
                    if (mine.size() == cancelAt) {
                        s.cancel();
                    }
                }
            });
        }
        feedAndFinish(src, b, n);
        wg.await();
        for (int i = 0; i < subs; i++) {
            List<Integer> l = got.get(i);
            Subscription<Integer> s = ss.get(i);
            for (int k = 1; k < l.size(); k++) {
                assertTrue(l.get(k - 1) < l.get(k), "order/duplicate at " + k + " for " + s);
            }
            if (i == subs - 1) {
                assertTrue(l.size() >= n / 2, s.toString());
                assertEquals(range(0, l.size()), l); // a prefix: nothing lost before it left
            } else if (s.policy() == SlowPolicy.BLOCK) {
                assertEquals(n, l.size(), s.toString());
            } else {
                assertEquals(n, l.size() + s.dropped(), s.toString());
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    static void awaitEnded(io.go4j.Goroutine g) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (g.isAlive()) {
            assertTrue(System.nanoTime() < deadline, "goroutine did not end: " + g);
            Thread.yield();
        }
    }

    /** Polls (bounded) until the number of goroutines is back to {@code base} or below. */
    static void awaitGoroutines(int base) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (io.go4j.runtime.GoRuntime.numGoroutine() > base) {
            assertTrue(System.nanoTime() < deadline,
                    "goroutines: " + io.go4j.runtime.GoRuntime.numGoroutine() + " > " + base);
            Thread.yield();
        }
    }
}
