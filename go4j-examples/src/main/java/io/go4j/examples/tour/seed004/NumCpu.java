package io.go4j.examples.tour.seed004;

import io.go4j.runtime.GoRuntime;

import java.io.PrintStream;

/** Seed 004, "1. Obtener el Número de CPUs ({@code runtime.NumCPU()})": the logical CPUs available. */
public final class NumCpu {

    private NumCpu() {
    }

    /** Go's {@code main}. */
    public static void main(PrintStream out) {
        int numCPU = GoRuntime.numCPU();                        // numCPU := runtime.NumCPU()
        out.println("Núcleos de CPU disponibles: " + numCPU);   // fmt.Println("Núcleos de CPU disponibles:", numCPU)
    }
}
