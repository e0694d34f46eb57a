package io.go4j.examples.tour;

import io.go4j.examples.tour.seed000.AnonymousGoroutines;
import io.go4j.examples.tour.seed000.BasicChannel;
import io.go4j.examples.tour.seed000.BufferedChannel;
import io.go4j.examples.tour.seed000.Cancellation;
import io.go4j.examples.tour.seed000.ChannelDirection;
import io.go4j.examples.tour.seed000.ClosingChannel;
import io.go4j.examples.tour.seed000.CondBroadcast;
import io.go4j.examples.tour.seed000.ContextBasics;
import io.go4j.examples.tour.seed000.ContextCancel;
import io.go4j.examples.tour.seed000.ContextValues;
import io.go4j.examples.tour.seed000.FanOutFanIn;
import io.go4j.examples.tour.seed000.Goroutines;
import io.go4j.examples.tour.seed000.MutexCounter;
import io.go4j.examples.tour.seed000.OnceInit;
import io.go4j.examples.tour.seed000.Pipeline;
import io.go4j.examples.tour.seed000.RWMutexMap;
import io.go4j.examples.tour.seed000.SelectDefault;
import io.go4j.examples.tour.seed000.SelectTimeout;
import io.go4j.examples.tour.seed000.SelectTwoChannels;
import io.go4j.examples.tour.seed000.TimeoutPattern;
import io.go4j.examples.tour.seed000.WaitForGoroutines;
import io.go4j.examples.tour.seed000.WorkerPool;

import java.util.List;

/**
 * The programs of seed 000 (see ../shared/seeds/README.md), in the order the seed shows them.
 * Seed 000 is "Concurrencia en Go" (Spanish); its concurrent KV web server is the module's main
 * program, not a tour program, and its "Buenas Prácticas" section has no code.
 */
public final class Seed000 {

    private Seed000() {
    }

    /** This seed's programs. */
    public static List<Program> programs() {
        return List.of(
                new Program("goroutines", "000", "Creación de Goroutines",
                        "go decir(\"mundo\") runs beside main's decir(\"hola\"); main's return ends the program",
                        Goroutines::main),
                new Program("anonymous-goroutines", "000", "Goroutines y Funciones Anónimas",
                        "goroutines from anonymous functions, one with a parameter; they die when main returns",
                        AnonymousGoroutines::main),
                new Program("waitgroup", "000", "Esperar a que las Goroutines Terminen",
                        "five workers joined with a sync.WaitGroup before main prints its last line",
                        WaitForGoroutines::main),
                new Program("channel", "000", "Creación y Uso Básico de Canales",
                        "a goroutine sends 42 on an unbuffered channel and main receives it",
                        BasicChannel::main),
                new Program("buffered-channel", "000", "Canales con Buffer",
                        "three sends fit in a buffer of 3 without a receiver and come out in FIFO order",
                        BufferedChannel::main),
                new Program("closing-channel", "000", "Cierre de Canales",
                        "a generator closes its channel; main reads it with v, ok := <-ch and with range",
                        ClosingChannel::main),
                new Program("channel-direction", "000", "Canales Unidireccionales",
                        "a producer with a send-only channel, a consumer with a receive-only one, a done channel",
                        ChannelDirection::main),
                new Program("select", "000", "Select",
                        "a select in a loop receives from whichever of two channels is ready first",
                        SelectTwoChannels::main),
                new Program("select-timeout", "000", "Timeout con Select",
                        "a select with time.After gives up on a slow answer",
                        SelectTimeout::main),
                new Program("select-default", "000", "Caso Default en Select",
                        "a select with a default case does not block on an empty channel",
                        SelectDefault::main),
                new Program("mutex-counter", "000", "Mutex",
                        "1000 goroutines increment a counter under a sync.Mutex: always 1000",
                        MutexCounter::main),
                new Program("rwmutex-map", "000", "RWMutex",
                        "one writer fills a map under Lock while three readers print it under RLock",
                        RWMutexMap::main),
                new Program("once", "000", "Once",
                        "ten goroutines call once.Do(inicializar); it runs once, before any Do returns",
                        OnceInit::main),
                new Program("cond", "000", "Cond",
                        "three goroutines wait on a sync.Cond until main sets the flag and broadcasts",
                        CondBroadcast::main),
                new Program("worker-pool", "000", "Patrón Worker Pool",
                        "three workers share ten tasks from a channel; results come back on another",
                        WorkerPool::main),
                new Program("pipeline", "000", "Patrón Pipeline",
                        "generate 1..10, square, keep the even squares: stages joined by channels",
                        Pipeline::main),
                new Program("fan-out-fan-in", "000", "Patrón Fan-Out, Fan-In",
                        "three processors share one source; their outputs are merged into one channel",
                        FanOutFanIn::main),
                new Program("cancellation", "000", "Patrón de Cancelación",
                        "a stepwise task selects on ctx.Done() and stops when another goroutine cancels",
                        Cancellation::main),
                new Program("timeout", "000", "Patrón de Timeout",
                        "a slow operation against context.WithTimeout returns context deadline exceeded",
                        TimeoutPattern::main),
                new Program("context", "000", "Creación y Uso Básico",
                        "work that outlasts a context's timeout: the select takes ctx.Done()",
                        ContextBasics::main),
                new Program("context-values", "000", "Valores en el Contexto",
                        "request values carried by context.WithValue under a private key type",
                        ContextValues::main),
                new Program("context-cancel", "000", "Contexto con Cancelación",
                        "a long operation polls ctx.Done() with select/default between steps until cancelled",
                        ContextCancel::main));
    }
}
