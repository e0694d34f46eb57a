package io.go4j.examples.tour.seed001;

import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.RecvChan;

import java.io.PrintStream;

import static io.go4j.examples.tour.seed001.Generator.generator;

/**
 * Seed 001, "El patrón Pipeline": three stages, each a goroutine reading the previous stage's
 * channel and writing its own — double, add one, square. 1..5 become 9, 25, 49, 81, 121,
 * in order (each stage keeps the order of its input).
 */
public final class Pipeline {

    private Pipeline() {
    }

    /** Go's {@code func stage1(in <-chan int) <-chan int}: doubles. */
    static RecvChan<Integer> stage1(RecvChan<Integer> in) {
        Chan<Integer> out = Chan.make();          // out := make(chan int)
        Go.go(() -> {                             // go func() {
            try {
                for (int n : in) {                //     for n := range in {
                    out.send(n * 2);             //         out <- n * 2 // Duplicar
                }
            } finally {
                out.close();                      //     defer close(out)
            }
        });                                       // }()
        return out;
    }

    /** Go's {@code func stage2(in <-chan int) <-chan int}: adds one. */
    static RecvChan<Integer> stage2(RecvChan<Integer> in) {
        Chan<Integer> out = Chan.make();          // out := make(chan int)
        Go.go(() -> {                             // go func() {
            try {
                for (int n : in) {                //     for n := range in {
                    out.send(n + 1);             //         out <- n + 1 // Incrementar
                }
            } finally {
                out.close();                      //     defer close(out)
            }
        });                                       // }()
        return out;
    }

    /** Go's {@code func stage3(in <-chan int) <-chan int}: squares. */
    static RecvChan<Integer> stage3(RecvChan<Integer> in) {
        Chan<Integer> out = Chan.make();          // out := make(chan int)
        Go.go(() -> {                             // go func() {
            try {
                for (int n : in) {                //     for n := range in {
                    out.send(n * n);             //         out <- n * n // Elevar al cuadrado
                }
            } finally {
                out.close();                      //     defer close(out)
            }
        });                                       // }()
        return out;
    }

    /** Go's {@code main}: prints 9, 25, 49, 81, 121. */
    public static void main(PrintStream out) {
        RecvChan<Integer> in = generator(1, 2, 3, 4, 5);              // in := generator(1, 2, 3, 4, 5)
        RecvChan<Integer> pipeline = stage3(stage2(stage1(in)));      // pipeline := stage3(stage2(stage1(in)))

        for (int result : pipeline) {             // for result := range pipeline {
            out.println(result);                  //     fmt.Println(result)
        }
    }
}
