package io.go4j.examples.tour.seed003;

import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.Select;
import io.go4j.time.Time;

import java.io.PrintStream;
import java.time.Duration;

import static io.go4j.Case.onRecv;

/**
 * Seed 003, "Implementando timeout com select": two operations raced against
 * {@code time.After(2s)}; the first answers after 1 unit (success), the second after 3 (timeout).
 * Durations are a tenth of Go's.
 *
 * <p>One departure: Go's {@code resultChan2} is unbuffered, so the second operation's goroutine
 * stays blocked for ever after the timeout — a leak Go's program hides by exiting. Here it has
 * room for one value, so the late goroutine can finish; the output is the same.
 */
public final class SelectTimeouts {

    private SelectTimeouts() {
    }

    /** Go's {@code func main()}. */
    public static void main(PrintStream out) {
        out.println("--- Cenário 1: Sucesso ---");           // fmt.Println("--- Cenário 1: Sucesso ---")
        Chan<String> resultChan1 = Chan.make();               // resultChan1 := make(chan string)

        Go.go(() -> {                                         // go func() {
            Time.sleep(Duration.ofMillis(100));               //     time.Sleep(1 * time.Second)
            resultChan1.send("Operação 1 concluída com sucesso!");
        });                                                   // }()

        Select.select(                                        // select {
                onRecv(resultChan1, res ->                    // case res := <-resultChan1:
                        out.println("Recebido: " + res)),     //     fmt.Println("Recebido:", res)
                onRecv(Time.after(Duration.ofMillis(200)), t -> // case <-time.After(2 * time.Second):
                        out.println("Timeout! A operação 1 demorou demais.")));

        out.println("--------------------------------");      // fmt.Println("--------------------------------")

        out.println("--- Cenário 2: Timeout ---");           // fmt.Println("--- Cenário 2: Timeout ---")
        Chan<String> resultChan2 = Chan.make(1);              // resultChan2 := make(chan string) — buffered here, see above

        Go.go(() -> {                                         // go func() {
            Time.sleep(Duration.ofMillis(300));               //     time.Sleep(3 * time.Second)
            resultChan2.send("Operação 2 concluída.");        //     resultChan2 <- "Operação 2 concluída."
        });                                                   // }()

        Select.select(                                        // select {
                onRecv(resultChan2, res ->                    // case res := <-resultChan2:
                        out.println("Recebido: " + res)),     //     fmt.Println("Recebido:", res)
                onRecv(Time.after(Duration.ofMillis(200)), t -> // case <-time.After(2 * time.Second):
                        out.println("Timeout! A operação 2 demorou demais.")));
    }
}
