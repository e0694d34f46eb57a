/**
 * go4j: Go's concurrency system on Java virtual threads — goroutines, channels, select, and
 * Go's packages around them. See the package {@link io.go4j} for the core.
 */
module io.go4j {
    requires jdk.management; // runtime.ReadMemStats and dumps read the JVM's management beans
    requires jdk.jfr; // the goroutine dump as JFR events (io.go4j.Goroutine), ADR 0011 section 6
    exports io.go4j;
    exports io.go4j.sync;
    exports io.go4j.time;
    exports io.go4j.context;
    exports io.go4j.runtime;
    exports io.go4j.testing;
    exports io.go4j.x.errgroup;
    exports io.go4j.x.singleflight;
    exports io.go4j.x.semaphore;
    exports io.go4j.x.rate;
    exports io.go4j.pipe;
}
