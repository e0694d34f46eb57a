package io.go4j.examples.tour.seed002;

import io.go4j.Chan;
import io.go4j.Go;

import java.io.PrintStream;

/**
 * Seed 002, "Drain / vaciar un channel": the seed's {@code go func() { for range c {} }()} empties
 * a full buffered channel. The program closes the channel so that the range ends, and the
 * draining goroutine closes {@code done} so that main can wait for it (not in the seed's line).
 */
public final class Drain {

    private Drain() {
    }

    /** Go's {@code main}. */
    public static void main(PrintStream out) {
        Chan<Integer> c = Chan.make(10);                        // c := make(chan int, 10)
        for (int i = 0; i < 10; i++) {                          // for i := 0; i < 10; i++ {
            c.send(i);                                          //     c <- i
        }
        out.println("len(c) antes de vaciar: " + c.len());      // fmt.Println("len(c) antes de vaciar:", len(c))

        Chan<Void> done = Chan.make();                          // done := make(chan struct{})
        Go.go(() -> {                                           // go func() {
            for (Integer ignored : c) {                         //     for range c {
            }                                                   //     }
            done.close();                                       //     close(done)
        });                                                     // }()

        c.close();                                              // close(c)
        done.recv();                                            // <-done
        out.println("len(c) después de vaciar: " + c.len());    // fmt.Println("len(c) después de vaciar:", len(c))
    }
}
