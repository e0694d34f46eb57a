package io.go4j.examples.tour.seed000;

import io.go4j.Chan;
import io.go4j.Select;

import java.io.PrintStream;

import static io.go4j.Case.onDefault;
import static io.go4j.Case.onRecv;

/**
 * Seed 000, "Caso Default en Select": nobody sends on {@code ch}, so the select does not block
 * but takes its {@code default} case at once.
 */
public final class SelectDefault {

    private SelectDefault() {
    }

    /** Go's {@code func main()}. */
    public static void main(PrintStream out) {
        Chan<String> ch = Chan.make();                        // ch := make(chan string)

        Select.select(                                        // select {
                onRecv(ch, msg ->                             // case msg := <-ch:
                        out.println("Recibido mensaje: " + msg)), //  fmt.Println("Recibido mensaje:", msg)
                onDefault(() ->                               // default:
                        out.println("No hay mensajes disponibles"))); // fmt.Println("No hay mensajes disponibles")
    }
}
