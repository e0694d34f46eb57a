package io.go4j.pipe;

import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.RecvChan;
import io.go4j.context.CancelContext;
import io.go4j.context.Context;
import io.go4j.testing.Leaks;
import io.go4j.testing.Synctest;
import io.go4j.time.Time;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** tee, merge, fanOut, split and batch: completeness, ordering, and batching by size and by time on the fake clock. */
@Timeout(30)
class PipePlumbingTest {

    private Leaks.Option before;
    private CancelContext ctx;

    @BeforeEach
    void setUp() {
        before = Leaks.ignoreCurrent();
        ctx = Context.withCancel(Context.background());
    }

    @AfterEach
    void tearDown() {
        ctx.cancel();
        Leaks.verifyNone(before);
    }

    private static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    /** Collects {@code in} in a new goroutine; the result channel yields the list. */
    private <T> RecvChan<List<T>> collectAsync(RecvChan<T> in) {
        Chan<List<T>> r = Chan.make(1);
        Go.go(() -> r.send(Pipe.collect(ctx, in)));
        return r;
    }

    // tee: both outputs receive every value, in input order.
    @Test
    void teeCopiesEverythingToBoth() {
        Tee<Integer> t = Pipe.tee(ctx, Pipe.from(ctx, range(200)));
        RecvChan<List<Integer>> first = collectAsync(t.first());
        RecvChan<List<Integer>> second = collectAsync(t.second());
        assertEquals(range(200), first.recv());
        assertEquals(range(200), second.recv());
    }

    // tee: the next value is read only when both outputs took the current one, so a value is never offered twice to one side.
    @Test
    void teeSidesAdvanceTogether() {
        Tee<Integer> t = Pipe.tee(ctx, Pipe.generate(ctx, 1, 2));
        assertEquals(1, t.first().recv());
        assertTrue(t.first().tryRecv() instanceof io.go4j.TryRecv.WouldBlock<Integer>, "1 still waits for the second side");
        assertEquals(1, t.second().recv());
        assertEquals(2, t.second().recv());
        assertEquals(2, t.first().recv());
    }

    // merge: every value of every input arrives exactly once, each input's values in their order; closed after all inputs close.
    @Test
    void mergeIsCompleteAndKeepsEachInputsOrder() {
        RecvChan<Integer> merged = Pipe.merge(ctx,
                Pipe.from(ctx, IntStream.range(0, 100).boxed().toList()),
                Pipe.from(ctx, IntStream.range(1000, 1100).boxed().toList()),
                Pipe.from(ctx, IntStream.range(2000, 2100).boxed().toList()));
        List<Integer> all = Pipe.collect(ctx, merged);
        assertEquals(300, all.size());
        for (int base : new int[] {0, 1000, 2000}) {
            List<Integer> part = all.stream().filter(v -> v >= base && v < base + 100).toList();
            assertEquals(IntStream.range(base, base + 100).boxed().toList(), part);
        }
    }

    // merge of no channels (array or list) is closed at once, as Go's wg.Wait() returns at once.
    @Test
    void mergeOfNothingIsClosed() {
        assertFalse(Pipe.<Integer>merge(ctx).recvOk().ok());
        assertFalse(Pipe.<Integer>merge(ctx, List.<RecvChan<Integer>>of()).recvOk().ok());
    }

    // fanOut: every value goes to exactly one lane, and each lane receives its values in input order.
    @Test
    void fanOutIsCompleteAndOrderedPerLane() {
        List<RecvChan<Integer>> lanes = Pipe.fanOut(ctx, Pipe.from(ctx, range(300)), 3);
        assertEquals(3, lanes.size());
        List<RecvChan<List<Integer>>> results = lanes.stream().map(this::collectAsync).toList();
        List<Integer> all = new ArrayList<>();
        for (RecvChan<List<Integer>> r : results) {
            List<Integer> lane = r.recv();
            List<Integer> sorted = new ArrayList<>(lane);
            Collections.sort(sorted);
            assertEquals(sorted, lane, "a lane's values are in input order");
            all.addAll(lane);
        }
        Collections.sort(all);
        assertEquals(range(300), all);
        assertThrows(IllegalArgumentException.class, () -> Pipe.fanOut(ctx, Chan.make(), 0));
    }

    // fanOut is first-free: a lane nobody reads gets nothing and holds nothing up; the read lane gets every value.
    @Test
    void fanOutGoesToTheFreeLane() {
        List<RecvChan<Integer>> lanes = Pipe.fanOut(ctx, Pipe.from(ctx, range(50)), 2);
        assertEquals(range(50), Pipe.collect(ctx, lanes.get(1)));
        assertFalse(lanes.get(0).recvOk().ok());
    }

    // split: matching values and the rest, each complete and in input order.
    @Test
    void splitPartitions() {
        Split<Integer> s = Pipe.split(ctx, Pipe.from(ctx, range(100)), n -> n % 3 == 0);
        RecvChan<List<Integer>> yes = collectAsync(s.matching());
        RecvChan<List<Integer>> no = collectAsync(s.rest());
        assertEquals(range(100).stream().filter(n -> n % 3 == 0).toList(), yes.recv());
        assertEquals(range(100).stream().filter(n -> n % 3 != 0).toList(), no.recv());
    }

    // batch by size: full batches of maxSize in order, the partial last one flushed when the input closes.
    @Test
    void batchBySize() {
        assertEquals(List.of(List.of(0, 1, 2), List.of(3, 4, 5), List.of(6, 7, 8), List.of(9)),
                Pipe.collect(ctx, Pipe.batch(ctx, Pipe.from(ctx, range(10)), 3)));
        assertEquals(List.of(List.of(0, 1), List.of(2, 3)),
                Pipe.collect(ctx, Pipe.batch(ctx, Pipe.from(ctx, range(4)), 2, Duration.ofHours(1))));
        assertEquals(List.of(), Pipe.collect(ctx, Pipe.batch(ctx, Pipe.<Integer>generate(ctx), 2)));
        assertThrows(IllegalArgumentException.class, () -> Pipe.batch(ctx, Chan.make(), 0));
        assertThrows(IllegalArgumentException.class, () -> Pipe.batch(ctx, Chan.make(), 1, Duration.ZERO));
    }

    // batch by time (fake clock): a batch is sent maxWait after its first value, not after its last; the next window starts at the next value.
    @Test
    void batchByTimeWindowOnFakeClock() {
        Synctest.test(() -> {
            CancelContext c = Context.withCancel(Context.background());
            Chan<Integer> in = Chan.make();
            RecvChan<List<Integer>> out = Pipe.batch(c, in, 100, Duration.ofSeconds(10));
            Instant t0 = Time.now();
            in.send(1);
            Time.sleep(Duration.ofSeconds(4));
            in.send(2);
            Time.sleep(Duration.ofSeconds(4));
            in.send(3);
            assertEquals(List.of(1, 2, 3), out.recv());
            assertEquals(Duration.ofSeconds(10), Time.since(t0), "sent 10s after the first value");
            Time.sleep(Duration.ofSeconds(7));               // no batch open: nothing is sent meanwhile
            Synctest.await();
            assertEquals(0, out.len());
            Instant t1 = Time.now();
            in.send(4);
            assertEquals(List.of(4), out.recv());
            assertEquals(Duration.ofSeconds(10), Time.since(t1), "the window starts at the batch's first value");
            c.cancel();
        });
    }

    // batch by size and time: a full batch goes at once and stops its window; a stale window never sends an empty or early batch.
    @Test
    void batchSizeBeatsWindow() {
        Synctest.test(() -> {
            CancelContext c = Context.withCancel(Context.background());
            Chan<Integer> in = Chan.make();
            RecvChan<List<Integer>> out = Pipe.batch(c, in, 2, Duration.ofSeconds(10));
            Instant t0 = Time.now();
            in.send(1);
            Time.sleep(Duration.ofSeconds(9));
            in.send(2);
            assertEquals(List.of(1, 2), out.recv());
            assertEquals(Duration.ofSeconds(9), Time.since(t0));
            in.send(3);                                       // new window: until t0 + 19s
            assertEquals(List.of(3), out.recv());
            assertEquals(Duration.ofSeconds(19), Time.since(t0));
            in.send(4);
            in.close();                                       // flush on close, at once
            assertEquals(List.of(4), out.recv());
            assertEquals(Duration.ofSeconds(19), Time.since(t0));
            assertFalse(out.recvOk().ok());
            c.cancel();
        });
    }

    // A batch stage waiting with an open window stops when cancelled, in the bubble, without waiting for the window.
    @Test
    void batchCancelledWithOpenWindow() {
        Synctest.test(() -> {
            CancelContext c = Context.withCancel(Context.background());
            Chan<Integer> in = Chan.make();
            RecvChan<List<Integer>> out = Pipe.batch(c, in, 10, Duration.ofHours(1));
            Instant t0 = Time.now();
            in.send(1);
            c.cancel();
            assertFalse(out.recvOk().ok());
            assertEquals(t0, Time.now());
        });
    }
}
