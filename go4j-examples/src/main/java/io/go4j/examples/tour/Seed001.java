package io.go4j.examples.tour;

import io.go4j.examples.tour.seed001.Barrier;
import io.go4j.examples.tour.seed001.Batching;
import io.go4j.examples.tour.seed001.ChannelCancellation;
import io.go4j.examples.tour.seed001.ComposedContexts;
import io.go4j.examples.tour.seed001.ContextCancellation;
import io.go4j.examples.tour.seed001.ControlledParallelism;
import io.go4j.examples.tour.seed001.FanOutFanIn;
import io.go4j.examples.tour.seed001.Generator;
import io.go4j.examples.tour.seed001.GoroutineErrors;
import io.go4j.examples.tour.seed001.LeakyFunction;
import io.go4j.examples.tour.seed001.MergeSplit;
import io.go4j.examples.tour.seed001.NonLeakyFunction;
import io.go4j.examples.tour.seed001.Pipeline;
import io.go4j.examples.tour.seed001.PipelineErrors;
import io.go4j.examples.tour.seed001.Rendezvous;
import io.go4j.examples.tour.seed001.ResourceManager;
import io.go4j.examples.tour.seed001.Semaphore;
import io.go4j.examples.tour.seed001.TestingConcurrentCode;
import io.go4j.examples.tour.seed001.WorkerPool;

import java.util.List;

/**
 * The programs of seed 001 (see ../shared/seeds/README.md), in the order the seed shows them.
 * The seed's five exercises at its end are applications of their own, not tour programs.
 */
public final class Seed001 {

    private Seed001() {
    }

    private static final String SEED = "001";

    /** This seed's programs. */
    public static List<Program> programs() {
        return List.of(
                new Program("generator", SEED, "El patrón Generator",
                        "a function returns a channel that its own goroutine fills and closes", Generator::main),
                new Program("fan-out-fan-in-001", SEED, "El patrón Fan-Out, Fan-In",
                        "three workers share one input channel; their outputs are merged into one", FanOutFanIn::main),
                new Program("pipeline-001", SEED, "El patrón Pipeline",
                        "three stages (double, add one, square), each a goroutine between two channels", Pipeline::main),
                new Program("cancel-context-manual", SEED, "Cancelación con Context",
                        "a worker stops when its context is cancelled by hand after five values",
                        ContextCancellation::manualCancellation),
                new Program("cancel-context-timeout", SEED, "Cancelación con Context",
                        "a worker stops when its context's timeout expires", ContextCancellation::timeoutCancellation),
                new Program("cancel-channel", SEED, "Cancelación con Canales",
                        "a worker stops when a done channel is closed", ChannelCancellation::main),
                new Program("semaphore-001", SEED, "El patrón Semáforo",
                        "a buffered channel lets at most three of ten workers run at once", Semaphore::main),
                new Program("worker-pool-001", SEED, "El patrón Worker Pool",
                        "five workers run twenty tasks (functions) from a channel and send their results", WorkerPool::main),
                new Program("goroutine-errors", SEED, "Propagación de Errores en Goroutines",
                        "a goroutine's error travels in its result through a channel", GoroutineErrors::main),
                new Program("pipeline-errors", SEED, "Errores en Pipelines",
                        "items carry a value or an error through the stages of a pipeline", PipelineErrors::main),
                new Program("composed-contexts", SEED, "Composición de Contextos",
                        "a timeout, a value and a cancellation stacked on one context", ComposedContexts::main),
                new Program("merge-split", SEED, "Composición de Canales",
                        "three generators merged into one channel, then split into evens and odds", MergeSplit::main),
                new Program("batching", SEED, "Buffering y Batching",
                        "a buffered generator and a processor that groups numbers in batches of ten", Batching::main),
                new Program("controlled-parallelism", SEED, "Paralelismo Controlado",
                        "one worker per CPU processes 100 items; prints how long it took", ControlledParallelism::main),
                new Program("barrier", SEED, "Barreras de Sincronización",
                        "a reusable barrier (Mutex and Cond) holds five workers between phases", Barrier::main),
                new Program("rendezvous", SEED, "Rendezvous",
                        "two goroutines wait for each other at a meeting point made of two channels", Rendezvous::main),
                new Program("leaky-function", SEED, "Evitar Goroutine Leaks",
                        "a goroutine left blocked for ever on a send: shows the leak, then releases it",
                        LeakyFunction::main),
                new Program("non-leaky-function", SEED, "Evitar Goroutine Leaks",
                        "the same goroutine ended by a context's cancel: no goroutine is left",
                        NonLeakyFunction::main),
                new Program("resource-manager", SEED, "Manejo de Recursos",
                        "ten goroutines add, read and remove resources in an RWMutex-guarded map",
                        ResourceManager::main),
                new Program("testing-concurrent-code", SEED, "Pruebas de Código Concurrente",
                        "the seed's two tests of a channel-returning function, run as go test -v runs them",
                        TestingConcurrentCode::main));
    }
}
