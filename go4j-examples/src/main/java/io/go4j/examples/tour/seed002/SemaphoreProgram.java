package io.go4j.examples.tour.seed002;

import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.sync.WaitGroup;
import io.go4j.time.Time;

import java.io.PrintStream;
import java.time.Duration;

/**
 * Seed 002, "Semáforos": the seed's {@code done := make(chan struct{}, 2)} as a semaphore —
 * {@code done <- struct{}{}} takes a slot, {@code <-done} gives it back — so that at most two
 * of six requests are at the server at once. Each request takes 10 ms.
 */
public final class SemaphoreProgram {

    private SemaphoreProgram() {
    }

    /** Go's {@code main}. */
    public static void main(PrintStream out) {
        Chan<Void> done = Chan.make(2);                         // done := make(chan struct{}, 2)
        WaitGroup wg = new WaitGroup();                         // var wg sync.WaitGroup
        for (int i = 1; i <= 6; i++) {                          // for i := 1; i <= 6; i++ {
            wg.add(1);                                          //     wg.Add(1)
            int id = i;
            Go.go(() -> {                                       //     go func(i int) {
                try {                                           //         defer wg.Done()
                    done.send(null);                            //         done <- struct{}{} // coger un hueco
                    out.printf("petición %d: enviada al servidor%n", id);
                    Time.sleep(Duration.ofMillis(10));          //         time.Sleep(10 * time.Millisecond)
                    out.printf("petición %d: respondida%n", id);
                    done.recv();                                //         <-done // soltar un hueco
                } finally {
                    wg.done();
                }
            });                                                 //     }(i)
        }
        wg.await();                                             // wg.Wait()
    }
}
