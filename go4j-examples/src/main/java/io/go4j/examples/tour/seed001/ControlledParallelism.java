package io.go4j.examples.tour.seed001;

import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.RecvChan;
import io.go4j.runtime.GoRuntime;
import io.go4j.sync.WaitGroup;
import io.go4j.time.Time;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;

/**
 * Seed 001, "Paralelismo Controlado": as many workers as CPUs ({@code runtime.NumCPU()}) process
 * 100 items of 10 ms each (the seed's 100 ms divided by 10), then the program prints how long
 * it took, in Go's duration notation ({@code 500ms} on two CPUs).
 */
public final class ControlledParallelism {

    private ControlledParallelism() {
    }

    /** Go's {@code func parallelProcessor(in <-chan int, numWorkers int) <-chan int}. */
    static RecvChan<Integer> parallelProcessor(RecvChan<Integer> in, int numWorkers) {
        Chan<Integer> out = Chan.make();                        // out := make(chan int)

        WaitGroup wg = new WaitGroup();                         // var wg sync.WaitGroup
        wg.add(numWorkers);                                     // wg.Add(numWorkers)

        Runnable worker = () -> {                               // worker := func() {
            try {                                               //     defer wg.Done()
                for (int n : in) {                              //     for n := range in {
                    int result = processItem(n);                //         result := processItem(n)
                    out.send(result);                           //         out <- result
                }
            } finally {
                wg.done();
            }
        };

        for (int i = 0; i < numWorkers; i++) {                  // for i := 0; i < numWorkers; i++ {
            Go.go(worker);                                      //     go worker()
        }

        Go.go(() -> {                                           // go func() {
            wg.await();                                         //     wg.Wait()
            out.close();                                        //     close(out)
        });                                                     // }()
        return out;
    }

    /** Go's {@code func processItem(n int) int}. */
    static int processItem(int n) {
        Time.sleep(Duration.ofMillis(10));                      // time.Sleep(100 * time.Millisecond)
        return n * n;                                           // return n * n
    }

    /** Go's {@code main}. */
    public static void main(PrintStream out) {
        int numCPU = GoRuntime.numCPU();                        // numCPU := runtime.NumCPU()
        out.printf("Usando %d workers (CPUs disponibles)%n", numCPU);

        Chan<Integer> in = Chan.make(100);                      // in := make(chan int, 100)
        Go.go(() -> {                                           // go func() {
            try {
                for (int i = 1; i <= 100; i++) {                //     for i := 1; i <= 100; i++ {
                    in.send(i);                                 //         in <- i
                }
            } finally {
                in.close();                                     //     defer close(in)
            }
        });

        RecvChan<Integer> results = parallelProcessor(in, numCPU); // results := parallelProcessor(in, numCPU)

        int count = 0;                                          // count := 0
        Instant startTime = Time.now();                         // startTime := time.Now()
        for (Integer ignored : results) {                       // for range results {
            count++;                                            //     count++
        }
        Duration elapsed = Time.since(startTime);               // elapsed := time.Since(startTime)

        out.printf("Procesados %d items en %s%n", count, Time.format(elapsed)); // %v of a time.Duration
    }
}
