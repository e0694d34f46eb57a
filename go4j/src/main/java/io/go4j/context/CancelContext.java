package io.go4j.context;

/**
 * A context together with its cancel function — what Go's {@code WithCancel},
 * {@code WithCancelCause}, {@code WithDeadline}, {@code WithTimeout} and their {@code Cause}
 * variants return as the pair {@code (ctx, cancel)}.
 *
 * {@snippet :
 * try (CancelContext ctx = Context.withTimeout(parent, Duration.ofSeconds(1))) {
 *     // ctx, cancel := context.WithTimeout(parent, time.Second)
 *     // defer cancel()
 *     return fetch(ctx);
 * }
 * }
 *
 * <p>{@link #close()} is {@link #cancel()}, so try-with-resources is Go's
 * {@code defer cancel()}. Cancelling releases the context's resources (its timer, its entry
 * in its parent) — call it as soon as the work is done, as Go's vet insists.
 */
public interface CancelContext extends Context, AutoCloseable {

    /**
     * Cancels this context and its descendants with {@link Context#CANCELED}: Go's
     * {@code cancel()}. Only the first cancellation has an effect; later calls do nothing.
     * Does not wait for the work to stop.
     */
    void cancel();

    /**
     * Cancels with a cause: Go's {@code cancel(cause)} of {@code WithCancelCause}. {@code err()}
     * becomes {@link Context#CANCELED} and {@link Context#cause} returns {@code cause} (or
     * {@code CANCELED} if {@code cause} is null). Available on every cancel context.
     */
    void cancel(Throwable cause);

    /** {@link #cancel()}: Go's {@code defer cancel()}. */
    @Override
    void close();
}
