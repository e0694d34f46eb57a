package io.go4j.examples.tour.seed002;

import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.sync.Mutex;
import io.go4j.sync.WaitGroup;

import java.io.PrintStream;

/**
 * Seed 002, "Mutex": a zone only one goroutine is in at a time — 100 goroutines add 100 each
 * to a counter under {@code mu.Lock()} / {@code defer mu.Unlock()}, and the total is exactly
 * 10000. Then the seed's last note: a goroutine that Locks a locked mutex waits until it is
 * unlocked — so its line always comes after main's.
 */
public final class MutexProgram {

    private MutexProgram() {
    }

    /** The counter the goroutines share. */
    static final class Counter {
        int count;
    }

    /** Go's {@code main}. */
    public static void main(PrintStream out) {
        Mutex mu = new Mutex();                                 // var mu sync.Mutex
        Counter c = new Counter();                              // count := 0
        WaitGroup wg = new WaitGroup();                         // var wg sync.WaitGroup
        for (int i = 0; i < 100; i++) {                         // for i := 0; i < 100; i++ {
            wg.go(() -> {                                       //     wg.Go(func() {
                for (int j = 0; j < 100; j++) {                 //         for j := 0; j < 100; j++ {
                    mu.lock();                                  //             mu.Lock()
                    try {                                       //             defer mu.Unlock() (in a func)
                        c.count++;                              //             count++
                    } finally {
                        mu.unlock();
                    }
                }
            });
        }
        wg.await();                                             // wg.Wait()
        out.println("count: " + c.count);                       // fmt.Println("count:", count)

        Mutex foo = new Mutex();                                // foo := sync.Mutex{}
        foo.lock();                                             // foo.Lock()
        Chan<Void> ready = Chan.make();                         // ready := make(chan struct{})
        Chan<Void> done = Chan.make();                          // done := make(chan struct{})
        Go.go(() -> {                                           // go func() {
            ready.close();                                      //     close(ready)
            foo.lock();                                         //     foo.Lock(): waits for main's Unlock
            out.println("goroutine: Lock() ha vuelto");
            foo.unlock();                                       //     foo.Unlock()
            done.close();                                       //     close(done)
        });                                                     // }()
        ready.recv();                                           // <-ready
        out.println("main: Unlock()");
        foo.unlock();                                           // foo.Unlock()
        done.recv();                                            // <-done
    }
}
