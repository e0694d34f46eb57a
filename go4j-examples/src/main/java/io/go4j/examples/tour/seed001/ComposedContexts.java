package io.go4j.examples.tour.seed001;

import io.go4j.Go;
import io.go4j.Select;
import io.go4j.context.CancelContext;
import io.go4j.context.Context;
import io.go4j.time.Time;

import java.io.PrintStream;
import java.time.Duration;

import static io.go4j.Case.onRecv;

/**
 * Seed 001, "Composición de Contextos": a timeout, a value and a manual cancellation stacked on
 * one context. The goroutine waits 100 ms, reads the value through the outer contexts, prints
 * {@code UserID del contexto: 123} and cancels. Durations are the seed's divided by 10.
 */
public final class ComposedContexts {

    private ComposedContexts() {
    }

    /** Go's {@code composedContexts()}. */
    public static void main(PrintStream out) {
        Context rootCtx = Context.background();                 // rootCtx := context.Background()

        // timeoutCtx, cancelTimeout := context.WithTimeout(rootCtx, 5*time.Second); defer cancelTimeout()
        try (CancelContext timeoutCtx = Context.withTimeout(rootCtx, Duration.ofMillis(500))) {

            Context valueCtx = Context.withValue(timeoutCtx, "userID", 123); // valueCtx := context.WithValue(timeoutCtx, "userID", 123)

            // finalCtx, cancelFinal := context.WithCancel(valueCtx); defer cancelFinal()
            try (CancelContext finalCtx = Context.withCancel(valueCtx)) {

                Context ctx = finalCtx;
                Go.go(() -> {                                   // go func(ctx context.Context) {
                    Select.select(                              //     select {
                            onRecv(ctx.done(), x -> {           //     case <-ctx.Done():
                                out.println("Contexto cancelado: " + ctx.err()); // fmt.Println("Contexto cancelado:", ctx.Err())
                            }),
                            onRecv(Time.after(Duration.ofMillis(100)), t -> { // case <-time.After(1 * time.Second):
                                Object userID = ctx.value("userID"); // userID := ctx.Value("userID")
                                out.println("UserID del contexto: " + userID); // fmt.Println("UserID del contexto:", userID)
                                finalCtx.cancel();              //         cancelFinal()
                            }));
                });                                             // }(finalCtx)

                Time.sleep(Duration.ofMillis(200));             // time.Sleep(2 * time.Second)
            }
        }
    }
}
