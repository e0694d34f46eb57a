/**
 * The concurrency patterns of Go built on channels — generator, pipeline stages, fan-out,
 * fan-in, broadcast, pub/sub, batching, worker pools, barriers, rendezvous — ready, cancellable
 * through a {@link io.go4j.context.Context} and leak-free: every stage's goroutines exit and
 * close their output when the context is done. Built only on go4j's public API.
 *
 * <h2>Streams</h2>
 * <ul>
 * <li>{@link io.go4j.pipe.Pipe} — static functions, each Go's pattern with the context first:
 *     sources ({@code generate}, {@code from}, {@code repeat}, {@code repeatFn}), plumbing
 *     ({@code take}, {@code orDone}, {@code bridge}, {@code tee}, {@code merge},
 *     {@code fanOut}, {@code split}, {@code batch}, {@code buffer}), stages ({@code map},
 *     {@code filter}, {@code flatMap}, {@code mapResult}) and sinks ({@code collect},
 *     {@code drain}).
 * <li>{@link io.go4j.pipe.Stage} — how a stage runs: parallel, ordered (bounded reorder
 *     window) or not, buffered.
 * <li>{@link io.go4j.pipe.Result} — errors carried through a pipeline as values
 *     (Go's {@code type Result struct { Value T; Err error }}).
 * <li>{@link io.go4j.pipe.Pipeline} — the same stages as an errgroup: the first error cancels
 *     every stage and {@code await()} throws it.
 * <li>{@link io.go4j.pipe.Generator}, {@link io.go4j.pipe.Fn}, {@link io.go4j.pipe.Tee},
 *     {@link io.go4j.pipe.Split} — the small types they use.
 * </ul>
 *
 * <h2>Coordination</h2>
 * <ul>
 * <li>{@link io.go4j.pipe.Broadcast} and {@link io.go4j.pipe.PubSub} — every subscriber (of a
 *     topic) gets every value, each with its {@link io.go4j.pipe.SlowPolicy}; a
 *     {@link io.go4j.pipe.Subscription} is the subscriber's end.
 * <li>{@link io.go4j.pipe.WorkerPool} — a pool of goroutines with results and errors.
 * <li>{@link io.go4j.pipe.Parallel#forEach} — a bounded parallel for-each whose first error
 *     cancels the rest.
 * <li>{@link io.go4j.pipe.Barrier} (reusable) and {@link io.go4j.pipe.Rendezvous}.
 * </ul>
 * Design: docs/adr/0016-pipe-patterns.md.
 *
 * {@snippet :
 * try (CancelContext ctx = Context.withCancel(Context.background())) {
 *     RecvChan<Integer> nums = Pipe.generate(ctx, 1, 2, 3, 4, 5, 6);
 *     RecvChan<Integer> squares = Pipe.map(ctx, nums, n -> n * n, Stage.parallel(3).ordered());
 *     RecvChan<List<Integer>> batches = Pipe.batch(ctx, squares, 4, Duration.ofMillis(10));
 *     for (List<Integer> b : batches) {
 *         System.out.println(b);                 // [1, 4, 9, 16] then [25, 36]
 *     }
 * }
 * }
 */
package io.go4j.pipe;
