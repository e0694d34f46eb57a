package io.go4j.examples.tour.seed000;

import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.RecvChan;
import io.go4j.SendChan;

import java.io.PrintStream;

/**
 * Seed 000, "Canales Unidireccionales": the producer gets a send-only channel
 * ({@code chan<- int} = {@link SendChan}), the consumer a receive-only one ({@code <-chan int} =
 * {@link RecvChan}); main waits on {@code done} for the consumer to finish.
 */
public final class ChannelDirection {

    private ChannelDirection() {
    }

    static void productor(SendChan<Integer> ch) {             // func productor(ch chan<- int) {
        for (int i = 0; i < 5; i++) {                         //     for i := 0; i < 5; i++ {
            ch.send(i);                                       //         ch <- i
        }
        ch.close();                                           //     close(ch)
    }

    static void consumidor(PrintStream out, RecvChan<Integer> ch, SendChan<Boolean> done) { // func consumidor(ch <-chan int, done chan<- bool) {
        for (int valor : ch) {                                //     for valor := range ch {
            out.println(valor);                               //         fmt.Println(valor)
        }
        done.send(true);                                      //     done <- true
    }

    /** Go's {@code func main()}. */
    public static void main(PrintStream out) {
        Chan<Integer> ch = Chan.make();                       // ch := make(chan int)
        Chan<Boolean> done = Chan.make();                     // done := make(chan bool)
        Go.go(() -> productor(ch));                           // go productor(ch)
        Go.go(() -> consumidor(out, ch, done));               // go consumidor(ch, done)
        done.recv();                                          // <-done // Esperar a que el consumidor termine
    }
}
