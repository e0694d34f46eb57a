package io.go4j.pipe;

import io.go4j.RecvChan;
import io.go4j.context.Context;
import io.go4j.context.ContextException;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Go's channel patterns as ready functions: sources, plumbing, stages and sinks, each
 * cancellable through a {@link Context} and leak-free.
 * {@snippet :
 * // Go:  for v := range sq(ctx, filter(ctx, gen(ctx, 1, 2, 3, 4), even)) { fmt.Println(v) }
 * try (CancelContext ctx = Context.withCancel(Context.background())) {
 *     RecvChan<Integer> nums = Pipe.generate(ctx, 1, 2, 3, 4);
 *     RecvChan<Integer> even = Pipe.filter(ctx, nums, n -> n % 2 == 0);
 *     RecvChan<Integer> squares = Pipe.map(ctx, even, n -> n * n, Stage.parallel(4).ordered());
 *     for (int sq : squares) {
 *         System.out.println(sq);                        // 4, 16
 *     }
 * }                                                      // defer cancel(): every stage stops
 * }
 *
 * <h2>The rules every function here keeps</h2>
 * <ul>
 * <li>The context comes first. Every goroutine a function starts returns when the context is
 *     done, or when its input is closed and drained, and closes its output channel when it
 *     returns (Go's {@code defer close(out)}). So a consumer that stops reading and cancels
 *     the context leaves no goroutine behind, however many stages are upstream.
 * <li>Every blocking send inside a stage is Go's
 *     {@code select { case out <- v: case <-ctx.Done(): return }}, every receive likewise; when
 *     both are ready the choice is random, as in Go, so a stage may pass on a value after its
 *     context is done — but never a value twice, and never loses one while the context is live.
 * <li>Outputs are {@link RecvChan}s, unbuffered unless a buffer is asked for; they are closed
 *     exactly once, by the stage. A stage reads its input until that is closed: closing the
 *     input is the normal way to end a stream; cancelling the context is the way to stop it.
 * <li>A stage that stops because its context is done does not drain its input: the upstream
 *     stages must watch the same context (or a parent of it), or they stay blocked.
 * <li>A function of the caller ({@link Fn}, {@link Generator}, {@link Predicate},
 *     {@link Supplier}, an {@link Iterable}) that throws stops its stage: the stage's goroutines
 *     return and its output is closed, then the exception escapes the goroutine as a panic
 *     (Go: a panic in a stage goroutine), reported by {@link io.go4j.Go#setPanicHandler Go's
 *     panic handler} (go4j never ends the JVM for it). Downstream sees the stream end early;
 *     upstream stays blocked until the context is done. To see the error, use
 *     {@link #mapResult} (errors as values) or a {@link Pipeline} (first error cancels all).
 * </ul>
 * <p>Memory effects: a value's production (everything the producing goroutine did before
 * sending it) happens-before its receipt downstream, through every stage, as Go's channel
 * rule gives. Every function is safe to call from any goroutine; sinks ({@link #collect},
 * {@link #drain}) block the caller.
 *
 * <p>Implementation: the functions are facades over {@code Ops}, {@code Stages} and
 * {@code Batcher}, which are written once against a {@code Scope} shared with
 * {@link Pipeline}; see those classes.
 */
public final class Pipe {

    private Pipe() {
    }

    /** Builds a stage that runs user code in a scope of its own (Scope.stage). */
    private static <R> R inStage(Context ctx, Function<Scope, R> build) {
        Scope s = Scope.stage(ctx);
        try {
            return build.apply(s);
        } finally {
            s.started();
        }
    }

    // ================================================================ sources

    /**
     * Sends {@code values} in order, then closes: Go's generator.
     * {@snippet :
     * // Go:  func gen(ctx context.Context, nums ...int) <-chan int {
     * //          out := make(chan int)
     * //          go func() {
     * //              defer close(out)
     * //              for _, n := range nums {
     * //                  select { case out <- n: case <-ctx.Done(): return }
     * //              }
     * //          }()
     * //          return out
     * //      }
     * RecvChan<Integer> nums = Pipe.generate(ctx, 1, 2, 3);
     * }
     * The array is copied when called (Go evaluates the arguments); values may be null.
     */
    @SafeVarargs
    @SuppressWarnings("varargs") // the array is copied or only read
    public static <T> RecvChan<T> generate(Context ctx, T... values) {
        return Ops.from(Scope.plain(ctx), "pipe.generate", Arrays.asList(values.clone()));
    }

    /**
     * Sends the values of {@code values} in iteration order, then closes. The iteration runs in
     * the stage's goroutine.
     * {@snippet :
     * // Go:  go func() { defer close(out); for _, v := range slice { select { case out <- v: case <-ctx.Done(): return } } }()
     * RecvChan<String> names = Pipe.from(ctx, List.of("ann", "bob"));
     * }
     */
    public static <T> RecvChan<T> from(Context ctx, Iterable<? extends T> values) {
        return inStage(ctx, s -> Ops.from(s, "pipe.from", values));
    }

    /**
     * Runs {@code generator} in a goroutine; each value it emits is sent downstream; the output
     * is closed when it returns. Go's generator goroutine: see {@link Generator} for the Go
     * code it replaces.
     * {@snippet :
     * RecvChan<Integer> squares = Pipe.generate(ctx, emit -> {
     *     for (int i = 0; emit.emit(i * i); i++) {
     *         // emit returns false once ctx is done: then return
     *     }
     * });
     * }
     */
    public static <T> RecvChan<T> generate(Context ctx, Generator<T> generator) {
        return inStage(ctx, s -> Ops.generate(s, generator));
    }

    /**
     * Sends {@code values} over and over, until the context is done; closed at once if there
     * are no values.
     * {@snippet :
     * // Go:  go func() { defer close(out); for { for _, v := range values {
     * //          select { case out <- v: case <-ctx.Done(): return } } } }()
     * RecvChan<String> ab = Pipe.repeat(ctx, "a", "b");        // a b a b a ...
     * }
     */
    @SafeVarargs
    @SuppressWarnings("varargs") // the array is copied or only read
    public static <T> RecvChan<T> repeat(Context ctx, T... values) {
        return Ops.repeat(Scope.plain(ctx), Arrays.asList(values.clone()));
    }

    /**
     * Sends {@code fn.get()} over and over, until the context is done. {@code fn} runs in the
     * stage's goroutine, one call per value sent (plus one whose value the cancellation drops).
     * {@snippet :
     * // Go:  go func() { defer close(out); for { select { case out <- fn(): case <-ctx.Done(): return } } }()
     * RecvChan<Double> randoms = Pipe.repeatFn(ctx, Math::random);
     * }
     */
    public static <T> RecvChan<T> repeatFn(Context ctx, Supplier<? extends T> fn) {
        return inStage(ctx, s -> Ops.repeatFn(s, fn));
    }

    // ================================================================ plumbing

    /**
     * Passes on the first {@code n} values of {@code in}, then closes (earlier if {@code in}
     * closes). It does not read further: cancel the context to stop the stages upstream.
     * {@snippet :
     * // Go:  for i := 0; i < n; i++ {
     * //          select { case v, ok := <-in: if !ok { return }; select { case out <- v: case <-ctx.Done(): return }
     * //                   case <-ctx.Done(): return }
     * //      }
     * RecvChan<Double> ten = Pipe.take(ctx, Pipe.repeatFn(ctx, Math::random), 10);
     * }
     * @throws IllegalArgumentException if {@code n < 0}
     */
    public static <T> RecvChan<T> take(Context ctx, RecvChan<T> in, long n) {
        return Ops.take(Scope.plain(ctx), in, n);
    }

    /**
     * Passes on every value of {@code in} until it closes or the context is done: Go's
     * or-done channel, which lets a consumer {@code range} over a channel it does not control
     * and still stop on cancellation.
     * {@snippet :
     * // Go:  for v := range orDone(ctx, in) { ... }
     * for (var v : Pipe.orDone(ctx, in)) {
     *     use(v);
     * }
     * }
     */
    public static <T> RecvChan<T> orDone(Context ctx, RecvChan<T> in) {
        return Ops.forward(Scope.plain(ctx), "pipe.orDone", in, 0);
    }

    /**
     * Flattens a channel of channels: passes on every value of the first channel received
     * until it closes, then of the next, and so on, closing when {@code chans} closes. A null
     * channel received is Go's nil channel: it blocks until the context is done.
     * {@snippet :
     * // Go:  for { var stream <-chan T
     * //          select { case s, ok := <-chans: if !ok { return }; stream = s
     * //                   case <-ctx.Done(): return }
     * //          for v := range orDone(ctx, stream) { select { case out <- v: case <-ctx.Done(): } } }
     * RecvChan<Row> rows = Pipe.bridge(ctx, pages);            // pages: RecvChan<RecvChan<Row>>
     * }
     */
    public static <T> RecvChan<T> bridge(Context ctx, RecvChan<? extends RecvChan<? extends T>> chans) {
        return Ops.bridge(Scope.plain(ctx), chans);
    }

    /**
     * Copies {@code in} to two outputs: every value goes to both (to whichever is ready first,
     * then the other), in input order. The next value is read only when both took the current
     * one, so the two consumers advance together: if one stops reading, both stall — cancel
     * the context to stop.
     * {@snippet :
     * // Go:  for v := range orDone(ctx, in) {
     * //          out1, out2 := out1, out2
     * //          for i := 0; i < 2; i++ {
     * //              select {
     * //              case out1 <- v: out1 = nil
     * //              case out2 <- v: out2 = nil
     * //              case <-ctx.Done(): return
     * //              }
     * //          }
     * //      }
     * Tee<Event> t = Pipe.tee(ctx, events);
     * Go.go(() -> audit(t.first()));
     * process(t.second());
     * }
     */
    public static <T> Tee<T> tee(Context ctx, RecvChan<T> in) {
        return Ops.tee(Scope.plain(ctx), in);
    }

    /**
     * Fan-in: passes on the values of all {@code ins} on one channel, closed when every input
     * has closed. Each input's values keep their order; values of different inputs interleave
     * as they come. With no inputs the output is closed at once.
     * {@snippet :
     * // Go:  var wg sync.WaitGroup
     * //      wg.Add(len(cs))
     * //      for _, c := range cs {
     * //          go func(c <-chan T) {
     * //              defer wg.Done()
     * //              for v := range c { select { case out <- v: case <-ctx.Done(): return } }
     * //          }(c)
     * //      }
     * //      go func() { wg.Wait(); close(out) }()
     * RecvChan<Integer> all = Pipe.merge(ctx, evens, odds);
     * }
     * One goroutine per input; the last to finish closes the output (Go's wait-and-close).
     */
    @SafeVarargs
    @SuppressWarnings("varargs") // the array is copied or only read
    public static <T> RecvChan<T> merge(Context ctx, RecvChan<? extends T>... ins) {
        return Ops.merge(Scope.plain(ctx), Arrays.asList(ins));
    }

    /** {@link #merge(Context, RecvChan[])} over a list of inputs. */
    public static <T> RecvChan<T> merge(Context ctx, List<? extends RecvChan<? extends T>> ins) {
        return Ops.merge(Scope.plain(ctx), ins);
    }

    /**
     * Fan-out: distributes the values of {@code in} over {@code n} outputs, each value to
     * exactly one — the first output whose reader is ready (first-free, chosen at random among
     * several ready ones), so a slow consumer gets fewer values and never holds up the others
     * while another is free. Each output receives its values in input order. All outputs are
     * closed when {@code in} closes or the context is done.
     * {@snippet :
     * // Go:  for v := range orDone(ctx, in) {
     * //          // reflect.Select over: case outs[0] <- v, ..., case outs[n-1] <- v, case <-ctx.Done()
     * //      }
     * List<RecvChan<Job>> lanes = Pipe.fanOut(ctx, jobs, 3);
     * for (RecvChan<Job> lane : lanes) {
     *     Go.go(() -> lane.forEach(Job::run));
     * }
     * }
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public static <T> List<RecvChan<T>> fanOut(Context ctx, RecvChan<T> in, int n) {
        return Ops.fanOut(Scope.plain(ctx), in, n);
    }

    /**
     * Splits {@code in} by {@code predicate}: values for which it holds go to
     * {@link Split#matching()}, the others to {@link Split#rest()}, each in input order. One
     * goroutine sends to both, so both outputs must be read (or the context cancelled): an
     * unread side stalls the other, as in Go.
     * {@snippet :
     * // Go:  for v := range in {
     * //          if predicate(v) { select { case trueCh <- v: case <-ctx.Done(): return } }
     * //          else { select { case falseCh <- v: case <-ctx.Done(): return } }
     * //      }
     * Split<Integer> parts = Pipe.split(ctx, nums, n -> n % 2 == 0);
     * }
     */
    public static <T> Split<T> split(Context ctx, RecvChan<T> in, Predicate<? super T> predicate) {
        return inStage(ctx, s -> Ops.split(s, in, predicate));
    }

    /**
     * Groups values into lists of {@code maxSize} (the last one possibly shorter, flushed when
     * {@code in} closes). Each list is new and belongs to its receiver.
     * {@snippet :
     * // Go:  batch := make([]T, 0, size)
     * //      for v := range in { batch = append(batch, v)
     * //          if len(batch) == size { out <- batch; batch = make([]T, 0, size) } }
     * //      if len(batch) > 0 { out <- batch }
     * RecvChan<List<Row>> inserts = Pipe.batch(ctx, rows, 100);
     * }
     * @throws IllegalArgumentException if {@code maxSize < 1}
     */
    public static <T> RecvChan<List<T>> batch(Context ctx, RecvChan<T> in, int maxSize) {
        return Batcher.batch(Scope.plain(ctx), in, maxSize, null);
    }

    /**
     * Groups values into lists, emitting a list when it has {@code maxSize} values or when
     * {@code maxWait} has passed since its first value, whichever comes first; a partial list
     * is flushed when {@code in} closes. No empty list is ever sent. The window runs on the
     * goroutine's clock ({@code io.go4j.time}), so inside {@code Synctest.test} it runs on the
     * fake clock; it starts when the batch's first value is received, and the time spent
     * sending a batch downstream counts toward no window.
     * {@snippet :
     * // Go:  timer := time.NewTimer(maxWait); timer.Stop(); var window <-chan time.Time
     * //      for { select {
     * //          case v, ok := <-in:  if !ok { flush(); return }
     * //                               if len(batch) == 0 { timer.Reset(maxWait); window = timer.C }
     * //                               if batch = append(batch, v); len(batch) == maxSize { timer.Stop(); window = nil; send() }
     * //          case <-window:       window = nil; send()
     * //          case <-ctx.Done():   return } }
     * RecvChan<List<Event>> flushes = Pipe.batch(ctx, events, 500, Duration.ofMillis(50));
     * }
     * @throws IllegalArgumentException if {@code maxSize < 1} or {@code maxWait} is not positive
     */
    public static <T> RecvChan<List<T>> batch(Context ctx, RecvChan<T> in, int maxSize, Duration maxWait) {
        return Batcher.batch(Scope.plain(ctx), in, maxSize, java.util.Objects.requireNonNull(maxWait, "maxWait"));
    }

    /**
     * Passes on {@code in} through a buffer of {@code n}, decoupling a bursty producer from a
     * slow consumer: up to {@code n} values (plus one in flight) wait in the stage.
     * {@snippet :
     * // Go:  out := make(chan T, n)
     * //      go func() { defer close(out); for v := range in { select { case out <- v: case <-ctx.Done(): return } } }()
     * RecvChan<Request> queued = Pipe.buffer(ctx, requests, 64);
     * }
     * @throws IllegalArgumentException if {@code n < 0}
     */
    public static <T> RecvChan<T> buffer(Context ctx, RecvChan<T> in, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("buffer: negative size " + n);
        }
        return Ops.forward(Scope.plain(ctx), "pipe.buffer", in, n);
    }

    // ================================================================ stages

    /**
     * Applies {@code fn} to every value: Go's pipeline stage.
     * {@snippet :
     * // Go:  func sq(ctx context.Context, in <-chan int) <-chan int {
     * //          out := make(chan int)
     * //          go func() {
     * //              defer close(out)
     * //              for n := range in {
     * //                  select { case out <- n * n: case <-ctx.Done(): return }
     * //              }
     * //          }()
     * //          return out
     * //      }
     * RecvChan<Integer> squares = Pipe.map(ctx, nums, n -> n * n);
     * }
     */
    public static <T, R> RecvChan<R> map(Context ctx, RecvChan<T> in, Fn<? super T, ? extends R> fn) {
        return map(ctx, in, fn, Stage.sequential());
    }

    /**
     * {@link #map(Context, RecvChan, Fn)} run as {@code stage} says: in parallel, ordered or
     * not, buffered (see {@link Stage}).
     * {@snippet :
     * RecvChan<Page> pages = Pipe.map(ctx, urls, Http::fetch, Stage.parallel(8).ordered());
     * }
     */
    public static <T, R> RecvChan<R> map(Context ctx, RecvChan<T> in, Fn<? super T, ? extends R> fn, Stage stage) {
        return inStage(ctx, s -> Stages.run(s, "pipe.map", in, Stages.map(fn), stage));
    }

    /**
     * Passes on the values for which {@code predicate} holds.
     * {@snippet :
     * // Go:  for v := range in { if pred(v) { select { case out <- v: case <-ctx.Done(): return } } }
     * RecvChan<Integer> even = Pipe.filter(ctx, nums, n -> n % 2 == 0);
     * }
     */
    public static <T> RecvChan<T> filter(Context ctx, RecvChan<T> in, Predicate<? super T> predicate) {
        return filter(ctx, in, predicate, Stage.sequential());
    }

    /** {@link #filter(Context, RecvChan, Predicate)} run as {@code stage} says. */
    public static <T> RecvChan<T> filter(Context ctx, RecvChan<T> in, Predicate<? super T> predicate, Stage stage) {
        return inStage(ctx, s -> Stages.run(s, "pipe.filter", in, Stages.filter(predicate), stage));
    }

    /**
     * Applies {@code fn} to every value and passes on each element of the result, in the
     * result's order (an ordered stage keeps each value's elements together, in input order).
     * {@snippet :
     * // Go:  for line := range in { for _, w := range strings.Fields(line) {
     * //          select { case out <- w: case <-ctx.Done(): return } } }
     * RecvChan<String> words = Pipe.flatMap(ctx, lines, l -> List.of(l.split(" ")));
     * }
     */
    public static <T, R> RecvChan<R> flatMap(Context ctx, RecvChan<T> in,
                                             Fn<? super T, ? extends Iterable<? extends R>> fn) {
        return flatMap(ctx, in, fn, Stage.sequential());
    }

    /** {@link #flatMap(Context, RecvChan, Fn)} run as {@code stage} says. */
    public static <T, R> RecvChan<R> flatMap(Context ctx, RecvChan<T> in,
                                             Fn<? super T, ? extends Iterable<? extends R>> fn, Stage stage) {
        return inStage(ctx, s -> Stages.run(s, "pipe.flatMap", in, Stages.flatMap(fn), stage));
    }

    /**
     * Applies {@code fn} to every value and passes on the outcome as a {@link Result}: a value,
     * or the {@link Exception} {@code fn} threw — Go's "carry errors through the pipeline".
     * An exception does not stop the stage; an {@link Error} does, as in {@link #map}.
     * {@snippet :
     * // Go:  for s := range in { n, err := strconv.Atoi(s)
     * //          select { case out <- Result{Value: n, Err: err}: case <-ctx.Done(): return } }
     * RecvChan<Result<Integer>> parsed = Pipe.mapResult(ctx, lines, Integer::parseInt);
     * }
     */
    public static <T, R> RecvChan<Result<R>> mapResult(Context ctx, RecvChan<T> in, Fn<? super T, ? extends R> fn) {
        return mapResult(ctx, in, fn, Stage.sequential());
    }

    /** {@link #mapResult(Context, RecvChan, Fn)} run as {@code stage} says. */
    public static <T, R> RecvChan<Result<R>> mapResult(Context ctx, RecvChan<T> in, Fn<? super T, ? extends R> fn,
                                                       Stage stage) {
        return inStage(ctx, s -> Stages.run(s, "pipe.mapResult", in, Stages.mapResult(fn), stage));
    }

    // ================================================================ sinks

    /**
     * Receives every value of {@code in} until it closes, on the calling goroutine, and
     * returns them in order.
     * {@snippet :
     * // Go:  var all []T
     * //      for { select {
     * //          case v, ok := <-in: if !ok { return all, nil }; all = append(all, v)
     * //          case <-ctx.Done(): return nil, ctx.Err() } }
     * List<Integer> squares = Pipe.collect(ctx, Pipe.map(ctx, nums, n -> n * n));
     * }
     * @throws ContextException {@code ctx.err()} if the context is done before {@code in}
     *         closes, or is found done when it closes (stages close their outputs when
     *         cancelled, so such a close may end a cut-short stream)
     * @throws io.go4j.WaitInterruptedException if the caller is interrupted while waiting
     */
    public static <T> List<T> collect(Context ctx, RecvChan<? extends T> in) {
        return Ops.collect(ctx, in);
    }

    /**
     * Receives and discards every value of {@code in} until it closes; returns how many.
     * {@snippet :
     * // Go:  for range in { n++ }
     * long n = Pipe.drain(ctx, results);
     * }
     * @throws ContextException as {@link #collect}
     * @throws io.go4j.WaitInterruptedException if the caller is interrupted while waiting
     */
    public static long drain(Context ctx, RecvChan<?> in) {
        return Ops.drain(ctx, in);
    }
}
