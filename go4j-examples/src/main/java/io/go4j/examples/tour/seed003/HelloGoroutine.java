package io.go4j.examples.tour.seed003;

import io.go4j.Go;

import java.io.PrintStream;

/**
 * Seed 003, "Criando goroutines" (the first example): main starts a goroutine and returns at
 * once. As the seed explains, the goroutine's message usually never appears: when main returns
 * the program ends, whatever its goroutines are doing.
 */
public final class HelloGoroutine {

    private HelloGoroutine() {
    }

    static void printMessage(PrintStream out, String msg) {   // func printMessage(msg string) {
        out.println(msg);                                     //     fmt.Println(msg)
    }

    /** Go's {@code func main()}. */
    public static void main(PrintStream out) {
        out.println("Hello world from the main function");    // fmt.Println("Hello world from the main function")
        Go.go(() -> printMessage(out, "Hello from a goroutine")); // go printMessage("Hello from a goroutine")
        out.println("After create a goroutine");              // fmt.Println("After create a goroutine")
    }
}
