package io.go4j.examples.tour.seed004;

import io.go4j.runtime.GoRuntime;

import java.io.PrintStream;

/**
 * Seed 004, "2. Configurar el Número de CPUs ({@code runtime.GOMAXPROCS()})". Departure, forced
 * by the JDK: the virtual-thread scheduler's parallelism is fixed at start-up
 * ({@code -Djdk.virtualThreadScheduler.parallelism=N}), so {@code GOMAXPROCS(4)} works only if
 * it is already 4; otherwise go4j refuses with an exception that says how to set it, and the
 * program prints that. The previous value, which the seed prints, is read with
 * {@code GOMAXPROCS(0)}, as in Go.
 */
public final class Gomaxprocs {

    private Gomaxprocs() {
    }

    /** Go's {@code main}. */
    public static void main(PrintStream out) {
        int prev = GoRuntime.gomaxprocs(0);                     // runtime.GOMAXPROCS(0): read only
        try {
            GoRuntime.gomaxprocs(4);                            // prev := runtime.GOMAXPROCS(4)
        } catch (UnsupportedOperationException e) {
            out.println("No se puede cambiar en marcha: " + e.getMessage());
        } finally {
            GoRuntime.gomaxprocs(prev);                         // defer runtime.GOMAXPROCS(prev)
        }
        out.println("Configuración anterior de GOMAXPROCS: " + prev);
    }
}
