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
 * A Lincheck {@link Verifier} for blocking channel operations on platform threads: it decides
 * whether a history is linearizable with respect to {@link GoChannelModel} in the sense of
 * <em>dual</em> data structures (Scherer &amp; Scott, "Nonblocking concurrent objects with
 * condition synchronization", 2004) — the same notion Lincheck's own LTS verifier applies to
 * Kotlin {@code suspend} operations, which it does not apply to operations that park a thread
 * (Lincheck issue #167).
 *
 * <h2>The criterion</h2>
 * Every operation has a request point inside its interval. A blocking operation that cannot
 * proceed at its request point starts waiting there (it is queued in the model); it completes
 * when a later operation of another thread completes it (a partner or a close), and that must
 * also happen inside its interval. A non-blocking operation, or a blocking one that can
 * proceed, completes at its request point. A history is accepted iff there is an order of
 * these points that respects real time (an operation that finished before another started
 * comes first; each thread's operations in program order) in which every outcome is the
 * model's — including the outcomes of waiting operations, fixed by whoever completes them.
 *
 * <p>This catches what a plain sequential specification cannot express for Go's channels: an
 * unbuffered send that returns before a receiver took its value (its completion must follow
 * the receiver's request); a {@code trySend} on an unbuffered channel, which succeeds only if
 * a receiver is waiting; the random choice of a select among ready cases (the model offers one
 * successor per choice); and, as any linearizability check does, lost or duplicated elements.
 *
 * <h2>The search</h2>
 * Depth-first over (model state, per-thread progress, which threads wait), with memoization;
 * the init part runs first and the post part last, sequentially. Real-time order comes from
 * Lincheck's happens-before clocks: {@code clockOnStart[u] = k} means thread {@code u}'s first
 * {@code k} parallel operations had returned when this one started. Where Lincheck records no
 * clock (zeros), fewer orders are excluded, so the check only gets weaker, never wrong.
 *
 * <p>The channel capacities come from the scenario's first operation, {@code make}.
 */
public final class DualLinearizabilityVerifier implements Verifier {

    /** Lincheck passes the sequential specification class; the model needs none. */
    public DualLinearizabilityVerifier(Class<?> sequentialSpecification) {
    }

    @Override
    public boolean verifyResults(ExecutionScenario scenario, ExecutionResult result) {
        return new Search(scenario, result).run();
    }

    /** One verification. */
    private static final class Search {
        private final List<GoChannelModel.Op> init = new ArrayList<>();
        private final List<GoChannelModel.Op> post = new ArrayList<>();
        private final GoChannelModel.Op[][] threads;
        private final GoChannelModel.Op[] all;
        private final Set<String> failed = new HashSet<>();

        Search(ExecutionScenario scenario, ExecutionResult result) {
            List<GoChannelModel.Op> ops = new ArrayList<>();
            int n = scenario.getParallelExecution().size();
            for (int i = 0; i < scenario.getInitExecution().size(); i++) {
                init.add(op(ops, -1, scenario.getInitExecution().get(i), result.getInitResults().get(i), null));
            }
            threads = new GoChannelModel.Op[n][];
            for (int t = 0; t < n; t++) {
                List<Actor> actors = scenario.getParallelExecution().get(t);
                List<ResultWithClock> results = result.getParallelResultsWithClock().get(t);
                threads[t] = new GoChannelModel.Op[actors.size()];
                for (int i = 0; i < actors.size(); i++) {
                    ResultWithClock r = results.get(i);
                    threads[t][i] = op(ops, t, actors.get(i), r.getResult(), r.getClockOnStart().getClock());
                }
            }
            for (int i = 0; i < scenario.getPostExecution().size(); i++) {
                post.add(op(ops, -1, scenario.getPostExecution().get(i), result.getPostResults().get(i), null));
            }
            all = ops.toArray(GoChannelModel.Op[]::new);
        }

        private static GoChannelModel.Op op(List<GoChannelModel.Op> ops, int thread, Actor a, LincheckResult r,
                                            int[] clock) {
            // Every operation returns a String; anything else (an unexpected exception, a thread that
            // never got to run) is kept as its description and matches no outcome of the model.
            String actual = r instanceof ValueResult v ? String.valueOf(v.getValue()) : String.valueOf(r);
            GoChannelModel.Op op = new GoChannelModel.Op(ops.size(), thread, a.getMethod().getName(),
                    List.copyOf(a.getArguments()), actual, clock);
            ops.add(op);
            return op;
        }

        boolean run() {
            return sequential(init, 0, new GoChannelModel(all), true);
        }

        /** Runs {@code ops[i..]} one after another, then the parallel part (if {@code thenParallel}). */
        private boolean sequential(List<GoChannelModel.Op> ops, int i, GoChannelModel m, boolean thenParallel) {
            if (i == ops.size()) {
                return !thenParallel || parallel(m, new int[threads.length], new boolean[threads.length]);
            }
            GoChannelModel.Op op = ops.get(i);
            for (GoChannelModel.Step s : m.request(op)) {
                if (!s.bad() && !s.waiting() && s.result().equals(op.actual())
                        && sequential(ops, i + 1, s.model(), thenParallel)) {
                    return true;
                }
            }
            return false;
        }

        /**
         * The parallel part: {@code next[t]} operations of thread t have completed; {@code waiting[t]}
         * says whether the next one has made its request and waits.
         */
        private boolean parallel(GoChannelModel m, int[] next, boolean[] waiting) {
            boolean allDone = true;
            for (int t = 0; t < threads.length; t++) {
                allDone &= next[t] == threads[t].length;
            }
            if (allDone) {
                return sequential(post, 0, m, false);
            }
            String key = m.key() + Arrays.toString(next) + Arrays.toString(waiting);
            if (failed.contains(key)) {
                return false;
            }
            for (int t = 0; t < threads.length; t++) {
                if (waiting[t] || next[t] == threads[t].length) {
                    continue;
                }
                GoChannelModel.Op op = threads[t][next[t]];
                if (!startedAfterItsPredecessors(op, next)) {
                    continue;
                }
                for (GoChannelModel.Step s : m.request(op)) {
                    if (s.bad()) {
                        continue;
                    }
                    int[] next2 = next.clone();
                    boolean[] waiting2 = waiting.clone();
                    if (s.waiting()) {
                        waiting2[t] = true;
                    } else if (s.result().equals(op.actual())) {
                        next2[t]++;
                    } else {
                        continue;
                    }
                    // a woken operation completes now (completing later never enables more orders)
                    for (int w : s.woken()) {
                        int tw = all[w].thread();
                        if (tw < 0 || !waiting2[tw]) {
                            throw new IllegalStateException("woke an operation that does not wait: " + all[w]);
                        }
                        waiting2[tw] = false;
                        next2[tw]++;
                    }
                    if (parallel(s.model(), next2, waiting2)) {
                        return true;
                    }
                }
            }
            failed.add(key);
            return false;
        }

        /** True if every operation that returned before {@code op} started has completed here. */
        private boolean startedAfterItsPredecessors(GoChannelModel.Op op, int[] next) {
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
