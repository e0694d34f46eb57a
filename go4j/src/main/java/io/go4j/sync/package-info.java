/**
 * Go's {@code sync} package: {@link io.go4j.sync.WaitGroup}, {@link io.go4j.sync.Mutex},
 * {@link io.go4j.sync.RWMutex}, {@link io.go4j.sync.Once} (with {@code OnceFunc},
 * {@code OnceValue}, {@code OnceValues}), {@link io.go4j.sync.Cond} and
 * {@link io.go4j.sync.Pool}, with Go's algorithms, misuse messages and memory effects. Every
 * wait goes through go4j's park facility, with Go's wait reasons.
 */
package io.go4j.sync;
