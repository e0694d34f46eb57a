package io.go4j;

import io.go4j.sync.WaitGroup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.go4j.Tasks.*;
import static io.go4j.Case.onRecvOk;
import static io.go4j.Case.onSend;
import static io.go4j.Case.otherwise;
import static io.go4j.Case.recv;
import static io.go4j.Case.recvOk;
import static io.go4j.Case.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * One test per rule of SEMANTICS.md §1 (those that apply to the core: 1.1, 1.2, 1.5), §2
 * (channels, rules 1–13) and §3 (select, rules 1–13), each named after its rule and written so
 * that it fails if the rule breaks. Rule 3.13 (timeouts on a timer channel) waits for the time
 * package; its test checks the underlying behaviour: a select waits for a case that another
 * goroutine makes ready later.
 *
 * <p>No test sleeps: a goroutine is known to be blocked when its wait reason (Go's words, as in
 * a goroutine dump) says so.
 */
@Timeout(60)
class SemanticsTest {

    // ================================================================== §1 goroutines

    /** §1.1: go returns at once while f runs concurrently, and writes made before go are visible to f. */
    @Test
    void rule1_1_startHappensBeforeTheGoroutineRuns() {
        final class Box {
            int number;   // plain fields: only the happens-before edge of go makes them visible
            String text;
        }
        for (int i = 0; i < 1000; i++) {
            Box box = new Box();
            box.number = i;
            box.text = "v" + i;
            Task<String> t = call(() -> box.number + ":" + box.text);
            assertEquals(i + ":v" + i, t.join());
        }
        // go does not wait for f: f is still blocked when go has returned
        Chan<String> gate = Chan.make();
        Task<String> blocked = call(gate::recv);
        blocked.awaitParked("chan receive");
        gate.send("released");
        assertEquals("released", blocked.join());
    }

    /** §1.2: goroutine ids are unique and increasing (1 is main's), Go.id() inside is the handle's id, 0 on a plain thread. */
    @Test
    void rule1_2_goroutineIdsAreUniqueAndIncreasing() {
        assertEquals(0, Go.id(), "the JUnit thread is not a goroutine");
        long previous = 1;
        for (int i = 0; i < 200; i++) {
            Task<Long> t = call(Go::id);
            long id = t.goroutine().id();
            assertTrue(id > previous, "id " + id + " after " + previous);
            assertEquals(id, t.join(), "Go.id() inside the goroutine");
            previous = id;
        }
        // started concurrently from several goroutines: still all distinct, increasing per starter
        Set<Long> all = ConcurrentHashMap.newKeySet();
        List<Task<String>> starters = new ArrayList<>();
        for (int s = 0; s < 8; s++) {
            starters.add(call(() -> {
                long last = 0;
                for (int i = 0; i < 100; i++) {
                    long id = Go.go(() -> { }).id();
                    if (id <= last) {
                        return "not increasing: " + id + " after " + last;
                    }
                    last = id;
                    all.add(id);
                }
                all.add(Go.id());
                return "ok";
            }));
        }
        for (Task<String> t : starters) {
            assertEquals("ok", t.join());
        }
        assertEquals(8 * 100 + 8, all.size(), "every goroutine has its own id");
    }

    /** §1.5: go of a null function panics "go of nil func value". */
    @Test
    void rule1_5_goOfNilFuncPanics() {
        assertEquals("go of nil func value", assertThrows(Panic.class, () -> Go.go(null)).getMessage());
        assertEquals("go of nil func value", assertThrows(Panic.class, () -> Go.go("named", null)).getMessage());
    }

    // ================================================================== §2 channels

    /** §2.1: make() is unbuffered, make(n) has a buffer of n, a negative size panics "makechan: size out of range". */
    @Test
    void rule2_1_makeUnbufferedBufferedAndOutOfRange() {
        assertEquals(0, Chan.make().cap());
        assertEquals(0, Chan.make(0).cap());
        assertEquals(5, Chan.make(5).cap());
        assertEquals("makechan: size out of range", assertThrows(Panic.class, () -> Chan.make(-1)).getMessage());
        assertEquals("makechan: size out of range",
                assertThrows(Panic.class, () -> Chan.make(Integer.MIN_VALUE)).getMessage());
    }

    /** §2.2: len counts queued elements and cap is n; unbuffered len is 0 even with a parked sender; nil is 0/0. */
    @Test
    void rule2_2_lenAndCap() {
        Chan<Integer> buffered = Chan.make(4);
        for (int i = 1; i <= 4; i++) {
            buffered.send(i);
            assertEquals(i, buffered.len());
            assertEquals(4, buffered.cap());
        }
        buffered.recv();
        assertEquals(3, buffered.len());

        Chan<Integer> unbuffered = Chan.make();
        Task<Void> sender = run(() -> unbuffered.send(1));
        sender.awaitParked("chan send");
        assertEquals(0, unbuffered.len());
        assertEquals(0, unbuffered.cap());
        assertEquals(1, unbuffered.recv());
        sender.join();

        assertEquals(0, Chan.nil().len());
        assertEquals(0, Chan.nil().cap());
    }

    /** §2.3: a buffered send does not block while len < cap; a send on a full channel and a receive on an empty one block. */
    @Test
    void rule2_3_bufferedSendBlocksOnlyWhenFull() {
        Chan<Integer> ch = Chan.make(2);
        AtomicInteger done = new AtomicInteger();
        Task<Void> sender = run(() -> {
            for (int i = 0; i < 3; i++) {
                ch.send(i);
                done.incrementAndGet();
            }
        });
        sender.awaitParked("chan send");
        assertEquals(2, done.get(), "two sends fit, the third blocks");
        sender.assertStaysParked("chan send");
        assertEquals(0, ch.recv());
        sender.join();
        assertEquals(3, done.get());
        assertEquals(1, ch.recv());
        assertEquals(2, ch.recv());

        Task<Integer> receiver = call(ch::recv);
        receiver.awaitParked("chan receive");
        receiver.assertStaysParked("chan receive");
        ch.send(9);
        assertEquals(9, receiver.join());
    }

    /** §2.4: an unbuffered send completes only when a receiver has taken the value (every send waits for a receive to begin). */
    @Test
    void rule2_4_unbufferedSendIsARendezvous() {
        Chan<Integer> ch = Chan.make();
        Task<Void> lone = run(() -> ch.send(0));
        lone.awaitParked("chan send");
        lone.assertStaysParked("chan send");
        assertEquals(0, ch.recv());
        lone.join();

        AtomicInteger receivesBegun = new AtomicInteger();
        Task<String> sender = call(() -> {
            for (int k = 0; k < 2000; k++) {
                ch.send(k);
                if (receivesBegun.get() < k + 1) {
                    return "send " + k + " completed before its receive began";
                }
            }
            return "ok";
        });
        for (int k = 0; k < 2000; k++) {
            Thread.yield(); // a slow receiver: a send that did not wait would finish first
            receivesBegun.incrementAndGet();
            assertEquals(k, ch.recv());
        }
        assertEquals("ok", sender.join());
    }

    /** §2.5: values are received in send order; parked senders and parked receivers are each served first come, first served. */
    @Test
    void rule2_5_fifoValuesSendersAndReceivers() {
        Chan<Integer> ch = Chan.make(1);
        ch.send(0);
        List<Task<Void>> senders = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            int v = i;
            Task<Void> t = run(() -> ch.send(v));
            t.awaitParked("chan send");
            senders.add(t);
        }
        for (int i = 0; i <= 4; i++) {
            assertEquals(i, ch.recv());
        }
        senders.forEach(Task::join);

        List<Task<Integer>> receivers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Task<Integer> t = call(ch::recv);
            t.awaitParked("chan receive");
            receivers.add(t);
        }
        for (int i = 0; i < 4; i++) {
            ch.send(10 + i);
        }
        for (int i = 0; i < 4; i++) {
            assertEquals(10 + i, receivers.get(i).join());
        }
    }

    /** §2.6: a send on a closed channel panics "send on closed channel"; senders parked at the close wake and panic too. */
    @Test
    void rule2_6_sendOnClosedPanics() {
        Chan<Integer> ch = Chan.make();
        Task<Void> parked = run(() -> ch.send(1));
        parked.awaitParked("chan send");
        ch.close();
        assertEquals("send on closed channel", parked.failure(Panic.class).getMessage());
        assertEquals("send on closed channel", assertThrows(Panic.class, () -> ch.send(2)).getMessage());
        assertEquals("send on closed channel", assertThrows(Panic.class, () -> ch.trySend(3)).getMessage());
        assertEquals(new Recv<Integer>(null, false), ch.recvOk(), "nothing was delivered");
    }

    /** §2.7: close of the nil channel panics "close of nil channel"; a second close panics "close of closed channel". */
    @Test
    void rule2_7_closeOfNilAndSecondClosePanic() {
        assertEquals("close of nil channel", assertThrows(Panic.class, () -> Chan.nil().close()).getMessage());
        Chan<Integer> ch = Chan.make(1);
        ch.close();
        assertEquals("close of closed channel", assertThrows(Panic.class, ch::close).getMessage());
    }

    /** §2.8: after close, receivers drain the buffer (ok = true), then get (null, false) at once, forever; close wakes every parked receiver. */
    @Test
    void rule2_8_closeDrainsThenZeroValueForeverAndWakesReceivers() {
        Chan<String> ch = Chan.make(2);
        ch.send("a");
        ch.send("b");
        ch.close();
        assertEquals(new Recv<>("a", true), ch.recvOk());
        assertEquals(new Recv<>("b", true), ch.recvOk());
        for (int i = 0; i < 100; i++) {
            assertEquals(new Recv<String>(null, false), ch.recvOk());
        }

        Chan<String> empty = Chan.make();
        List<Task<Recv<String>>> receivers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Task<Recv<String>> t = call(empty::recvOk);
            t.awaitParked("chan receive");
            receivers.add(t);
        }
        Task<Recv<String>> selecting = call(() -> Select.select(
                recvOk(empty, (v, ok) -> new Recv<>(v, ok)), recvOk(Chan.<String>nil(), (v, ok) -> null)));
        selecting.awaitParked("select");
        empty.close();
        for (Task<Recv<String>> t : receivers) {
            assertEquals(new Recv<String>(null, false), t.join());
        }
        assertEquals(new Recv<String>(null, false), selecting.join());
    }

    /** §2.9: the nil channel blocks send, receive and range forever (Go's nil-chan wait reasons); non-blocking ops never succeed. */
    @Test
    void rule2_9_nilChannelBlocksForever() {
        Chan<Integer> nil = Chan.nil();
        assertTrue(nil.isNil());
        Task<Void> sender = run(() -> nil.send(1));
        Task<Integer> receiver = call(nil::recv);
        Task<Recv<Integer>> commaOk = call(nil::recvOk);
        Task<Void> ranging = run(() -> {
            for (Integer v : nil) {
                fail("ranging over nil yielded " + v);
            }
        });
        sender.awaitParked("chan send (nil chan)");
        receiver.awaitParked("chan receive (nil chan)");
        commaOk.awaitParked("chan receive (nil chan)");
        ranging.awaitParked("chan receive (nil chan)");
        sender.assertStaysParked("chan send (nil chan)");
        ranging.assertStaysParked("chan receive (nil chan)");
        assertFalse(nil.trySend(1));
        assertInstanceOf(TryRecv.WouldBlock.class, nil.tryRecv());
        for (Task<?> t : List.of(sender, receiver, commaOk, ranging)) {
            t.goroutine().interrupt();
            t.failure(WaitInterruptedException.class);
        }
    }

    /** §2.10: for-range yields every value and ends when the channel is closed and drained (not before). */
    @Test
    void rule2_10_rangeEndsWhenClosedAndDrained() {
        Chan<Integer> ch = Chan.make(3);
        Task<List<Integer>> ranging = call(() -> {
            List<Integer> got = new ArrayList<>();
            for (Integer v : ch) {
                got.add(v);
            }
            return got;
        });
        ch.send(1);
        ch.send(2);
        ranging.awaitParked("chan receive"); // drained but open: the range goes on waiting
        ch.send(3);
        ch.send(4);
        ch.close();
        assertEquals(List.of(1, 2, 3, 4), ranging.join());
    }

    /** §2.11: null is a legal element, received with ok = true and distinct from the closed result. */
    @Test
    void rule2_11_nullElements() {
        Chan<Object> ch = Chan.make(3);
        ch.send(null);
        ch.send("x");
        ch.send(null);
        ch.close();
        assertEquals(new Recv<>(null, true), ch.recvOk());
        assertEquals(new TryRecv.Value<>("x"), ch.tryRecv());
        assertEquals(new TryRecv.Value<>(null), ch.tryRecv());
        assertEquals(new Recv<>(null, false), ch.recvOk());
        assertInstanceOf(TryRecv.Closed.class, ch.tryRecv());

        Chan<Object> ranged = Chan.make(3);
        ranged.send(null);
        ranged.send(null);
        ranged.send("last");
        ranged.close();
        List<Object> got = new ArrayList<>();
        for (Object v : ranged) {
            got.add(v);
        }
        assertEquals(Arrays.asList(null, null, "last"), got, "a range does not stop at a null element");
    }

    /** §2.12: RecvChan has no send/trySend/close; SendChan has no receive, no iterator and is not Iterable (compile-time direction). */
    @Test
    void rule2_12_directionTypes() {
        Set<String> recvSide = methodNames(RecvChan.class);
        assertTrue(recvSide.containsAll(Set.of("recv", "recvOk", "tryRecv", "iterator", "len", "cap")), recvSide::toString);
        for (String forbidden : List.of("send", "trySend", "close")) {
            assertFalse(recvSide.contains(forbidden), "RecvChan must not declare " + forbidden);
        }

        Set<String> sendSide = methodNames(SendChan.class);
        assertTrue(sendSide.containsAll(Set.of("send", "trySend", "close", "len", "cap")), sendSide::toString);
        for (String name : sendSide) {
            assertFalse(name.startsWith("recv") || name.startsWith("tryRecv"), "SendChan must not declare " + name);
        }
        assertFalse(sendSide.contains("iterator"), "SendChan must not be rangeable");
        assertFalse(sendSide.contains("forEach"), "SendChan must not be rangeable");
        assertFalse(Iterable.class.isAssignableFrom(SendChan.class), "SendChan must not be Iterable");
        assertFalse(SendChan.class.isAssignableFrom(RecvChan.class));
        assertFalse(RecvChan.class.isAssignableFrom(SendChan.class));

        // a Chan is both views
        assertTrue(SendChan.class.isAssignableFrom(Chan.class));
        assertTrue(RecvChan.class.isAssignableFrom(Chan.class));
    }

    private static Set<String> methodNames(Class<?> type) {
        return Arrays.stream(type.getMethods()).map(Method::getName).collect(Collectors.toSet());
    }

    /** §2.13: channels carry channels (request/response), functions and records. */
    @Test
    void rule2_13_channelsOfChannelsFunctionsAndRecords() {
        record Request(Function<Integer, Integer> work, int arg, Chan<Integer> reply) {
        }
        Chan<Request> requests = Chan.make();
        Go.go(() -> {
            for (Request r : requests) {
                r.reply().send(r.work().apply(r.arg()));
            }
        });
        Chan<Integer> reply = Chan.make();
        for (int i = 0; i < 100; i++) {
            int k = i;
            requests.send(new Request(x -> x * x + k, i, reply));
            assertEquals(i * i + i, reply.recv());
        }
        requests.close();

        Chan<Chan<String>> ofChans = Chan.make(1);
        Chan<String> inner = Chan.make(1);
        ofChans.send(inner);
        ofChans.recv().send("through the inner channel");
        assertEquals("through the inner channel", inner.recv());
    }

    // ================================================================== §3 select

    /** §3.1: channel operands and send values are evaluated once, in source order, on entry — also when the select blocks and wakes. */
    @Test
    void rule3_1_operandsEvaluatedOnceInSourceOrder() {
        List<String> log = new ArrayList<>();
        Chan<Integer> a = Chan.make();
        Chan<Integer> b = Chan.make();
        Task<String> t = call(() -> Select.select(
                recv(logged(log, "chan a", a), v -> "a:" + v),
                send(logged(log, "chan b", b), logged(log, "value b", 20), () -> "sent b"),
                recv(logged(log, "chan a again", a), v -> "a2:" + v)));
        t.awaitParked("select");
        synchronized (log) {
            assertEquals(List.of("chan a", "chan b", "value b", "chan a again"), log);
        }
        assertEquals(20, b.recv(), "the value evaluated on entry is the one sent");
        assertEquals("sent b", t.join());
        synchronized (log) {
            assertEquals(4, log.size(), "nothing re-evaluated on waking");
        }
    }

    private static <T> T logged(List<String> log, String what, T value) {
        synchronized (log) {
            log.add(what);
        }
        return value;
    }

    /** §3.2: exactly one case runs per select, only its body, and only its channel operation takes effect. */
    @Test
    void rule3_2_exactlyOneCaseRuns() {
        Chan<Integer> a = Chan.make(1000);
        Chan<Integer> b = Chan.make(1000);
        Chan<Integer> out = Chan.make(1000);
        for (int i = 0; i < 1000; i++) {
            a.send(i);
            b.send(i);
        }
        int[] bodies = new int[3];
        for (int i = 0; i < 1000; i++) {
            int before = a.len() + b.len() + out.len();
            int before3 = bodies[0] + bodies[1] + bodies[2];
            String which = Select.select(
                    recv(a, v -> { bodies[0]++; return "a"; }),
                    recv(b, v -> { bodies[1]++; return "b"; }),
                    send(out, i, () -> { bodies[2]++; return "out"; }));
            assertEquals(before3 + 1, bodies[0] + bodies[1] + bodies[2], "exactly one body ran");
            int after = a.len() + b.len() + out.len();
            assertEquals(which.equals("out") ? before + 1 : before - 1, after, "exactly one channel operation");
        }
        assertEquals(1000 - bodies[0], a.len());
        assertEquals(1000 - bodies[1], b.len());
        assertEquals(bodies[2], out.len());
    }

    /** §3.3: among ready cases the choice is uniform: over 10,000 selects on 4 ready cases, chi-square stays below its 1e-6 quantile. */
    @Test
    void rule3_3_readyCaseChosenUniformly() {
        int trials = 10_000;
        Chan<Integer> c0 = Chan.make(trials);
        Chan<Integer> c1 = Chan.make(trials);
        Chan<Integer> closed = Chan.make();
        Chan<Integer> room = Chan.make(trials);
        for (int i = 0; i < trials; i++) {
            c0.send(0);
            c1.send(1);
        }
        closed.close();
        int[] counts = new int[4];
        for (int i = 0; i < trials; i++) {
            int k = Select.select(
                    recv(c0, v -> 0),
                    recv(c1, v -> 1),
                    recvOk(closed, (v, ok) -> 2),
                    send(room, i, () -> 3));
            counts[k]++;
        }
        double expected = trials / 4.0;
        double chi2 = 0;
        for (int c : counts) {
            chi2 += (c - expected) * (c - expected) / expected;
        }
        // chi-square with 3 degrees of freedom exceeds 30.66 with probability 1e-6
        assertTrue(chi2 < 30.66, "unfair select: counts " + Arrays.toString(counts) + ", chi2 = " + chi2);
    }

    /** §3.4: with no ready case the default runs; without a default the select blocks until a case is ready. */
    @Test
    void rule3_4_defaultWhenNothingReadyElseBlock() {
        Chan<Integer> empty = Chan.make();
        Chan<Integer> full = Chan.make(1);
        full.send(0);
        for (int i = 0; i < 100; i++) {
            assertEquals("default", Select.select(
                    recv(empty, v -> "recv"), send(full, 1, () -> "send"), otherwise(() -> "default")));
        }
        assertEquals(1, full.len());

        Task<String> t = call(() -> Select.select(recv(empty, v -> "recv " + v), send(full, 1, () -> "send")));
        t.awaitParked("select");
        t.assertStaysParked("select");
        assertEquals(0, full.recv()); // makes room: the parked send case completes
        assertEquals("send", t.join());
        assertEquals(1, full.recv());
    }

    /** §3.5: a nil-channel case (Chan.nil() or a Java null) is never ready; select {} and all-nil selects block forever. */
    @Test
    void rule3_5_nilChannelCaseNeverReady() {
        Chan<Integer> nil = Chan.nil();
        Chan<Integer> javaNull = null;
        Chan<Integer> ready = Chan.make(1);
        for (int i = 0; i < 200; i++) {
            ready.send(i);
            assertEquals("ready", Select.select(
                    recv(nil, v -> "nil"), send(nil, 1, () -> "nil send"), recv(javaNull, v -> "null"),
                    recv(ready, v -> "ready")));
        }
        assertEquals("default", Select.select(recv(nil, v -> "nil"), send(javaNull, 1, () -> "null"),
                otherwise(() -> "default")));

        Task<Void> allNil = run(() -> Select.select(recv(nil, v -> "nil"), send(javaNull, 1, () -> "null")));
        Task<Void> noCases = run(Select::forever);
        allNil.awaitParked("select");
        noCases.awaitParked("select (no cases)");
        allNil.assertStaysParked("select");
        noCases.assertStaysParked("select (no cases)");
        allNil.goroutine().interrupt();
        noCases.goroutine().interrupt();
        allNil.failure(WaitInterruptedException.class);
        noCases.failure(WaitInterruptedException.class);
    }

    /** §3.6: a receive case on a closed channel is always ready and yields (null, false): it wins over default and never blocks. */
    @Test
    void rule3_6_receiveOnClosedAlwaysReady() {
        Chan<Integer> closed = Chan.make(1);
        closed.close();
        Chan<Integer> never = Chan.make();
        for (int i = 0; i < 200; i++) {
            assertEquals("null/false", Select.select(
                    recvOk(closed, (v, ok) -> v + "/" + ok), recv(never, v -> "never"), otherwise(() -> "default")));
        }
        assertNull(Select.select(recv(closed), recv(never)), "no default: still returns at once");
    }

    /** §3.7: a send case on a closed channel is ready, and if chosen panics "send on closed channel" even with a default. */
    @Test
    void rule3_7_chosenSendOnClosedPanicsEvenWithDefault() {
        Chan<Integer> closed = Chan.make(1);
        closed.close();
        for (int i = 0; i < 100; i++) {
            Panic p = assertThrows(Panic.class,
                    () -> Select.select(send(closed, 1, () -> "sent"), otherwise(() -> "default")));
            assertEquals("send on closed channel", p.getMessage());
        }
        // competing with another ready case, it is chosen (and panics) about half of the time
        Chan<Integer> ready = Chan.make(1);
        int panics = 0;
        int others = 0;
        for (int i = 0; i < 200; i++) {
            ready.trySend(0);
            try {
                Select.select(send(closed, 1, () -> "sent"), recv(ready, v -> "other"), otherwise(() -> "default"));
                others++;
            } catch (Panic p) {
                assertEquals("send on closed channel", p.getMessage());
                panics++;
            }
        }
        assertTrue(panics > 0 && others > 0, "both ready cases must be chosen sometimes: " + panics + "/" + others);
    }

    /** §3.8: two default cases panic "reflect.Select: multiple default cases", before any case runs. */
    @Test
    void rule3_8_twoDefaultsPanic() {
        Chan<Integer> room = Chan.make(1);
        Panic p = assertThrows(Panic.class, () -> Select.select(
                send(room, 1, () -> "sent"), otherwise(() -> "d1"), otherwise(() -> "d2")));
        assertEquals("reflect.Select: multiple default cases", p.getMessage());
        assertEquals(0, room.len(), "no case ran");
        assertEquals("reflect.Select: multiple default cases", assertThrows(Panic.class,
                () -> Select.select(otherwise(() -> "d1"), otherwise(() -> "d2"))).getMessage());
        assertEquals("reflect.Select: multiple default cases", assertThrows(Panic.class,
                () -> Select.select(otherwise(() -> "d1"), recv(room, v -> "recv"), otherwise(() -> "d2"))).getMessage());
        assertEquals("d", Select.select(otherwise(() -> "d")), "a single default is fine");
    }

    /** §3.9: one channel may appear in several cases: each can be chosen, and a parked select queued twice is woken once. */
    @Test
    void rule3_9_sameChannelInSeveralCases() {
        Chan<Integer> c = Chan.make(1000);
        for (int i = 0; i < 1000; i++) {
            c.send(i);
        }
        int first = 0;
        int second = 0;
        for (int i = 0; i < 1000; i++) {
            String[] which = new String[1];
            int v = Select.select(recv(c, x -> { which[0] = "first"; return x; }),
                    recv(c, x -> { which[0] = "second"; return x; }));
            assertEquals(i, v, "FIFO across cases on the same channel");
            if (which[0].equals("first")) {
                first++;
            } else {
                second++;
            }
        }
        assertTrue(first > 0 && second > 0, first + "/" + second);

        Chan<Integer> u = Chan.make();
        Task<Integer> twice = call(() -> Select.select(recv(u), recv(u)));
        twice.awaitParked("select");
        assertTrue(u.trySend(7));
        assertEquals(7, twice.join());
        assertFalse(u.trySend(8), "the second case withdrew: nobody is left to receive");
    }

    /** §3.10: a select never pairs with itself: send and receive on one unbuffered channel with nobody else blocks ("select") until interrupted. */
    @Test
    void rule3_10_selectNeverPairsWithItself() {
        Chan<Integer> c = Chan.make();
        Task<String> self = call(() -> Select.select(send(c, 1, () -> "sent"), recv(c, v -> "received " + v)));
        self.awaitParked("select");
        self.assertStaysParked("select");
        assertEquals(0, c.len());
        self.goroutine().interrupt();
        self.failure(WaitInterruptedException.class);
        // it withdrew from both queues
        assertFalse(c.trySend(2));
        assertInstanceOf(TryRecv.WouldBlock.class, c.tryRecv());
    }

    /**
     * §3.11: a non-blocking select observes the channels at one instant: when some case is ready
     * at every moment (here first a receive, then a send case, never neither), it never takes default.
     */
    @Test
    void rule3_11_nonBlockingSelectSeesOneInstant() {
        for (int i = 0; i < 1000; i++) {
            Chan<Integer> c1 = Chan.make(1);
            Chan<Integer> c2 = Chan.make(1);
            c1.send(1); // c1 ready to receive
            c2.send(2); // c2 full: its send case is not ready yet
            Task<String> t = call(() -> Select.select(
                    recv(c1, v -> "recv c1"), send(c2, 3, () -> "send c2"), otherwise(() -> "default")));
            c2.recv();      // now the send case is ready too ...
            c1.tryRecv();   // ... and then c1 may stop being ready
            assertFalse(t.join().equals("default"), "took default although a case was always ready");
        }
    }

    /** §3.12: selects woken by several channels at once withdraw from the others: every element is received exactly once. */
    @Test
    void rule3_12_nothingLostOrDuplicated() {
        int producers = 4;
        int each = 2000;
        int total = producers * each;
        List<Chan<Integer>> chans = List.of(Chan.make(), Chan.make(), Chan.make(2));
        AtomicIntegerArray seen = new AtomicIntegerArray(total);
        WaitGroup sent = new WaitGroup();
        for (int p = 0; p < producers; p++) {
            int base = p * each;
            sent.go(() -> {
                for (int i = 0; i < each; i++) {
                    // each value goes out on whichever channel a consumer takes first
                    Select.select(onSend(chans.get(0), base + i), onSend(chans.get(1), base + i),
                            onSend(chans.get(2), base + i));
                }
            });
        }
        List<Task<Integer>> consumers = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            consumers.add(call(() -> {
                List<Chan<Integer>> open = new ArrayList<>(chans);
                int got = 0;
                while (open.get(0) != null || open.get(1) != null || open.get(2) != null) {
                    int[] closedIndex = {-1};
                    int[] counted = {0};
                    Select.select(
                            onRecvOk(open.get(0), (v, ok) -> note(seen, v, ok, 0, closedIndex, counted)),
                            onRecvOk(open.get(1), (v, ok) -> note(seen, v, ok, 1, closedIndex, counted)),
                            onRecvOk(open.get(2), (v, ok) -> note(seen, v, ok, 2, closedIndex, counted)));
                    if (closedIndex[0] >= 0) {
                        open.set(closedIndex[0], null); // switch the case off, Go's nil-channel idiom
                    }
                    got += counted[0];
                }
                return got;
            }));
        }
        sent.await();
        chans.forEach(Chan::close);
        int received = 0;
        for (Task<Integer> t : consumers) {
            received += t.join();
        }
        assertEquals(total, received);
        for (int v = 0; v < total; v++) {
            assertEquals(1, seen.get(v), "value " + v + " received " + seen.get(v) + " times");
        }
    }

    private static void note(AtomicIntegerArray seen, Integer v, boolean ok, int index, int[] closedIndex, int[] counted) {
        if (ok) {
            seen.incrementAndGet(v);
            counted[0]++;
        } else {
            closedIndex[0] = index;
        }
    }

    /** §3.13 (until the time package): a select waits for a case that another goroutine makes ready later, and takes that one. */
    @Test
    void rule3_13_selectWaitsForAChannelFedLater() {
        Chan<String> never = Chan.make();
        Chan<String> later = Chan.make();
        Task<String> t = call(() -> Select.select(recv(never, v -> "never"), recv(later, v -> "later: " + v)));
        t.awaitParked("select");
        Go.go(() -> later.send("tick"));
        assertEquals("later: tick", t.join());
        assertFalse(never.trySend("x"), "the select withdrew from the other channel");
    }
}
