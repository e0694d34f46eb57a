package io.go4j.examples.tour.seed002;

import io.go4j.Chan;
import io.go4j.Go;

import java.io.PrintStream;

/**
 * Seed 002, "Channels": the seed's {@code sum(x, ch)} sketch, completed — two goroutines each
 * send a sum on the same channel and main receives both ({@code m, n := <-c, <-c}). The seed
 * leaves the body of {@code sum} as {@code ...}; here it adds 1..x. Prints {@code 6 10 16} or
 * {@code 10 6 16}: which goroutine sends first is free.
 */
public final class Sum {

    private Sum() {
    }

    /** Go's {@code func sum(x int, ch chan int)}. */
    static void sum(int x, Chan<Integer> ch) {
        int v = 0;                                              // ... (here: v := 1 + 2 + ... + x)
        for (int i = 1; i <= x; i++) {
            v += i;
        }
        ch.send(v);                                             // ch <- v
    }

    /** Go's {@code main}. */
    public static void main(PrintStream out) {
        Chan<Integer> c = Chan.make();                          // c := make(chan int)
        Go.go(() -> sum(3, c));                                 // go sum(3, c)
        Go.go(() -> sum(4, c));                                 // go sum(4, c)
        int m = c.recv();                                       // m, n := <-c, <-c
        int n = c.recv();
        out.println(m + " " + n + " " + (m + n));               // fmt.Println(m, n, m+n)
    }
}
