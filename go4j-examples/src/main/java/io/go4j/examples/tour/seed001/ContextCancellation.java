package io.go4j.examples.tour.seed001;

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
import static io.go4j.Case.send;

/**
 * Seed 001, "Cancelación con Context": a worker that sends 0, 1, 2 ... until its context is
 * done, then prints why ({@code ctx.Err()}) and closes its channel. The seed uses it twice,
 * {@link #manualCancellation} (cancel after five values) and {@link #timeoutCancellation}
 * (a 500 ms timeout); each is a program of the tour. Durations are the seed's divided by 10.
 */
public final class ContextCancellation {

    private ContextCancellation() {
    }

    /** Go's {@code func worker(ctx context.Context) <-chan int}. */
    static RecvChan<Integer> worker(PrintStream stdout, Context ctx) {
        Chan<Integer> out = Chan.make();                        // out := make(chan int)
        Go.go(() -> {                                           // go func() {
            try {
                for (int i = 0; ; i++) {                        //     for i := 0; ; i++ {
                    boolean stop = Select.select(               //         select {
                            recv(ctx.done(), x -> {             //         case <-ctx.Done():
                                stdout.println("Worker cancelado: " + ctx.err()); // fmt.Println("Worker cancelado:", ctx.Err())
                                return true;                    //             return
                            }),
                            send(out, i, () -> {                //         case out <- i:
                                Time.sleep(Duration.ofMillis(10)); //         time.Sleep(100 * time.Millisecond)
                                return false;
                            }));
                    if (stop) {
                        return;
                    }
                }
            } finally {
                out.close();                                    //     defer close(out)
            }
        });
        return out;
    }

    /** Go's {@code manualCancellation()}: prints 0 to 4, then {@code Worker cancelado: context canceled}. */
    public static void manualCancellation(PrintStream out) {
        try (CancelContext ctx = Context.withCancel(Context.background())) { // ctx, cancel := context.WithCancel(...); defer cancel()
            RecvChan<Integer> results = worker(out, ctx);       // results := worker(ctx)

            for (int i = 0; i < 5; i++) {                       // for i := 0; i < 5; i++ {
                out.println(results.recv());                    //     fmt.Println(<-results)
            }

            ctx.cancel();                                       // cancel()

            Time.sleep(Duration.ofMillis(20));                  // time.Sleep(200 * time.Millisecond)
        }
    }

    /**
     * Go's {@code timeoutCancellation()}: prints 0, 1, 2 ... for 50 ms, then
     * {@code Worker cancelado: context deadline exceeded}. Once the deadline has passed, both
     * cases of the worker's select are ready whenever main waits to receive, and Go's select
     * picks either at random: each turn may print one value more before the worker stops.
     */
    public static void timeoutCancellation(PrintStream out) {
        // ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond); defer cancel()
        try (CancelContext ctx = Context.withTimeout(Context.background(), Duration.ofMillis(50))) {
            RecvChan<Integer> results = worker(out, ctx);       // results := worker(ctx)

            for (int result : results) {                        // for result := range results {
                out.println(result);                            //     fmt.Println(result)
            }
        }
    }
}
