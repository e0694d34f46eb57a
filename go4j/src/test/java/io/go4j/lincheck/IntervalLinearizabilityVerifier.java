package io.go4j.lincheck;

import org.jetbrains.kotlinx.lincheck.Actor;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionResult;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.kotlinx.lincheck.execution.ResultWithClock;
import org.jetbrains.kotlinx.lincheck.util.LincheckResult;
import org.jetbrains.kotlinx.lincheck.util.ValueResult;
import org.jetbrains.lincheck.datastructures.verifier.Verifier;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A Lincheck {@link Verifier} for operations that take effect in several atomic steps inside
 * their interval, as the operations of a lock do: {@code lock; ...; unlock} acquires at one
 * point and releases at a later one, and a failed {@code tryLock} is correct only if, at its
 * point, someone else held the lock. A specification in which every operation is one atomic
 * point (Lincheck's own {@code LinearizabilityVerifier}) never has the lock held between two
 * operations, so it cannot tell a justified {@code tryLock} failure from a broken one; and it
 * cannot express an operation that waits for others ({@code WaitGroup.await}), which Lincheck
 * 3.7 supports only as a Kotlin {@code suspend} function (Lincheck issue #167).
 *
 * <h2>The criterion</h2>
 * The {@linkplain Model model} is an immutable state that, for each operation, offers the
 * steps it may take next: a step that <em>completes</em> the operation (with the result the
 * model predicts) or a step that only moves it on (it now holds the lock, or waits, or has
 * been released by another operation). A model offers no step to an operation that must wait.
 * A history is accepted iff the steps of all its operations can be put in one order in which:
 * each operation's steps come in its thread's program order, each operation's first step comes
 * after the completion of every operation that returned before it started (real time, from
 * Lincheck's happens-before clocks), and every completed operation's predicted result is the
 * one observed. The init part runs first and the post part last, each operation alone.
 * Operations of one step are ordinary linearizable operations; with two or more it is the
 * interval-sequential view (Castañeda, Rajsbaum, Raynal, "Unifying concurrent objects and
 * distributed tasks: interval-linearizability", JACM 2018), restricted to what the models
 * here need.
 *
 * <h2>Use</h2>
 * {@code options.verifier(IntervalLinearizabilityVerifier.class).sequentialSpecification(M.class)}
 * where {@code M} implements {@link Model} and its public no-argument constructor makes the
 * initial state. Operations must return values whose {@link String#valueOf} the model
 * predicts; an exception escaping an operation matches no prediction.
 *
 * <p>The search is depth-first over (model state, per-thread progress, which operations have
 * started), with memoization. Clocks that Lincheck does not record (zeros) exclude fewer orders:
 * the check only gets weaker, never wrong.
 */
public final class IntervalLinearizabilityVerifier implements Verifier {

    /** One operation of the history: {@code id} is unique in the scenario (init, threads, post). */
    public record Op(int id, int thread, String name, List<Object> args, String actual, int[] clockOnStart) {
        @Override
        public String toString() {
            return name + args + "#" + id + " = " + actual;
        }
    }

    /**
     * One step an operation may take.
     *
     * @param model    the state after the step
     * @param complete whether the operation completes with this step
     * @param result   the predicted result of the operation, if it completes; else null
     */
    public record Step(Model model, boolean complete, String result) {
        /** A step that moves the operation on without completing it. */
        public static Step then(Model m) {
            return new Step(m, false, null);
        }

        /** A step that completes the operation with {@code result}. */
        public static Step done(Model m, Object result) {
            return new Step(m, true, String.valueOf(result));
        }
    }

    /**
     * An immutable model state. Implementations are records, so that equal states are equal
     * (the memoization relies on {@code equals}/{@code hashCode}). An operation's stage is kept
     * in the state itself (e.g. "op 3 holds the lock"), keyed by {@link Op#id()}.
     */
    public interface Model {
        /** The steps {@code op} may take now; empty if it must wait. */
        List<Step> steps(Op op);
    }

    private final Class<?> modelClass;

    /** Lincheck passes the {@code sequentialSpecification} class: here, the {@link Model}. */
    public IntervalLinearizabilityVerifier(Class<?> sequentialSpecification) {
        if (!Model.class.isAssignableFrom(sequentialSpecification)) {
            throw new IllegalArgumentException(sequentialSpecification + " is not an IntervalLinearizabilityVerifier.Model;"
                    + " set it with Options.sequentialSpecification");
        }
        this.modelClass = sequentialSpecification;
    }

    @Override
    public boolean verifyResults(ExecutionScenario scenario, ExecutionResult result) {
        Model initial;
        try {
            initial = (Model) modelClass.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot make the initial state of " + modelClass, e);
        }
        return new Search(scenario, result).run(initial);
    }

    /** One verification. */
    private static final class Search {
        private final List<Op> init = new ArrayList<>();
        private final List<Op> post = new ArrayList<>();
        private final Op[][] threads;
        private final Set<List<Object>> visited = new HashSet<>();

        Search(ExecutionScenario scenario, ExecutionResult result) {
            int[] ids = {0};
            for (int i = 0; i < scenario.getInitExecution().size(); i++) {
                init.add(op(ids, -1, scenario.getInitExecution().get(i), result.getInitResults().get(i), null));
            }
            int n = scenario.getParallelExecution().size();
            threads = new Op[n][];
            for (int t = 0; t < n; t++) {
                List<Actor> actors = scenario.getParallelExecution().get(t);
                List<ResultWithClock> results = result.getParallelResultsWithClock().get(t);
                threads[t] = new Op[actors.size()];
                for (int i = 0; i < actors.size(); i++) {
                    ResultWithClock r = results.get(i);
                    threads[t][i] = op(ids, t, actors.get(i), r.getResult(), r.getClockOnStart().getClock());
                }
            }
            for (int i = 0; i < scenario.getPostExecution().size(); i++) {
                post.add(op(ids, -1, scenario.getPostExecution().get(i), result.getPostResults().get(i), null));
            }
        }

        private static Op op(int[] ids, int thread, Actor a, LincheckResult r, int[] clock) {
            // A value result is compared by its string; anything else (an exception, a thread that
            // never got to run) is kept as its description and matches no prediction.
            String actual = r instanceof ValueResult v ? String.valueOf(v.getValue()) : String.valueOf(r);
            return new Op(ids[0]++, thread, a.getMethod().getName(), List.copyOf(a.getArguments()), actual, clock);
        }

        boolean run(Model initial) {
            return sequential(init, 0, initial, true);
        }

        /** Runs {@code ops[i..]} one after another, each alone, then the parallel part if asked. */
        private boolean sequential(List<Op> ops, int i, Model m, boolean thenParallel) {
            if (i == ops.size()) {
                return !thenParallel || parallel(m, new int[threads.length], new boolean[threads.length]);
            }
            return alone(ops, i, m, thenParallel, 0);
        }

        /** Steps {@code ops[i]} alone until it completes; {@code depth} bounds a model that never completes it. */
        private boolean alone(List<Op> ops, int i, Model m, boolean thenParallel, int depth) {
            if (depth > 16) {
                return false;
            }
            Op op = ops.get(i);
            for (Step s : m.steps(op)) {
                if (s.complete()) {
                    if (s.result().equals(op.actual()) && sequential(ops, i + 1, s.model(), thenParallel)) {
                        return true;
                    }
                } else if (alone(ops, i, s.model(), thenParallel, depth + 1)) {
                    return true;
                }
            }
            return false;
        }

        /**
         * The parallel part: {@code next[t]} operations of thread t have completed; {@code started[t]}
         * says whether the next one has taken a step.
         */
        private boolean parallel(Model m, int[] next, boolean[] started) {
            boolean allDone = true;
            for (int t = 0; t < threads.length; t++) {
                allDone &= next[t] == threads[t].length;
            }
            if (allDone) {
                return sequential(post, 0, m, false);
            }
            // Visited before: either it failed, or it is on the current path (a step that changed
            // nothing) — in both cases there is nothing new to find from here.
            if (!visited.add(List.of(m, Arrays.toString(next), Arrays.toString(started)))) {
                return false;
            }
            for (int t = 0; t < threads.length; t++) {
                if (next[t] == threads[t].length) {
                    continue;
                }
                Op op = threads[t][next[t]];
                if (!started[t] && !startedAfterItsPredecessors(op, next)) {
                    continue;
                }
                for (Step s : m.steps(op)) {
                    int[] next2 = next.clone();
                    boolean[] started2 = started.clone();
                    if (s.complete()) {
                        if (!s.result().equals(op.actual())) {
                            continue;
                        }
                        next2[t]++;
                        started2[t] = false;
                    } else {
                        started2[t] = true;
                    }
                    if (parallel(s.model(), next2, started2)) {
                        return true;
                    }
                }
            }
            return false;
        }

        /** True if every operation that returned before {@code op} started has completed here. */
        private boolean startedAfterItsPredecessors(Op op, int[] next) {
            int[] clock = op.clockOnStart();
            for (int u = 0; u < threads.length; u++) {
                if (u != op.thread() && next[u] < clock[u]) {
                    return false;
                }
            }
            return true;
        }
    }
}
