/**
 * Go's {@code time} package for goroutines: {@link io.go4j.time.Time#sleep},
 * {@link io.go4j.time.Time#after}, {@link io.go4j.time.Time#tick},
 * {@link io.go4j.time.Timer}, {@link io.go4j.time.Ticker}, {@link io.go4j.time.Time#afterFunc},
 * and the goroutine's clock ({@link io.go4j.time.Time#now}). Timer channels follow Go 1.23:
 * unbuffered-looking, no stale values after stop or reset, collected when unreferenced.
 * Durations are {@link java.time.Duration}s, times {@link java.time.Instant}s.
 */
package io.go4j.time;
