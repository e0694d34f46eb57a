package io.go4j.examples.tour.seed000;

import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.Recv;

import java.io.PrintStream;

/**
 * Seed 000, "Cierre de Canales": a generator sends 0..4 and closes its channel; main reads it
 * twice over, first with {@code v, ok := <-ch} until {@code ok} is false, then with
 * {@code for v := range ch}.
 */
public final class ClosingChannel {

    private ClosingChannel() {
    }

    static void generador(Chan<Integer> ch) {                 // func generador(ch chan int) {
        for (int i = 0; i < 5; i++) {                         //     for i := 0; i < 5; i++ {
            ch.send(i);                                       //         ch <- i
        }
        ch.close();                                           //     close(ch)
    }

    /** Go's {@code func main()}. */
    public static void main(PrintStream out) {
        Chan<Integer> first = Chan.make();                    // ch := make(chan int)
        Go.go(() -> generador(first));                        // go generador(ch)
        for (;;) {                                            // for {
            Recv<Integer> r = first.recvOk();                 //     valor, ok := <-ch
            if (!r.ok()) {                                    //     if !ok {
                break;                                        //         break // Canal cerrado
            }
            out.println(r.value());                           //     fmt.Println(valor)
        }

        Chan<Integer> ch = Chan.make();                       // ch = make(chan int)
        Go.go(() -> generador(ch));                           // go generador(ch)
        for (int valor : ch) {                                // for valor := range ch {
            out.println(valor);                               //     fmt.Println(valor)
        }
    }
}
