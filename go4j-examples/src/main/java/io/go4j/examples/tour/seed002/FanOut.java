package io.go4j.examples.tour.seed002;

import io.go4j.Go;
import io.go4j.RecvChan;
import io.go4j.sync.WaitGroup;

import java.io.PrintStream;

import static io.go4j.examples.tour.seed002.PipelineProgram.gen;

/**
 * Seed 002, "Fan-out": "send to a channel where there are many workers" — three workers range
 * over one channel; each of the nine jobs goes to exactly one of them, whichever is free.
 */
public final class FanOut {

    private FanOut() {
    }

    /** Go's {@code main}. */
    public static void main(PrintStream out) {
        RecvChan<Integer> jobs = gen(1, 2, 3, 4, 5, 6, 7, 8, 9); // jobs := gen(1, ..., 9)
        WaitGroup wg = new WaitGroup();                         // var wg sync.WaitGroup
        for (int w = 1; w <= 3; w++) {                          // for w := 1; w <= 3; w++ {
            int id = w;
            wg.go(() -> {                                       //     wg.Go(func() {
                for (int j : jobs) {                            //         for j := range jobs {
                    out.printf("worker %d: trabajo %d%n", id, j); //           fmt.Printf("worker %d: trabajo %d\n", w, j)
                }
            });                                                 //     })
        }
        wg.await();                                             // wg.Wait()
    }
}
