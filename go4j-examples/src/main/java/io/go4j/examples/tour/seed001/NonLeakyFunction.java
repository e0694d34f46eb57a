package io.go4j.examples.tour.seed001;

import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.Select;
import io.go4j.context.CancelContext;
import io.go4j.context.Context;
import io.go4j.runtime.GoRuntime;
import io.go4j.time.Time;

import java.io.PrintStream;
import java.time.Duration;

import static io.go4j.Case.recv;
import static io.go4j.Case.send;

/**
 * Seed 001, "Evitar Goroutine Leaks", the good half: {@code nonLeakyFunction}'s goroutine also
 * selects on {@code ctx.Done()}, and the deferred {@code cancel()} ends it when the function
 * returns. The program then waits until the goroutine count is back where it was and says so.
 */
public final class NonLeakyFunction {

    private NonLeakyFunction() {
    }

    /** Go's {@code nonLeakyFunction()}. */
    static void nonLeakyFunction(PrintStream out) {
        // ctx, cancel := context.WithCancel(context.Background()); defer cancel()
        try (CancelContext ctx = Context.withCancel(Context.background())) {
            Chan<Integer> ch = Chan.make();                     // ch := make(chan int)
            Go.go(() -> {                                       // go func() {
                try {
                    for (int i = 0; ; i++) {                    //     for i := 0; ; i++ {
                        boolean stop = Select.select(           //         select {
                                recv(ctx.done(), x -> true),    //         case <-ctx.Done(): return
                                send(ch, i, () -> false));      //         case ch <- i:
                        if (stop) {
                            return;
                        }
                    }
                } finally {
                    ch.close();                                 //     defer close(ch)
                }
            });                                                 // }()

            out.println(ch.recv());                             // fmt.Println(<-ch)
        }                                                       // cancel() ends the goroutine
    }

    /** Calls {@code nonLeakyFunction}, then shows that its goroutine has ended. */
    public static void main(PrintStream out) {
        int before = GoRuntime.numGoroutine();                  // runtime.NumGoroutine()
        nonLeakyFunction(out);                                  // nonLeakyFunction()

        while (GoRuntime.numGoroutine() > before) {             // the goroutine is on its way out
            Time.sleep(Duration.ofMillis(1));
        }
        out.printf("Goroutines filtradas: %d%n", GoRuntime.numGoroutine() - before);
    }
}
