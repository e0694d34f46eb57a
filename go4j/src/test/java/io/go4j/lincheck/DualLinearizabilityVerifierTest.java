package io.go4j.lincheck;

import org.jetbrains.kotlinx.lincheck.Actor;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionResult;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.kotlinx.lincheck.execution.HBClock;
import org.jetbrains.kotlinx.lincheck.execution.ResultWithClock;
import org.jetbrains.kotlinx.lincheck.util.LincheckResult;
import org.jetbrains.kotlinx.lincheck.util.ValueResult;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The verifier on hand-written histories: it accepts what Go allows and rejects lost,
 * duplicated and premature results. These show that {@link ChannelLincheckTest} can fail.
 */
@Timeout(60)
public class DualLinearizabilityVerifierTest {

    // ---------------------------------------------------------------- a tiny history DSL

    /** One call with its result and the clock on start (per thread: operations completed before). */
    private record Call(String method, Object[] args, String result, int[] clock) {
    }

    private static Call call(String result, String method, Object... args) {
        return new Call(method, args, result, null);
    }

    /** A call of a parallel thread that started after {@code clock[u]} operations of thread u completed. */
    private static Call at(int[] clock, String result, String method, Object... args) {
        return new Call(method, args, result, clock);
    }

    private static int[] clock(int... c) {
        return c;
    }

    private static boolean verify(int cap, List<Call> initAfterMake, List<List<Call>> threads, List<Call> post) {
        return verify(cap, cap, initAfterMake, threads, post);
    }

    private static boolean verify(int capA, int capB, List<Call> initAfterMake, List<List<Call>> threads,
                                  List<Call> post) {
        Class<ChannelOperations> spec = ChannelOperations.class;
        List<Call> init = new ArrayList<>();
        init.add(call("made", "make", capA, capB));
        init.addAll(initAfterMake);
        int n = threads.size();
        List<List<Actor>> par = new ArrayList<>();
        List<List<ResultWithClock>> parResults = new ArrayList<>();
        for (List<Call> t : threads) {
            par.add(t.stream().map(c -> actor(spec, c)).toList());
            parResults.add(t.stream().map(c -> new ResultWithClock(result(c),
                    new HBClock(c.clock == null ? new int[n] : c.clock))).toList());
        }
        ExecutionScenario scenario = new ExecutionScenario(
                init.stream().map(c -> actor(spec, c)).toList(), par, post.stream().map(c -> actor(spec, c)).toList(),
                null);
        ExecutionResult result = new ExecutionResult(init.stream().map(DualLinearizabilityVerifierTest::result).toList(),
                parResults, post.stream().map(DualLinearizabilityVerifierTest::result).toList());
        return new DualLinearizabilityVerifier(spec).verifyResults(scenario, result);
    }

    private static LincheckResult result(Call c) {
        return new ValueResult(c.result);
    }

    private static Actor actor(Class<?> spec, Call c) {
        Class<?>[] types = new Class<?>[c.args.length];
        Arrays.fill(types, int.class);
        try {
            Method m = spec.getMethod(c.method, types);
            return new Actor(m, new ArrayList<>(Arrays.asList(c.args)), false, false, false, false, false);
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
    }

    private static final int UNBUF = 0;
    private static final int CAP1 = 1;

    // ---------------------------------------------------------------- accepted histories

    @Test
    @DisplayName("accepts an unbuffered rendezvous of overlapping send and recv")
    void acceptsRendezvous() {
        assertTrue(verify(UNBUF, List.of(),
                List.of(List.of(call("sent", "send", 0, 1)), List.of(call("1", "recv", 0))),
                List.of()));
    }

    @Test
    @DisplayName("accepts a buffered send that returns before the value is received")
    void acceptsBufferedSendBeforeRecv() {
        assertTrue(verify(CAP1, List.of(),
                List.of(List.of(call("sent", "send", 0, 1)), List.of(at(clock(1, 0), "1", "recv", 0))),
                List.of()));
    }

    @Test
    @DisplayName("accepts either ready case of a select (Go chooses at random)")
    void acceptsEitherReadyCase() {
        List<Call> init = List.of(call("true", "trySend", 0, 1), call("true", "trySend", 1, 2));
        assertTrue(verify(CAP1, init, List.of(List.of(call("recv a 1", "selectRecvRecv", 0, 1))), List.of()));
        assertTrue(verify(CAP1, init, List.of(List.of(call("recv b 2", "selectRecvRecv", 0, 1))), List.of()));
    }

    @Test
    @DisplayName("accepts a trySend on an unbuffered channel that finds a waiting receiver")
    void acceptsTrySendToWaitingReceiver() {
        assertTrue(verify(UNBUF, List.of(),
                List.of(List.of(call("true", "trySend", 0, 1)), List.of(call("1", "recv", 0))),
                List.of()));
    }

    @Test
    @DisplayName("accepts waiters woken by close: the receiver gets closed, the sender panics")
    void acceptsCloseWakingWaiters() {
        assertTrue(verify(UNBUF, List.of(),
                List.of(List.of(call("closed", "close", 0), call("closed", "close", 1)),
                        List.of(call("null,false", "recvOk", 0)),
                        List.of(call("panic: send on closed channel", "send", 1, 1))),
                List.of()));
    }

    @Test
    @DisplayName("accepts a select across an unbuffered and a buffered channel taking the buffered value")
    void acceptsSelectAcrossCapacities() {
        assertTrue(verify(0, 1, List.of(call("true", "trySend", 1, 1)),
                List.of(List.of(call("recv b 1", "selectRecvRecv", 0, 1))), List.of()));
    }

    @Test
    @DisplayName("accepts the correct outcome of a select that moves a waiting sender's value into a full buffer")
    void acceptsSelectFromFullBuffer() {
        assertTrue(verify(CAP1, List.of(call("true", "trySend", 0, 1)),
                List.of(List.of(call("sent", "send", 0, 2), at(clock(1, 1), "Value(2)", "tryRecv", 0)),
                        List.of(call("recv a 1", "selectRecvRecv", 0, 0))),
                List.of(call("WouldBlock", "tryRecv", 0))));
    }

    // ---------------------------------------------------------------- rejected histories

    @Test
    @DisplayName("rejects a tryRecv that misses the value its own completed send put into the buffer")
    void rejectsWouldBlockAfterSelectFromFullBuffer() {
        // the history ChannelLincheckTest.selectReceiveFromFullBufferKeepsTheSentValueVisible produces
        assertFalse(verify(CAP1, List.of(call("true", "trySend", 0, 1)),
                List.of(List.of(call("sent", "send", 0, 2), at(clock(1, 0), "WouldBlock", "tryRecv", 0)),
                        List.of(call("recv a 1", "selectRecvRecv", 0, 0))),
                List.of(call("Value(2)", "tryRecv", 0))));
    }

    @Test
    @DisplayName("rejects a value reported on the wrong channel")
    void rejectsWrongChannel() {
        assertFalse(verify(0, 1, List.of(call("true", "trySend", 1, 1)),
                List.of(List.of(call("recv a 1", "selectRecvRecv", 0, 1))), List.of()));
    }

    @Test
    @DisplayName("rejects an unbuffered send that returned before any receiver started")
    void rejectsUnbufferedSendWithoutReceiver() {
        assertFalse(verify(UNBUF, List.of(),
                List.of(List.of(call("sent", "send", 0, 1)), List.of(at(clock(1, 0), "1", "recv", 0))),
                List.of()));
    }

    @Test
    @DisplayName("rejects a trySend on an unbuffered channel that succeeds with no receiver waiting")
    void rejectsTrySendWithoutReceiver() {
        assertFalse(verify(UNBUF, List.of(call("true", "trySend", 0, 1)),
                List.of(List.of(call("1", "recv", 0))), List.of()));
    }

    @Test
    @DisplayName("rejects a value received twice")
    void rejectsDuplicate() {
        assertFalse(verify(CAP1, List.of(call("true", "trySend", 0, 1)),
                List.of(List.of(call("1", "recv", 0)), List.of(call("Value(1)", "tryRecv", 0))),
                List.of()));
    }

    @Test
    @DisplayName("rejects a buffered value lost at close")
    void rejectsLostValue() {
        assertFalse(verify(CAP1, List.of(call("true", "trySend", 0, 1)),
                List.of(List.of(call("closed", "close", 0))),
                List.of(call("null,false", "recvOk", 0))));
    }

    @Test
    @DisplayName("rejects values received out of FIFO order")
    void rejectsReordering() {
        assertFalse(verify(2,
                List.of(call("true", "trySend", 0, 1), call("true", "trySend", 0, 2)),
                List.of(List.of(call("2", "recv", 0), call("1", "recv", 0))),
                List.of()));
    }

    @Test
    @DisplayName("rejects a select that takes default although a case was ready throughout")
    void rejectsDefaultWhenReady() {
        assertFalse(verify(CAP1, List.of(call("true", "trySend", 1, 1)),
                List.of(List.of(call("default", "selectRecvRecvDefault", 0, 1))), List.of()));
    }

    @Test
    @DisplayName("rejects a select that pairs with itself on an unbuffered channel")
    void rejectsSelfPairing() {
        assertFalse(verify(UNBUF, List.of(),
                List.of(List.of(call("sent a", "selectSendRecvDefault", 0, 1, 0))), List.of()));
    }

    @Test
    @DisplayName("rejects a send that panics although the channel was never closed")
    void rejectsSpuriousPanic() {
        assertFalse(verify(CAP1, List.of(),
                List.of(List.of(call("panic: send on closed channel", "send", 0, 1))), List.of()));
    }
}
