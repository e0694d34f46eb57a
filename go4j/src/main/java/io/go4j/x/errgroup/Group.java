package io.go4j.x.errgroup;

import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.Panic;
import io.go4j.context.CancelContext;
import io.go4j.context.Context;
import io.go4j.runtime.Goexit;
import io.go4j.sync.Once;
import io.go4j.sync.WaitGroup;

/**
 * A collection of goroutines working on subtasks of one task, with the first error kept and,
 * for a group made by {@link #withContext}, cancelling the group's context: Go's
 * {@code errgroup.Group}.
 *
 * {@snippet :
 * var gc = Group.withContext(ctx);                  // g, ctx := errgroup.WithContext(ctx)
 * Group g = gc.group();
 * for (String url : urls) {
 *     g.go(() -> fetch(gc.ctx(), url));             // g.Go(func() error { return fetch(ctx, url) })
 * }
 * Exception err = g.await();                        // if err := g.Wait(); err != nil {
 * if (err != null) {
 *     throw err;                                    //     return err
 * }                                                 // }
 * }
 *
 * <h2>Errors and panics</h2>
 * A {@link Task} returns normally for Go's {@code return nil}. Any {@link Exception} it throws,
 * checked or unchecked, is its error — except {@link Panic}, which is go4j's Go panic. The
 * first error is kept for {@link #await} and cancels the group's context with the error as
 * cause (Go's {@code context.WithCancelCause}); later errors are dropped.
 *
 * <p>A {@link Panic} or an {@link Error} thrown by a task is a Go panic. It escapes the task's
 * goroutine and is reported as go4j reports every escaping panic (under {@link Go#main} the
 * program dies with Go's panic report, as a Go program would; otherwise the panic handler or
 * standard error gets it — ADR 0004). Go's errgroup stops there (x/sync deliberately does not
 * propagate panics through {@code Wait}: golang/go#53757, #74275). go4j, which cannot count on
 * the process dying, also keeps the first such throwable, cancels the context with it, and
 * rethrows that very object from {@link #await}, so that a waiter never mistakes a crashed
 * task for success — and so that, under {@code Go.main}, a main goroutine waiting on the group
 * cannot return (exit 0) ahead of the panic report. A {@link Goexit} in a task ends its
 * goroutine quietly, counted as done without an error, as Go's {@code runtime.Goexit} does.
 *
 * <h2>Memory effects</h2>
 * A call of {@link #go} or a successful {@link #tryGo} happens-before its task starts; each
 * task's return (or throw) happens-before the {@link #await} that waits for it returns. The
 * first error's cancellation happens-before every receive that sees the context done.
 *
 * <p>{@link #go}, {@link #tryGo} and {@link #await} may be called from many goroutines at
 * once; {@link #setLimit} may not run while tasks are active (as in Go).
 */
public final class Group {

    /*
     * Implementation notes. Go's x/sync errgroup/errgroup.go, line for line:
     *
     *   cancel   the group's CancelContext (null for a zero group)
     *   wg       counts the running tasks
     *   sem      a buffered channel of tokens, capacity = limit (null = no limit):
     *            go() sends a token before starting a task, the task receives it back when done
     *   errOnce  keeps the first error and cancels with it
     *
     * Invariants: sem.len() = the tasks started since sem was made that are still running; a
     * task gives its token back to the very channel it took it from (captured at go(); Go reads
     * g.sem again in done(), which after SetLimit(-1) races in Go and here would lose a token).
     * Panics are kept in `panic`, see the class comment: a departure from current x/sync, whose
     * reasons against propagating (late, stack lost, hidden by deadlocks) do not hold here since
     * the panic is still reported at once with its own stack.
     */

    /** A task run by the group: Go's {@code func() error}; throwing is returning an error. */
    @FunctionalInterface
    public interface Task {
        /** Runs the task; an exception thrown is its error (see {@link Group}). */
        void run() throws Exception;
    }

    /**
     * A group and its derived context: the two results of Go's {@code errgroup.WithContext}.
     *
     * <p>A record rather than a context inside the group: it mirrors Go's
     * {@code g, ctx := errgroup.WithContext(ctx)} one to one (with Java 21's
     * {@code var gc = Group.withContext(ctx)}, or record patterns), and keeps {@link Group}
     * itself Go's type, which has no context at all when made with {@code new Group()}. The
     * context is a plain {@link Context}: only the group cancels it, as in Go, where the cancel
     * function stays inside the group.
     *
     * @param group the new group
     * @param ctx   the context cancelled by the group's first error or by its {@link Group#await}
     */
    public record WithContext(Group group, Context ctx) {
    }

    private static final Object TOKEN = new Object();

    private final CancelContext cancel;         // written once in the constructor; null: no context
    private final WaitGroup wg = new WaitGroup();
    private volatile Chan<Object> sem;          // null: no limit; replaced only by setLimit
    private final Once errOnce = new Once();
    private Exception err;                      // written once in errOnce; read after wg.await
    private final Once panicOnce = new Once();
    private Throwable panic;                    // written once in panicOnce; read after wg.await

    /**
     * A group with no limit on running tasks and no context: Go's zero {@code errgroup.Group}
     * ({@code var g errgroup.Group} or {@code new(errgroup.Group)}).
     */
    public Group() {
        this(null);
    }

    private Group(CancelContext cancel) {
        this.cancel = cancel;
    }

    /**
     * A new group and a context derived from {@code parent}, cancelled the first time a task
     * fails (with the failure as its cause) or the first time {@link #await} returns, whichever
     * is first: Go's {@code errgroup.WithContext(ctx)}.
     */
    public static WithContext withContext(Context parent) {
        CancelContext ctx = Context.withCancelCause(parent);
        return new WithContext(new Group(ctx), ctx);
    }

    /**
     * Runs {@code f} in a new goroutine: Go's {@code g.Go(f)}. If a limit is set, blocks first
     * until a task may start without exceeding it.
     *
     * <p>The first task to fail cancels the group's context (if any); its error is returned by
     * {@link #await}.
     *
     * @throws Panic {@code go of nil func value} if {@code f} is null
     * @throws io.go4j.WaitInterruptedException if the caller is interrupted while waiting for
     *         the limit; no task was started
     */
    public void go(Task f) {
        if (f == null) {
            throw new Panic("go of nil func value");
        }
        Chan<Object> s = sem;
        if (s != null) {
            s.send(TOKEN);
        }
        start(s, f);
    }

    /**
     * Runs {@code f} in a new goroutine only if the number of running tasks is below the limit:
     * Go's {@code g.TryGo(f)}. Never blocks.
     *
     * @return true if the task was started
     * @throws Panic {@code go of nil func value} if {@code f} is null
     */
    public boolean tryGo(Task f) {
        if (f == null) {
            throw new Panic("go of nil func value");
        }
        Chan<Object> s = sem;
        if (s != null && !s.trySend(TOKEN)) {
            return false;
        }
        start(s, f);
        return true;
    }

    /**
     * Limits the number of running tasks to at most {@code n}; a negative {@code n} removes the
     * limit: Go's {@code g.SetLimit(n)}. Later {@link #go} calls block until they can start a
     * task within the limit; with a limit of 0, no task can start. Must not be called while
     * tasks are running.
     *
     * @throws Panic {@code errgroup: modify limit while N goroutines in the group are still
     *         active} if a limit is set and tasks started under it are still running (Go's
     *         check; removing the limit with a negative {@code n} is never refused)
     */
    public void setLimit(int n) {
        if (n < 0) {
            sem = null;
            return;
        }
        Chan<Object> s = sem;
        if (s != null && s.len() != 0) {
            throw new Panic(String.format(
                    "errgroup: modify limit while %d goroutines in the group are still active", s.len()));
        }
        sem = Chan.make(n);
    }

    /**
     * Waits until every task started by {@link #go} and {@link #tryGo} has returned, cancels the
     * group's context, and returns the first error: Go's {@code g.Wait()}.
     *
     * @return the first exception thrown by a task (the very object), or null if none failed
     * @throws Panic or {@link Error}: the first Go panic of a task, rethrown (the same object,
     *         with the task's stack trace; see the class comment) — a panic beats an error
     * @throws io.go4j.WaitInterruptedException if the caller is interrupted while waiting; the
     *         context is then not cancelled and the tasks run on
     */
    public Exception await() {
        wg.await();
        if (cancel != null) {
            cancel.cancel(err); // cancel(null): cause Canceled, as Go's cancel(nil)
        }
        Throwable p = panic;
        if (p instanceof RuntimeException r) {
            throw r;
        }
        if (p != null) {
            throw (Error) p;
        }
        return err;
    }

    private void start(Chan<Object> s, Task f) {
        wg.add(1);
        Go.go(() -> {
            try {
                f.run();
            } catch (Goexit e) {
                throw e; // Go's runtime.Goexit: the task ends, counted done, no error
            } catch (Panic e) {
                failed(e);
                throw e;
            } catch (Exception e) {
                errOnce.run(() -> {
                    err = e;
                    if (cancel != null) {
                        cancel.cancel(e);
                    }
                });
            } catch (Error e) {
                failed(e);
                throw e;
            } finally {
                if (s != null) {
                    s.recv();
                }
                wg.done();
            }
        });
    }

    /** A task panicked: keep the first panic for await and cancel the context with it. */
    private void failed(Throwable t) {
        panicOnce.run(() -> panic = t);
        if (cancel != null) {
            cancel.cancel(t);
        }
    }
}
