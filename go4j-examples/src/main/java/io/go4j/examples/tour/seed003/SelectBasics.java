package io.go4j.examples.tour.seed003;

import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.Select;
import io.go4j.time.Time;

import java.io.PrintStream;
import java.time.Duration;

import static io.go4j.Case.onDefault;
import static io.go4j.Case.onRecv;

/**
 * Seed 003, "Conhecendo o Select": a select over two channels and a {@code time.After} takes the
 * first message (canal 1's); a second select on an empty channel takes its {@code default} at
 * once. Durations are a tenth of Go's.
 *
 * <p>One departure: Go's {@code canal2} is unbuffered, so its sender stays blocked for ever once
 * the select has taken canal 1 — a leak Go's program hides by exiting. Here it has room for one
 * value, so that sender can finish; the output is the same.
 */
public final class SelectBasics {

    private SelectBasics() {
    }

    /** Go's {@code func main()}. */
    public static void main(PrintStream out) {
        Chan<String> canal1 = Chan.make();                    // canal1 := make(chan string)
        Chan<String> canal2 = Chan.make(1);                   // canal2 := make(chan string) — buffered here, see above

        Go.go(() -> {                                         // go func() {
            Time.sleep(Duration.ofMillis(100));               //     time.Sleep(1 * time.Second)
            canal1.send("Mensagem do canal 1");               //     canal1 <- "Mensagem do canal 1"
        });                                                   // }()

        Go.go(() -> {                                         // go func() {
            Time.sleep(Duration.ofMillis(200));               //     time.Sleep(2 * time.Second)
            canal2.send("Mensagem do canal 2");               //     canal2 <- "Mensagem do canal 2"
        });                                                   // }()

        Select.select(                                        // select {
                onRecv(canal1, msg1 ->                        // case msg1 := <-canal1:
                        out.println("Recebido do canal 1: " + msg1)), // fmt.Println("Recebido do canal 1:", msg1)
                onRecv(canal2, msg2 ->                        // case msg2 := <-canal2:
                        out.println("Recebido do canal 2: " + msg2)), // fmt.Println("Recebido do canal 2:", msg2)
                onRecv(Time.after(Duration.ofMillis(300)), t -> // case <-time.After(3 * time.Second):
                        out.println("Nenhuma mensagem recebida dentro do tempo limite")));

        Chan<Integer> canal3 = Chan.make();                   // canal3 := make(chan int)

        Select.select(                                        // select {
                onRecv(canal3, msg3 ->                        // case msg3 := <-canal3:
                        out.println("Recebido do canal 3: " + msg3)), // fmt.Println("Recebido do canal 3:", msg3)
                onDefault(() ->                               // default:
                        out.println("Nenhuma mensagem disponível no canal 3")));
    }
}
