package io.go4j;

import io.go4j.sync.WaitGroup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static io.go4j.Tasks.*;
import static io.go4j.Case.onRecv;
import static io.go4j.Case.onSend;
import static io.go4j.Case.otherwise;
import static io.go4j.Case.recv;
import static io.go4j.Case.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Ports of the channel and select tests of Go's {@code src/runtime/chan_test.go} (Go 1.19),
 * one method per Go test, each naming its original.
 *
 * <p>Iteration counts are those of Go's short mode ({@code testing.Short()}) by default, and Go's
 * full counts when the system property {@code go4j.stress.mode} is {@code long}
 * ({@code -Pstress-long}). Where a Go test sleeps to let goroutines block, the port waits
 * until the goroutine's wait reason says it is blocked; where it calls {@code runtime.Gosched},
 * the port calls {@link Thread#yield()}. Failures that Go reports from inside goroutines with
 * {@code t.Errorf} are collected and asserted on the test thread.
 */
@Timeout(120)
class GoChanPortsTest {

    /** Go's {@code !testing.Short()}: full iteration counts. */
    private static final boolean LONG = "long".equals(System.getProperty("go4j.stress.mode", "short"));

    /** Go's {@code testing.Short() ? shortCount : longCount}. */
    private static int count(int shortCount, int longCount) {
        return LONG ? longCount : shortCount;
    }

    /**
     * Port of TestChan in Go's src/runtime/chan_test.go: for every capacity below N, receive from
     * empty blocks, send to full blocks, closed channels yield zero values, close unblocks a
     * receive, FIFO order with one and with four senders and receivers, and len/cap.
     */
    @Test
    void testChan() {
        int n = count(20, 200);
        for (int chanCap = 0; chanCap < n; chanCap++) {
            int cap = chanCap;
            {
                // Ensure that receive from empty chan blocks.
                Chan<Integer> c = Chan.make(cap);
                AtomicBoolean recv1 = new AtomicBoolean();
                Goroutine g1 = Go.go(() -> {
                    c.recv();
                    recv1.set(true);
                });
                AtomicBoolean recv2 = new AtomicBoolean();
                Goroutine g2 = Go.go(() -> {
                    c.recvOk();
                    recv2.set(true);
                });
                awaitParked(g1, "chan receive"); // Go: time.Sleep(time.Millisecond)
                awaitParked(g2, "chan receive");
                if (recv1.get() || recv2.get()) {
                    fail("chan[" + cap + "]: receive from empty chan");
                }
                // Ensure that non-blocking receive does not block.
                Select.select(onRecv(c, v -> fail("chan[" + cap + "]: receive from empty chan")), Case.onDefault(() -> { }));
                assertEquals("default", Select.select(Case.recvOk(c, (v, ok) -> "received"), otherwise(() -> "default")),
                        "chan[" + cap + "]: receive from empty chan");
                c.send(0);
                c.send(0);
                awaitEnded(g1);
                awaitEnded(g2);
            }
            {
                // Ensure that send to full chan blocks.
                Chan<Integer> c = Chan.make(cap);
                for (int i = 0; i < cap; i++) {
                    c.send(i);
                }
                AtomicInteger sent = new AtomicInteger();
                Goroutine g = Go.go(() -> {
                    c.send(0);
                    sent.set(1);
                });
                awaitParked(g, "chan send"); // Go: time.Sleep(time.Millisecond)
                if (sent.get() != 0) {
                    fail("chan[" + cap + "]: send to full chan");
                }
                // Ensure that non-blocking send does not block.
                assertEquals("default", Select.select(send(c, 0, () -> "sent"), otherwise(() -> "default")),
                        "chan[" + cap + "]: send to full chan");
                c.recv();
                awaitEnded(g);
            }
            {
                // Ensure that we receive 0 from closed chan.
                Chan<Integer> c = Chan.make(cap);
                for (int i = 0; i < cap; i++) {
                    c.send(i);
                }
                c.close();
                for (int i = 0; i < cap; i++) {
                    assertEquals(i, c.recv(), "chan[" + cap + "]");
                }
                assertNull(c.recv(), "chan[" + cap + "]: expected the zero value");
                Recv<Integer> r = c.recvOk();
                assertNull(r.value());
                assertFalse(r.ok());
            }
            {
                // Ensure that close unblocks receive.
                Chan<Integer> c = Chan.make(cap);
                Chan<Boolean> done = Chan.make();
                Goroutine g = Go.go(() -> {
                    Recv<Integer> r = c.recvOk();
                    done.send(r.value() == null && !r.ok());
                });
                awaitParked(g, "chan receive"); // Go: time.Sleep(time.Millisecond)
                c.close();
                assertTrue(done.recv(), "chan[" + cap + "]: received non zero from closed chan");
            }
            {
                // Send 100 integers, ensure that we receive them non-corrupted in FIFO order.
                Chan<Integer> c = Chan.make(cap);
                Go.go(() -> {
                    for (int i = 0; i < 100; i++) {
                        c.send(i);
                    }
                });
                for (int i = 0; i < 100; i++) {
                    assertEquals(i, c.recv(), "chan[" + cap + "]");
                }
                // Same, but using recv2.
                Go.go(() -> {
                    for (int i = 0; i < 100; i++) {
                        c.send(i);
                    }
                });
                for (int i = 0; i < 100; i++) {
                    Recv<Integer> r = c.recvOk();
                    assertTrue(r.ok(), "chan[" + cap + "]: receive failed, expected " + i);
                    assertEquals(i, r.value(), "chan[" + cap + "]");
                }
                // Send 1000 integers in 4 goroutines, ensure that we receive what we send.
                final int p = 4;
                final int l = 1000;
                for (int k = 0; k < p; k++) {
                    Go.go(() -> {
                        for (int i = 0; i < l; i++) {
                            c.send(i);
                        }
                    });
                }
                Chan<Map<Integer, Integer>> done = Chan.make();
                for (int k = 0; k < p; k++) {
                    Go.go(() -> {
                        Map<Integer, Integer> recv = new HashMap<>();
                        for (int i = 0; i < l; i++) {
                            recv.merge(c.recv(), 1, Integer::sum);
                        }
                        done.send(recv);
                    });
                }
                Map<Integer, Integer> recv = new HashMap<>();
                for (int k = 0; k < p; k++) {
                    done.recv().forEach((key, v) -> recv.merge(key, v, Integer::sum));
                }
                assertEquals(l, recv.size(), "chan[" + cap + "]: received values");
                for (int v : recv.values()) {
                    assertEquals(p, v, "chan[" + cap + "]: copies of a value");
                }
            }
            {
                // Test len/cap.
                Chan<Integer> c = Chan.make(cap);
                assertEquals(0, c.len(), "chan[" + cap + "]: bad len");
                assertEquals(cap, c.cap(), "chan[" + cap + "]: bad cap");
                for (int i = 0; i < cap; i++) {
                    c.send(i);
                }
                assertEquals(cap, c.len(), "chan[" + cap + "]: bad len");
                assertEquals(cap, c.cap(), "chan[" + cap + "]: bad cap");
            }
        }
    }

    /**
     * Port of TestNonblockRecvRace in Go's src/runtime/chan_test.go: a non-blocking receive on a
     * channel that holds a value (and is being closed concurrently) never takes the default.
     */
    @Test
    void testNonblockRecvRace() {
        int n = count(100, 10_000);
        AtomicInteger errors = new AtomicInteger();
        List<Goroutine> started = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Chan<Integer> c = Chan.make(1);
            c.send(1);
            started.add(Go.go(() -> Select.select(
                    onRecv(c, v -> { }),
                    Case.onDefault(errors::incrementAndGet)))); // Go: t.Error("chan is not ready")
            c.close();
            c.recv();
            assertEquals(0, errors.get(), "chan is not ready");
        }
        started.forEach(Tasks::awaitEnded);
        assertEquals(0, errors.get(), "chan is not ready");
    }

    /**
     * Port of TestNonblockSelectRace in Go's src/runtime/chan_test.go: select acts on the state of
     * the channels at one moment, not over a smeared time window. From the moment the goroutine
     * is created, c1 or c2 is always ready, so its non-blocking select must never take default.
     */
    @Test
    void testNonblockSelectRace() {
        int n = count(1000, 100_000);
        Chan<Boolean> done = Chan.make(1);
        for (int i = 0; i < n; i++) {
            Chan<Integer> c1 = Chan.make(1);
            Chan<Integer> c2 = Chan.make(1);
            c1.send(1);
            Go.go(() -> done.send(Select.select(recv(c1, v -> true), recv(c2, v -> true), otherwise(() -> false))));
            c2.send(1);
            Select.select(onRecv(c1, v -> { }), Case.onDefault(() -> { }));
            assertTrue(done.recv(), "no chan is ready");
        }
    }

    /**
     * Port of TestNonblockSelectRace2 in Go's src/runtime/chan_test.go: as TestNonblockSelectRace,
     * but close(c2) replaces c2 &lt;- 1.
     */
    @Test
    void testNonblockSelectRace2() {
        int n = count(1000, 100_000);
        Chan<Boolean> done = Chan.make(1);
        for (int i = 0; i < n; i++) {
            Chan<Integer> c1 = Chan.make(1);
            Chan<Integer> c2 = Chan.make();
            c1.send(1);
            Go.go(() -> done.send(Select.select(recv(c1, v -> true), recv(c2, v -> true), otherwise(() -> false))));
            c2.close();
            Select.select(onRecv(c1, v -> { }), Case.onDefault(() -> { }));
            assertTrue(done.recv(), "no chan is ready");
        }
    }

    /**
     * Port of TestSelfSelect in Go's src/runtime/chan_test.go: two goroutines each select over a
     * send and a receive on the same channel, 1000 times; nothing deadlocks and, on an
     * unbuffered channel, no goroutine ever receives its own value.
     */
    @Test
    void testSelfSelect() {
        for (int chanCap : new int[] {0, 10}) {
            WaitGroup wg = new WaitGroup();
            wg.add(2);
            Chan<Integer> c = Chan.make(chanCap);
            ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
            for (int p = 0; p < 2; p++) {
                int me = p;
                Go.go(() -> {
                    try {
                        for (int i = 0; i < 1000; i++) {
                            Integer v;
                            if (me == 0 || i % 2 == 0) {
                                v = Select.select(send(c, me, () -> null), recv(c));
                            } else {
                                v = Select.select(recv(c), send(c, me, () -> null));
                            }
                            if (v != null && chanCap == 0 && v == me) {
                                errors.add("self receive");
                                return;
                            }
                        }
                    } finally {
                        wg.done();
                    }
                });
            }
            wg.await();
            assertTrue(errors.isEmpty(), "cap " + chanCap + ": " + errors);
        }
    }

    /**
     * Port of TestSelectStress in Go's src/runtime/chan_test.go: four goroutines send N values on
     * each of four channels (two unbuffered, capacities 2 and 3), four receive N from each, one
     * sends N on each in a single select and one receives N from each in a single select,
     * switching a channel's case off (nil) once its N are done. It must not deadlock.
     */
    @Test
    void testSelectStress() {
        List<Chan<Integer>> c = List.of(Chan.make(), Chan.make(), Chan.make(2), Chan.make(3));
        int n = count(10_000, 100_000);
        WaitGroup wg = new WaitGroup();
        wg.add(10);
        for (int k = 0; k < 4; k++) {
            Chan<Integer> ck = c.get(k);
            Go.go(() -> {
                for (int i = 0; i < n; i++) {
                    ck.send(0);
                }
                wg.done();
            });
            Go.go(() -> {
                for (int i = 0; i < n; i++) {
                    ck.recv();
                }
                wg.done();
            });
        }
        Go.go(() -> {
            int[] cnt = new int[4];
            List<Chan<Integer>> c1 = new ArrayList<>(c);
            for (int i = 0; i < 4 * n; i++) {
                Select.select(
                        onSend(c1.get(3), 0, () -> switchOff(c1, cnt, 3, n)),
                        onSend(c1.get(2), 0, () -> switchOff(c1, cnt, 2, n)),
                        onSend(c1.get(0), 0, () -> switchOff(c1, cnt, 0, n)),
                        onSend(c1.get(1), 0, () -> switchOff(c1, cnt, 1, n)));
            }
            wg.done();
        });
        Go.go(() -> {
            int[] cnt = new int[4];
            List<Chan<Integer>> c1 = new ArrayList<>(c);
            for (int i = 0; i < 4 * n; i++) {
                Select.select(
                        onRecv(c1.get(0), v -> switchOff(c1, cnt, 0, n)),
                        onRecv(c1.get(1), v -> switchOff(c1, cnt, 1, n)),
                        onRecv(c1.get(2), v -> switchOff(c1, cnt, 2, n)),
                        onRecv(c1.get(3), v -> switchOff(c1, cnt, 3, n)));
            }
            wg.done();
        });
        wg.await();
        for (Chan<Integer> ch : c) {
            assertEquals(0, ch.len());
        }
    }

    /** TestSelectStress's {@code n[k]++; if n[k] == N { c1[k] = nil }}. */
    private static void switchOff(List<Chan<Integer>> c1, int[] cnt, int k, int n) {
        if (++cnt[k] == n) {
            c1.set(k, null);
        }
    }

    /**
     * Port of TestSelectFairness in Go's src/runtime/chan_test.go: a select over two always-ready
     * channels (and two never-ready ones) picks each about half of the time: over 10,000 trials
     * the deviation from 1/2 stays within 4.891676 / (2 * sqrt(10000)) (six nines).
     */
    @Test
    void testSelectFairness() {
        final int trials = 10_000;
        Chan<Byte> c1 = Chan.make(trials + 1);
        Chan<Byte> c2 = Chan.make(trials + 1);
        for (int i = 0; i < trials + 1; i++) {
            c1.send((byte) 1);
            c2.send((byte) 2);
        }
        Chan<Byte> c3 = Chan.make();
        Chan<Byte> c4 = Chan.make();
        Chan<Byte> out = Chan.make();
        Chan<Byte> done = Chan.make();
        WaitGroup wg = new WaitGroup();
        wg.add(1);
        Go.go(() -> {
            try {
                for (;;) {
                    byte b = Select.select(recv(c3), recv(c4), recv(c1), recv(c2));
                    boolean stop = Select.select(send(out, b, () -> false), recv(done, v -> true));
                    if (stop) {
                        return;
                    }
                }
            } finally {
                wg.done();
            }
        });
        int cnt1 = 0;
        int cnt2 = 0;
        for (int i = 0; i < trials; i++) {
            byte b = out.recv();
            switch (b) {
                case 1 -> cnt1++;
                case 2 -> cnt2++;
                default -> fail("unexpected value " + b + " on channel");
            }
        }
        // If the select in the goroutine is fair, cnt1 and cnt2 should be about the same value.
        // With 10,000 trials, the expected margin of error at a confidence level of six nines
        // is 4.891676 / (2 * Sqrt(10000)).
        double r = (double) cnt1 / trials;
        double e = Math.abs(r - 0.5);
        assertTrue(e <= 4.891676 / (2 * Math.sqrt(trials)),
                "unfair select: in " + trials + " trials, results were " + cnt1 + ", " + cnt2);
        done.close();
        wg.await();
    }

    /**
     * Port of TestPseudoRandomSend in Go's src/runtime/chan_test.go: a select with two send cases
     * ({@code c <- 1}, {@code c <- 0}) picks each a fair share of 100 times, unbuffered and
     * buffered.
     */
    @Test
    void testPseudoRandomSend() {
        final int n = 100;
        for (int chanCap : new int[] {0, n}) {
            Chan<Integer> c = Chan.make(chanCap);
            int[] l = new int[n];
            Chan<Void> finished = Chan.make(); // Go: a locked sync.Mutex that the receiver unlocks
            Go.go(() -> {
                for (int i = 0; i < n; i++) {
                    Thread.yield(); // Go: runtime.Gosched()
                    l[i] = c.recv();
                }
                finished.close();
            });
            for (int i = 0; i < n; i++) {
                Select.select(onSend(c, 1), onSend(c, 0));
            }
            finished.recvOk(); // wait
            int n0 = 0;
            int n1 = 0;
            for (int i : l) {
                n0 += (i + 1) % 2;
                n1 += i;
            }
            assertTrue(n0 > n / 10 && n1 > n / 10,
                    "Want pseudorandom, got " + n0 + " zeros and " + n1 + " ones (chan cap " + chanCap + ")");
        }
    }

    /**
     * Port of TestMultiConsumer in Go's src/runtime/chan_test.go: 23 workers range over a work
     * channel (yielding now and then to mess with its FIFO-ish nature) and forward every item to
     * a result channel; after close, the count and the sum of the results are exact. Go's test has
     * no short mode: 271,828 items.
     */
    @Test
    void testMultiConsumer() {
        final int nwork = 23;
        final int niter = 271_828;
        final int[] pn = {2, 3, 7, 11, 13, 17, 19, 23, 27, 31};

        Chan<Integer> q = Chan.make(nwork * 3);
        Chan<Integer> r = Chan.make(nwork * 3);

        // workers
        WaitGroup wg = new WaitGroup();
        for (int i = 0; i < nwork; i++) {
            wg.add(1);
            int w = i;
            Go.go(() -> {
                for (int v : q) {
                    // mess with the fifo-ish nature of range
                    if (pn[w % pn.length] == v) {
                        Thread.yield(); // Go: runtime.Gosched()
                    }
                    r.send(v);
                }
                wg.done();
            });
        }

        // feeder & closer
        long[] expect = {0};
        Go.go(() -> {
            for (int i = 0; i < niter; i++) {
                int v = pn[i % pn.length];
                expect[0] += v;
                q.send(v);
            }
            q.close();  // no more work
            wg.await(); // workers done
            r.close();  // ... so there can be no more results
        });

        // consume & check
        int n = 0;
        long s = 0;
        for (int v : r) {
            n++;
            s += v;
        }
        // r's close happens after the feeder's writes to expect, and before r's range ends
        assertEquals(niter, n, "items");
        assertEquals(expect[0], s, "sum");
    }

    /**
     * Port of TestSelectDuplicateChannel in Go's src/runtime/chan_test.go: a select queued twice
     * on the same channel, woken through a third channel, must dequeue itself cleanly, so that
     * a later send on the duplicated channel reaches the goroutine that is really waiting there.
     */
    @Test
    void testSelectDuplicateChannel() {
        Chan<Integer> c = Chan.make();
        Chan<Integer> d = Chan.make();
        Chan<Integer> e = Chan.make();

        // goroutine A
        Goroutine a = Go.go(() -> {
            Select.select(onRecv(c, v -> { }), onRecv(c, v -> { }), onRecv(d, v -> { }));
            e.send(9);
        });
        awaitParked(a, "select"); // make sure goroutine A gets queued first on c (Go: time.Sleep)

        // goroutine B
        AtomicInteger bGot = new AtomicInteger();
        Goroutine b = Go.go(() -> bGot.set(c.recv()));
        awaitParked(b, "chan receive"); // make sure goroutine B gets queued on c before continuing

        d.send(7); // wake up A, it dequeues itself from c
        assertEquals(9, e.recv()); // A tells us it's done
        c.send(8); // wake up B: this must reach B, not the departed A
        awaitEnded(b);
        assertEquals(8, bGot.get());
        awaitEnded(a);
        assertInstanceOf(TryRecv.WouldBlock.class, c.tryRecv());
    }
}
