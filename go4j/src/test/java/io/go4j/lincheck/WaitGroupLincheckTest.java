package io.go4j.lincheck;

import io.go4j.Panic;
import io.go4j.lincheck.IntervalLinearizabilityVerifier.Model;
import io.go4j.lincheck.IntervalLinearizabilityVerifier.Op;
import io.go4j.lincheck.IntervalLinearizabilityVerifier.Step;
import io.go4j.sync.WaitGroup;
import org.jetbrains.kotlinx.lincheck.Actor;
import org.jetbrains.kotlinx.lincheck.CTestStructure;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionGenerator;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.lincheck.datastructures.CTestConfiguration;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Options;
import org.jetbrains.lincheck.datastructures.RandomProvider;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Linearizability of {@link WaitGroup} with Lincheck 3.7, by model checking and by stress
 * (platform threads), against {@link WaitGroupModel}.
 *
 * <h2>What is checked</h2>
 * Operations ({@link Operations}): {@code add} ({@code wg.add(1)}), {@code done}
 * ({@code wg.done()}) and {@code await} ({@code wg.await()}, Go's {@code Wait}), each returning
 * {@code "ok"} or the panic's message. An {@code await} may return only if the counter was zero
 * at some point of its interval: at its start (it returns at once), or later, when a
 * {@code done} brought the counter to zero and released it. An {@code await} that returns early,
 * or a counter that loses or doubles a change, is rejected.
 *
 * <p>Go's misuse rule is part of the model: {@code add} raising the counter from zero while a
 * released {@code await} has not yet returned panics {@code sync: WaitGroup is reused before
 * previous Wait has returned}. In the model a released {@code await} stays "leaving" until a
 * point of its own choosing before it returns, so that panic is allowed exactly while some
 * released {@code await} may not have returned. Such a panicking {@code add}
 * changes nothing, so a later {@code done} of the same thread can find the counter at zero and
 * panic {@code sync: negative WaitGroup counter}, which the model follows too.
 *
 * <h2>Scenarios in which every await returns</h2>
 * Lincheck treats a thread parked for ever as a deadlock, so the scenario generators build only
 * scenarios in which every {@code await} returns: the init part makes one or two {@code add}s,
 * each owed a {@code done} by one of the threads; each thread's {@code done}s follow its own
 * {@code add}s (or the init {@code add}s it owes), every {@code add} gets its {@code done}, and a
 * thread calls {@code await} only while it owes none. So the threads that owe a {@code done}
 * never wait, and once all have paid the counter is zero. Two generators:
 * <ul>
 *   <li>{@link CorrectUseGenerator}, Go's rule for correct use: in the parallel part a thread
 *       adds only while it owes a {@code done}, so no {@code add} raises the counter from zero
 *       concurrently with an {@code await} and no panic can happen ({@link #modelChecking},
 *       {@link #stress});</li>
 *   <li>{@link MisuseGenerator}: a thread that owes nothing may add too, so {@code add}s from
 *       zero race {@code await}s and the reuse and negative-counter panics happen
 *       ({@link #modelCheckingWithMisuse}, {@link #stressWithMisuse}). These are disabled: they
 *       meet the bug of {@link #awaitRacingAReusePanicReturns} (model checking in long mode, and
 *       about one default stress run in five).</li>
 * </ul>
 * Sizes: 3 threads of 4 operations, 1 or 2 init {@code add}s, 2 operations after. Default
 * mode: {@value #MC_ITERATIONS} x {@value #MC_INVOCATIONS} (model checking),
 * {@value #STRESS_ITERATIONS} x {@value #STRESS_INVOCATIONS} (stress);
 * {@code go4j.stress.mode=long} multiplies scenarios by 4 (stress 10) and invocations by 5
 * (stress 10).
 *
 * <p>Not covered: {@code add} with other deltas (the same code path as {@code add(1)}),
 * {@code wg.go(f)} (it starts a goroutine: a virtual thread, which Lincheck cannot run), and
 * interrupting {@code await} (Lincheck cannot interrupt; left to the unit tests of io.go4j.sync).
 */
@Timeout(1800)
public class WaitGroupLincheckTest {

    private static final boolean LONG = "long".equals(System.getProperty("go4j.stress.mode"));

    static final int MC_ITERATIONS = 20;
    static final int MC_INVOCATIONS = 200;
    static final int STRESS_ITERATIONS = 25;
    static final int STRESS_INVOCATIONS = 500;

    static final String OK = "ok";
    static final String PANIC_NEGATIVE = "panic: sync: negative WaitGroup counter";
    static final String PANIC_REUSED = "panic: sync: WaitGroup is reused before previous Wait has returned";

    private static <O extends Options<O, ?>> O configure(O o, int iterations, int invocations,
                                                         Class<? extends ExecutionGenerator> generator) {
        return o.iterations(iterations)
                .invocationsPerIteration(invocations)
                .threads(3)
                .actorsPerThread(4)
                .actorsBefore(2)
                .actorsAfter(2)
                .executionGenerator(generator)
                .sequentialSpecification(WaitGroupModel.class)
                .verifier(IntervalLinearizabilityVerifier.class)
                .minimizeFailedScenario(false); // removing a done could make an await wait for ever
    }

    /** Model checking finds no interleaving where await returns while the counter never reached zero. */
    @Test
    @DisplayName("model checking: add/done/await used as Go requires")
    void modelChecking() {
        configure(new ModelCheckingOptions(), LONG ? 4 * MC_ITERATIONS : MC_ITERATIONS,
                LONG ? 5 * MC_INVOCATIONS : MC_INVOCATIONS, CorrectUseGenerator.class)
                .check(Operations.class);
    }

    /** Real concurrent runs on platform threads produce only linearizable results. */
    @Test
    @DisplayName("stress: add/done/await used as Go requires")
    void stress() {
        configure(new StressOptions(), LONG ? 10 * STRESS_ITERATIONS : STRESS_ITERATIONS,
                LONG ? 10 * STRESS_INVOCATIONS : STRESS_INVOCATIONS, CorrectUseGenerator.class)
                .check(Operations.class);
    }

    /** Model checking with adds from zero racing awaits: Go's reuse and negative-counter panics, exactly as the model says. */
    @Test
    @DisplayName("model checking: add/done/await with misuse (reuse and negative-counter panics)")
    void modelCheckingWithMisuse() {
        configure(new ModelCheckingOptions(), LONG ? 4 * MC_ITERATIONS : MC_ITERATIONS,
                LONG ? 5 * MC_INVOCATIONS : MC_INVOCATIONS, MisuseGenerator.class)
                .check(Operations.class);
    }

    /** Stress with adds from zero racing awaits: only linearizable results, panics included. */
    @Test
    @DisplayName("stress: add/done/await with misuse (reuse and negative-counter panics)")
    void stressWithMisuse() {
        configure(new StressOptions(), LONG ? 10 * STRESS_ITERATIONS : STRESS_ITERATIONS,
                LONG ? 10 * STRESS_INVOCATIONS : STRESS_INVOCATIONS, MisuseGenerator.class)
                .check(Operations.class);
    }

    /** The check can fail: an await that returns at once, whatever the counter, is caught. */
    @Test
    @DisplayName("the check catches an await that does not wait")
    void modelCheckingCatchesAnAwaitThatDoesNotWait() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> configure(new ModelCheckingOptions(), 20, 100, CorrectUseGenerator.class)
                        .check(AwaitDoesNotWait.class));
        assertTrue(e.getMessage().contains("Invalid execution results"), e.getMessage());
    }

    /**
     * Bug, minimal reproduction (disabled until the library is fixed): {@code WaitGroup.add}
     * adds {@code delta} to its state word first and checks afterwards; on a negative counter it
     * panics and subtracts {@code delta} again ("undo: the group stays usable"). Between the two
     * atomic adds the counter reads -1. An {@code await} that reads it there (its fast path sees
     * "not zero") queues as a waiter; the undo only subtracts and releases nobody, so the
     * {@code await} stays parked with the counter at zero — for ever, unless the counter rises
     * and comes back to zero later.
     *
     * <p>Scenario: thread 1 calls {@code done()} on a zero counter (it must panic
     * {@code sync: negative WaitGroup counter}, and does), thread 2 calls {@code await()}: the
     * counter is zero before and after, so the only correct outcome is that {@code await}
     * returns. Model checking finds the interleaving in which it hangs ("The execution has
     * hung"). (Go's {@code Add} does not undo at all: after that panic Go's group is broken for
     * good; go4j's undo is meant to do better.) A fix: check before changing the state word (a
     * compare-and-set loop that panics without writing), so that no one sees the transient value.
     */
    @Test
    @DisplayName("an await racing a done that panics on a zero counter returns")
    void awaitRacingANegativeCounterPanicReturns() throws ReflectiveOperationException {
        checkCustomScenario(new ExecutionScenario(List.of(),
                List.of(List.of(actor("done")), List.of(actor("await"))), List.of(), null));
    }

    /**
     * Bug, the same through the reuse panic (disabled until fixed): {@code add(1)} from zero while
     * a released waiter has not returned panics {@code sync: WaitGroup is reused before previous
     * Wait has returned} after it has raised the counter to 1, then subtracts 1 again; an
     * {@code await} that reads the 1 in between queues and is never released. Scenario, in the
     * shape {@link MisuseGenerator} makes (so the randomized tests meet it): init
     * {@code add}; thread 1 {@code done; add; done}; threads 2 and 3 {@code await}. Model
     * checking finds an interleaving in which thread 1's {@code add} panics (thread 2 is leaving)
     * and thread 3's {@code await} hangs.
     */
    @Test
    @DisplayName("an await racing an add that panics on reuse returns")
    void awaitRacingAReusePanicReturns() throws ReflectiveOperationException {
        checkCustomScenario(new ExecutionScenario(List.of(actor("add")),
                List.of(List.of(actor("done"), actor("add"), actor("done")), List.of(actor("await")),
                        List.of(actor("await"))),
                List.of(), null));
    }

    private static void checkCustomScenario(ExecutionScenario scenario) {
        new ModelCheckingOptions()
                .iterations(0)
                .invocationsPerIteration(LONG ? 50_000 : 2_000)
                .addCustomScenario(scenario)
                .sequentialSpecification(WaitGroupModel.class)
                .verifier(IntervalLinearizabilityVerifier.class)
                .minimizeFailedScenario(false)
                .check(Operations.class);
    }

    private static Actor actor(String name) throws ReflectiveOperationException {
        return new Actor(Operations.class.getMethod(name), new ArrayList<>(), false, name.equals("await"),
                false, false, false);
    }

    /** The operations Lincheck runs; a fresh instance per invocation. Public for Lincheck. */
    public static class Operations {
        final WaitGroup wg = new WaitGroup();

        /** {@code wg.Add(1)}. */
        @Operation
        public String add() {
            try {
                wg.add(1);
                return OK;
            } catch (Panic p) {
                return "panic: " + p.getMessage();
            }
        }

        /** {@code wg.Done()}. */
        @Operation
        public String done() {
            try {
                wg.done();
                return OK;
            } catch (Panic p) {
                return "panic: " + p.getMessage();
            }
        }

        /** {@code wg.Wait()}. */
        @Operation(blocking = true)
        public String await() {
            wg.await();
            return OK;
        }
    }

    /** Broken on purpose, for {@link #modelCheckingCatchesAnAwaitThatDoesNotWait}. */
    public static class AwaitDoesNotWait extends Operations {
        @Override
        @Operation(blocking = true)
        public String await() {
            return OK;
        }
    }

    /**
     * The specification: the counter, the {@code await}s waiting for it to reach zero, and the
     * ones released but not yet returned ("leaving"). {@code await} completes at once if the
     * counter is zero (without leaving: go4j returns from the fast path), else waits; the
     * {@code done} that brings the counter to zero moves every waiter to leaving; a leaving
     * waiter completes whenever it likes. {@code add} from zero while a waiter is leaving panics
     * and changes nothing; {@code done} at zero panics and changes nothing.
     *
     * @param counter the counter
     * @param waiting the ids of the waiting awaits, as a bit set
     * @param leaving the ids of the released awaits that have not returned, as a bit set
     */
    public record WaitGroupModel(int counter, long waiting, long leaving) implements Model {

        /** The initial state: counter 0, nobody waiting. */
        public WaitGroupModel() {
            this(0, 0L, 0L);
        }

        @Override
        public List<Step> steps(Op op) {
            if (op.id() >= Long.SIZE) {
                throw new IllegalArgumentException("too many operations for the waiter bit sets: " + op);
            }
            long me = 1L << op.id();
            return switch (op.name()) {
                case "add" -> List.of(counter == 0 && leaving != 0
                        ? Step.done(this, PANIC_REUSED)
                        : Step.done(new WaitGroupModel(counter + 1, waiting, leaving), OK));
                case "done" -> List.of(switch (counter) {
                    case 0 -> Step.done(this, PANIC_NEGATIVE);
                    case 1 -> Step.done(new WaitGroupModel(0, 0L, leaving | waiting), OK);
                    default -> Step.done(new WaitGroupModel(counter - 1, waiting, leaving), OK);
                });
                case "await" -> {
                    if ((leaving & me) != 0) {
                        yield List.of(Step.done(new WaitGroupModel(counter, waiting, leaving & ~me), OK));
                    }
                    if ((waiting & me) != 0) {
                        yield List.of();
                    }
                    yield List.of(counter == 0
                            ? Step.done(this, OK)
                            : Step.then(new WaitGroupModel(counter, waiting | me, leaving)));
                }
                default -> throw new IllegalArgumentException("unknown operation " + op);
            };
        }
    }

    /**
     * Scenarios in which every {@code await} returns (see the class comment): one or two init
     * {@code add}s, each owed by a random thread; per thread, {@code add} only if there is room
     * left for its {@code done} (and, unless {@link #addFromZero}, only while the thread owes a
     * {@code done} already), {@code done} only when owed, {@code await} only when nothing is owed;
     * the post part starts with nothing owed and follows the same rules, adds included (nothing
     * runs concurrently there).
     */
    abstract static class BalancedGenerator extends ExecutionGenerator {

        private final Random random;
        private final Class<?> testClass;
        private final boolean addFromZero;

        BalancedGenerator(CTestConfiguration configuration, CTestStructure structure, RandomProvider rp,
                          boolean addFromZero) {
            super(configuration, structure);
            this.random = rp.createRandom();
            this.testClass = configuration.getTestClass();
            this.addFromZero = addFromZero;
        }

        @Override
        public ExecutionScenario nextExecution() {
            int threads = testConfiguration.getThreads();
            int perThread = testConfiguration.getActorsPerThread();
            int[] owed = new int[threads];
            List<Actor> init = new ArrayList<>();
            int initAdds = 1 + random.nextInt(Math.max(1, testConfiguration.getActorsBefore()));
            for (int i = 0; i < initAdds; i++) {
                init.add(actor("add"));
                owed[random.nextInt(threads)]++;
            }
            List<List<Actor>> parallel = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                parallel.add(balanced(perThread, owed[t], addFromZero));
            }
            List<Actor> post = balanced(testConfiguration.getActorsAfter(), 0, true);
            return new ExecutionScenario(init, parallel, post, null);
        }

        /** {@code n} operations (more if {@code owed} exceeds n) that pay {@code owed} dones and await only when owing none. */
        private List<Actor> balanced(int n, int owed, boolean mayAddFromZero) {
            List<Actor> ops = new ArrayList<>();
            for (int left = Math.max(n, owed); left > 0; left--) {
                List<String> choices = new ArrayList<>();
                if (owed + 2 <= left && (owed > 0 || mayAddFromZero)) {
                    choices.add("add");
                }
                if (owed > 0) {
                    choices.add("done");
                }
                if (owed == 0) {
                    choices.add("await");
                }
                if (owed == left) {
                    choices = List.of("done");
                }
                String name = choices.get(random.nextInt(choices.size()));
                owed += switch (name) {
                    case "add" -> 1;
                    case "done" -> -1;
                    default -> 0;
                };
                ops.add(actor(name));
            }
            return ops;
        }

        private Actor actor(String name) {
            try {
                return new Actor(testClass.getMethod(name), new ArrayList<>(), false, name.equals("await"),
                        false, false, false);
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Go's rule for correct use: no add from zero concurrently with an await. Public for Lincheck. */
    public static final class CorrectUseGenerator extends BalancedGenerator {
        public CorrectUseGenerator(CTestConfiguration configuration, CTestStructure structure, RandomProvider rp) {
            super(configuration, structure, rp, false);
        }
    }

    /** Adds from zero racing awaits: the reuse and negative-counter panics happen. Public for Lincheck. */
    public static final class MisuseGenerator extends BalancedGenerator {
        public MisuseGenerator(CTestConfiguration configuration, CTestStructure structure, RandomProvider rp) {
            super(configuration, structure, rp, true);
        }
    }
}
