package io.go4j;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static io.go4j.Tasks.*;
import static io.go4j.Case.onSend;
import static io.go4j.Case.otherwise;
import static io.go4j.Case.recv;
import static io.go4j.Case.recvOk;
import static io.go4j.Case.send;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The channel contract, run at every capacity {0, 1, 2, 10, 100, 1000} (HOUSE_STYLE §9):
 * FIFO order, blocking exactly when Go blocks (checked through the goroutine's wait reason),
 * exact len/cap, close, the non-blocking operations, null elements, ranging, first-come
 * first-served service of parked senders and receivers, interrupts, and channels carrying
 * channels, functions and records. Rules: SEMANTICS.md §2.
 *
 * <p>Where an order of arrival matters, each goroutine is started only after the previous one
 * is parked (its wait reason is visible only once its record is queued on the channel), so
 * the order is deterministic; no test sleeps.
 *
 * <p>A select with one channel case is the plain channel operation (Go compiles it so, and its
 * goroutine shows {@code chan receive}, not {@code select}); to exercise the select machinery
 * the tests that park a select give it a second case on the nil channel, which is never ready.
 */
@Timeout(60)
class ChannelContractTest {

    /** The capacities every contract test runs at. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ParameterizedTest(name = "cap={0}")
    @ValueSource(ints = {0, 1, 2, 10, 100, 1000})
    @interface EachCapacity {
    }

    // ------------------------------------------------------------------ len, cap, blocking

    /** A new channel is empty, not nil, has len 0 and the capacity it was made with. */
    @EachCapacity
    void newChannelIsEmptyWithExactCap(int n) {
        Chan<Integer> ch = Chan.make(n);
        assertEquals(0, ch.len());
        assertEquals(n, ch.cap());
        assertFalse(ch.isNil());
        assertInstanceOf(TryRecv.WouldBlock.class, ch.tryRecv());
    }

    /** Sends do not block while len < cap; the next send parks with "chan send" and len stays cap. */
    @EachCapacity
    void sendsFillTheBufferWithoutBlockingThenParkWhenFull(int n) {
        Chan<Integer> ch = Chan.make(n);
        AtomicInteger completed = new AtomicInteger();
        Task<Void> sender = run(() -> {
            for (int i = 0; i <= n; i++) {
                ch.send(i);
                completed.incrementAndGet();
            }
        });
        sender.awaitParked("chan send");
        assertEquals(n, completed.get(), "sends that completed before the first one that blocked");
        assertEquals(n, ch.len());
        assertEquals(n, ch.cap());
        sender.assertStaysParked("chan send");
        assertEquals(n, ch.len(), "a parked sender is not counted in len");

        // The first receive takes the head and moves the parked sender's value into the buffer.
        assertEquals(0, ch.recv());
        assertEquals(n, ch.len());
        sender.join();
        assertEquals(n + 1, completed.get());
        for (int i = 1; i <= n; i++) {
            assertEquals(i, ch.recv());
            assertEquals(n - i, ch.len());
        }
        assertInstanceOf(TryRecv.WouldBlock.class, ch.tryRecv());
    }

    /** A receive on an empty channel parks with "chan receive"; the next send hands it the value directly. */
    @EachCapacity
    void recvOnEmptyParksUntilASend(int n) {
        Chan<Integer> ch = Chan.make(n);
        Task<Integer> receiver = call(ch::recv);
        receiver.awaitParked("chan receive");
        receiver.assertStaysParked("chan receive");
        assertEquals(0, ch.len());
        assertTrue(ch.trySend(42), "a parked receiver makes a send possible at once");
        assertEquals(0, ch.len(), "the value went to the receiver, not into the buffer");
        assertEquals(42, receiver.join());
    }

    /** len follows every trySend/tryRecv exactly, as a FIFO queue bounded by cap would (random op sequence, ring wrap-around). */
    @EachCapacity
    void lenIsExactAtEveryStep(int n) {
        Chan<Integer> ch = Chan.make(n);
        ArrayDeque<Integer> model = new ArrayDeque<>();
        Random rnd = new Random(n * 31L + 7);
        int next = 0;
        for (int step = 0; step < 10_000; step++) {
            // bias the walk so that it visits both "full" and "empty" repeatedly
            boolean fill = (step / (3 * n + 3)) % 2 == 0;
            if ((rnd.nextInt(4) != 0) == fill) {
                boolean sent = ch.trySend(next);
                assertEquals(model.size() < n, sent, "trySend at len " + model.size());
                if (sent) {
                    model.addLast(next);
                }
                next++;
            } else {
                TryRecv<Integer> r = ch.tryRecv();
                if (model.isEmpty()) {
                    assertInstanceOf(TryRecv.WouldBlock.class, r);
                } else {
                    assertEquals(new TryRecv.Value<>(model.removeFirst()), r);
                }
            }
            assertEquals(model.size(), ch.len());
            assertEquals(n, ch.cap());
        }
    }

    /**
     * The k-th send completes only after the (k - cap)-th receive has begun: at cap 0 a send is a
     * rendezvous with a receiver, at cap C the channel is a counting semaphore (SEMANTICS §2.4, §4.4).
     */
    @EachCapacity
    void sendCompletesOnlyAfterEnoughReceivesBegan(int n) {
        Chan<Integer> ch = Chan.make(n);
        int total = 2 * n + 500;
        AtomicInteger receivesBegun = new AtomicInteger();
        Task<String> sender = call(() -> {
            for (int k = 0; k < total; k++) {
                ch.send(k);
                int begun = receivesBegun.get();
                if (begun < k - n + 1) {
                    return "send " + k + " completed when only " + begun + " receives had begun";
                }
            }
            return "ok";
        });
        for (int k = 0; k < total; k++) {
            for (int i = 0; i < 3; i++) {
                Thread.yield(); // a slow receiver gives a wrongly buffered send time to complete early
            }
            receivesBegun.incrementAndGet();
            assertEquals(k, ch.recv());
        }
        assertEquals("ok", sender.join());
    }

    // ------------------------------------------------------------------ FIFO

    /** Values come out in the order they were sent (recv, recvOk and tryRecv alike). */
    @EachCapacity
    void valuesAreReceivedInSendOrder(int n) {
        Chan<Integer> ch = Chan.make(n);
        int total = 3 * n + 500;
        Task<Void> producer = run(() -> {
            for (int i = 0; i < total; i++) {
                ch.send(i);
            }
        });
        int i = 0;
        while (i < total) {
            switch (i % 3) {
                case 0 -> assertEquals(i++, ch.recv());
                case 1 -> assertEquals(new Recv<>(i++, true), ch.recvOk());
                default -> {
                    if (ch.tryRecv() instanceof TryRecv.Value<Integer>(Integer v)) {
                        assertEquals(i++, v);
                    } else {
                        Thread.yield(); // nothing yet: the producer has not sent it
                    }
                }
            }
        }
        producer.join();
        assertEquals(0, ch.len());
    }

    /** With several producers, each producer's values still arrive in its own send order, and none is lost. */
    @EachCapacity
    void eachProducersValuesArriveInItsOrder(int n) {
        Chan<int[]> ch = Chan.make(n);
        int producers = 4;
        int each = 1000;
        for (int p = 0; p < producers; p++) {
            int id = p;
            Go.go(() -> {
                for (int i = 0; i < each; i++) {
                    ch.send(new int[] {id, i});
                }
            });
        }
        int[] nextSeq = new int[producers];
        for (int k = 0; k < producers * each; k++) {
            int[] v = ch.recv();
            assertEquals(nextSeq[v[0]]++, v[1], "producer " + v[0] + " out of order");
        }
        int[] expected = new int[producers];
        Arrays.fill(expected, each);
        assertArrayEquals(expected, nextSeq);
    }

    /** Parked senders (plain sends and selects alike) are served first come, first served: their values follow the buffer in arrival order. */
    @EachCapacity
    void blockedSendersAreServedInArrivalOrder(int n) {
        Chan<Integer> ch = Chan.make(n);
        fill(ch, n);
        List<Task<Void>> senders = new ArrayList<>();
        for (int s = 0; s < 5; s++) {
            int v = 1000 + s;
            boolean plain = s % 2 == 0;
            Task<Void> t = plain ? run(() -> ch.send(v)) : run(() -> Select.select(onSend(ch, v), onSend(Chan.nil(), v)));
            t.awaitParked(plain ? "chan send" : "select"); // arrival order is now fixed
            senders.add(t);
        }
        for (int i = 0; i < n; i++) {
            assertEquals(i, ch.recv());
        }
        for (int s = 0; s < 5; s++) {
            assertEquals(1000 + s, ch.recv());
        }
        senders.forEach(Task::join);
        assertEquals(0, ch.len());
    }

    /** Parked receivers (plain receives and selects alike) are served first come, first served: the i-th to arrive gets the i-th value sent. */
    @EachCapacity
    void blockedReceiversAreServedInArrivalOrder(int n) {
        Chan<Integer> ch = Chan.make(n);
        List<Task<Integer>> receivers = new ArrayList<>();
        for (int r = 0; r < 5; r++) {
            boolean plain = r % 2 == 0;
            Task<Integer> t = plain ? call(ch::recv) : call(() -> Select.select(recv(ch), recv(Chan.<Integer>nil())));
            t.awaitParked(plain ? "chan receive" : "select");
            receivers.add(t);
        }
        for (int r = 0; r < 5; r++) {
            ch.send(2000 + r);
            assertEquals(0, ch.len(), "a send with a parked receiver bypasses the buffer");
        }
        for (int r = 0; r < 5; r++) {
            assertEquals(2000 + r, receivers.get(r).join(), "receiver " + r);
        }
    }

    // ------------------------------------------------------------------ close

    /** After close, buffered values drain in order with ok = true, then (null, false) comes at once, forever. */
    @EachCapacity
    void closeDrainsThenYieldsNullFalseForever(int n) {
        Chan<Integer> ch = Chan.make(n);
        fill(ch, n);
        ch.close();
        assertEquals(n, ch.len(), "close keeps the buffered values");
        assertEquals(n, ch.cap());
        for (int i = 0; i < n; i++) {
            switch (i % 3) {
                case 0 -> assertEquals(new Recv<>(i, true), ch.recvOk());
                case 1 -> assertEquals(i, ch.recv());
                default -> assertEquals(new TryRecv.Value<>(i), ch.tryRecv());
            }
            assertEquals(n - i - 1, ch.len());
        }
        for (int k = 0; k < 5; k++) {
            assertEquals(new Recv<Integer>(null, false), ch.recvOk());
            assertNull(ch.recv());
            assertInstanceOf(TryRecv.Closed.class, ch.tryRecv());
            assertEquals(0, ch.len());
        }
    }

    /** Close wakes every parked receiver (recv, recvOk, range and select alike) with the closed result. */
    @EachCapacity
    void closeWakesAllBlockedReceivers(int n) {
        Chan<Integer> ch = Chan.make(n);
        Task<Integer> plain = call(ch::recv);
        Task<Recv<Integer>> commaOk = call(ch::recvOk);
        Task<List<Integer>> ranging = call(() -> {
            List<Integer> got = new ArrayList<>();
            for (Integer v : ch) {
                got.add(v);
            }
            return got;
        });
        Task<String> selecting = call(() -> Select.select(recvOk(ch, (v, ok) -> v + "/" + ok), recv(Chan.<Integer>nil(), v -> "nil")));
        plain.awaitParked("chan receive");
        commaOk.awaitParked("chan receive");
        ranging.awaitParked("chan receive");
        selecting.awaitParked("select");

        ch.close();
        assertNull(plain.join());
        assertEquals(new Recv<Integer>(null, false), commaOk.join());
        assertEquals(List.of(), ranging.join());
        assertEquals("null/false", selecting.join());
    }

    /** Close wakes parked senders (plain and select), which panic "send on closed channel"; their values are not delivered. */
    @EachCapacity
    void closeWakesBlockedSendersWhichPanic(int n) {
        Chan<Integer> ch = Chan.make(n);
        fill(ch, n);
        List<Task<Void>> senders = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            int v = 1000 + s;
            Task<Void> t = run(() -> ch.send(v));
            t.awaitParked("chan send");
            senders.add(t);
        }
        Task<Void> selecting = run(() -> Select.select(onSend(ch, 2000), onSend(Chan.nil(), 2000)));
        selecting.awaitParked("select");

        ch.close();
        for (Task<Void> t : senders) {
            assertEquals("send on closed channel", t.failure(Panic.class).getMessage());
        }
        assertEquals("send on closed channel", selecting.failure(Panic.class).getMessage());
        assertEquals(n, ch.len());
        for (int i = 0; i < n; i++) {
            assertEquals(i, ch.recv());
        }
        assertInstanceOf(TryRecv.Closed.class, ch.tryRecv(), "no value of a woken sender was delivered");
    }

    /** On a closed channel send and trySend panic "send on closed channel", a second close panics "close of closed channel"; the buffer is untouched. */
    @EachCapacity
    void misuseOfAClosedChannelPanics(int n) {
        Chan<Integer> ch = Chan.make(n);
        fill(ch, n);
        ch.close();
        assertEquals("send on closed channel", assertThrows(Panic.class, () -> ch.send(-1)).getMessage());
        assertEquals("send on closed channel", assertThrows(Panic.class, () -> ch.trySend(-1)).getMessage());
        assertEquals("close of closed channel", assertThrows(Panic.class, ch::close).getMessage());
        assertEquals(n, ch.len());
        for (int i = 0; i < n; i++) {
            assertEquals(new TryRecv.Value<>(i), ch.tryRecv());
        }
        assertInstanceOf(TryRecv.Closed.class, ch.tryRecv());
    }

    // ------------------------------------------------------------------ non-blocking operations

    /** trySend/tryRecv report each outcome: value, would-block (empty or full, no partner), closed; with a partner parked they succeed. */
    @EachCapacity
    void tryOperationsReportEachOutcome(int n) {
        Chan<Integer> ch = Chan.make(n);
        assertInstanceOf(TryRecv.WouldBlock.class, ch.tryRecv(), "empty and open");
        for (int i = 0; i < n; i++) {
            assertTrue(ch.trySend(i), "room in the buffer");
        }
        assertFalse(ch.trySend(-1), "full (or unbuffered) with no receiver");
        assertEquals(n, ch.len());

        // A parked sender makes tryRecv succeed even at cap 0.
        Task<Void> sender = run(() -> ch.send(n));
        sender.awaitParked("chan send");
        for (int i = 0; i <= n; i++) {
            TryRecv<Integer> r = ch.tryRecv();
            assertTrue(r.received());
            assertEquals(i, r.valueOrNull());
        }
        sender.join();
        assertInstanceOf(TryRecv.WouldBlock.class, ch.tryRecv());

        // A parked receiver makes trySend succeed even at cap 0.
        Task<Integer> receiver = call(ch::recv);
        receiver.awaitParked("chan receive");
        assertTrue(ch.trySend(77));
        assertEquals(77, receiver.join());

        ch.close();
        TryRecv<Integer> closed = ch.tryRecv();
        assertInstanceOf(TryRecv.Closed.class, closed);
        assertFalse(closed.received());
        assertNull(closed.valueOrNull());
        assertThrows(Panic.class, () -> ch.trySend(1));
    }

    /** A select with a default follows the same readiness as trySend/tryRecv; a blocking select parks with "select". */
    @EachCapacity
    void selectSeesTheSameReadiness(int n) {
        Chan<Integer> ch = Chan.make(n);
        assertEquals("default", Select.select(recv(ch, v -> "recv"), otherwise(() -> "default")));
        for (int i = 0; i < n; i++) {
            assertEquals("sent", Select.select(send(ch, i, () -> "sent"), otherwise(() -> "default")));
            assertEquals(i + 1, ch.len());
        }
        assertEquals("default", Select.select(send(ch, -1, () -> "sent"), otherwise(() -> "default")));
        assertEquals(n, ch.len());

        // A select parked on a full channel is served after the buffer, like a plain sender.
        Task<String> selSend = call(() -> Select.select(send(ch, n, () -> "sent"), recv(Chan.<Integer>nil(), v -> "nil")));
        selSend.awaitParked("select");
        for (int i = 0; i <= n; i++) {
            assertEquals(i, ch.recv());
        }
        assertEquals("sent", selSend.join());

        // A select parked on an empty channel gets the next value.
        Task<Integer> selRecv = call(() -> Select.select(recv(ch), recv(Chan.<Integer>nil())));
        selRecv.awaitParked("select");
        ch.send(5);
        assertEquals(5, selRecv.join());
        assertEquals(0, ch.len());
    }

    /** A one-case select (with or without default) behaves exactly as the plain operation, blocking with its wait reason, as Go compiles it. */
    @EachCapacity
    void oneCaseSelectIsThePlainOperation(int n) {
        Chan<Integer> ch = Chan.make(n);
        for (int i = 0; i < n; i++) {
            assertEquals("sent", Select.select(send(ch, i, () -> "sent")));
        }
        assertEquals("default", Select.select(send(ch, -1, () -> "sent"), otherwise(() -> "default")));
        Task<String> sender = call(() -> Select.select(send(ch, n, () -> "sent")));
        sender.awaitParked("chan send");
        for (int i = 0; i <= n; i++) {
            assertEquals(i, Select.select(recv(ch)));
        }
        assertEquals("sent", sender.join());
        assertEquals("default", Select.select(recv(ch, v -> "recv"), otherwise(() -> "default")));

        Task<Integer> receiver = call(() -> Select.select(recv(ch)));
        receiver.awaitParked("chan receive");
        ch.send(3);
        assertEquals(3, receiver.join());

        Task<String> closedWaiter = call(() -> Select.select(recvOk(ch, (v, ok) -> v + "/" + ok)));
        closedWaiter.awaitParked("chan receive");
        ch.close();
        assertEquals("null/false", closedWaiter.join());
        assertEquals("null/false", Select.select(recvOk(ch, (v, ok) -> v + "/" + ok), otherwise(() -> "default")));
        assertEquals("send on closed channel",
                assertThrows(Panic.class, () -> Select.select(send(ch, 1, () -> "sent"))).getMessage());
        assertEquals("send on closed channel", assertThrows(Panic.class,
                () -> Select.select(send(ch, 1, () -> "sent"), otherwise(() -> "default"))).getMessage());
    }

    // ------------------------------------------------------------------ null elements, range

    /** null is an ordinary element: recvOk gives (null, true), tryRecv gives Value(null), ranging does not stop at it. */
    @EachCapacity
    void nullIsAnOrdinaryElement(int n) {
        Chan<String> ch = Chan.make(n);
        // tryRecv distinguishes a received null from "closed" and from "nothing".
        Task<Void> nullSender = null;
        if (n == 0) {
            nullSender = run(() -> ch.send(null));
            nullSender.awaitParked("chan send");
        } else {
            assertTrue(ch.trySend(null));
            assertEquals(1, ch.len());
        }
        TryRecv<String> r = ch.tryRecv();
        assertEquals(new TryRecv.Value<String>(null), r);
        assertTrue(r.received());
        if (nullSender != null) {
            nullSender.join();
        }

        List<String> values = Arrays.asList(null, "a", null, null, "b", null);
        Task<Void> producer = run(() -> {
            for (String v : values) {
                ch.send(v);
            }
            ch.close();
        });
        assertEquals(new Recv<String>(null, true), ch.recvOk());
        assertEquals("a", ch.recv());
        List<String> rest = new ArrayList<>();
        for (String v : ch) {
            rest.add(v);
        }
        assertEquals(values.subList(2, values.size()), rest);
        producer.join();
        assertEquals(new Recv<String>(null, false), ch.recvOk());
    }

    /** Ranging yields every value in order and ends when the channel is closed and drained; a new range over it ends at once. */
    @EachCapacity
    void rangeEndsWhenClosedAndDrained(int n) {
        Chan<Integer> ch = Chan.make(n);
        int total = n + 50;
        Task<Void> producer = run(() -> {
            for (int i = 0; i < total; i++) {
                ch.send(i);
            }
            ch.close();
        });
        List<Integer> got = new ArrayList<>();
        for (int v : ch) {
            got.add(v);
        }
        producer.join();
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            expected.add(i);
        }
        assertEquals(expected, got);

        Iterator<Integer> again = ch.iterator();
        assertFalse(again.hasNext());
        assertFalse(again.hasNext(), "hasNext stays false");
        assertThrows(NoSuchElementException.class, again::next);
    }

    // ------------------------------------------------------------------ interrupts

    /** An interrupted parked send throws WaitInterruptedException, keeps the interrupt flag, and leaves the channel as it was. */
    @EachCapacity
    void interruptedSendLeavesTheChannelUnchanged(int n) {
        Chan<Integer> ch = Chan.make(n);
        fill(ch, n);
        Task<Boolean> sender = call(() -> {
            try {
                ch.send(-1);
                return null;
            } catch (WaitInterruptedException e) {
                return Thread.currentThread().isInterrupted();
            }
        });
        sender.awaitParked("chan send");
        sender.goroutine().interrupt();
        assertEquals(Boolean.TRUE, sender.join(), "WaitInterruptedException with the interrupt flag still set");

        assertEquals(n, ch.len());
        for (int i = 0; i < n; i++) {
            assertEquals(new TryRecv.Value<>(i), ch.tryRecv());
        }
        assertInstanceOf(TryRecv.WouldBlock.class, ch.tryRecv(), "the interrupted send delivered nothing");
        // and it left no sender record behind: a new receiver parks
        Task<Integer> receiver = call(ch::recv);
        receiver.awaitParked("chan receive");
        ch.send(9);
        assertEquals(9, receiver.join());
    }

    /** An interrupted parked receive throws WaitInterruptedException, keeps the flag, takes nothing, and leaves no receiver behind. */
    @EachCapacity
    void interruptedRecvLeavesTheChannelUnchanged(int n) {
        Chan<Integer> ch = Chan.make(n);
        Task<Boolean> receiver = call(() -> {
            try {
                ch.recv();
                return null;
            } catch (WaitInterruptedException e) {
                return Thread.currentThread().isInterrupted();
            }
        });
        receiver.awaitParked("chan receive");
        receiver.goroutine().interrupt();
        assertEquals(Boolean.TRUE, receiver.join());

        if (n == 0) {
            assertFalse(ch.trySend(7), "no receiver may remain queued");
        } else {
            assertTrue(ch.trySend(7));
            assertEquals(1, ch.len(), "the value went into the buffer, not to a withdrawn receiver");
            assertEquals(new TryRecv.Value<>(7), ch.tryRecv());
        }
        assertEquals(0, ch.len());
    }

    /** Interrupting one of several parked senders removes only it: the others keep their order. */
    @EachCapacity
    void interruptedSenderInTheMiddleOfTheQueue(int n) {
        Chan<Integer> ch = Chan.make(n);
        fill(ch, n);
        List<Task<Void>> senders = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            int v = 100 + s;
            Task<Void> t = run(() -> ch.send(v));
            t.awaitParked("chan send");
            senders.add(t);
        }
        senders.get(1).goroutine().interrupt();
        senders.get(1).failure(WaitInterruptedException.class);
        for (int i = 0; i < n; i++) {
            assertEquals(i, ch.recv());
        }
        assertEquals(100, ch.recv());
        assertEquals(102, ch.recv());
        senders.get(0).join();
        senders.get(2).join();
        assertInstanceOf(TryRecv.WouldBlock.class, ch.tryRecv());
    }

    /** Interrupting one of several parked receivers removes only it: the others get the values in their order. */
    @EachCapacity
    void interruptedReceiverInTheMiddleOfTheQueue(int n) {
        Chan<Integer> ch = Chan.make(n);
        List<Task<Integer>> receivers = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            Task<Integer> t = call(ch::recv);
            t.awaitParked("chan receive");
            receivers.add(t);
        }
        receivers.get(1).goroutine().interrupt();
        receivers.get(1).failure(WaitInterruptedException.class);
        ch.send(10);
        ch.send(11);
        assertEquals(10, receivers.get(0).join());
        assertEquals(11, receivers.get(2).join());
        assertEquals(0, ch.len());
        assertInstanceOf(TryRecv.WouldBlock.class, ch.tryRecv());
    }

    /**
     * An interrupt racing with a receiver that takes a parked sender's value: either the send
     * completed (and the value is delivered exactly once) or it was cancelled (and the value is
     * nowhere) — never a cancelled send whose value arrives, nor a completed one whose value is lost.
     */
    @EachCapacity
    void interruptRacingWithAReceiverLosesAndDuplicatesNothing(int n) {
        Chan<Integer> ch = Chan.make(n);
        int completed = 0;
        int cancelled = 0;
        for (int round = 0; round < 300; round++) {
            fill(ch, n);
            Task<Boolean> sender = call(() -> {
                try {
                    ch.send(-1);
                    return true;
                } catch (WaitInterruptedException e) {
                    return false;
                }
            });
            sender.awaitParked("chan send");
            Goroutine interrupter = Go.go(sender.goroutine()::interrupt);
            List<Integer> got = new ArrayList<>();
            for (TryRecv<Integer> r; (r = ch.tryRecv()) instanceof TryRecv.Value<Integer> v; ) {
                got.add(v.value());
            }
            boolean sent = sender.join();
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                expected.add(i);
            }
            if (sent) {
                expected.add(-1);
                completed++;
            } else {
                cancelled++;
            }
            assertEquals(expected, got, "round " + round + ", send " + (sent ? "completed" : "cancelled"));
            assertInstanceOf(TryRecv.WouldBlock.class, ch.tryRecv());
            awaitEnded(interrupter);
        }
        assertEquals(300, completed + cancelled);
    }

    /**
     * An interrupt racing with a sender that hands a parked receiver a value: either the receive
     * completed with that value, or it was cancelled and the value is still in the channel
     * (buffered) or was never sent (cap 0) — never lost, never received twice.
     */
    @EachCapacity
    void interruptRacingWithASenderLosesAndDuplicatesNothing(int n) {
        Chan<Integer> ch = Chan.make(n);
        for (int round = 0; round < 300; round++) {
            Task<Integer> receiver = call(() -> {
                try {
                    return ch.recv();
                } catch (WaitInterruptedException e) {
                    return null;
                }
            });
            receiver.awaitParked("chan receive");
            Goroutine interrupter = Go.go(receiver.goroutine()::interrupt);
            boolean sent = ch.trySend(round);
            Integer got = receiver.join();
            if (got != null) {
                assertTrue(sent, "round " + round + ": received a value that was never sent");
                assertEquals(round, got);
                assertEquals(0, ch.len(), "round " + round + ": delivered and also buffered");
            } else if (sent) {
                assertTrue(n > 0, "round " + round + ": cap 0 send completed but the receiver was cancelled");
                assertEquals(new TryRecv.Value<>(round), ch.tryRecv(), "round " + round + ": lost value");
            }
            assertInstanceOf(TryRecv.WouldBlock.class, ch.tryRecv());
            awaitEnded(interrupter);
        }
    }

    /** An interrupted parked select throws WaitInterruptedException, keeps the flag, runs no case, and withdraws from every channel. */
    @EachCapacity
    void interruptedSelectLeavesItsChannelsUnchanged(int n) {
        Chan<Integer> empty = Chan.make(n);
        Chan<Integer> full = Chan.make(n);
        fill(full, n);
        AtomicInteger bodies = new AtomicInteger();
        Task<Boolean> selecting = call(() -> {
            try {
                Select.select(recv(empty, v -> bodies.incrementAndGet()), send(full, -1, bodies::incrementAndGet));
                return null;
            } catch (WaitInterruptedException e) {
                return Thread.currentThread().isInterrupted();
            }
        });
        selecting.awaitParked("select");
        selecting.goroutine().interrupt();
        assertEquals(Boolean.TRUE, selecting.join());
        assertEquals(0, bodies.get(), "no case ran");

        assertEquals(n, full.len());
        for (int i = 0; i < n; i++) {
            assertEquals(new TryRecv.Value<>(i), full.tryRecv());
        }
        assertInstanceOf(TryRecv.WouldBlock.class, full.tryRecv(), "the send case delivered nothing");
        if (n == 0) {
            assertFalse(empty.trySend(7), "the receive case left no receiver behind");
        } else {
            assertTrue(empty.trySend(7));
            assertEquals(new TryRecv.Value<>(7), empty.tryRecv());
        }
    }

    /**
     * An interrupt racing with a sender that completes a parked select's receive case: either the
     * select ran that case with the value, or it was cancelled and the value was not taken.
     */
    @EachCapacity
    void interruptRacingWithASelectLosesAndDuplicatesNothing(int n) {
        Chan<Integer> a = Chan.make(n);
        Chan<Integer> b = Chan.make(n);
        for (int round = 0; round < 300; round++) {
            Task<Integer> selecting = call(() -> {
                try {
                    return Select.select(recv(a), recv(b));
                } catch (WaitInterruptedException e) {
                    return null;
                }
            });
            selecting.awaitParked("select");
            Goroutine interrupter = Go.go(selecting.goroutine()::interrupt);
            Chan<Integer> target = round % 2 == 0 ? a : b;
            boolean sent = target.trySend(round);
            Integer got = selecting.join();
            if (got != null) {
                assertTrue(sent, "round " + round + ": received a value that was never sent");
                assertEquals(round, got);
            } else if (sent) {
                assertTrue(n > 0, "round " + round + ": cap 0 send completed but the select was cancelled");
                assertEquals(new TryRecv.Value<>(round), target.tryRecv(), "round " + round + ": lost value");
            }
            assertInstanceOf(TryRecv.WouldBlock.class, a.tryRecv());
            assertInstanceOf(TryRecv.WouldBlock.class, b.tryRecv());
            awaitEnded(interrupter);
        }
    }

    /** An operation that needs no wait completes even on an interrupted thread; one that must wait is cancelled at once and has no effect. */
    @EachCapacity
    void interruptedThreadStillCompletesOperationsThatNeedNoWait(int n) {
        Chan<Integer> ch = Chan.make(n);
        // send with a parked receiver
        Task<Integer> receiver = call(ch::recv);
        receiver.awaitParked("chan receive");
        Task<Boolean> sendWithPartner = call(() -> {
            Thread.currentThread().interrupt();
            ch.send(1);
            return Thread.currentThread().isInterrupted();
        });
        assertEquals(Boolean.TRUE, sendWithPartner.join(), "send completed, flag still set");
        assertEquals(1, receiver.join());

        // send into buffer room, then the send that would have to wait is cancelled
        Task<String> sends = call(() -> {
            Thread.currentThread().interrupt();
            for (int i = 0; i < n; i++) {
                ch.send(i);
            }
            try {
                ch.send(-1);
                return "the send on a full channel completed";
            } catch (WaitInterruptedException e) {
                return "cancelled";
            }
        });
        assertEquals("cancelled", sends.join());
        assertEquals(n, ch.len());

        // receive from the buffer (or a parked sender at cap 0), then the receive that would wait is cancelled
        Task<Void> sender = run(() -> ch.send(n));
        sender.awaitParked("chan send");
        Task<String> recvs = call(() -> {
            Thread.currentThread().interrupt();
            for (int i = 0; i <= n; i++) {
                if (ch.recv() != i) {
                    return "out of order";
                }
            }
            try {
                ch.recv();
                return "the receive on an empty channel completed";
            } catch (WaitInterruptedException e) {
                return "cancelled";
            }
        });
        assertEquals("cancelled", recvs.join());
        sender.join();
        assertEquals(0, ch.len());
    }

    // ------------------------------------------------------------------ element types

    /** A request carries the channel to answer on: a channel of channels (SEMANTICS §2.13). */
    @EachCapacity
    void channelOfChannelsServesRequestResponse(int n) {
        record Request(int x, Chan<Integer> reply) {
        }
        Chan<Request> requests = Chan.make(n);
        Task<Integer> server = call(() -> {
            int served = 0;
            for (Request r : requests) {
                r.reply().send(r.x() * r.x());
                served++;
            }
            return served;
        });
        int clients = 3;
        int each = 50;
        List<Task<Void>> cs = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int base = c * 1000;
            cs.add(run(() -> {
                Chan<Integer> reply = Chan.make(Math.min(n, 1));
                for (int i = 0; i < each; i++) {
                    int x = base + i;
                    requests.send(new Request(x, reply));
                    int answer = reply.recv();
                    if (answer != x * x) {
                        throw new AssertionError("asked " + x + ", got " + answer);
                    }
                }
            }));
        }
        cs.forEach(Task::join);
        requests.close();
        assertEquals(clients * each, server.join());
    }

    /** Functions travel through a channel in order and run on the receiving side. */
    @EachCapacity
    void channelOfFunctions(int n) {
        Chan<Function<Integer, Integer>> ch = Chan.make(n);
        int total = n + 100;
        run(() -> {
            for (int i = 0; i < total; i++) {
                int k = i;
                ch.send(x -> x * 1000 + k);
            }
            ch.close();
        });
        int i = 0;
        for (Function<Integer, Integer> f : ch) {
            assertEquals(7000 + i, f.apply(7));
            i++;
        }
        assertEquals(total, i);
    }

    /** Records (values with structure) travel through a channel unchanged and in order. */
    @EachCapacity
    void channelOfRecords(int n) {
        record Point(int x, String label) {
        }
        Chan<Point> ch = Chan.make(n);
        int total = n + 100;
        run(() -> {
            for (int i = 0; i < total; i++) {
                ch.send(new Point(i, "p" + i));
            }
            ch.close();
        });
        for (int i = 0; i < total; i++) {
            assertEquals(new Point(i, "p" + i), ch.recv());
        }
        assertEquals(new Recv<Point>(null, false), ch.recvOk());
    }

    // ------------------------------------------------------------------ unbuffered specifics

    /** Unbuffered rendezvous: a send parks until a receiver takes the value, even when the receiver comes much later. */
    @Test
    void unbufferedSendCompletesOnlyWhenAReceiverTookTheValue() {
        Chan<String> ch = Chan.make();
        AtomicInteger phase = new AtomicInteger();
        Task<Integer> sender = call(() -> {
            ch.send("x");
            return phase.get();
        });
        sender.awaitParked("chan send");
        sender.assertStaysParked("chan send");
        assertEquals(0, ch.len());
        phase.set(1); // the receive below is the only thing that can end the send
        assertEquals("x", ch.recv());
        assertEquals(1, sender.join(), "the send completed only after the receive began");
    }

    /** Two parked receivers on an unbuffered channel never take the same value, and a third value finds nobody. */
    @Test
    void unbufferedValueGoesToExactlyOneReceiver() {
        Chan<Integer> ch = Chan.make();
        Task<Integer> a = call(ch::recv);
        a.awaitParked("chan receive");
        Task<Integer> b = call(ch::recv);
        b.awaitParked("chan receive");
        assertTrue(ch.trySend(1));
        assertTrue(ch.trySend(2));
        assertFalse(ch.trySend(3));
        assertEquals(1, a.join());
        assertEquals(2, b.join());
    }

    // ------------------------------------------------------------------ helpers

    private static void fill(Chan<Integer> ch, int n) {
        for (int i = 0; i < n; i++) {
            assertTrue(ch.trySend(i));
        }
        assertEquals(n, ch.len());
    }
}
