package io.go4j.examples.tour.seed001;

import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.sync.WaitGroup;
import io.go4j.time.Time;

import java.io.PrintStream;
import java.time.Duration;

/**
 * Seed 001, "El patrón Semáforo": a buffered channel of capacity 3 as a counting semaphore —
 * a send acquires a slot, a receive releases it — so that at most three of the ten workers run
 * at once. Each worker's work takes 100 ms (the seed's second divided by 10).
 */
public final class Semaphore {

    private Semaphore() {
    }

    /** Go's {@code type Semaphore chan struct{}}. */
    record Sem(Chan<Void> ch) {

        /** Go's {@code NewSemaphore(maxConcurrency)}: {@code make(Semaphore, maxConcurrency)}. */
        static Sem newSemaphore(int maxConcurrency) {
            return new Sem(Chan.make(maxConcurrency));
        }

        /** Go's {@code s <- struct{}{}}. */
        void acquire() {
            ch.send(null);
        }

        /** Go's {@code <-s}. */
        void release() {
            ch.recv();
        }
    }

    /** Go's {@code main}. */
    public static void main(PrintStream out) {
        Sem sem = Sem.newSemaphore(3);                          // sem := NewSemaphore(3)
        WaitGroup wg = new WaitGroup();                         // var wg sync.WaitGroup

        for (int i = 0; i < 10; i++) {                          // for i := 0; i < 10; i++ {
            wg.add(1);                                          //     wg.Add(1)
            int id = i;
            Go.go(() -> {                                       //     go func(id int) {
                try {                                           //         defer wg.Done()
                    sem.acquire();                              //         sem.Acquire()
                    try {                                       //         defer sem.Release()
                        out.printf("Worker %d iniciado%n", id);
                        Time.sleep(Duration.ofMillis(100));     //         time.Sleep(1 * time.Second)
                        out.printf("Worker %d finalizado%n", id);
                    } finally {
                        sem.release();
                    }
                } finally {
                    wg.done();
                }
            });                                                 //     }(i)
        }

        wg.await();                                             // wg.Wait()
    }
}
