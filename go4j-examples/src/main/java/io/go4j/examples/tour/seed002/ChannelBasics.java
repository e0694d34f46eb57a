package io.go4j.examples.tour.seed002;

import io.go4j.Chan;
import io.go4j.Recv;

import java.io.PrintStream;

/**
 * Seed 002, "Channels": the seed's notes on a buffered channel as one program — {@code len}
 * and {@code cap} (also on a closed channel), values leaving in the order they came,
 * {@code v, ok := <-ch} and {@code range} ending when the writer closes the channel. A closed,
 * drained channel gives the zero value, 0, with ok false.
 */
public final class ChannelBasics {

    private ChannelBasics() {
    }

    /** Go's {@code main}. */
    public static void main(PrintStream out) {
        Chan<Integer> ch = Chan.make(20);                       // ch := make(chan int, 20)
        out.println("len: " + ch.len() + " cap: " + ch.cap());  // fmt.Println("len:", len(ch), "cap:", cap(ch))
        for (int i = 1; i <= 3; i++) {                          // for i := 1; i <= 3; i++ {
            ch.send(i);                                         //     ch <- i
        }
        out.println("len: " + ch.len() + " cap: " + ch.cap());

        ch.close();                                             // close(ch)
        out.println("cerrado; len: " + ch.len() + " cap: " + ch.cap()); // len and cap of a closed channel

        Recv<Integer> r = ch.recvOk();                          // v, ok := <-ch
        out.println(r.value() + " " + r.ok());                  // fmt.Println(v, ok)

        for (int v : ch) {                                      // for v := range ch {
            out.println(v);                                     //     fmt.Println(v)
        }

        r = ch.recvOk();                                        // v, ok = <-ch
        out.println((r.ok() ? r.value() : 0) + " " + r.ok());   // fmt.Println(v, ok): the zero value, false
    }
}
