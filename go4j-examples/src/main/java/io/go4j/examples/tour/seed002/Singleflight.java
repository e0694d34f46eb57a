package io.go4j.examples.tour.seed002;

import io.go4j.Go;
import io.go4j.sync.WaitGroup;
import io.go4j.time.Time;
import io.go4j.x.singleflight.Group;
import io.go4j.x.singleflight.Result;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Seed 002, "Singleflight": five goroutines ask for the same key at once; the function runs
 * once, and all five get its result, marked shared. Once it has returned, the key is free: the
 * next call runs the function again. The seed's own example (singleflight.go) is not in it;
 * this one does what its text says.
 */
public final class Singleflight {

    private Singleflight() {
    }

    /** Go's {@code main}. */
    public static void main(PrintStream out) {
        Group<String, String> g = new Group<>();                // var g singleflight.Group
        AtomicInteger calls = new AtomicInteger();              // var calls atomic.Int32
        Callable<String> fetch = () -> {                        // fetch := func() (interface{}, error) {
            calls.incrementAndGet();                            //     calls.Add(1)
            Time.sleep(Duration.ofMillis(100));                 //     time.Sleep(100 * time.Millisecond)
            return "datos";                                     //     return "datos", nil
        };

        WaitGroup wg = new WaitGroup();                         // var wg sync.WaitGroup
        for (int i = 0; i < 5; i++) {                           // for i := 0; i < 5; i++ {
            wg.add(1);                                          //     wg.Add(1)
            int id = i;
            Go.go(() -> {                                       //     go func(i int) {
                try {                                           //         defer wg.Done()
                    Result<String> r = g.run("clave", fetch);   //         v, err, shared := g.Do("clave", fetch)
                    out.printf("goroutine %d: v=%s err=%s shared=%s%n", id, r.val(),
                            r.err() == null ? "<nil>" : r.err().getMessage(), r.shared());
                } finally {
                    wg.done();
                }
            });                                                 //     }(i)
        }
        wg.await();                                             // wg.Wait()
        out.println("ejecuciones de la función: " + calls.get()); // fmt.Println("ejecuciones de la función:", calls.Load())

        Result<String> r = g.run("clave", fetch);               // v, _, shared := g.Do("clave", fetch)
        out.println("otra vez: v=" + r.val() + " shared=" + r.shared() + "; ejecuciones: " + calls.get());
    }
}
