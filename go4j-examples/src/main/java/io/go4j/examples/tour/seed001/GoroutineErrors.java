package io.go4j.examples.tour.seed001;

import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.RecvChan;
import io.go4j.time.Time;

import java.io.PrintStream;
import java.time.Duration;

/**
 * Seed 001, "Propagación de Errores en Goroutines": a goroutine's error travels in its result
 * ({@code Result{Value, Err}}) through a channel buffered for one. Jobs 0, 3, 6 and 9 fail;
 * the others give twice their number after 10 ms (the seed's 100 ms divided by 10).
 */
public final class GoroutineErrors {

    private GoroutineErrors() {
    }

    /** Go's {@code type Result struct { Value interface{}; Err error }}. */
    record Result(Object value, Exception err) {
    }

    /** Go's {@code func worker(job int) <-chan Result}. */
    static RecvChan<Result> worker(int job) {
        Chan<Result> resultChan = Chan.make(1);                 // resultChan := make(chan Result, 1)
        Go.go(() -> {                                           // go func() {
            try {
                if (job % 3 == 0) {                             //     if job%3 == 0 {
                    // resultChan <- Result{Err: fmt.Errorf("error en trabajo %d", job)}
                    resultChan.send(new Result(null, new Exception(String.format("error en trabajo %d", job))));
                    return;
                }
                Time.sleep(Duration.ofMillis(10));              //     time.Sleep(100 * time.Millisecond)
                resultChan.send(new Result(job * 2, null));     //     resultChan <- Result{Value: job * 2}
            } finally {
                resultChan.close();                             //     defer close(resultChan)
            }
        });
        return resultChan;
    }

    /** Go's {@code main}. */
    public static void main(PrintStream out) {
        for (int i = 0; i < 10; i++) {                          // for i := 0; i < 10; i++ {
            Result result = worker(i).recv();                   //     result := <-worker(i)
            if (result.err() != null) {                         //     if result.Err != nil {
                out.printf("Error: %s%n", result.err().getMessage()); // fmt.Printf("Error: %v\n", result.Err)
            } else {
                out.printf("Valor: %s%n", result.value());      //     fmt.Printf("Valor: %v\n", result.Value)
            }
        }
    }
}
