package io.go4j.examples.tour;

import io.go4j.examples.tour.seed002.Broadcast;
import io.go4j.examples.tour.seed002.ChanToSlice;
import io.go4j.examples.tour.seed002.ChannelBasics;
import io.go4j.examples.tour.seed002.ClosingChannels;
import io.go4j.examples.tour.seed002.Drain;
import io.go4j.examples.tour.seed002.FanIn;
import io.go4j.examples.tour.seed002.FanOut;
import io.go4j.examples.tour.seed002.MutexProgram;
import io.go4j.examples.tour.seed002.NonBlocking;
import io.go4j.examples.tour.seed002.OnceProgram;
import io.go4j.examples.tour.seed002.PipelineProgram;
import io.go4j.examples.tour.seed002.Proxy;
import io.go4j.examples.tour.seed002.SearchParallel;
import io.go4j.examples.tour.seed002.SelectLoop;
import io.go4j.examples.tour.seed002.SemaphoreProgram;
import io.go4j.examples.tour.seed002.SingleExecution;
import io.go4j.examples.tour.seed002.Singleflight;
import io.go4j.examples.tour.seed002.StatefulGoroutines;
import io.go4j.examples.tour.seed002.Sum;
import io.go4j.examples.tour.seed002.TimeoutProgram;
import io.go4j.examples.tour.seed002.WaitGroupProgram;

import java.util.List;

/**
 * The programs of seed 002 (see ../shared/seeds/README.md), in the order the seed shows them.
 * The seed is notes, mostly snippets and links: where a section links a well-known Go program
 * (Go by Example, the Go tour, the Go blog, the sync package's examples) the program is that
 * one; elsewhere it is the seed's snippet completed into a program. Not ported: the Print
 * debugging helper (no program), locks between processes (a third-party file-lock library).
 */
public final class Seed002 {

    private Seed002() {
    }

    private static final String SEED = "002";

    /** This seed's programs. */
    public static List<Program> programs() {
        return List.of(
                new Program("sum-002", SEED, "Channels",
                        "two goroutines send sums on one channel; main receives both", Sum::main),
                new Program("channel-basics-002", SEED, "Channels",
                        "len and cap (also when closed), v, ok := <-ch, and range until close", ChannelBasics::main),
                new Program("select-loop-002", SEED, "Channels",
                        "a for-select loop sends while someone receives, and stops on a quit channel",
                        SelectLoop::main),
                new Program("search-parallel-002", SEED, "Channels",
                        "three searches at once, their results taken from one channel as they arrive",
                        SearchParallel::main),
                new Program("non-blocking-002", SEED, "Operaciones sin bloqueo",
                        "select with default: receive, send and multi-way select that never wait",
                        NonBlocking::main),
                new Program("drain-002", SEED, "Drain / vaciar un channel",
                        "a goroutine empties a channel with for range c {}", Drain::main),
                new Program("closing-channels-002", SEED, "Cerrar un canal",
                        "the sender closes jobs; the worker sees more == false and signals done",
                        ClosingChannels::main),
                new Program("timeout-002", SEED, "Timeout",
                        "select between a result and time.After: one job in time, one too slow", TimeoutProgram::main),
                new Program("stateful-goroutines-002", SEED, "Stateful goroutines",
                        "one goroutine owns a map; readers and writers send it requests with reply channels",
                        StatefulGoroutines::main),
                new Program("waitgroup-002", SEED, "Waiting groups",
                        "wg.Add(1), go func() { defer wg.Done(); rutina() }(), wg.Wait()", WaitGroupProgram::main),
                new Program("chan-to-slice-002", SEED,
                        "Extraer un valor de un canal tipo X para meterlo en un canal tipo []X",
                        "output <- []int{<-input}", ChanToSlice::main),
                new Program("mutex-002", SEED, "Mutex",
                        "a counter under a Mutex ends exact; a Lock of a locked mutex waits for the Unlock",
                        MutexProgram::main),
                new Program("once-002", SEED, "Single run",
                        "ten goroutines call once.Do; the function runs once", OnceProgram::main),
                new Program("singleflight-002", SEED, "Singleflight",
                        "five concurrent calls for one key share one execution and its result",
                        Singleflight::main),
                new Program("single-execution-002", SEED, "Una única ejecucción",
                        "a token in a channel of size 1: a batch starts only if none is running",
                        SingleExecution::main),
                new Program("proxy-002", SEED, "Proxy",
                        "a TCP proxy: two copying goroutines, one done channel, close both at the first end",
                        Proxy::main),
                new Program("semaphore-002", SEED, "Semáforos",
                        "a channel of capacity 2 lets two of six requests at the server at once",
                        SemaphoreProgram::main),
                new Program("pipeline-002", SEED, "Pipelines",
                        "gen, then sq twice: the Go blog's first pipeline", PipelineProgram::main),
                new Program("fan-out-002", SEED, "Fan-out",
                        "three workers range over one channel; each job goes to one of them", FanOut::main),
                new Program("fan-in-002", SEED, "Fan-in",
                        "one goroutine selects over three channels, setting each to nil when closed", FanIn::main),
                new Program("broadcast-002", SEED, "Broadcasting",
                        "close(start) wakes all workers; each message is sent to every worker's channel",
                        Broadcast::main));
    }
}
