package io.go4j.examples.tour.seed001;

import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.RecvChan;
import io.go4j.sync.WaitGroup;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

import static io.go4j.examples.tour.seed001.Generator.generator;

/**
 * Seed 001, "El patrón Fan-Out, Fan-In": three workers read one input channel (fan-out), each
 * squaring what it gets into a channel of its own; {@code fanIn} merges their channels into one
 * (fan-in), closed when all three are. The squares of 1..10 come out in any order.
 */
public final class FanOutFanIn {

    private FanOutFanIn() {
    }

    /** Go's {@code func fanOut(in <-chan int, n int) []<-chan int}. */
    static List<RecvChan<Integer>> fanOut(RecvChan<Integer> in, int n) {
        List<RecvChan<Integer>> channels = new ArrayList<>(n); // channels := make([]<-chan int, n)
        for (int i = 0; i < n; i++) {
            channels.add(worker(in));                          //     channels[i] = worker(in)
        }
        return channels;
    }

    /** Go's {@code func worker(in <-chan int) <-chan int}: squares every number. */
    static RecvChan<Integer> worker(RecvChan<Integer> in) {
        Chan<Integer> out = Chan.make();          // out := make(chan int)
        Go.go(() -> {
            try {
                for (int n : in) {                // for n := range in {
                    int result = n * n;           //     result := n * n
                    out.send(result);             //     out <- result
                }
            } finally {
                out.close();                      // defer close(out)
            }
        });
        return out;
    }

    /** Go's {@code func fanIn(channels ...<-chan int) <-chan int}. */
    static RecvChan<Integer> fanIn(List<RecvChan<Integer>> channels) {
        WaitGroup wg = new WaitGroup();           // var wg sync.WaitGroup
        Chan<Integer> multiplexed = Chan.make();  // multiplexed := make(chan int)

        // output := func(c <-chan int) { defer wg.Done(); for n := range c { multiplexed <- n } }
        java.util.function.Consumer<RecvChan<Integer>> output = c -> {
            try {
                for (int n : c) {
                    multiplexed.send(n);
                }
            } finally {
                wg.done();
            }
        };

        wg.add(channels.size());                  // wg.Add(len(channels))
        for (RecvChan<Integer> c : channels) {
            Go.go(() -> output.accept(c));        //     go output(c)
        }

        Go.go(() -> {                             // go func() {
            wg.await();                           //     wg.Wait()
            multiplexed.close();                  //     close(multiplexed)
        });                                       // }()
        return multiplexed;
    }

    /** Go's {@code main}: the squares of 1 to 10, one per line, in any order. */
    public static void main(PrintStream out) {
        RecvChan<Integer> in = generator(1, 2, 3, 4, 5, 6, 7, 8, 9, 10); // in := generator(1, ..., 10)
        List<RecvChan<Integer>> workers = fanOut(in, 3);   // workers := fanOut(in, 3)
        RecvChan<Integer> results = fanIn(workers);        // results := fanIn(workers...)

        for (int result : results) {              // for result := range results {
            out.println(result);                  //     fmt.Println(result)
        }
    }
}
