package io.go4j.examples.tour.seed000;

import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.RecvChan;
import io.go4j.Select;
import io.go4j.context.CancelContext;
import io.go4j.context.Context;
import io.go4j.time.Time;

import java.io.PrintStream;
import java.time.Duration;

import static io.go4j.Case.recv;

/**
 * Seed 000, "Patrón de Cancelación": a ten-step task checks {@code ctx.Done()} in a select beside
 * each step's {@code time.After}; another goroutine cancels the context after five steps' worth
 * of time. The fifth step's timer and the cancellation fall due at the same moment, so — in Go as
 * here — the task stops at step 5 or step 6. Durations are Go's.
 */
public final class Cancellation {

    private Cancellation() {
    }

    static RecvChan<String> tarea(Context ctx) {              // func tarea(ctx context.Context) <-chan string {
        Chan<String> resultados = Chan.make();                //     resultados := make(chan string)

        Go.go(() -> {                                         //     go func() {
            try {                                             //         defer close(resultados)
                for (int i = 1; i <= 10; i++) {               //         for i := 1; i <= 10; i++ {
                    int paso = i;
                    boolean cancelada = Select.select(        //             select {
                            recv(ctx.done(), x -> {           //             case <-ctx.Done():
                                resultados.send(String.format("Tarea cancelada en el paso %d: %s", paso, ctx.err()));
                                return true;                  //                 return
                            }),
                            recv(Time.after(Duration.ofMillis(200)), t -> { // case <-time.After(200 * time.Millisecond):
                                resultados.send(String.format("Paso %d completado", paso));
                                return false;
                            }));
                    if (cancelada) {
                        return;
                    }
                }

                resultados.send("Tarea completada con éxito"); //        resultados <- "Tarea completada con éxito"
            } finally {
                resultados.close();
            }
        });                                                   //     }()

        return resultados;                                    //     return resultados
    }

    /** Go's {@code func main()}. */
    public static void main(PrintStream out) {
        CancelContext ctx = Context.withCancel(Context.background()); // ctx, cancelar := context.WithCancel(context.Background())

        RecvChan<String> resultados = tarea(ctx);             // resultados := tarea(ctx)

        Go.go(() -> {                                         // go func() {
            Time.sleep(Duration.ofSeconds(1));                 //     time.Sleep(1 * time.Second)
            out.println("Solicitando cancelación...");        //     fmt.Println("Solicitando cancelación...")
            ctx.cancel();                                     //     cancelar()
        });                                                   // }()

        for (String resultado : resultados) {                 // for resultado := range resultados {
            out.println(resultado);                           //     fmt.Println(resultado)
        }
    }
}
