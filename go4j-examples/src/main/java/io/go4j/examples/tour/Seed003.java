package io.go4j.examples.tour;

import io.go4j.examples.tour.seed003.Bathroom;
import io.go4j.examples.tour.seed003.BufferedMessages;
import io.go4j.examples.tour.seed003.ContextWorker;
import io.go4j.examples.tour.seed003.HelloGoroutine;
import io.go4j.examples.tour.seed003.HelloGoroutineSleep;
import io.go4j.examples.tour.seed003.OfficeNetwork;
import io.go4j.examples.tour.seed003.OnceDo;
import io.go4j.examples.tour.seed003.ProducerConsumer;
import io.go4j.examples.tour.seed003.SelectBasics;
import io.go4j.examples.tour.seed003.SelectLoopWorker;
import io.go4j.examples.tour.seed003.SelectTimeouts;
import io.go4j.examples.tour.seed003.SenderReceiver;
import io.go4j.examples.tour.seed003.WaitGroupBasics;

import java.util.List;

/**
 * The programs of seed 003 (see ../shared/seeds/README.md), in the order the seed shows them.
 * Seed 003 is "How to Goroutines" (Portuguese); its scheduler section (P, M, run queues,
 * GOMAXPROCS) is prose and a diagram, with no program.
 */
public final class Seed003 {

    private Seed003() {
    }

    /** This seed's programs. */
    public static List<Program> programs() {
        return List.of(
                new Program("hello-goroutine", "003", "Criando goroutines",
                        "main starts a goroutine and returns at once: its message is usually lost",
                        HelloGoroutine::main),
                new Program("hello-goroutine-sleep", "003", "Criando goroutines",
                        "the same with a time.Sleep at the end of main: now the goroutine prints",
                        HelloGoroutineSleep::main),
                new Program("waitgroup-003", "003", "O sync.WaitGroup",
                        "three goroutines, Add before each, Done deferred in each, Wait for all",
                        WaitGroupBasics::main),
                new Program("mutex-bathroom", "003", "O que é o sync.Mutex e para o que ele serve?",
                        "three people, one bathroom lock: one at a time inside",
                        Bathroom::main),
                new Program("rwmutex-office", "003", "O que é o sync.RWMutex e para o que ele serve?",
                        "users share the network under RLock; the technician's Lock waits for them and excludes them",
                        OfficeNetwork::main),
                new Program("once-003", "003", "O sync.Once",
                        "ten goroutines call once.Do with their own function; only the first one's runs",
                        OnceDo::main),
                new Program("sender-receiver", "003", "Comunicação entre channels (<-)",
                        "a sender and a receiver meet on an unbuffered channel",
                        SenderReceiver::main),
                new Program("buffered-channel-003", "003", "Buffered Channels (Canais com buffer)",
                        "four messages through a buffer of 2: the sender waits when it is full",
                        BufferedMessages::main),
                new Program("channel-direction-003", "003", "Direcionalidade de channels",
                        "producer(chan<- int) and consumer(<-chan int) over one channel, closed by the producer",
                        ProducerConsumer::main),
                new Program("select-003", "003", "Conhecendo o Select",
                        "select over two channels and time.After, then a select with default",
                        SelectBasics::main),
                new Program("select-timeout-003", "003", "Implementando timeout com select",
                        "two operations against time.After: one succeeds, one times out",
                        SelectTimeouts::main),
                new Program("select-loop-worker", "003", "Select em loops",
                        "a worker loops on select over jobs and quit, and returns on quit",
                        SelectLoopWorker::main),
                new Program("context-worker", "003", "Porque e comos cancelamos contextos?",
                        "a worker selects on ctx.Done() until main cancels the context",
                        ContextWorker::main));
    }
}
