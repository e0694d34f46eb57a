package io.go4j.examples.tour.seed002;

import io.go4j.Go;
import io.go4j.sync.WaitGroup;

import java.io.PrintStream;

/**
 * Seed 002, "Waiting groups": the seed's pattern — {@code wg.Add(1)}, a goroutine literal with
 * {@code defer wg.Done()} calling {@code rutina()}, then {@code wg.Wait()} — for three routines.
 * The loop variable is copied for each goroutine, the seed's warning about capturing it (Java
 * insists). The routines finish in any order; the last line comes after all of them.
 */
public final class WaitGroupProgram {

    private WaitGroupProgram() {
    }

    /** The seed's {@code func rutina()}. */
    static void rutina(PrintStream out, int i) {
        out.println("rutina " + i + " terminada");
    }

    /** Go's {@code main}. */
    public static void main(PrintStream out) {
        WaitGroup wg = new WaitGroup();                         // var wg sync.WaitGroup
        for (int i = 1; i <= 3; i++) {                          // for i := 1; i <= 3; i++ {
            wg.add(1);                                          //     wg.Add(1)
            int id = i;                                         //     (one i per goroutine)
            Go.go(() -> {                                       //     go func() {
                try {                                           //         defer wg.Done()
                    rutina(out, id);                            //         rutina(i)
                } finally {
                    wg.done();
                }
            });                                                 //     }()
        }
        wg.await();                                             // wg.Wait()
        out.println("wg.Wait() ha vuelto: todas las rutinas han terminado");
    }
}
