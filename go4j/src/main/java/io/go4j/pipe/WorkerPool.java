package io.go4j.pipe;

import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.Panic;
import io.go4j.RecvChan;
import io.go4j.Select;
import io.go4j.context.CancelContext;
import io.go4j.context.Context;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static io.go4j.Case.recv;
import static io.go4j.Case.recvOk;
import static io.go4j.Case.send;

/**
 * A fixed number of goroutines taking jobs from a channel and sending one {@link Result} per
 * job — a value or the exception the job threw — on a results channel that is closed after
 * the last result.
 *
 * <p>Go equivalent: the worker pool of the seeds (and of Go by Example), made cancellable:
 * {@snippet lang=go :
 * jobs, results := make(chan T), make(chan Result[R], workers)
 * var wg sync.WaitGroup
 * for i := 0; i < workers; i++ {
 *     wg.Add(1)
 *     go func() {
 *         defer wg.Done()
 *         for {
 *             select {
 *             case j, ok := <-jobs:
 *                 if !ok { return }
 *                 r, err := work(ctx, j)
 *                 select { case results <- Result{r, err}: case <-ctx.Done(): return }
 *             case <-ctx.Done():
 *                 return
 *             }
 *         }
 *     }()
 * }
 * go func() { wg.Wait(); close(results) }()
 * }
 *
 * {@snippet :
 * WorkerPool<URL, Page> pool = WorkerPool.start(ctx, 8, (c, url) -> fetch(c, url));
 * Go.go(() -> {                                   // submit from another goroutine,
 *     for (URL u : urls) pool.submit(u);          // or read results from one: the pool's
 *     pool.close();                               // workers wait for their results to be taken
 * });
 * for (Result<Page> r : pool.results()) {         // ends after the last result
 *     if (r instanceof Result.Ok<Page> ok) index(ok.value());
 * }
 * }
 *
 * <h2>Life cycle</h2>
 * {@link #submit} blocks until a worker (or a free slot of the job queue) takes the job.
 * {@link #close()} says no more jobs will come: the workers finish the queued jobs, send their
 * results, and exit; the last one closes {@link #results()}. When {@code ctx} is done the
 * workers stop at once: queued jobs are dropped, a result not yet taken may be dropped, and
 * {@link #results()} is closed when every worker has returned. A job that is running is not
 * interrupted: {@code work} receives the pool's context and should watch it.
 *
 * <h2>Errors</h2>
 * {@link ErrorMode#COLLECT_ALL}: an exception thrown by {@code work} becomes a
 * {@link Result.Err} and the pool carries on; until the context is done every job submitted
 * yields exactly one result. {@link ErrorMode#FAIL_FAST}: the first exception cancels the
 * pool's context (with the exception as its cause, Go's {@code context.Cause}) — as
 * {@code errgroup.WithContext} does; its {@code Err} result is still delivered (unless the
 * parent context is done), later submits return false, and the other results may or may not
 * appear. In both modes {@link #err()} returns the first exception. Exceptions are caught
 * ({@link Exception}, including {@link io.go4j.Panic}); an {@link Error} ends its worker and
 * escapes it like a panic ({@link Go#setPanicHandler}), the pool stays consistent.
 *
 * <p>Memory effects: {@code submit(job)} happens-before {@code work} runs on it; {@code work}'s
 * return (or throw) happens-before its result is received; every result's sending
 * happens-before the receive that finds {@link #results()} closed, and so does the recording
 * of {@link #err()}. Thread-safety: {@link #submit} and {@link #close()} may be called from
 * any goroutines.
 *
 * @param <T> the job type
 * @param <R> the result type
 */
public final class WorkerPool<T, R> implements AutoCloseable {

    // Implementation: the Go code above, with two changes. (1) No closer goroutine: the
    // workers count themselves down ('running') and the last one out cancels the pool's
    // context (releasing it from its parent) and closes 'results'. (2) The failing worker of
    // FAIL_FAST sends its Err result watching only the parent's done channel, since the pool's
    // own is already closed. Invariants: only workers send on 'results'; it is closed once,
    // after every worker has stopped sending; 'jobs' is closed only by close().

    /** What the pool does when a job throws. */
    public enum ErrorMode {
        /** Report the exception as a {@link Result.Err} and carry on with the other jobs. */
        COLLECT_ALL,
        /** Report it, and cancel the pool's context: the remaining jobs are abandoned. */
        FAIL_FAST
    }

    /**
     * The work done for one job: Go's {@code func(ctx context.Context, job T) (R, error)}.
     *
     * @param <T> the job type
     * @param <R> the result type
     */
    @FunctionalInterface
    public interface Work<T, R> {
        /**
         * Does one job. {@code ctx} is the pool's context, done when the pool is cancelled.
         *
         * @throws Exception the job's error; it becomes a {@link Result.Err}
         */
        R apply(Context ctx, T job) throws Exception;
    }

    private static final Object CLOSED = new Object();

    private final Context parent;                     // written once before publication
    private final CancelContext ctx;                  // the pool's; cancelled by FAIL_FAST or the last worker
    private final ErrorMode mode;                     // written once before publication
    private final Chan<T> jobs;                       // closed by close() only
    private final Chan<Result<R>> results;            // closed by the last worker only
    private final AtomicInteger running;              // workers not yet returned
    private final AtomicReference<Throwable> first = new AtomicReference<>(); // CAS once
    private final AtomicBoolean closed = new AtomicBoolean();

    private WorkerPool(Context parent, int workers, int queue, ErrorMode mode) {
        this.parent = parent;
        this.ctx = Context.withCancelCause(parent);
        this.mode = mode;
        this.jobs = Chan.make(queue);
        this.results = Chan.make(workers);
        this.running = new AtomicInteger(workers);
    }

    /**
     * Starts {@code workers} goroutines doing {@code work}, with no job queue (a submit waits
     * for a free worker) and {@link ErrorMode#COLLECT_ALL}.
     *
     * @throws IllegalArgumentException if {@code workers < 1}
     */
    public static <T, R> WorkerPool<T, R> start(Context ctx, int workers, Work<? super T, ? extends R> work) {
        return start(ctx, workers, 0, ErrorMode.COLLECT_ALL, work);
    }

    /**
     * Starts {@code workers} goroutines doing {@code work}, with a job queue of {@code queue}
     * slots, handling errors as {@code mode} says.
     *
     * @throws IllegalArgumentException if {@code workers < 1}
     * @throws io.go4j.Panic {@code makechan: size out of range} if {@code queue < 0}
     * @throws NullPointerException if an argument is null
     */
    public static <T, R> WorkerPool<T, R> start(Context ctx, int workers, int queue, ErrorMode mode,
                                                Work<? super T, ? extends R> work) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be positive: " + workers);
        }
        if (ctx == null || mode == null || work == null) {
            throw new NullPointerException(ctx == null ? "ctx" : mode == null ? "mode" : "work");
        }
        WorkerPool<T, R> pool = new WorkerPool<>(ctx, workers, queue, mode);
        for (int i = 0; i < workers; i++) {
            Go.go("worker-" + i, () -> pool.worker(work));
        }
        return pool;
    }

    /**
     * Submits a job, blocking until a worker or a queue slot takes it.
     * Go equivalent: {@code select { case jobs <- job: return true; case <-ctx.Done(): return false }}.
     *
     * @return true if the job was taken; false if the pool's context is done (cancelled, or
     *         failed under {@link ErrorMode#FAIL_FAST})
     * @throws io.go4j.Panic {@code send on closed channel} if called after {@link #close()}
     * @throws io.go4j.WaitInterruptedException if interrupted while waiting; the job was not taken
     */
    public boolean submit(T job) {
        if (closed.get()) {
            throw new Panic("send on closed channel"); // whether or not the workers are gone yet
        }
        if (ctx.err() != null) {
            return false;
        }
        return Select.<Boolean>select(
                send(jobs, job, () -> true),
                recv(ctx.done(), x -> false));
    }

    /**
     * The results, one per job, in completion order: Go's {@code <-chan Result}. Closed after
     * the last result (see the class comment). The same channel every time.
     */
    public RecvChan<Result<R>> results() {
        return results;
    }

    /**
     * No more jobs: Go's {@code close(jobs)}. The workers finish the queued jobs and exit; the
     * last one closes {@link #results()}. Idempotent; does not wait.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            jobs.close();
        }
    }

    /** The first exception a job threw (in either mode), or null; final once {@link #results()} is closed. */
    public Throwable err() {
        return first.get();
    }

    // ---------------------------------------------------------------- workers

    private void worker(Work<? super T, ? extends R> work) {
        try {
            for (;;) {
                if (ctx.err() != null) {
                    return; // cancelled: do not start another job
                }
                Object got = Select.<Object>select(
                        recvOk(jobs, (j, ok) -> ok ? new Job<>(j) : CLOSED),
                        recv(ctx.done(), x -> CLOSED));
                if (got == CLOSED) {
                    return;
                }
                @SuppressWarnings("unchecked")
                T job = ((Job<T>) got).job;
                Result<R> r;
                RecvChan<Void> stop = ctx.done();
                try {
                    r = Result.ok(work.apply(ctx, job));
                } catch (Exception e) {
                    r = Result.err(e);
                    if (first.compareAndSet(null, e) && mode == ErrorMode.FAIL_FAST) {
                        ctx.cancel(e);
                        stop = parent.done(); // the first error is reported even so
                    }
                }
                boolean sent = Select.<Boolean>select(
                        send(results, r, () -> true),
                        recv(stop, x -> false));
                if (!sent) {
                    return;
                }
            }
        } finally {
            if (running.decrementAndGet() == 0) {
                ctx.cancel();     // release the pool's context from its parent
                results.close();  // after every worker's last send
            }
        }
    }

    private record Job<T>(T job) {
    }
}
