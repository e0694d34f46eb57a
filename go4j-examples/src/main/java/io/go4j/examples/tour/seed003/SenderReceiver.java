package io.go4j.examples.tour.seed003;

import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.sync.WaitGroup;
import io.go4j.time.Time;

import java.io.PrintStream;
import java.time.Duration;

/**
 * Seed 003, "Comunicação entre channels (&lt;-)": a sender and a receiver meet on an unbuffered
 * channel; the receiver waits until the sender, after preparing its message, hands it over.
 * Durations are a tenth of Go's.
 */
public final class SenderReceiver {

    private SenderReceiver() {
    }

    static void sender(PrintStream out, Chan<String> ch, WaitGroup wg) { // func sender(ch chan string, wg *sync.WaitGroup) {
        try {                                                 //     defer wg.Done()
            out.println("Sender: Preparando mensagem...");    //     fmt.Println("Sender: Preparando mensagem...")
            Time.sleep(Duration.ofMillis(200));               //     time.Sleep(2 * time.Second)

            ch.send("Olá receiver!");                         //     ch <- "Olá receiver!"
            out.println("Sender: Mensagem entregue!");        //     fmt.Println("Sender: Mensagem entregue!")
        } finally {
            wg.done();
        }
    }

    static void receiver(PrintStream out, Chan<String> ch, WaitGroup wg) { // func receiver(ch chan string, wg *sync.WaitGroup) {
        try {                                                 //     defer wg.Done()
            out.println("Receiver: Pronto para receber!");    //     fmt.Println("Receiver: Pronto para receber!")

            String msg = ch.recv();                           //     msg := <-ch
            out.println("Receiver: " + msg);                  //     fmt.Println("Receiver:", msg)
        } finally {
            wg.done();
        }
    }

    /** Go's {@code func main()}. */
    public static void main(PrintStream out) {
        WaitGroup wg = new WaitGroup();                       // var wg sync.WaitGroup
        wg.add(2);                                            // wg.Add(2)

        Chan<String> ch = Chan.make();                        // ch := make(chan string)

        Go.go(() -> sender(out, ch, wg));                     // go sender(ch, &wg)
        Go.go(() -> receiver(out, ch, wg));                   // go receiver(ch, &wg)

        wg.await();                                           // wg.Wait()
    }
}
