package io.go4j.examples.tour.seed000;

import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.Select;
import io.go4j.context.CancelContext;
import io.go4j.context.Context;
import io.go4j.time.Time;

import java.io.PrintStream;
import java.time.Duration;

import static io.go4j.Case.onRecv;

/**
 * Seed 000, "Creación y Uso Básico" (of context): work that takes 2 units against a context with
 * a 1-unit timeout; the select sees {@code ctx.Done()} first and prints {@code ctx.Err()}.
 * Durations are a tenth of Go's.
 *
 * <p>One departure: Go's {@code trabajoCh} is unbuffered, so the worker goroutine stays blocked
 * for ever once {@code operacion} has returned — a leak Go's program hides by exiting. Here it has
 * room for one value, so the late worker can finish; the output is the same.
 */
public final class ContextBasics {

    private ContextBasics() {
    }

    static void operacion(PrintStream out, Context ctx) {     // func operacion(ctx context.Context) {
        Chan<Void> trabajoCh = Chan.make(1);                  //     trabajoCh := make(chan struct{}) — buffered here, see above

        Go.go(() -> {                                         //     go func() {
            Time.sleep(Duration.ofMillis(200));               //         time.Sleep(2 * time.Second)
            trabajoCh.send(null);                             //         trabajoCh <- struct{}{}
        });                                                   //     }()

        Select.select(                                        //     select {
                onRecv(trabajoCh, x ->                        //     case <-trabajoCh:
                        out.println("Operación completada con éxito")), // fmt.Println("Operación completada con éxito")
                onRecv(ctx.done(), x ->                       //     case <-ctx.Done():
                        out.println("Operación cancelada: " + ctx.err()))); // fmt.Println("Operación cancelada:", ctx.Err())
    }

    /** Go's {@code func main()}. */
    public static void main(PrintStream out) {
        try (CancelContext ctx = Context.withTimeout(Context.background(), Duration.ofMillis(100))) {
            // ctx, cancelar := context.WithTimeout(context.Background(), 1*time.Second); defer cancelar()
            operacion(out, ctx);                              // operacion(ctx)
        }
    }
}
