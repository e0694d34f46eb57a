package io.go4j.examples.tour.seed000;

import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.Select;
import io.go4j.time.Time;

import java.io.PrintStream;
import java.time.Duration;

import static io.go4j.Case.onRecv;

/**
 * Seed 000, "Select": two selects in a loop wait on two channels at once; the value that is
 * sent first ("uno", after a tenth of a second here, a second in Go) is received first.
 * Durations are a tenth of Go's.
 */
public final class SelectTwoChannels {

    private SelectTwoChannels() {
    }

    /** Go's {@code func main()}. */
    public static void main(PrintStream out) {
        Chan<String> ch1 = Chan.make();                       // ch1 := make(chan string)
        Chan<String> ch2 = Chan.make();                       // ch2 := make(chan string)

        Go.go(() -> {                                         // go func() {
            Time.sleep(Duration.ofMillis(100));               //     time.Sleep(1 * time.Second)
            ch1.send("uno");                                  //     ch1 <- "uno"
        });                                                   // }()

        Go.go(() -> {                                         // go func() {
            Time.sleep(Duration.ofMillis(200));               //     time.Sleep(2 * time.Second)
            ch2.send("dos");                                  //     ch2 <- "dos"
        });                                                   // }()

        for (int i = 0; i < 2; i++) {                         // for i := 0; i < 2; i++ {
            Select.select(                                    //     select {
                    onRecv(ch1, msg1 ->                       //     case msg1 := <-ch1:
                            out.println("Recibido " + msg1)), //         fmt.Println("Recibido", msg1)
                    onRecv(ch2, msg2 ->                       //     case msg2 := <-ch2:
                            out.println("Recibido " + msg2)));//         fmt.Println("Recibido", msg2)
        }
    }
}
