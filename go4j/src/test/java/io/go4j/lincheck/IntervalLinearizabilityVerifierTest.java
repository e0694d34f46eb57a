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

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link IntervalLinearizabilityVerifier} with the models of {@link MutexLincheckTest},
 * {@link RWMutexLincheckTest} and {@link WaitGroupLincheckTest}, on hand-written histories: it
 * accepts what Go allows (including Go's own {@code TryLock} failures) and rejects lost updates,
 * torn or stale reads, unjustified try-failures, early {@code Wait} returns and unjustified
 * panics. These show that the three Lincheck tests can fail for the reasons they claim.
 */
@Timeout(60)
public class IntervalLinearizabilityVerifierTest {

    // ---------------------------------------------------------------- a tiny history DSL

    /** One call with its result and the clock on start (per thread: operations completed before), or null. */
    private record Call(String method, String result, int[] clock) {
    }

    private static Call call(String result, String method) {
        return new Call(method, result, null);
    }

    /** A call of a parallel thread that started after {@code clock[u]} operations of thread u completed. */
    private static Call at(int[] clock, String result, String method) {
        return new Call(method, result, clock);
    }

    private static int[] clock(int... c) {
        return c;
    }

    private static boolean verify(Class<?> operations, Class<?> model, List<Call> init, List<List<Call>> threads,
                                  List<Call> post) {
        int n = threads.size();
        List<List<Actor>> par = new ArrayList<>();
        List<List<ResultWithClock>> parResults = new ArrayList<>();
        for (List<Call> t : threads) {
            par.add(t.stream().map(c -> actor(operations, c)).toList());
            parResults.add(t.stream().map(c -> new ResultWithClock(result(c),
                    new HBClock(c.clock == null ? new int[n] : c.clock))).toList());
        }
        ExecutionScenario scenario = new ExecutionScenario(init.stream().map(c -> actor(operations, c)).toList(), par,
                post.stream().map(c -> actor(operations, c)).toList(), null);
        ExecutionResult result = new ExecutionResult(init.stream().map(IntervalLinearizabilityVerifierTest::result).toList(),
                parResults, post.stream().map(IntervalLinearizabilityVerifierTest::result).toList());
        return new IntervalLinearizabilityVerifier(model).verifyResults(scenario, result);
    }

    private static LincheckResult result(Call c) {
        return new ValueResult(c.result);
    }

    private static Actor actor(Class<?> operations, Call c) {
        try {
            return new Actor(operations.getMethod(c.method), new ArrayList<>(), false, false, false, false, false);
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
    }

    private static boolean mutex(List<List<Call>> threads) {
        return verify(MutexLincheckTest.Operations.class, MutexLincheckTest.MutexModel.class, List.of(), threads,
                List.of());
    }

    private static boolean rw(List<List<Call>> threads) {
        return verify(RWMutexLincheckTest.Operations.class, RWMutexLincheckTest.RWMutexModel.class, List.of(), threads,
                List.of());
    }

    private static boolean wg(List<Call> init, List<List<Call>> threads) {
        return verify(WaitGroupLincheckTest.Operations.class, WaitGroupLincheckTest.WaitGroupModel.class, init, threads,
                List.of());
    }

    private static final String BUSY = "busy";
    private static final String OK = "ok";

    // ---------------------------------------------------------------- Mutex

    @Test
    @DisplayName("mutex: accepts two overlapping increments that return 1 and 2")
    void mutexAcceptsTwoIncrements() {
        assertTrue(mutex(List.of(List.of(call("1", "increment")), List.of(call("2", "incrementLocked")))));
    }

    @Test
    @DisplayName("mutex: rejects a lost update (two increments both return 1)")
    void mutexRejectsLostUpdate() {
        assertFalse(mutex(List.of(List.of(call("1", "increment")), List.of(call("1", "tryIncrement")))));
    }

    @Test
    @DisplayName("mutex: accepts a failed tryLock while an overlapping increment may hold the mutex")
    void mutexAcceptsBusyWhileHeld() {
        assertTrue(mutex(List.of(List.of(call("1", "increment")), List.of(call(BUSY, "tryIncrement")))));
    }

    @Test
    @DisplayName("mutex: rejects a failed tryLock that started after the only other operation returned")
    void mutexRejectsBusyAfterRelease() {
        assertFalse(mutex(List.of(List.of(call("1", "increment")), List.of(at(clock(1, 0), BUSY, "tryIncrement")))));
    }

    @Test
    @DisplayName("mutex: rejects two failed tryLocks with nobody holding the mutex")
    void mutexRejectsBusyWithoutHolder() {
        assertFalse(mutex(List.of(List.of(call(BUSY, "tryIncrement")), List.of(call(BUSY, "tryIncrement")))));
    }

    @Test
    @DisplayName("mutex: rejects a failed tryLock in the init part, where nothing runs concurrently")
    void mutexRejectsBusyAlone() {
        assertFalse(verify(MutexLincheckTest.Operations.class, MutexLincheckTest.MutexModel.class,
                List.of(call(BUSY, "tryIncrement")), List.of(List.of(call("1", "increment"))), List.of()));
    }

    // ---------------------------------------------------------------- RWMutex

    @Test
    @DisplayName("rwmutex: accepts readers overlapping a writer, one before and one after it")
    void rwAcceptsReadersAroundWriter() {
        assertTrue(rw(List.of(List.of(call("1", "write")), List.of(call("0", "read")), List.of(call("1", "readLocker")))));
    }

    @Test
    @DisplayName("rwmutex: rejects a torn read")
    void rwRejectsTornRead() {
        assertFalse(rw(List.of(List.of(call("1", "write")), List.of(call("torn 1/0", "read")))));
    }

    @Test
    @DisplayName("rwmutex: rejects a read that started after the write returned but saw the old value")
    void rwRejectsStaleRead() {
        assertFalse(rw(List.of(List.of(call("1", "write")), List.of(at(clock(1, 0), "0", "read")))));
    }

    @Test
    @DisplayName("rwmutex: rejects two writers that both wrote 1")
    void rwRejectsLostWrite() {
        assertFalse(rw(List.of(List.of(call("1", "write")), List.of(call("1", "tryWrite")))));
    }

    @Test
    @DisplayName("rwmutex: accepts Go's tryLock failing on w held by a tryLock that is giving up")
    void rwAcceptsTryWriteBusyOnGivingUpTryWrite() {
        // the reader makes thread 1's tryLock fail its compare-and-set; thread 2 starts after the
        // reader returned and fails at w.TryLock, as Go's RWMutex.TryLock does
        assertTrue(rw(List.of(List.of(call("0", "read")), List.of(call(BUSY, "tryWrite")),
                List.of(at(clock(1, 0, 0), BUSY, "tryWrite")))));
    }

    @Test
    @DisplayName("rwmutex: accepts Go's tryLock failing on a counted reader whose token a later reader took")
    void rwAcceptsTryWriteBusyOnCountedReader() {
        // the history model checking found (RWMutexLincheckTest, "A Go quirk"): thread 1's read was
        // counted before the tryLock and went in only after the second write
        assertTrue(rw(List.of(List.of(call("1", "write"), call(BUSY, "tryWrite"), call("2", "write")),
                List.of(call("2", "read")), List.of(at(clock(2, 0, 0), "1", "read")))));
    }

    @Test
    @DisplayName("rwmutex: accepts Go's rLock going in ahead of a waiting writer with another reader's token")
    void rwAcceptsReaderAheadOfAnnouncedWriter() {
        // the second history of RWMutexLincheckTest's "A Go quirk"
        assertTrue(rw(List.of(List.of(call("1", "write"), call("2", "write")), List.of(call("2", "readLocker")),
                List.of(at(clock(1, 0, 0), BUSY, "tryRead"), at(clock(1, 0, 1), "1", "read")))));
    }

    @Test
    @DisplayName("rwmutex: rejects a failed tryLock with no reader or writer in progress")
    void rwRejectsTryWriteBusyAlone() {
        assertFalse(rw(List.of(List.of(call("1", "write"), call(BUSY, "tryWrite")),
                List.of(at(clock(2, 0), "1", "read")))));
    }

    @Test
    @DisplayName("rwmutex: rejects a failed tryRLock when only readers hold the lock")
    void rwRejectsTryReadBusyAmongReaders() {
        assertFalse(rw(List.of(List.of(call("0", "read")), List.of(call(BUSY, "tryRead")))));
    }

    @Test
    @DisplayName("rwmutex: accepts a failed tryRLock while a writer may hold the lock")
    void rwAcceptsTryReadBusyDuringWrite() {
        assertTrue(rw(List.of(List.of(call("1", "write")), List.of(call(BUSY, "tryRead")))));
    }

    // ---------------------------------------------------------------- WaitGroup

    @Test
    @DisplayName("waitgroup: accepts an await released by an overlapping done")
    void wgAcceptsAwaitReleasedByDone() {
        assertTrue(wg(List.of(call(OK, "add")), List.of(List.of(call(OK, "done")), List.of(call(OK, "await")))));
    }

    @Test
    @DisplayName("waitgroup: rejects an await that returned before the only done started")
    void wgRejectsEarlyAwait() {
        assertFalse(wg(List.of(call(OK, "add")),
                List.of(List.of(at(clock(0, 1), OK, "done")), List.of(call(OK, "await")))));
    }

    @Test
    @DisplayName("waitgroup: accepts Go's reuse panic: add from zero while a released await has not returned")
    void wgAcceptsReusePanic() {
        assertTrue(wg(List.of(call(OK, "add")),
                List.of(List.of(call(OK, "done"), call(WaitGroupLincheckTest.PANIC_REUSED, "add")),
                        List.of(call(OK, "await")))));
    }

    @Test
    @DisplayName("waitgroup: rejects a reuse panic with no await released")
    void wgRejectsReusePanicWithoutWaiter() {
        assertFalse(wg(List.of(call(OK, "add")),
                List.of(List.of(call(OK, "done"), call(WaitGroupLincheckTest.PANIC_REUSED, "add")))));
    }

    @Test
    @DisplayName("waitgroup: rejects a reuse panic when the await found the counter at zero and never waited")
    void wgRejectsReusePanicAfterFastAwait() {
        assertFalse(wg(List.of(call(OK, "add")),
                List.of(List.of(call(OK, "done"), call(WaitGroupLincheckTest.PANIC_REUSED, "add")),
                        List.of(at(clock(1, 0), OK, "await")))));
    }

    @Test
    @DisplayName("waitgroup: accepts the negative-counter panic of a done whose add panicked")
    void wgAcceptsNegativeAfterReuse() {
        assertTrue(wg(List.of(call(OK, "add")),
                List.of(List.of(call(OK, "done"), call(WaitGroupLincheckTest.PANIC_REUSED, "add"),
                                call(WaitGroupLincheckTest.PANIC_NEGATIVE, "done")),
                        List.of(call(OK, "await")))));
    }
}
