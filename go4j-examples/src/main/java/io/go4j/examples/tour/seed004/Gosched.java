package io.go4j.examples.tour.seed004;

import io.go4j.Go;
import io.go4j.runtime.GoRuntime;
import io.go4j.time.Time;

import java.io.PrintStream;
import java.time.Duration;

/**
 * Seed 004, "5. Ceder el Procesador ({@code runtime.Gosched()})": two goroutines print three
 * lines each, yielding after each line. Gosched lets the other goroutine run but promises no
 * order, in Go as in go4j: the lines interleave freely; each goroutine's stay in order.
 * The main goroutine's wait is 100 ms (the seed's second divided by 10).
 */
public final class Gosched {

    private Gosched() {
    }

    /** Go's {@code main}. */
    public static void main(PrintStream out) {
        Go.go(() -> {                                           // go func() {
            for (int i = 0; i < 3; i++) {                       //     for i := 0; i < 3; i++ {
                out.println("Goroutine 1: " + i);               //         fmt.Println("Goroutine 1:", i)
                GoRuntime.gosched();                            //         runtime.Gosched()
            }
        });

        Go.go(() -> {                                           // go func() {
            for (int i = 0; i < 3; i++) {                       //     for i := 0; i < 3; i++ {
                out.println("Goroutine 2: " + i);               //         fmt.Println("Goroutine 2:", i)
                GoRuntime.gosched();                            //         runtime.Gosched()
            }
        });

        Time.sleep(Duration.ofMillis(100));                     // time.Sleep(time.Second)
    }
}
