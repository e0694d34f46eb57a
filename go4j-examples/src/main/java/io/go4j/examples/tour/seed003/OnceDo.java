package io.go4j.examples.tour.seed003;

import io.go4j.Go;
import io.go4j.sync.Once;
import io.go4j.sync.WaitGroup;

import java.io.PrintStream;

/**
 * Seed 003, "O sync.Once": ten goroutines each call {@code once.Do} with their own function;
 * only the first caller's runs. Go's package-level {@code var once sync.Once} is local to one
 * run of the program here.
 */
public final class OnceDo {

    private OnceDo() {
    }

    /** Go's {@code func main()}. */
    public static void main(PrintStream out) {
        Once once = new Once();                               // var once sync.Once (package level in Go)
        int loopQuantity = 10;                                // loopQuantity := 10

        WaitGroup wg = new WaitGroup();                       // var wg sync.WaitGroup
        wg.add(loopQuantity);                                 // wg.Add(loopQuantity)

        for (int i = 0; i < loopQuantity; i++) {              // for i := 0; i < loopQuantity; i++ {
            int id = i;
            Go.go(() -> {                                     //     go func(i int) {
                try {                                         //         defer wg.Done()
                    out.printf("Goroutine %d está tentando chamar o método once.Do%n", id);

                    once.run(() ->                            //         once.Do(func() {
                            out.printf("A função está rodando vindo da goroutine %d%n", id));
                } finally {
                    wg.done();
                }
            });                                               //     }(i)
        }

        wg.await();                                           // wg.Wait()
    }
}
