package io.go4j.examples.tour.seed002;

import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.Select;
import io.go4j.sync.WaitGroup;
import io.go4j.time.Time;

import java.io.PrintStream;
import java.time.Duration;

import static io.go4j.Case.onDefault;
import static io.go4j.Case.onRecv;

/**
 * Seed 002, "Una única ejecucción": a batch job that must never run twice at once, started by
 * requests that should not queue up — the seed's "select that tries to take the element of a
 * channel of size 1, with a default in case there is nothing to take". The first request takes
 * the token and starts the batch; the next two find no token and are ignored; once the batch
 * has put the token back, a fourth request starts it again.
 */
public final class SingleExecution {

    private SingleExecution() {
    }

    /** Go's {@code main}. */
    public static void main(PrintStream out) {
        Chan<Void> token = Chan.make(1);                        // token := make(chan struct{}, 1)
        token.send(null);                                       // token <- struct{}{}
        WaitGroup wg = new WaitGroup();                         // var wg sync.WaitGroup

        java.util.function.IntConsumer startBatch = req ->      // startBatch := func(req int) {
                Select.select(                                  //     select {
                        onRecv(token, t -> {                    //     case <-token:
                            wg.add(1);                          //         wg.Add(1)
                            Go.go(() -> {                       //         go func() {
                                try {                           //             defer wg.Done()
                                    try {                       //             defer func() { token <- struct{}{} }()
                                        out.println("batch: procesando...");
                                        Time.sleep(Duration.ofMillis(50)); // time.Sleep(50 * time.Millisecond)
                                        out.println("batch: terminado");
                                    } finally {
                                        token.send(null);
                                    }
                                } finally {
                                    wg.done();
                                }
                            });                                 //         }()
                            out.printf("petición %d: batch arrancado%n", req);
                        }),
                        onDefault(() ->                         //     default:
                                out.printf("petición %d: ya hay un batch en marcha, ignorada%n", req)));

        startBatch.accept(1);                                   // startBatch(1)
        startBatch.accept(2);                                   // startBatch(2)
        startBatch.accept(3);                                   // startBatch(3)
        wg.await();                                             // wg.Wait()
        startBatch.accept(4);                                   // startBatch(4)
        wg.await();                                             // wg.Wait()
    }
}
