package io.go4j.examples.tour.seed000;

import io.go4j.Go;
import io.go4j.sync.WaitGroup;
import io.go4j.time.Time;

import java.io.PrintStream;
import java.time.Duration;

/**
 * Seed 000, "Esperar a que las Goroutines Terminen": five workers joined with a
 * {@code sync.WaitGroup}; main prints its line only after every worker has finished.
 * Durations are a tenth of Go's.
 */
public final class WaitForGoroutines {

    private WaitForGoroutines() {
    }

    static void trabajador(PrintStream out, int id, WaitGroup wg) { // func trabajador(id int, wg *sync.WaitGroup) {
        try {                                                       //     defer wg.Done()
            out.printf("Trabajador %d iniciando%n", id);            //     fmt.Printf("Trabajador %d iniciando\n", id)
            Time.sleep(Duration.ofMillis(100));                     //     time.Sleep(time.Second)
            out.printf("Trabajador %d terminado%n", id);            //     fmt.Printf("Trabajador %d terminado\n", id)
        } finally {
            wg.done();
        }
    }

    /** Go's {@code func main()}. */
    public static void main(PrintStream out) {
        WaitGroup wg = new WaitGroup();                             // var wg sync.WaitGroup
        for (int i = 1; i <= 5; i++) {                              // for i := 1; i <= 5; i++ {
            wg.add(1);                                              //     wg.Add(1)
            int id = i;
            Go.go(() -> trabajador(out, id, wg));                   //     go trabajador(i, &wg)
        }
        wg.await();                                                 // wg.Wait()
        out.println("Todos los trabajadores han terminado");        // fmt.Println("Todos los trabajadores han terminado")
    }
}
