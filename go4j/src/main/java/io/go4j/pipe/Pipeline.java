package io.go4j.pipe;

import io.go4j.Go;
import io.go4j.RecvChan;
import io.go4j.context.CancelContext;
import io.go4j.context.Context;
import io.go4j.sync.WaitGroup;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A pipeline whose first error cancels every stage and is reported by {@link #await()}: the
 * stages of {@link Pipe}, run as the goroutines of an errgroup.
 * {@snippet :
 * // Go:  g, ctx := errgroup.WithContext(parent)
 * //      paths := make(chan string); sums := make(chan result)
 * //      g.Go(func() error { defer close(paths); return walk(ctx, root, paths) })
 * //      for i := 0; i < 4; i++ { g.Go(func() error { return digest(ctx, paths, sums) }) }
 * //      go func() { g.Wait(); close(sums) }()
 * //      for r := range sums { m[r.path] = r.sum }
 * //      if err := g.Wait(); err != nil { return err }
 * try (Pipeline p = Pipeline.withContext(parent)) {
 *     RecvChan<Path> paths = p.generate(emit -> walk(root, emit));
 *     RecvChan<Digest> sums = p.map(paths, Digest::of, Stage.parallel(4));   // Digest.of throws IOException
 *     for (Digest d : sums) {
 *         m.put(d.path(), d.sum());
 *     }
 *     p.await();                        // throws the IOException of the first failed digest
 * }
 * }
 * <p>{@link #withContext} makes the pipeline's context, a child of {@code parent} with a
 * cancel cause. Every stage method starts its goroutines on that context and tracks them. The
 * first exception thrown by a stage's function ({@link Fn}, {@link Generator},
 * {@link Predicate}, {@link Supplier}, an {@link Iterable}) is recorded and cancels the
 * context with it as cause ({@code Context.cause(p.ctx())}), so every stage stops and closes
 * its output; downstream sees the streams end. A stage that stops because the context was
 * done for another reason (the parent was cancelled, its deadline passed, {@link #close()})
 * reports the context's cause, as an errgroup goroutine returns {@code ctx.Err()}; the first
 * report wins. A stage that drained its input reports nothing.
 * <p>{@link #await()} is Go's {@code g.Wait()}: it waits for every goroutine of every stage,
 * cancels the context, and throws the first error. {@link #close()} is Go's
 * {@code defer cancel()} plus a wait: it cancels the context and waits for every goroutine, so
 * that leaving a try-with-resources block leaves no goroutine behind; it throws nothing.
 * <p>Stages built by {@link Pipe} on {@link #ctx()} stop with the pipeline but are not tracked
 * by it, and their errors are not its errors. Sinks ({@link #collect}, {@link #drain}) run on
 * the caller and are not tracked either: call {@link #await()} after them to learn whether the
 * stream ended because it was complete or because the pipeline failed.
 * <p>Memory effects: a value's production happens-before its receipt downstream; everything
 * a stage goroutine did happens-before {@link #await()} and {@link #close()} return. Safe for
 * use by many goroutines.
 *
 * <p>Implementation: the pipeline is a {@code Scope} (see Scope.java) whose goroutines count
 * in a WaitGroup and whose failure records the first error and cancels the context — Go's
 * errgroup ({@code golang.org/x/sync/errgroup/errgroup.go}: {@code Go}, {@code Wait},
 * {@code WithContext}) rebuilt on go4j's WaitGroup, context and an atomic first-error slot.
 * It departs from errgroup in one way: an {@link Error} (Go: a panic) is recorded like an
 * exception, cancels the pipeline, and is rethrown by {@link #await()} as is.
 */
public final class Pipeline implements AutoCloseable {

    private final CancelContext ctx;      // written once
    private final WaitGroup wg = new WaitGroup();
    private final AtomicReference<Throwable> first = new AtomicReference<>(); // CAS once from null
    private final Scope scope;            // written once

    private Pipeline(Context parent) {
        this.ctx = Context.withCancelCause(Objects.requireNonNull(parent, "parent"));
        this.scope = new Tracked(ctx);
    }

    /**
     * A new pipeline whose context is a child of {@code parent}: Go's
     * {@code errgroup.WithContext(parent)}.
     */
    public static Pipeline withContext(Context parent) {
        return new Pipeline(parent);
    }

    /** The pipeline's context: done when a stage fails, the parent is done, or after {@link #await()}/{@link #close()}. */
    public Context ctx() {
        return ctx;
    }

    /** The scope: goroutines counted in wg; failures recorded and cancel everything. */
    private final class Tracked extends Scope {
        Tracked(Context ctx) {
            super(ctx);
        }

        @Override
        void go(String name, Body body) {
            wg.add(1);
            Go.go(name, () -> {
                try {
                    if (!body.run()) {
                        record(Context.cause(ctx)); // stopped by the context: Go's return ctx.Err()
                    }
                } catch (Throwable t) {
                    record(t);
                } finally {
                    wg.done();
                }
            });
        }

        @Override
        void failed(Throwable t) {
            record(t);
        }
    }

    /** errgroup's errOnce: the first error is kept and cancels the context with it as cause. */
    private void record(Throwable t) {
        if (t != null && first.compareAndSet(null, t)) {
            ctx.cancel(t);
        }
    }

    /**
     * Waits for every goroutine of every stage, cancels the context, and throws the first
     * error: Go's {@code g.Wait()}. Returns normally if every stage drained its input.
     * @throws Exception the first error: a stage function's exception as is, or the cause of
     *         the context if a stage was stopped by it (e.g. {@code Context.CANCELED},
     *         {@code Context.DEADLINE_EXCEEDED}); an {@link Error} is rethrown as is; another
     *         throwable is wrapped in an {@link ExecutionException}
     * @throws io.go4j.WaitInterruptedException if interrupted while waiting (nothing is cancelled)
     */
    public void await() throws Exception {
        wg.await();
        ctx.cancel();
        Throwable e = first.get();
        if (e == null) {
            return;
        }
        if (e instanceof Exception x) {
            throw x;
        }
        if (e instanceof Error x) {
            throw x;
        }
        throw new ExecutionException(e);
    }

    /**
     * Cancels the pipeline and waits for every goroutine of every stage to return; throws no
     * stage error (call {@link #await()} for that). Idempotent.
     * @throws io.go4j.WaitInterruptedException if interrupted while waiting
     */
    @Override
    public void close() {
        ctx.cancel();
        wg.await();
    }

    // ================================================================ sources

    /** {@link Pipe#generate(Context, Object[])} in this pipeline. */
    @SafeVarargs
    @SuppressWarnings("varargs") // the array is copied or only read
    public final <T> RecvChan<T> generate(T... values) {
        return Ops.from(scope, "pipe.generate", Arrays.asList(values.clone()));
    }

    /** {@link Pipe#from} in this pipeline; an exception of the iteration fails the pipeline. */
    public <T> RecvChan<T> from(Iterable<? extends T> values) {
        return Ops.from(scope, "pipe.from", values);
    }

    /** {@link Pipe#generate(Context, Generator)} in this pipeline; the generator's exception fails the pipeline. */
    public <T> RecvChan<T> generate(Generator<T> generator) {
        return Ops.generate(scope, generator);
    }

    /** {@link Pipe#repeat} in this pipeline. */
    @SafeVarargs
    @SuppressWarnings("varargs") // the array is copied or only read
    public final <T> RecvChan<T> repeat(T... values) {
        return Ops.repeat(scope, Arrays.asList(values.clone()));
    }

    /** {@link Pipe#repeatFn} in this pipeline; {@code fn}'s exception fails the pipeline. */
    public <T> RecvChan<T> repeatFn(Supplier<? extends T> fn) {
        return Ops.repeatFn(scope, fn);
    }

    // ================================================================ plumbing

    /** {@link Pipe#take} in this pipeline. */
    public <T> RecvChan<T> take(RecvChan<T> in, long n) {
        return Ops.take(scope, in, n);
    }

    /** {@link Pipe#orDone} in this pipeline. */
    public <T> RecvChan<T> orDone(RecvChan<T> in) {
        return Ops.forward(scope, "pipe.orDone", in, 0);
    }

    /** {@link Pipe#bridge} in this pipeline. */
    public <T> RecvChan<T> bridge(RecvChan<? extends RecvChan<? extends T>> chans) {
        return Ops.bridge(scope, chans);
    }

    /** {@link Pipe#tee} in this pipeline. */
    public <T> Tee<T> tee(RecvChan<T> in) {
        return Ops.tee(scope, in);
    }

    /** {@link Pipe#merge(Context, RecvChan[])} in this pipeline. */
    @SafeVarargs
    @SuppressWarnings("varargs") // the array is copied or only read
    public final <T> RecvChan<T> merge(RecvChan<? extends T>... ins) {
        return Ops.merge(scope, Arrays.asList(ins));
    }

    /** {@link Pipe#merge(Context, List)} in this pipeline. */
    public <T> RecvChan<T> merge(List<? extends RecvChan<? extends T>> ins) {
        return Ops.merge(scope, ins);
    }

    /** {@link Pipe#fanOut} in this pipeline. */
    public <T> List<RecvChan<T>> fanOut(RecvChan<T> in, int n) {
        return Ops.fanOut(scope, in, n);
    }

    /** {@link Pipe#split} in this pipeline; the predicate's exception fails the pipeline. */
    public <T> Split<T> split(RecvChan<T> in, Predicate<? super T> predicate) {
        return Ops.split(scope, in, predicate);
    }

    /** {@link Pipe#batch(Context, RecvChan, int)} in this pipeline. */
    public <T> RecvChan<List<T>> batch(RecvChan<T> in, int maxSize) {
        return Batcher.batch(scope, in, maxSize, null);
    }

    /** {@link Pipe#batch(Context, RecvChan, int, Duration)} in this pipeline. */
    public <T> RecvChan<List<T>> batch(RecvChan<T> in, int maxSize, Duration maxWait) {
        return Batcher.batch(scope, in, maxSize, Objects.requireNonNull(maxWait, "maxWait"));
    }

    /** {@link Pipe#buffer} in this pipeline. */
    public <T> RecvChan<T> buffer(RecvChan<T> in, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("buffer: negative size " + n);
        }
        return Ops.forward(scope, "pipe.buffer", in, n);
    }

    // ================================================================ stages

    /** {@link Pipe#map(Context, RecvChan, Fn)} in this pipeline; {@code fn}'s exception fails the pipeline. */
    public <T, R> RecvChan<R> map(RecvChan<T> in, Fn<? super T, ? extends R> fn) {
        return map(in, fn, Stage.sequential());
    }

    /** {@link Pipe#map(Context, RecvChan, Fn, Stage)} in this pipeline. */
    public <T, R> RecvChan<R> map(RecvChan<T> in, Fn<? super T, ? extends R> fn, Stage stage) {
        return Stages.run(scope, "pipe.map", in, Stages.map(fn), stage);
    }

    /** {@link Pipe#filter(Context, RecvChan, Predicate)} in this pipeline. */
    public <T> RecvChan<T> filter(RecvChan<T> in, Predicate<? super T> predicate) {
        return filter(in, predicate, Stage.sequential());
    }

    /** {@link Pipe#filter(Context, RecvChan, Predicate, Stage)} in this pipeline. */
    public <T> RecvChan<T> filter(RecvChan<T> in, Predicate<? super T> predicate, Stage stage) {
        return Stages.run(scope, "pipe.filter", in, Stages.filter(predicate), stage);
    }

    /** {@link Pipe#flatMap(Context, RecvChan, Fn)} in this pipeline. */
    public <T, R> RecvChan<R> flatMap(RecvChan<T> in, Fn<? super T, ? extends Iterable<? extends R>> fn) {
        return flatMap(in, fn, Stage.sequential());
    }

    /** {@link Pipe#flatMap(Context, RecvChan, Fn, Stage)} in this pipeline. */
    public <T, R> RecvChan<R> flatMap(RecvChan<T> in, Fn<? super T, ? extends Iterable<? extends R>> fn,
                                      Stage stage) {
        return Stages.run(scope, "pipe.flatMap", in, Stages.flatMap(fn), stage);
    }

    /** {@link Pipe#mapResult(Context, RecvChan, Fn)} in this pipeline: exceptions become results, not failures. */
    public <T, R> RecvChan<Result<R>> mapResult(RecvChan<T> in, Fn<? super T, ? extends R> fn) {
        return mapResult(in, fn, Stage.sequential());
    }

    /** {@link Pipe#mapResult(Context, RecvChan, Fn, Stage)} in this pipeline. */
    public <T, R> RecvChan<Result<R>> mapResult(RecvChan<T> in, Fn<? super T, ? extends R> fn, Stage stage) {
        return Stages.run(scope, "pipe.mapResult", in, Stages.mapResult(fn), stage);
    }

    // ================================================================ sinks

    /** {@link Pipe#collect} on the pipeline's context, on the calling goroutine. */
    public <T> List<T> collect(RecvChan<? extends T> in) {
        return Ops.collect(ctx, in);
    }

    /** {@link Pipe#drain} on the pipeline's context, on the calling goroutine. */
    public long drain(RecvChan<?> in) {
        return Ops.drain(ctx, in);
    }
}
