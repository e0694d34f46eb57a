package io.go4j.examples.tour.seed000;

import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.Select;
import io.go4j.context.CancelContext;
import io.go4j.context.Context;
import io.go4j.context.ContextException;
import io.go4j.time.Time;

import java.io.PrintStream;
import java.time.Duration;

import static io.go4j.Case.recv;

/**
 * Seed 000, "Patrón de Timeout": a slow operation (2 units) raced against a context with a
 * 1-unit timeout; the caller gets Go's {@code context deadline exceeded}. Durations are a tenth
 * of Go's.
 *
 * <p>One departure: Go's {@code resultadoCh} is unbuffered, so the worker goroutine stays blocked
 * for ever after the timeout — a leak Go's program hides by exiting. Here it has room for one
 * value, so the late worker can finish; the output is the same.
 */
public final class TimeoutPattern {

    private TimeoutPattern() {
    }

    /** Go's {@code (string, error)}: a result or an error. */
    record Resultado(String valor, ContextException err) {
    }

    static Resultado operacionLenta(Context ctx) {            // func operacionLenta(ctx context.Context) (string, error) {
        Chan<String> resultadoCh = Chan.make(1);              //     resultadoCh := make(chan string) — buffered here, see above

        Go.go(() -> {                                         //     go func() {
            Time.sleep(Duration.ofMillis(200));               //         time.Sleep(2 * time.Second)
            resultadoCh.send("Operación completada");         //         resultadoCh <- "Operación completada"
        });                                                   //     }()

        return Select.select(                                 //     select {
                recv(resultadoCh, resultado ->                //     case resultado := <-resultadoCh:
                        new Resultado(resultado, null)),      //         return resultado, nil
                recv(ctx.done(), x ->                         //     case <-ctx.Done():
                        new Resultado("", ctx.err())));       //         return "", ctx.Err()
    }

    /** Go's {@code func main()}. */
    public static void main(PrintStream out) {
        try (CancelContext ctx = Context.withTimeout(Context.background(), Duration.ofMillis(100))) {
            // ctx, cancelar := context.WithTimeout(context.Background(), 1*time.Second); defer cancelar()
            Resultado r = operacionLenta(ctx);                // resultado, err := operacionLenta(ctx)
            if (r.err() != null) {                            // if err != nil {
                out.println("Error: " + r.err());             //     fmt.Println("Error:", err)
            } else {
                out.println(r.valor());                       //     fmt.Println(resultado)
            }
        }
    }
}
