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
import static io.go4j.Case.otherwise;

/**
 * Seed 000, "Contexto con Cancelación": a five-step operation polls {@code ctx.Done()} with a
 * non-blocking select (a {@code default} case) before each step; cancelled after 2.5 steps' worth
 * of time, it finishes step 3 and stops before step 4. Durations are Go's.
 */
public final class ContextCancel {

    private ContextCancel() {
    }

    static RecvChan<String> operacionLarga(Context ctx) {     // func operacionLarga(ctx context.Context) <-chan string {
        Chan<String> resultados = Chan.make();                //     resultados := make(chan string)

        Go.go(() -> {                                         //     go func() {
            try {                                             //         defer close(resultados)
                for (int i = 1; i <= 5; i++) {                //         for i := 1; i <= 5; i++ {
                    int paso = i;
                    boolean cancelada = Select.select(        //             select {
                            recv(ctx.done(), x -> {           //             case <-ctx.Done():
                                resultados.send(String.format("Cancelado en paso %d: %s", paso, ctx.err()));
                                return true;                  //                 return
                            }),
                            otherwise(() -> false));          //             default: // Continuar con el trabajo
                    if (cancelada) {
                        return;
                    }

                    Time.sleep(Duration.ofMillis(200));        //             time.Sleep(200 * time.Millisecond)
                    resultados.send(String.format("Paso %d completado", paso)); // resultados <- fmt.Sprintf("Paso %d completado", i)
                }

                resultados.send("Operación completada con éxito"); //    resultados <- "Operación completada con éxito"
            } finally {
                resultados.close();
            }
        });                                                   //     }()

        return resultados;                                    //     return resultados
    }

    /** Go's {@code func main()}. */
    public static void main(PrintStream out) {
        CancelContext ctx = Context.withCancel(Context.background()); // ctx, cancelar := context.WithCancel(context.Background())

        RecvChan<String> resultados = operacionLarga(ctx);    // resultados := operacionLarga(ctx)

        Go.go(() -> {                                         // go func() {
            Time.sleep(Duration.ofMillis(500));                //     time.Sleep(500 * time.Millisecond)
            out.println("Solicitando cancelación...");        //     fmt.Println("Solicitando cancelación...")
            ctx.cancel();                                     //     cancelar()
        });                                                   // }()

        for (String resultado : resultados) {                 // for resultado := range resultados {
            out.println(resultado);                           //     fmt.Println(resultado)
        }
    }
}
