package io.go4j.examples.tour.seed001;

import io.go4j.Go;
import io.go4j.sync.Cond;
import io.go4j.sync.Mutex;
import io.go4j.sync.WaitGroup;
import io.go4j.time.Time;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Seed 001, "Barreras de Sincronización": a reusable barrier made of a Mutex and a Cond; five
 * workers go through three phases, and no worker passes a barrier before all five have reached
 * it. Each phase's work is a random sleep under 100 ms (the seed's second divided by 10).
 */
public final class Barrier {

    private Barrier() {
    }

    /** Go's {@code type Barrier struct { count int; mutex sync.Mutex; cond *sync.Cond; threshold int }}. */
    static final class B {
        private int count;
        private final Mutex mutex = new Mutex();
        private final Cond cond;
        private final int threshold;

        /** Go's {@code NewBarrier(threshold)}. */
        B(int threshold) {
            this.threshold = threshold;
            this.cond = new Cond(mutex);                        // b.cond = sync.NewCond(&b.mutex)
        }

        /** Go's {@code (b *Barrier) Wait()}. */
        void await() {
            mutex.lock();                                       // b.mutex.Lock()
            try {                                               // defer b.mutex.Unlock()
                count++;                                        // b.count++
                if (count == threshold) {                       // if b.count == b.threshold {
                    count = 0;                                  //     b.count = 0
                    cond.broadcast();                           //     b.cond.Broadcast()
                    return;                                     //     return
                }
                cond.await();                                   // b.cond.Wait()
            } finally {
                mutex.unlock();
            }
        }
    }

    /** Go's {@code time.Sleep(time.Duration(rand.Intn(1000)) * time.Millisecond)}, divided by 10. */
    private static void randomSleep() {
        Time.sleep(Duration.ofMillis(ThreadLocalRandom.current().nextInt(100)));
    }

    /** Go's {@code main}. */
    public static void main(PrintStream out) {
        int numWorkers = 5;                                     // numWorkers := 5
        B barrier = new B(numWorkers);                          // barrier := NewBarrier(numWorkers)
        WaitGroup wg = new WaitGroup();                         // var wg sync.WaitGroup
        wg.add(numWorkers);                                     // wg.Add(numWorkers)

        for (int i = 0; i < numWorkers; i++) {                  // for i := 0; i < numWorkers; i++ {
            int id = i;
            Go.go(() -> {                                       //     go func(id int) {
                try {                                           //         defer wg.Done()
                    out.printf("Worker %d completando fase 1%n", id);
                    randomSleep();

                    out.printf("Worker %d esperando en barrera 1%n", id);
                    barrier.await();                            //         barrier.Wait()
                    out.printf("Worker %d pasó barrera 1%n", id);

                    out.printf("Worker %d completando fase 2%n", id);
                    randomSleep();

                    out.printf("Worker %d esperando en barrera 2%n", id);
                    barrier.await();                            //         barrier.Wait()
                    out.printf("Worker %d pasó barrera 2%n", id);

                    out.printf("Worker %d completando fase 3%n", id);
                } finally {
                    wg.done();
                }
            });                                                 //     }(i)
        }

        wg.await();                                             // wg.Wait()
        out.println("Todos los workers completaron todas las fases");
    }
}
