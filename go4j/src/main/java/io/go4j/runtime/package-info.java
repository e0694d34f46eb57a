/**
 * Go's {@code runtime} package: {@link io.go4j.runtime.GoRuntime} (NumCPU, GOMAXPROCS,
 * NumGoroutine, Gosched, Goexit, GC, ReadMemStats, Stack and goroutine dumps),
 * {@link io.go4j.runtime.MemStats}, the seed's performance {@link io.go4j.runtime.Monitor}, and
 * the dump from outside the process: the {@link io.go4j.runtime.GoroutinesMXBean} platform MBean
 * ({@code io.go4j:type=Goroutines}) and the {@code io.go4j.Goroutine} JFR event.
 */
package io.go4j.runtime;
