package io.go4j.examples.tour.seed004;

import io.go4j.runtime.GoRuntime;
import io.go4j.runtime.MemStats;

import java.io.PrintStream;

/**
 * Seed 004, "8. Estadísticas de Memoria ({@code runtime.ReadMemStats()})": heap in use, bytes
 * allocated since start and collections so far, from the JVM's memory beans. Where the JVM
 * does not count allocations ({@code totalAlloc == -1}) the program says so instead.
 */
public final class ReadMemStats {

    private ReadMemStats() {
    }

    /** Go's {@code main}. */
    public static void main(PrintStream out) {
        MemStats memStats = GoRuntime.readMemStats();           // var memStats runtime.MemStats; runtime.ReadMemStats(&memStats)

        out.printf("Memoria usada: %d KB%n", memStats.alloc() / 1024); // memStats.Alloc / 1024
        if (memStats.totalAlloc() >= 0) {
            out.printf("Memoria total asignada: %d KB%n", memStats.totalAlloc() / 1024); // memStats.TotalAlloc / 1024
        } else {
            out.println("Memoria total asignada: desconocida (la JVM no la cuenta)");
        }
        out.printf("Número de GC ejecutadas: %d%n", memStats.numGC()); // memStats.NumGC
    }
}
