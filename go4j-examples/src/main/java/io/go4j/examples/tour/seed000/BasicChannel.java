package io.go4j.examples.tour.seed000;

import io.go4j.Chan;
import io.go4j.Go;

import java.io.PrintStream;

/**
 * Seed 000, "Creación y Uso Básico de Canales": a goroutine sends 42 on an unbuffered channel
 * and main receives and prints it.
 */
public final class BasicChannel {

    private BasicChannel() {
    }

    /** Go's {@code func main()}. */
    public static void main(PrintStream out) {
        Chan<Integer> ch = Chan.make();                       // ch := make(chan int)
        Go.go(() -> ch.send(42));                             // go func() { ch <- 42 }()
        int valor = ch.recv();                                // valor := <-ch
        out.println(valor);                                   // fmt.Println(valor) // Imprime: 42
    }
}
