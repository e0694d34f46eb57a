/**
 * Go's {@code runtime} package: {@link io.go4j.runtime.GoRuntime} (NumCPU, GOMAXPROCS,
 * NumGoroutine, Gosched, Goexit, GC, ReadMemStats, Stack and goroutine dumps) and
 * {@link io.go4j.runtime.MemStats}.
 */
package io.go4j.runtime;
