package io.go4j.examples.tour.seed003;

import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.sync.WaitGroup;
import io.go4j.time.Time;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/**
 * Seed 003, "Buffered Channels (Canais com buffer)": a sender puts four messages into a channel
 * with room for two while a slow receiver starts late; the first two go in at once, each later
 * one waits for the receiver to make room, and the receiver sees the buffer full ({@code 2/2})
 * until the sender is done. Durations are a tenth of Go's.
 */
public final class BufferedMessages {

    private BufferedMessages() {
    }

    static void sender(PrintStream out, Chan<String> ch, WaitGroup wg) { // func sender(ch chan string, wg *sync.WaitGroup) {
        try {                                                 //     defer wg.Done()
            out.println("[Sender] Iniciando envio de 4 mensagens (buffer=2)");

            List<String> messages = List.of(                  //     messages := []string{
                    "Mensagem 1",
                    "Mensagem 2",
                    "Mensagem 3",
                    "Mensagem 4");

            for (String msg : messages) {                     //     for _, msg := range messages {
                ch.send(msg);                                 //         ch <- msg
                out.printf("[Sender] Enviando: '%s'%n", msg); //         fmt.Printf("[Sender] Enviando: '%s'\n", msg)
                Time.sleep(Duration.ofMillis(50));            //         time.Sleep(500 * time.Millisecond)
            }
        } finally {
            wg.done();
        }
    }

    static void receiver(PrintStream out, Chan<String> ch, WaitGroup wg) { // func receiver(ch chan string, wg *sync.WaitGroup) {
        try {                                                 //     defer wg.Done()
            Time.sleep(Duration.ofMillis(100));               //     time.Sleep(1000 * time.Millisecond)

            out.println("\n[Receiver] Iniciando processamento"); //  fmt.Println("\n[Receiver] Iniciando processamento")
            for (int i = 0; i < 4; i++) {                     //     for i := 0; i < 4; i++ {
                out.printf("[Receiver] Buffer agora: %d/%d%n", ch.len(), ch.cap()); // fmt.Printf("[Receiver] Buffer agora: %d/%d\n", len(ch), cap(ch))
                String msg = ch.recv();                       //         msg := <-ch
                out.printf("[Receiver] PROCESSANDO: '%s'%n", msg); //    fmt.Printf("[Receiver] PROCESSANDO: '%s'\n", msg)
                Time.sleep(Duration.ofMillis(150));           //         time.Sleep(1500 * time.Millisecond)
            }
        } finally {
            wg.done();
        }
    }

    /** Go's {@code func main()}. */
    public static void main(PrintStream out) {
        WaitGroup wg = new WaitGroup();                       // var wg sync.WaitGroup
        wg.add(2);                                            // wg.Add(2)

        Chan<String> ch = Chan.make(2);                       // ch := make(chan string, 2)

        Go.go(() -> sender(out, ch, wg));                     // go sender(ch, &wg)
        Go.go(() -> receiver(out, ch, wg));                   // go receiver(ch, &wg)

        wg.await();                                           // wg.Wait()
    }
}
