package io.go4j.lincheck;

import org.jetbrains.kotlinx.lincheck.Actor;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Options;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Linearizability of go4j channels with Lincheck 3.7 — "nothing lost, nothing doubled", and
 * every outcome one Go allows — by model checking ({@link ModelCheckingOptions}: Lincheck
 * runs each scenario under many thread interleavings it chooses, switching threads at shared
 * memory accesses, {@code LockSupport.park} and spin loops) and by stress
 * ({@link StressOptions}: real concurrent runs on platform threads).
 *
 * <h2>What is checked</h2>
 * Operations ({@link ChannelOperations}), on two channels {@code a} and {@code b} whose
 * capacities each scenario draws from {0, 1, 2} (so unbuffered, cap 1, cap 2 and mixed pairs):
 * {@code send}, {@code recv}, {@code recvOk}, {@code trySend}, {@code tryRecv}, {@code close},
 * the blocking two-case selects {@code select { <-c0; <-c1 }} and
 * {@code select { c0 <- v; <-c1 }}, and the same two selects with a {@code default} case. The
 * two channels of a select may be the same channel (Go allows it; a select never pairs with
 * itself). Panics ({@code send on closed channel}, {@code close of closed channel}) are caught
 * and returned as results, so they are compared like values. Values sent are unique within a
 * scenario.
 *
 * <p>Scenario size: 3 threads of 3 operations each in the parallel part (thread 1 is the
 * closer, see below), an init part of {@code make} + 2 non-blocking operations and a post part
 * of 2 operations. Default mode: {@value #MC_ITERATIONS} scenarios x {@value #MC_INVOCATIONS}
 * interleavings (model checking) and {@value #STRESS_ITERATIONS} scenarios x
 * {@value #STRESS_INVOCATIONS} runs (stress); {@code go4j.stress.mode=long} multiplies these
 * ({@value #MC_ITERATIONS} x 4 scenarios of {@value #MC_INVOCATIONS} x 5 interleavings; stress 10 x
 * and 10 x).
 *
 * <h2>How blocking operations are checked, and why not with Lincheck's own verifier</h2>
 * Lincheck 3.7 supports blocking ("dual") operations only as Kotlin {@code suspend} functions;
 * operations that park a platform thread are not supported (Lincheck issue #167, open): a
 * thread parked for ever is reported as a deadlock, and its {@code LinearizabilityVerifier}
 * needs a deterministic sequential specification with one linearization point per operation.
 * That cannot express three things Go's channels do:
 * <ul>
 *   <li>an unbuffered send completes only after a receiver took the value — a single point per
 *       operation cannot say "after", so a channel that buffered one value would pass;</li>
 *   <li>{@code trySend} on an unbuffered channel succeeds iff a receiver is <em>waiting</em>
 *       (and {@code tryRecv} iff a sender waits), which a sequential state cannot know;</li>
 *   <li>a select with several ready cases picks one at random: the specification would have
 *       to be nondeterministic.</li>
 * </ul>
 * So two Lincheck extension points are used instead (both public Lincheck options):
 * {@link ClosingScenarioGenerator} ({@code executionGenerator}) builds scenarios in which every
 * operation terminates — a closer thread that never blocks closes both channels — and
 * {@link DualLinearizabilityVerifier} ({@code verifier}) checks each history against
 * {@link GoChannelModel}, Go's semantics with waiting operations, in the dual-linearizability
 * sense (request and completion points), branching where Go chooses. Its own tests,
 * {@link DualLinearizabilityVerifierTest}, show it rejects lost, duplicated, reordered and
 * premature results; {@link #modelCheckingCatchesAChannelThatBuffersTooMuch} shows the whole
 * pipeline failing on a channel with one buffer slot more than the model assumes.
 *
 * <h2>What Lincheck cannot check here (covered by io.go4j.stress.ChannelStressTest)</h2>
 * <ul>
 *   <li>Interrupts: Lincheck offers no way to interrupt a thread in the middle of an
 *       operation, so cancellation of a waiting send/recv/select is not generated.</li>
 *   <li>Operations that never complete (a receive nobody sends to, on a channel never closed):
 *       Lincheck reports a parked-for-ever thread as a deadlock, so the generator closes both
 *       channels in every scenario; Go's "blocks for ever" is tested elsewhere.</li>
 *   <li>Range loops and goroutines (virtual threads): Lincheck must run on platform threads;
 *       a range loop is a sequence of receives, each checked here as {@code recv}.</li>
 * </ul>
 * The library's own spin loops — {@code RuntimeLock} (onSpinWait, then {@code Thread.yield})
 * and the spin before parking — are recognized by the model checker as spin loops: it
 * switches threads there (its traces say "active lock detected") and reports no problem.
 * Minimization of failing scenarios is off: removing an operation (a close) could turn a
 * real failure into a reported deadlock.
 *
 * <h2>Bug found</h2>
 * In long mode both {@link #modelChecking} and {@link #stress} find a non-linearizable
 * {@code tryRecv} after a select received from a full buffered channel with a waiting sender;
 * {@link #selectReceiveFromFullBufferKeepsTheSentValueVisible} is the minimal reproduction,
 * disabled until the library is fixed. The default-mode runs have not hit it so far, but the
 * stress test may, now and then, until then.
 */
@Timeout(1800)
public class ChannelLincheckTest {

    /** {@code go4j.stress.mode=long} ({@code -Pstress-long}): more scenarios and interleavings. */
    private static final boolean LONG = "long".equals(System.getProperty("go4j.stress.mode"));

    static final int MC_ITERATIONS = 30;
    static final int MC_INVOCATIONS = 200;
    static final int STRESS_ITERATIONS = 50;
    static final int STRESS_INVOCATIONS = 500;

    private static <O extends Options<O, ?>> O configure(O o, int iterations, int invocations) {
        return o.iterations(iterations)
                .invocationsPerIteration(invocations)
                .threads(3)
                .actorsPerThread(3)
                .actorsBefore(2)
                .actorsAfter(2)
                .executionGenerator(ClosingScenarioGenerator.class)
                .verifier(DualLinearizabilityVerifier.class)
                .minimizeFailedScenario(false);
    }

    /** Model checking finds no non-linearizable interleaving of channel operations. */
    @Test
    @DisplayName("model checking: send/recv/recvOk/trySend/tryRecv/close/select on caps 0, 1, 2")
    void modelChecking() {
        configure(new ModelCheckingOptions(), LONG ? 4 * MC_ITERATIONS : MC_ITERATIONS,
                LONG ? 5 * MC_INVOCATIONS : MC_INVOCATIONS)
                .check(ChannelOperations.class);
    }

    /** Real concurrent runs on platform threads produce only linearizable results. */
    @Test
    @DisplayName("stress: send/recv/recvOk/trySend/tryRecv/close/select on caps 0, 1, 2")
    void stress() {
        configure(new StressOptions(), LONG ? 10 * STRESS_ITERATIONS : STRESS_ITERATIONS,
                LONG ? 10 * STRESS_INVOCATIONS : STRESS_INVOCATIONS)
                .check(ChannelOperations.class);
    }

    /** The check can fail: a channel with one more buffer slot than the model assumes is caught. */
    @Test
    @DisplayName("the check catches a channel that buffers one value more than it should")
    void modelCheckingCatchesAChannelThatBuffersTooMuch() {
        AssertionError e = assertThrows(AssertionError.class, () -> configure(new ModelCheckingOptions(), 20, 50)
                .check(BuffersTooMuch.class));
        assertTrue(e.getMessage().contains("Invalid execution results"), e.getMessage());
    }

    /**
     * Minimal reproduction of a bug found by {@link #modelChecking} and {@link #stress} in long
     * mode: a select receiving from a full buffered channel with a parked sender takes the
     * head and appends the sender's value in two steps ({@code SelectImpl}: {@code dequeueBuf}
     * then {@code enqueueBuf}), so the count dips to {@code cap - 1} while the lock is held. The
     * sender, claimed already, may return at once (it polls its state in {@code Park.spin}, or
     * wakes spuriously); a {@code tryRecv} it makes next takes the lock-free fast path, reads
     * the dip (0 for cap 1) and reports {@code WouldBlock} — although the value it just sent is
     * in the buffer. {@code HChan.takeFromSender} (and Go's {@code recv}) swap the head in
     * place and never change the count.
     *
     * <p>Scenario: {@code a} has cap 1 and holds 1; thread 1 sends 2 (waits: full), then
     * {@code tryRecv(a)}; thread 2 selects a receive on {@code a}. The only correct outcome of
     * thread 1's {@code tryRecv} is {@code Value(2)}; model checking finds an interleaving
     * where it is {@code WouldBlock}.
     */
    @Test
    @DisplayName("a tryRecv after a send that a select completed sees the value the select moved into the buffer")
    void selectReceiveFromFullBufferKeepsTheSentValueVisible() throws ReflectiveOperationException {
        Class<ChannelOperations> c = ChannelOperations.class;
        Method make = c.getMethod("make", int.class, int.class);
        Method trySend = c.getMethod("trySend", int.class, int.class);
        Method send = c.getMethod("send", int.class, int.class);
        Method tryRecv = c.getMethod("tryRecv", int.class);
        Method select = c.getMethod("selectRecvRecv", int.class, int.class);
        ExecutionScenario scenario = new ExecutionScenario(
                List.of(actor(make, 1, 1), actor(trySend, 0, 1)),
                List.of(List.of(actor(send, 0, 2), actor(tryRecv, 0)), List.of(actor(select, 0, 0))),
                List.of(actor(tryRecv, 0)),
                null);
        new ModelCheckingOptions()
                .iterations(0)
                .invocationsPerIteration(LONG ? 100_000 : 10_000)
                .addCustomScenario(scenario)
                .verifier(DualLinearizabilityVerifier.class)
                .minimizeFailedScenario(false)
                .check(c);
    }

    private static Actor actor(Method m, Object... args) {
        return new Actor(m, new ArrayList<>(List.of(args)), false, false, false, false, false);
    }

    /** A broken channel for {@link #modelCheckingCatchesAChannelThatBuffersTooMuch}: make(n) really makes a channel of capacity n + 1. */
    public static class BuffersTooMuch extends ChannelOperations {
        @Override
        public String make(int capA, int capB) {
            return super.make(capA + 1, capB + 1);
        }
    }
}
