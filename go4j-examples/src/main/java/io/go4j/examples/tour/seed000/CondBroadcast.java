package io.go4j.examples.tour.seed000;

import io.go4j.Go;
import io.go4j.sync.Cond;
import io.go4j.sync.Mutex;
import io.go4j.time.Time;

import java.io.PrintStream;
import java.time.Duration;

/**
 * Seed 000, "Cond": three goroutines wait on a {@code sync.Cond} until {@code listo} is true;
 * main sets it under the lock and wakes them all with {@code Broadcast}, then sleeps so they can
 * print. Durations are a tenth of Go's.
 */
public final class CondBroadcast {

    private CondBroadcast() {
    }

    /** Go's {@code func main()}. */
    public static void main(PrintStream out) {
        Mutex mu = new Mutex();                               // var mu sync.Mutex
        Cond cond = new Cond(mu);                             // cond := sync.NewCond(&mu)

        boolean[] listo = {false};                            // listo := false — guarded by mu (a cell lambdas can read)

        for (int i = 0; i < 3; i++) {                         // for i := 0; i < 3; i++ {
            int id = i;
            Go.go(() -> {                                     //     go func(id int) {
                mu.lock();                                    //         mu.Lock()

                while (!listo[0]) {                           //         for !listo {
                    out.printf("Goroutine %d: esperando...%n", id); //       fmt.Printf("Goroutine %d: esperando...\n", id)
                    cond.await();                             //             cond.Wait()
                }

                out.printf("Goroutine %d: ¡condición cumplida!%n", id); // fmt.Printf("Goroutine %d: ¡condición cumplida!\n", id)
                mu.unlock();                                  //         mu.Unlock()
            });                                               //     }(i)
        }

        Time.sleep(Duration.ofMillis(100));                   // time.Sleep(time.Second)

        mu.lock();                                            // mu.Lock()
        listo[0] = true;                                      // listo = true
        cond.broadcast();                                     // cond.Broadcast()
        mu.unlock();                                          // mu.Unlock()

        Time.sleep(Duration.ofMillis(100));                   // time.Sleep(time.Second)
    }
}
