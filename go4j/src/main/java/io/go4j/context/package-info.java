/**
 * Go's {@code context} package: {@link io.go4j.context.Context} (with Go's package functions
 * as its static methods), {@link io.go4j.context.CancelContext} (a context with its cancel
 * function, {@code AutoCloseable}), Go's {@code Canceled} and {@code DeadlineExceeded}
 * ({@link io.go4j.context.ContextException}), and {@link io.go4j.context.Interrupts}, the bridge
 * between contexts and Java's thread interrupts.
 */
package io.go4j.context;
