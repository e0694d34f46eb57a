package io.go4j.examples.tour.seed000;

import io.go4j.Go;
import io.go4j.sync.Once;
import io.go4j.sync.WaitGroup;

import java.io.PrintStream;

/**
 * Seed 000, "Once": ten goroutines call {@code once.Do(inicializar)}; the initialization runs
 * exactly once, and no goroutine gets past its {@code Do} before it has finished.
 */
public final class OnceInit {

    private OnceInit() {
    }

    /** Go's {@code func main()}. */
    public static void main(PrintStream out) {
        Once once = new Once();                               // var once sync.Once
        WaitGroup wg = new WaitGroup();                       // var wg sync.WaitGroup

        Runnable inicializar = () ->                          // inicializar := func() {
                out.println("Inicialización realizada");      //     fmt.Println("Inicialización realizada")

        for (int i = 0; i < 10; i++) {                        // for i := 0; i < 10; i++ {
            wg.add(1);                                        //     wg.Add(1)
            int id = i;
            Go.go(() -> {                                     //     go func(id int) {
                try {                                         //         defer wg.Done()
                    out.printf("Goroutine %d intentando inicializar%n", id); // fmt.Printf("Goroutine %d intentando inicializar\n", id)
                    once.run(inicializar);                    //         once.Do(inicializar)
                    out.printf("Goroutine %d terminada%n", id); //       fmt.Printf("Goroutine %d terminada\n", id)
                } finally {
                    wg.done();
                }
            });                                               //     }(i)
        }

        wg.await();                                           // wg.Wait()
    }
}
