package io.go4j.examples.tour.seed000;

import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.Select;
import io.go4j.time.Time;

import java.io.PrintStream;
import java.time.Duration;

import static io.go4j.Case.onRecv;

/**
 * Seed 000, "Timeout con Select": the answer comes after 2 units, {@code time.After} fires after
 * 1, so the select takes the timeout. Durations are a tenth of Go's (the printed text keeps Go's
 * "1 segundo").
 *
 * <p>One departure: Go's {@code ch} is unbuffered, so its sender stays blocked for ever once main
 * has stopped listening — a leak Go's program hides by exiting. Here {@code ch} has room for one
 * value, so the late sender can finish (the fix Go's own docs recommend); the output is the same.
 */
public final class SelectTimeout {

    private SelectTimeout() {
    }

    /** Go's {@code func main()}. */
    public static void main(PrintStream out) {
        Chan<String> ch = Chan.make(1);                       // ch := make(chan string) — buffered here, see above

        Go.go(() -> {                                         // go func() {
            Time.sleep(Duration.ofMillis(200));               //     time.Sleep(2 * time.Second)
            ch.send("respuesta");                             //     ch <- "respuesta"
        });                                                   // }()

        Select.select(                                        // select {
                onRecv(ch, res ->                             // case res := <-ch:
                        out.println("Recibido: " + res)),     //     fmt.Println("Recibido:", res)
                onRecv(Time.after(Duration.ofMillis(100)), t -> // case <-time.After(1 * time.Second):
                        out.println("Timeout después de 1 segundo"))); // fmt.Println("Timeout después de 1 segundo")
    }
}
