/**
 * Go's {@code golang.org/x/time/rate}: a token-bucket rate limiter, and {@code Sometimes}
 * (SEMANTICS.md §9.4). Time is read from the goroutine's clock ({@link io.go4j.time.Time#now()}),
 * so a limiter inside a synctest bubble runs on the bubble's fake clock.
 */
package io.go4j.x.rate;
