package io.go4j.examples.tour.seed004;

import io.go4j.Go;
import io.go4j.runtime.GoRuntime;
import io.go4j.time.Time;

import java.io.PrintStream;
import java.time.Duration;

/**
 * Seed 004, "4. Terminar una Goroutine ({@code runtime.Goexit()})": Goexit ends the goroutine,
 * running its deferred calls — here its {@code finally} — first. The main goroutine's wait is
 * 100 ms (the seed's second divided by 10).
 */
public final class GoexitProgram {

    private GoexitProgram() {
    }

    /** Go's {@code func worker()}. */
    static void worker(PrintStream out) {
        try {
            out.println("Goroutine en ejecución");              // fmt.Println("Goroutine en ejecución")
            GoRuntime.goexit();                                 // runtime.Goexit()
            out.println("no llega aquí");
        } finally {
            out.println("Goroutine finalizada");                // defer fmt.Println("Goroutine finalizada")
        }
    }

    /** Go's {@code main}. */
    public static void main(PrintStream out) {
        Go.go(() -> worker(out));                               // go worker()
        Time.sleep(Duration.ofMillis(100));                     // time.Sleep(time.Second)
    }
}
