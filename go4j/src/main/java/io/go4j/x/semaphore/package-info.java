/**
 * Go's {@code golang.org/x/sync/semaphore}: a weighted semaphore with strictly FIFO,
 * context-aware acquisition (SEMANTICS.md §9.3).
 *
 * <p>{@link io.go4j.x.semaphore.Weighted} is Go's {@code semaphore.Weighted}:
 * {@code new Weighted(n)} is {@code NewWeighted(n)}; {@code acquire(ctx, n)} throws
 * {@code ctx.err()} (a {@link io.go4j.context.ContextException}) where Go returns it.
 */
package io.go4j.x.semaphore;
