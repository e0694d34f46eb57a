package io.go4j.examples.tour.seed000;

import io.go4j.Go;
import io.go4j.time.Time;

import java.io.PrintStream;
import java.time.Duration;

/**
 * Seed 000, "Goroutines y Funciones Anónimas": two goroutines started from lambdas (Go's
 * anonymous functions), the second with a parameter, beside main's own loop. Main returns after
 * its fifth "hola" and the program ends with it, so "goroutine" (every 150 ms in Go) is printed
 * only three times. Durations are Go's.
 */
public final class AnonymousGoroutines {

    private AnonymousGoroutines() {
    }

    /** Go's {@code func main()}. */
    public static void main(PrintStream out) {
        Go.go(() -> {                                         // go func() {
            for (int i = 0; i < 5; i++) {                     //     for i := 0; i < 5; i++ {
                Time.sleep(Duration.ofMillis(100));            //         time.Sleep(100 * time.Millisecond)
                out.println("mundo");                         //         fmt.Println("mundo")
            }
        });                                                   // }()

        String arg = "goroutine";                             // the argument, evaluated by the go statement
        Go.go(() -> {                                         // go func(mensaje string) {
            String mensaje = arg;
            for (int i = 0; i < 5; i++) {
                Time.sleep(Duration.ofMillis(150));            //         time.Sleep(150 * time.Millisecond)
                out.println(mensaje);                         //         fmt.Println(mensaje)
            }
        });                                                   // }("goroutine")

        for (int i = 0; i < 5; i++) {                         // for i := 0; i < 5; i++ {
            Time.sleep(Duration.ofMillis(100));                //     time.Sleep(100 * time.Millisecond)
            out.println("hola");                              //     fmt.Println("hola")
        }
    }
}
