package io.go4j.examples.tour.seed004;

import io.go4j.runtime.GoRuntime;
import io.go4j.runtime.MemStats;

import java.io.PrintStream;

/**
 * Seed 004, "3. Forzar Recolección de Basura ({@code runtime.GC()})": the heap in use before and
 * after a forced collection that frees a 1 MB slice ({@code MemStats.Alloc}: the JVM heap's used
 * bytes). The numbers depend on the JVM, as Go's depend on the program.
 */
public final class Gc {

    private Gc() {
    }

    /** Go's {@code main}. */
    public static void main(PrintStream out) {
        MemStats memStats = GoRuntime.readMemStats();           // var memStats runtime.MemStats; runtime.ReadMemStats(&memStats)
        out.println("Memoria antes de GC: " + memStats.alloc()); // fmt.Println("Memoria antes de GC:", memStats.Alloc)

        byte[] data = new byte[1000000];                        // data := make([]byte, 1000000)
        data[0] = 1;
        data = null;                                            // data = nil
        GoRuntime.gc();                                         // runtime.GC()

        memStats = GoRuntime.readMemStats();                    // runtime.ReadMemStats(&memStats)
        out.println("Memoria después de GC: " + memStats.alloc()); // fmt.Println("Memoria después de GC:", memStats.Alloc)
    }
}
