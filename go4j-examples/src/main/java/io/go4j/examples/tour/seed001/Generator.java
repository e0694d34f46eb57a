package io.go4j.examples.tour.seed001;

import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.RecvChan;

import java.io.PrintStream;

/**
 * Seed 001, "El patrón Generator": a function that returns a channel and fills it from a
 * goroutine of its own, closing it at the end, so that the caller can {@code range} over it.
 * The other programs of seed 001 use {@link #generator} as the seed's later snippets use Go's.
 */
public final class Generator {

    private Generator() {
    }

    /** Go's {@code func generator(nums ...int) <-chan int}. */
    public static RecvChan<Integer> generator(int... nums) {
        Chan<Integer> out = Chan.make();         // out := make(chan int)
        Go.go(() -> {                             // go func() {
            try {
                for (int n : nums) {              //     for _, n := range nums {
                    out.send(n);                  //         out <- n
                }
            } finally {
                out.close();                      //     defer close(out)
            }
        });                                       // }()
        return out;                               // return out
    }

    /** Go's {@code main}: prints 1 to 5. */
    public static void main(PrintStream out) {
        for (int n : generator(1, 2, 3, 4, 5)) {  // for n := range generator(1, 2, 3, 4, 5) {
            out.println(n);                       //     fmt.Println(n)
        }
    }
}
