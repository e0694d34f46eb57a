package io.go4j.examples.tour.seed002;

import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.Select;

import java.io.PrintStream;

import static io.go4j.Case.recv;
import static io.go4j.Case.send;

/**
 * Seed 002, "Channels": the seed's select schema in a {@code for} loop — do {@code f1} while
 * someone consumes {@code c1}, stop when something arrives on {@code c2} — filled in as the Go
 * tour's Fibonacci with a quit channel (tour.golang.org/concurrency/5), which the seed links.
 * Prints the first ten Fibonacci numbers, then {@code quit}.
 */
public final class SelectLoop {

    private SelectLoop() {
    }

    /** Go's {@code func fibonacci(c, quit chan int)}: {@code c1 <- x} is {@code c <- x}, {@code <-c2} is {@code <-quit}. */
    static void fibonacci(PrintStream out, Chan<Integer> c, Chan<Integer> quit) {
        int x = 0;                                              // x, y := 0, 1
        int y = 1;
        for (;;) {                                              // for {
            boolean sent = Select.select(                       //     select {
                    send(c, x, () -> true),                     //     case c <- x:
                    recv(quit, q -> {                           //     case <-quit:
                        out.println("quit");                    //         fmt.Println("quit")
                        return false;                           //         return
                    }));
            if (!sent) {
                return;
            }
            int next = x + y;                                   //         x, y = y, x+y
            x = y;
            y = next;
        }
    }

    /** Go's {@code main}. */
    public static void main(PrintStream out) {
        Chan<Integer> c = Chan.make();                          // c := make(chan int)
        Chan<Integer> quit = Chan.make();                       // quit := make(chan int)
        Go.go(() -> {                                           // go func() {
            for (int i = 0; i < 10; i++) {                      //     for i := 0; i < 10; i++ {
                out.println(c.recv());                          //         fmt.Println(<-c)
            }
            quit.send(0);                                       //     quit <- 0
        });                                                     // }()
        fibonacci(out, c, quit);                                // fibonacci(c, quit)
    }
}
