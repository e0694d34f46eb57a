package io.go4j.examples.tour.seed000;

import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.RecvChan;
import io.go4j.SendChan;
import io.go4j.sync.WaitGroup;
import io.go4j.time.Time;

import java.io.PrintStream;
import java.time.Duration;

/**
 * Seed 000, "Patrón Worker Pool": three workers take ten tasks of different lengths from one
 * channel and send their results on another; a goroutine closes the results once the workers
 * are done, which ends main's {@code range}. Durations are Go's.
 */
public final class WorkerPool {

    private WorkerPool() {
    }

    /** Go's {@code type Tarea struct { ID int; Trabajo int }}: {@code trabajo} is in milliseconds. */
    record Tarea(int id, int trabajo) {
    }

    static void trabajador(PrintStream out, int id, RecvChan<Tarea> tareas, SendChan<String> resultados,
                           WaitGroup wg) {                    // func trabajador(id int, tareas <-chan Tarea, resultados chan<- string, wg *sync.WaitGroup) {
        try {                                                 //     defer wg.Done()
            for (Tarea tarea : tareas) {                      //     for tarea := range tareas {
                out.printf("Trabajador %d iniciando tarea %d%n", id, tarea.id()); // fmt.Printf("Trabajador %d iniciando tarea %d\n", id, tarea.ID)
                Time.sleep(Duration.ofMillis(tarea.trabajo())); //     time.Sleep(time.Duration(tarea.Trabajo) * time.Millisecond)
                String resultado = String.format("Tarea %d completada por trabajador %d", tarea.id(), id);
                resultados.send(resultado);                   //         resultados <- resultado
            }
        } finally {
            wg.done();
        }
    }

    /** Go's {@code func main()}. */
    public static void main(PrintStream out) {
        int numTrabajadores = 3;                              // numTrabajadores := 3
        int numTareas = 10;                                   // numTareas := 10

        Chan<Tarea> tareas = Chan.make(numTareas);            // tareas := make(chan Tarea, numTareas)
        Chan<String> resultados = Chan.make(numTareas);       // resultados := make(chan string, numTareas)

        WaitGroup wg = new WaitGroup();                       // var wg sync.WaitGroup
        for (int w = 1; w <= numTrabajadores; w++) {          // for w := 1; w <= numTrabajadores; w++ {
            wg.add(1);                                        //     wg.Add(1)
            int id = w;
            Go.go(() -> trabajador(out, id, tareas, resultados, wg)); // go trabajador(w, tareas, resultados, &wg)
        }

        for (int t = 1; t <= numTareas; t++) {                // for t := 1; t <= numTareas; t++ {
            tareas.send(new Tarea(t, 100 + t * 50));          //     tareas <- Tarea{ID: t, Trabajo: 100 + t*50}
        }
        tareas.close();                                       // close(tareas)

        Go.go(() -> {                                         // go func() {
            wg.await();                                       //     wg.Wait()
            resultados.close();                               //     close(resultados)
        });                                                   // }()

        for (String resultado : resultados) {                 // for resultado := range resultados {
            out.println(resultado);                           //     fmt.Println(resultado)
        }
    }
}
