package io.go4j.examples.tour.seed000;

import io.go4j.Go;
import io.go4j.time.Time;

import java.io.PrintStream;
import java.time.Duration;

/**
 * Seed 000, "Creación de Goroutines": {@code go decir("mundo")} runs beside {@code decir("hola")}
 * in the main goroutine, and the two interleave. When main has printed its fifth "hola" it returns
 * and, as in Go, the program ends: the fifth "mundo" may or may not have been printed.
 * Durations are Go's; {@code out} is the program's standard output.
 */
public final class Goroutines {

    private Goroutines() {
    }

    static void decir(PrintStream out, String mensaje) {     // func decir(mensaje string) {
        for (int i = 0; i < 5; i++) {                         //     for i := 0; i < 5; i++ {
            Time.sleep(Duration.ofMillis(100));                //         time.Sleep(100 * time.Millisecond)
            out.println(mensaje);                             //         fmt.Println(mensaje)
        }
    }

    /** Go's {@code func main()}. */
    public static void main(PrintStream out) {
        Go.go(() -> decir(out, "mundo"));                     // go decir("mundo")
        decir(out, "hola");                                   // decir("hola")
    }
}
