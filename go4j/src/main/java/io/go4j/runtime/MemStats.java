package io.go4j.runtime;

/**
 * Memory statistics: Go's {@code runtime.MemStats}, with Go's field names, filled from the
 * JVM's memory, memory-pool and garbage-collector beans by {@link GoRuntime#readMemStats()}.
 * Sizes are in bytes. Where the JVM keeps no such figure the field says so below; none is
 * made up.
 *
 * @param alloc        Go's {@code Alloc}: bytes of allocated heap objects — the JVM heap's used bytes.
 * @param totalAlloc   Go's {@code TotalAlloc}: cumulative bytes allocated, by all threads since the
 *                     JVM started (HotSpot's per-thread allocation counters, summed; live platform
 *                     threads and the JVM's record of ended ones); -1 where the JVM does not count.
 * @param sys          Go's {@code Sys}: bytes obtained from the OS — committed heap plus committed
 *                     non-heap memory (metaspace, code cache, ...).
 * @param heapAlloc    Go's {@code HeapAlloc}: the same as {@code alloc}, as in Go.
 * @param heapSys      Go's {@code HeapSys}: heap bytes obtained from the OS — the heap's committed bytes.
 * @param heapIdle     Go's {@code HeapIdle}: committed heap bytes not in use ({@code heapSys - heapInuse}).
 * @param heapInuse    Go's {@code HeapInuse}: heap bytes in use — the heap's used bytes.
 * @param heapReleased Go's {@code HeapReleased}: the JVM does not report heap returned to the OS; 0.
 * @param nextGC       Go's {@code NextGC}: the target heap size of the next GC; here the heap's
 *                     maximum size (or committed size when unbounded), at which the JVM must collect.
 * @param lastGC       Go's {@code LastGC}: when the last collection ended, in nanoseconds since
 *                     1970 (UNIX epoch); 0 if none yet or unknown.
 * @param pauseTotalNs Go's {@code PauseTotalNs}: total time spent in collections, from the collector
 *                     beans (which count concurrent collectors' cycles, not only their pauses).
 * @param numGC        Go's {@code NumGC}: completed collections, all collectors summed.
 * @param numForcedGC  Go's {@code NumForcedGC}: collections requested through {@link GoRuntime#gc()}.
 */
public record MemStats(
        long alloc,
        long totalAlloc,
        long sys,
        long heapAlloc,
        long heapSys,
        long heapIdle,
        long heapInuse,
        long heapReleased,
        long nextGC,
        long lastGC,
        long pauseTotalNs,
        long numGC,
        long numForcedGC) {
}
