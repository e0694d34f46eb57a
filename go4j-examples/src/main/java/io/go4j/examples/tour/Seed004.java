package io.go4j.examples.tour;

import io.go4j.examples.tour.seed004.Gc;
import io.go4j.examples.tour.seed004.GoexitProgram;
import io.go4j.examples.tour.seed004.Gomaxprocs;
import io.go4j.examples.tour.seed004.Gosched;
import io.go4j.examples.tour.seed004.NumCpu;
import io.go4j.examples.tour.seed004.NumGoroutine;
import io.go4j.examples.tour.seed004.PerformanceMonitor;
import io.go4j.examples.tour.seed004.ReadMemStats;
import io.go4j.examples.tour.seed004.Stack;

import java.util.List;

/** The programs of seed 004 (see ../shared/seeds/README.md), in the order the seed shows them. */
public final class Seed004 {

    private Seed004() {
    }

    private static final String SEED = "004";

    /** This seed's programs. */
    public static List<Program> programs() {
        return List.of(
                new Program("runtime-numcpu", SEED, "1. Obtener el Número de CPUs (runtime.NumCPU())",
                        "runtime.NumCPU(): the logical CPUs available", NumCpu::main),
                new Program("runtime-gomaxprocs", SEED, "2. Configurar el Número de CPUs (runtime.GOMAXPROCS())",
                        "runtime.GOMAXPROCS: read it; setting it at run time is refused, with how to set it",
                        Gomaxprocs::main),
                new Program("runtime-gc", SEED, "3. Forzar Recolección de Basura (runtime.GC())",
                        "heap in use before and after a forced collection", Gc::main),
                new Program("runtime-goexit", SEED, "4. Terminar una Goroutine (runtime.Goexit())",
                        "runtime.Goexit ends a goroutine after running its deferred calls", GoexitProgram::main),
                new Program("runtime-gosched", SEED, "5. Ceder el Procesador (runtime.Gosched())",
                        "two goroutines yield to each other after every line", Gosched::main),
                new Program("runtime-numgoroutine", SEED, "6. Contar Goroutines Activas (runtime.NumGoroutine())",
                        "five sleeping goroutines and main: runtime.NumGoroutine() is 6", NumGoroutine::main),
                new Program("runtime-stack", SEED, "7. Obtener un Stack Trace (runtime.Stack())",
                        "a dump of all goroutines in Go's format, cut to a 1024-byte buffer", Stack::main),
                new Program("runtime-memstats", SEED, "8. Estadísticas de Memoria (runtime.ReadMemStats())",
                        "heap in use, bytes allocated and collections, from runtime.ReadMemStats", ReadMemStats::main),
                new Program("performance-monitor", SEED, "Ejemplo Integrado: Monitor de Rendimiento",
                        "a monitor goroutine prints goroutines, memory and GCs every interval under load",
                        PerformanceMonitor::main));
    }
}
