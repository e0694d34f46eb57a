package io.go4j.examples.tour.seed004;

import io.go4j.Go;
import io.go4j.runtime.GoRuntime;
import io.go4j.time.Time;

import java.io.PrintStream;
import java.time.Duration;

/**
 * Seed 004, "6. Contar Goroutines Activas ({@code runtime.NumGoroutine()})": five sleeping
 * goroutines and main make 6. The seed's minute and second are divided by 100: the goroutines
 * sleep 600 ms, main counts after 10 ms, and the program ends when main does.
 */
public final class NumGoroutine {

    private NumGoroutine() {
    }

    /** Go's {@code main}. */
    public static void main(PrintStream out) {
        for (int i = 0; i < 5; i++) {                           // for i := 0; i < 5; i++ {
            Go.go(() -> Time.sleep(Duration.ofMillis(600)));    //     go func() { time.Sleep(time.Minute) }()
        }
        Time.sleep(Duration.ofMillis(10));                      // time.Sleep(time.Second)
        out.println("Goroutines activas: " + GoRuntime.numGoroutine()); // 5 + main
    }
}
