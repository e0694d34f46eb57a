package io.go4j.examples.tour.seed001;

import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.RecvChan;
import io.go4j.Select;
import io.go4j.time.Time;

import java.io.PrintStream;
import java.time.Duration;

import static io.go4j.Case.recv;
import static io.go4j.Case.send;

/**
 * Seed 001, "Cancelación con Canales": the same worker as with a context, stopped by closing a
 * {@code done} channel — the idiom from before the context package. Prints 0 to 4, then
 * {@code Worker cancelado con canal}. Durations are the seed's divided by 10.
 */
public final class ChannelCancellation {

    private ChannelCancellation() {
    }

    /** Go's {@code func workerWithChan(done <-chan struct{}) <-chan int}. */
    static RecvChan<Integer> workerWithChan(PrintStream stdout, RecvChan<Void> done) {
        Chan<Integer> out = Chan.make();                        // out := make(chan int)
        Go.go(() -> {                                           // go func() {
            try {
                for (int i = 0; ; i++) {                        //     for i := 0; ; i++ {
                    boolean stop = Select.select(               //         select {
                            recv(done, x -> {                   //         case <-done:
                                stdout.println("Worker cancelado con canal");
                                return true;                    //             return
                            }),
                            send(out, i, () -> {                //         case out <- i:
                                Time.sleep(Duration.ofMillis(10)); //         time.Sleep(100 * time.Millisecond)
                                return false;
                            }));
                    if (stop) {
                        return;
                    }
                }
            } finally {
                out.close();                                    //     defer close(out)
            }
        });
        return out;
    }

    /** Go's {@code main}. */
    public static void main(PrintStream out) {
        Chan<Void> done = Chan.make();                          // done := make(chan struct{})
        RecvChan<Integer> results = workerWithChan(out, done);  // results := workerWithChan(done)

        for (int i = 0; i < 5; i++) {                           // for i := 0; i < 5; i++ {
            out.println(results.recv());                        //     fmt.Println(<-results)
        }

        done.close();                                           // close(done)

        Time.sleep(Duration.ofMillis(20));                      // time.Sleep(200 * time.Millisecond)
    }
}
