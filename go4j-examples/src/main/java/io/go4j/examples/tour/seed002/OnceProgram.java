package io.go4j.examples.tour.seed002;

import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.sync.Once;

import java.io.PrintStream;

/**
 * Seed 002, "Single run": {@code sync.Once.Do} runs a function once however many goroutines call
 * it — the example of Go's sync package documentation, which the seed links: ten goroutines,
 * one {@code Only once}.
 */
public final class OnceProgram {

    private OnceProgram() {
    }

    /** Go's {@code main}. */
    public static void main(PrintStream out) {
        Once once = new Once();                                 // var once sync.Once
        Runnable onceBody = () -> out.println("Only once");     // onceBody := func() { fmt.Println("Only once") }
        Chan<Boolean> done = Chan.make();                       // done := make(chan bool)
        for (int i = 0; i < 10; i++) {                          // for i := 0; i < 10; i++ {
            Go.go(() -> {                                       //     go func() {
                once.run(onceBody);                             //         once.Do(onceBody)
                done.send(true);                                //         done <- true
            });                                                 //     }()
        }
        for (int i = 0; i < 10; i++) {                          // for i := 0; i < 10; i++ {
            done.recv();                                        //     <-done
        }
    }
}
