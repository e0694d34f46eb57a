package io.go4j.examples.tour.seed003;

import io.go4j.Go;
import io.go4j.time.Time;

import java.io.PrintStream;
import java.time.Duration;

/**
 * Seed 003, "Criando goroutines" (the second example): the same program with a
 * {@code time.Sleep} at the end of main, which gives the goroutine time to print — the seed's
 * didactic fix, not one for production. Durations are a tenth of Go's.
 */
public final class HelloGoroutineSleep {

    private HelloGoroutineSleep() {
    }

    static void printMessage(PrintStream out, String msg) {   // func printMessage(msg string) {
        out.println(msg);                                     //     fmt.Println(msg)
    }

    /** Go's {@code func main()}. */
    public static void main(PrintStream out) {
        out.println("Hello world from the main function");    // fmt.Println("Hello world from the main function")
        Go.go(() -> printMessage(out, "Hello from a goroutine")); // go printMessage("Hello from a goroutine")
        out.println("After create a goroutine");              // fmt.Println("After create a goroutine")
        Time.sleep(Duration.ofMillis(100));                   // time.Sleep(1 * time.Second)
    }
}
