package io.go4j.pipe;

import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.Select;
import io.go4j.WaitInterruptedException;
import io.go4j.context.CancelContext;
import io.go4j.context.Context;
import io.go4j.sync.WaitGroup;

import java.util.concurrent.atomic.AtomicReference;

import static io.go4j.Case.recv;
import static io.go4j.Case.send;

/**
 * Bounded parallel loops: run a body for every element, at most {@code limit} at once, and
 * return when all are done — or throw the first failure after cancelling the rest.
 *
 * <p>Go equivalent: {@code errgroup.WithContext} with {@code SetLimit}, i.e. the semaphore
 * channel pattern with first-error cancellation:
 * {@snippet lang=go :
 * g, ctx := errgroup.WithContext(ctx)
 * g.SetLimit(limit)
 * for _, item := range items {
 *     g.Go(func() error { return body(ctx, item) })   // waits for a free slot
 * }
 * return g.Wait()                                      // the first error, or nil
 * }
 *
 * {@snippet :
 * Parallel.forEach(ctx, urls, 8, (c, url) -> {         // at most 8 downloads at once
 *     download(c, url);                                 // c is cancelled if another fails
 * });
 * }
 */
public final class Parallel {

    // Implementation: errgroup's algorithm. A buffered channel of 'limit' tokens is the
    // semaphore (send = acquire, the caller blocks while all slots are taken; receive =
    // release); a WaitGroup counts the started bodies; the first failure is recorded once
    // (CAS, errgroup's errOnce) and cancels the group's context with itself as the cause. The
    // caller goroutine iterates and launches; a body runs in a goroutine of its own. Departure
    // from errgroup: acquiring a slot also watches the group's context, so no new body starts
    // once it is cancelled (errgroup starts every function, and relies on them checking ctx),
    // and a cancelled parent context is reported as an error instead of a silent partial run.

    private Parallel() {
    }

    /**
     * The body run for each element: Go's {@code func(ctx context.Context, item T) error}.
     *
     * @param <T> the element type
     */
    @FunctionalInterface
    public interface Body<T> {
        /**
         * Processes one element. {@code ctx} is the loop's context: done when another body
         * failed, when the parent context is done, or when the caller was interrupted.
         *
         * @throws Exception to fail the whole loop
         */
        void accept(Context ctx, T item) throws Exception;
    }

    /**
     * Runs {@code body} for every element of {@code items}, at most {@code limit} at a time,
     * and returns when every body has returned.
     *
     * <p>On the first failure (a body throws, or the iterator does) the loop's context is
     * cancelled with that exception as its cause ({@link Context#cause}), no further body is
     * started, the running ones are waited for, and the exception is rethrown as it was. If
     * {@code ctx} is done before every element was started, no further body is started, the
     * running ones are waited for, and {@code ctx.err()} is thrown. If the calling thread is
     * interrupted while waiting for a slot or for the bodies, the loop is cancelled likewise
     * and, once every body has returned, {@link WaitInterruptedException} is thrown with the
     * interrupt status set. In every case, no body is running when this method returns or throws.
     *
     * <p>Memory effects: each body's actions happen-before this method returns (or throws);
     * the iteration of an element happens-before its body runs. Elements are taken from the
     * iterator on the calling thread, in order; bodies may complete in any order.
     *
     * @throws Exception                the first failure: whatever the body or iterator threw
     * @throws io.go4j.context.ContextException {@code ctx.err()} if {@code ctx} ended the loop early
     * @throws IllegalArgumentException if {@code limit < 1}
     */
    public static <T> void forEach(Context ctx, Iterable<? extends T> items, int limit,
                                   Body<? super T> body) throws Exception {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        if (ctx == null || items == null || body == null) {
            throw new NullPointerException(ctx == null ? "ctx" : items == null ? "items" : "body");
        }
        CancelContext group = Context.withCancelCause(ctx);
        Chan<Boolean> sem = Chan.make(limit);
        WaitGroup wg = new WaitGroup();
        AtomicReference<Throwable> first = new AtomicReference<>();
        WaitInterruptedException interrupted = null;
        boolean stoppedEarly = false;
        try {
            for (T item : items) {
                boolean acquired = group.err() == null && Select.<Boolean>select(
                        send(sem, Boolean.TRUE, () -> true),   // sem <- token: acquire a slot
                        recv(group.done(), x -> false));
                if (!acquired) {
                    stoppedEarly = true;
                    break;
                }
                wg.add(1);
                Go.go("parallel-forEach", () -> {
                    try {
                        body.accept(group, item);
                    } catch (Throwable t) {
                        if (first.compareAndSet(null, t)) {
                            group.cancel(t);
                        }
                    } finally {
                        sem.recv(); // <-sem: release; a token is there, so this never waits
                        wg.done();
                    }
                });
            }
        } catch (WaitInterruptedException e) {
            interrupted = e;
            group.cancel(e);
        } catch (Throwable t) { // the iterator failed
            if (first.compareAndSet(null, t)) {
                group.cancel(t);
            }
        }
        // Wait for every body, even if interrupted: nothing may be left running.
        for (;;) {
            try {
                wg.await();
                break;
            } catch (WaitInterruptedException e) {
                Thread.interrupted(); // clear, cancel, keep waiting; restored below
                if (interrupted == null) {
                    interrupted = e;
                }
                group.cancel(e);
            }
        }
        group.cancel(); // release the group's context from its parent
        if (interrupted != null) {
            Thread.currentThread().interrupt();
        }
        Throwable t = first.get();
        if (t != null) {
            throw rethrow(t);
        }
        if (interrupted != null) {
            throw interrupted;
        }
        if (stoppedEarly && ctx.err() != null) {
            throw ctx.err();
        }
    }

    private static Exception rethrow(Throwable t) {
        if (t instanceof Error e) {
            throw e;
        }
        return (Exception) t;
    }
}
