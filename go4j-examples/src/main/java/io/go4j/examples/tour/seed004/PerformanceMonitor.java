package io.go4j.examples.tour.seed004;

import io.go4j.Go;
import io.go4j.runtime.Monitor;
import io.go4j.time.Time;

import java.io.PrintStream;
import java.time.Duration;

/**
 * Seed 004, "Ejemplo Integrado: Monitor de Rendimiento": a goroutine prints the number of
 * goroutines, the heap in use and the collections so far, at once and then at every interval,
 * while 100 goroutines sleep. The monitor is go4j's {@link Monitor} (a goroutine on a ticker,
 * as the seed's {@code for { ...; time.Sleep(5 * time.Second) }}), printing the seed's line;
 * unlike the seed's endless loop it stops when main is done. Durations are the seed's divided
 * by 100: a sample every 50 ms for 600 ms.
 */
public final class PerformanceMonitor {

    private PerformanceMonitor() {
    }

    /** Go's {@code main}. */
    public static void main(PrintStream out) {
        // go monitor(): for { runtime.ReadMemStats(&memStats); fmt.Printf(...); time.Sleep(5 * time.Second) }
        try (Monitor m = Monitor.start(Duration.ofMillis(50), s -> out.printf(
                "Goroutines: %d | Memoria: %d KB | GCs: %d%n",  // "Goroutines: %d | Memoria: %d KB | GCs: %d\n"
                s.numGoroutine(),                               // runtime.NumGoroutine()
                s.alloc() / 1024,                               // memStats.Alloc / 1024
                s.numGC()))) {                                  // memStats.NumGC

            for (int i = 0; i < 100; i++) {                     // for i := 0; i < 100; i++ {
                Go.go(() -> Time.sleep(Duration.ofMillis(600))); //    go func() { time.Sleep(time.Minute) }()
            }

            Time.sleep(Duration.ofMillis(600));                 // time.Sleep(time.Minute)
        }                                                       // the monitor stops here (the seed's runs until exit)
    }
}
