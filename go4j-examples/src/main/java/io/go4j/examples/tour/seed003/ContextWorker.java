package io.go4j.examples.tour.seed003;

import io.go4j.Go;
import io.go4j.Select;
import io.go4j.context.CancelContext;
import io.go4j.context.Context;
import io.go4j.sync.WaitGroup;
import io.go4j.time.Time;

import java.io.PrintStream;
import java.time.Duration;

import static io.go4j.Case.recv;

/**
 * Seed 003, "Porque e comos cancelamos contextos?": a worker that loops on a select until its
 * context's {@code Done()} channel is closed. The seed shows only {@code worker}; the
 * {@code main} that runs it here is go4j's own — start the worker, let it wait a moment, cancel,
 * and wait for it to return — written as the seed's other examples are. Durations are a tenth of
 * the seed's usual second.
 */
public final class ContextWorker {

    private ContextWorker() {
    }

    static void worker(PrintStream out, Context ctx) {        // func worker(ctx context.Context) {
        for (;;) {                                            //     for {
            boolean cancelled = Select.select(                //         select {
                    recv(ctx.done(), x -> {                   //         case <-ctx.Done():
                        out.println("Worker cancelled");      //             fmt.Println("Worker cancelled")
                        return true;                          //             return
                    }));
            if (cancelled) {
                return;
            }
        }
    }

    /** A {@code func main()} for the seed's {@code worker} (not in the seed). */
    public static void main(PrintStream out) {
        CancelContext ctx = Context.withCancel(Context.background()); // ctx, cancel := context.WithCancel(context.Background())
        WaitGroup wg = new WaitGroup();                       // var wg sync.WaitGroup
        wg.add(1);                                            // wg.Add(1)
        Go.go(() -> {                                         // go func() {
            try {                                             //     defer wg.Done()
                worker(out, ctx);                             //     worker(ctx)
            } finally {
                wg.done();
            }
        });                                                   // }()
        Time.sleep(Duration.ofMillis(100));                   // time.Sleep(time.Second)
        ctx.cancel();                                         // cancel()
        wg.await();                                           // wg.Wait()
    }
}
