package io.go4j.examples.tour.seed000;

import io.go4j.Go;
import io.go4j.sync.Mutex;
import io.go4j.sync.WaitGroup;

import java.io.PrintStream;

/**
 * Seed 000, "Mutex": a thousand goroutines increment one counter under a {@code sync.Mutex};
 * the final count is always 1000.
 */
public final class MutexCounter {

    private MutexCounter() {
    }

    /** Go's {@code func main()}. */
    public static void main(PrintStream out) {
        int[] contador = {0};                                 // var contador int — guarded by mu (a cell lambdas can write)
        Mutex mu = new Mutex();                               // var mu sync.Mutex
        WaitGroup wg = new WaitGroup();                       // var wg sync.WaitGroup

        for (int i = 0; i < 1000; i++) {                      // for i := 0; i < 1000; i++ {
            wg.add(1);                                        //     wg.Add(1)
            Go.go(() -> {                                     //     go func() {
                try {                                         //         defer wg.Done()
                    mu.lock();                                //         mu.Lock()
                    contador[0]++;                            //         contador++
                    mu.unlock();                              //         mu.Unlock()
                } finally {
                    wg.done();
                }
            });                                               //     }()
        }

        wg.await();                                           // wg.Wait()

        out.println("Contador final: " + contador[0]);        // fmt.Println("Contador final:", contador)
    }
}
