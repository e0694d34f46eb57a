package io.go4j.examples.tour.seed003;

import io.go4j.Go;
import io.go4j.sync.WaitGroup;

import java.io.PrintStream;

/**
 * Seed 003, "O sync.WaitGroup": three goroutines, {@code Add(1)} before each and {@code Done()}
 * deferred in each; {@code Wait()} returns when all three have printed, in any order.
 */
public final class WaitGroupBasics {

    private WaitGroupBasics() {
    }

    /** Go's {@code func main()}. */
    public static void main(PrintStream out) {
        WaitGroup wg = new WaitGroup();                       // var wg sync.WaitGroup

        for (int i = 1; i <= 3; i++) {                        // for i := 1; i <= 3; i++ {
            wg.add(1);                                        //     wg.Add(1)
            int id = i;
            Go.go(() -> {                                     //     go func(id int) {
                try {                                         //         defer wg.Done()
                    out.printf("Goroutine %d executando%n", id); //      fmt.Printf("Goroutine %d executando\n", id)
                } finally {
                    wg.done();
                }
            });                                               //     }(i)
        }

        wg.await();                                           // wg.Wait()
        out.println("Todas as goroutines concluíram");        // fmt.Println("Todas as goroutines concluíram")
    }
}
