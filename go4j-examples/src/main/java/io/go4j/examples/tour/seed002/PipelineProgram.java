package io.go4j.examples.tour.seed002;

import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.RecvChan;

import java.io.PrintStream;

/**
 * Seed 002, "Pipelines": the first pipeline of the Go blog's "Go Concurrency Patterns:
 * Pipelines and cancellation", which the seed links — {@code gen} emits 2 and 3, two {@code sq}
 * stages square them twice: 16, then 81.
 */
public final class PipelineProgram {

    private PipelineProgram() {
    }

    /** The blog's {@code func gen(nums ...int) <-chan int}. */
    static RecvChan<Integer> gen(int... nums) {
        Chan<Integer> out = Chan.make();                        // out := make(chan int)
        Go.go(() -> {                                           // go func() {
            for (int n : nums) {                                //     for _, n := range nums {
                out.send(n);                                    //         out <- n
            }
            out.close();                                        //     close(out)
        });                                                     // }()
        return out;
    }

    /** The blog's {@code func sq(in <-chan int) <-chan int}. */
    static RecvChan<Integer> sq(RecvChan<Integer> in) {
        Chan<Integer> out = Chan.make();                        // out := make(chan int)
        Go.go(() -> {                                           // go func() {
            for (int n : in) {                                  //     for n := range in {
                out.send(n * n);                                //         out <- n * n
            }
            out.close();                                        //     close(out)
        });                                                     // }()
        return out;
    }

    /** The blog's {@code main}. */
    public static void main(PrintStream out) {
        for (int n : sq(sq(gen(2, 3)))) {                       // for n := range sq(sq(gen(2, 3))) {
            out.println(n);                                     //     fmt.Println(n) // 16 then 81
        }
    }
}
