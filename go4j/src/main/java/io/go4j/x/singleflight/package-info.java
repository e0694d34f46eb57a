/**
 * Go's {@code golang.org/x/sync/singleflight}: duplicate calls for one key share one
 * execution (SEMANTICS.md §9.2).
 *
 * <p>{@link io.go4j.x.singleflight.Group} is Go's {@code singleflight.Group} with generic keys
 * and values: {@code run} is Go's {@code Do} ({@code do} is a Java keyword), {@code runChan}
 * is {@code DoChan}, {@code forget} is {@code Forget}; {@link io.go4j.x.singleflight.Result}
 * is {@code Result}. A panic in a shared call re-panics in every {@code run} caller; a
 * {@code runChan} caller receives a {@link io.go4j.x.singleflight.PanicError} where Go would
 * crash.
 */
package io.go4j.x.singleflight;
