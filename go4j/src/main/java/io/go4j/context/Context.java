package io.go4j.context;

import io.go4j.Panic;
import io.go4j.RecvChan;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * A deadline, a cancellation signal and request-scoped values across API boundaries and
 * goroutines: Go's {@code context.Context}, and Go's {@code context} package as static methods.
 *
 * {@snippet :
 * try (CancelContext ctx = Context.withTimeout(Context.background(), Duration.ofSeconds(2))) {
 *     Go.go(() -> worker(ctx));                       // go worker(ctx)
 *     Select.select(
 *         onRecv(results, r -> use(r)),               // case r := <-results:
 *         onRecv(ctx.done(), x -> {                   // case <-ctx.Done():
 *             System.out.println(ctx.err());          //     fmt.Println(ctx.Err())
 *         }));
 * }                                                   // defer cancel()
 * }
 *
 * <h2>Rules (Go's)</h2>
 * {@link #background()} and {@link #todo()} are never cancelled; their {@link #done()} is the
 * nil channel. {@link #err()} is null until {@code done()} is closed, then
 * {@link #CANCELED} or {@link #DEADLINE_EXCEEDED}, for ever. Cancelling a context cancels
 * all its descendants with the same error and cause, and removes it from its parent;
 * cancelling a child leaves the parent alone; a second cancellation does nothing; a child of
 * a cancelled parent is born cancelled. A child's deadline is the earlier of its parent's and
 * its own; a deadline already past cancels at once. Values are looked up innermost first.
 *
 * <h2>Implementing it</h2>
 * As in Go, users may implement this interface (a context adapting another system's
 * cancellation). The go4j contexts then watch it through its {@code done()} channel, with one
 * goroutine per derived context, as Go does.
 *
 * <p>Memory effects: a cancellation happens-before every receive that returns because
 * {@code done()} is closed, and before every {@code err()} that returns its error. All methods
 * are safe for use by many goroutines at once.
 */
public interface Context {

    /** Go's {@code context.Canceled}: the error of a context that was cancelled. */
    ContextException.Canceled CANCELED = new ContextException.Canceled();

    /** Go's {@code context.DeadlineExceeded}: the error of a context whose deadline passed. */
    ContextException.DeadlineExceeded DEADLINE_EXCEEDED = new ContextException.DeadlineExceeded();

    /** Go's {@code ctx.Deadline()}: when this context will be cancelled by time, if it will. */
    Optional<Instant> deadline();

    /**
     * Go's {@code ctx.Done()}: a channel closed when this context is cancelled or its deadline
     * passes; the nil channel (never ready) for a context that can never be cancelled. The
     * same channel every time. Use it in {@code select}.
     */
    RecvChan<Void> done();

    /**
     * Go's {@code ctx.Err()}: null while {@link #done()} is open; afterwards {@link #CANCELED}
     * or {@link #DEADLINE_EXCEEDED}, never changing.
     */
    ContextException err();

    /**
     * Go's {@code ctx.Value(key)}: the value bound to {@code key} by the innermost
     * {@link #withValue} around this context, or null. Keys are compared with {@code equals}.
     */
    Object value(Object key);

    // ---------------------------------------------------------------- Go's package functions

    /** Go's {@code context.Background()}: never cancelled, no values, no deadline. */
    static Context background() {
        return Ctx.BACKGROUND;
    }

    /** Go's {@code context.TODO()}: like {@link #background()}, for code not yet given a context. */
    static Context todo() {
        return Ctx.TODO;
    }

    /** Go's {@code context.WithCancel(parent)}. */
    static CancelContext withCancel(Context parent) {
        return Ctx.withCancel(parent);
    }

    /**
     * Go's {@code context.WithCancelCause(parent)}: cancel with {@link CancelContext#cancel(Throwable)}
     * to record why; {@link #cause} returns it.
     */
    static CancelContext withCancelCause(Context parent) {
        return Ctx.withCancel(parent);
    }

    /** Go's {@code context.WithDeadline(parent, d)}. */
    static CancelContext withDeadline(Context parent, Instant deadline) {
        return Ctx.withDeadline(parent, deadline, null);
    }

    /**
     * Go's {@code context.WithDeadlineCause(parent, d, cause)}: {@code cause} becomes the
     * cause only when the deadline passes (a cancel sets {@link #CANCELED} as usual).
     */
    static CancelContext withDeadlineCause(Context parent, Instant deadline, Throwable cause) {
        return Ctx.withDeadline(parent, deadline, cause);
    }

    /** Go's {@code context.WithTimeout(parent, timeout)}: {@code withDeadline(parent, now + timeout)}. */
    static CancelContext withTimeout(Context parent, Duration timeout) {
        return Ctx.withTimeout(parent, timeout, null);
    }

    /** Go's {@code context.WithTimeoutCause(parent, timeout, cause)}. */
    static CancelContext withTimeoutCause(Context parent, Duration timeout, Throwable cause) {
        return Ctx.withTimeout(parent, timeout, cause);
    }

    /**
     * Go's {@code context.WithValue(parent, key, val)}.
     *
     * @throws Panic {@code nil key} if {@code key} is null
     */
    static Context withValue(Context parent, Object key, Object val) {
        return Ctx.withValue(parent, key, val);
    }

    /**
     * Go's {@code context.WithoutCancel(parent)}: the parent's values, but never cancelled —
     * no deadline, nil {@code done()}, null {@code err()} and cause.
     */
    static Context withoutCancel(Context parent) {
        return Ctx.withoutCancel(parent);
    }

    /**
     * Go's {@code context.AfterFunc(ctx, f)}: runs {@code f} once in its own goroutine after
     * {@code ctx} is done (at once if it already is). The returned {@code stop} disconnects
     * {@code f}; it returns true only if that prevented {@code f} from being started.
     */
    static BooleanSupplier afterFunc(Context ctx, Runnable f) {
        return Ctx.afterFunc(ctx, f);
    }

    /**
     * Go's {@code context.Cause(ctx)}: why {@code ctx} was cancelled — the cause given to the
     * first cancellation of it or of an ancestor, else its {@code err()}; null while not done.
     */
    static Throwable cause(Context ctx) {
        return Ctx.cause(ctx);
    }
}
