package io.go4j.examples.tour.seed000;

import io.go4j.Chan;

import java.io.PrintStream;

/**
 * Seed 000, "Canales con Buffer": a channel with room for three values takes three sends without
 * a receiver, then gives them back in FIFO order.
 */
public final class BufferedChannel {

    private BufferedChannel() {
    }

    /** Go's {@code func main()}. */
    public static void main(PrintStream out) {
        Chan<Integer> ch = Chan.make(3);                      // ch := make(chan int, 3)
        ch.send(1);                                           // ch <- 1
        ch.send(2);                                           // ch <- 2
        ch.send(3);                                           // ch <- 3
        out.println(ch.recv());                               // fmt.Println(<-ch) // 1
        out.println(ch.recv());                               // fmt.Println(<-ch) // 2
        out.println(ch.recv());                               // fmt.Println(<-ch) // 3
    }
}
