package io.go4j.examples.tour.seed001;

import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.Goroutine;
import io.go4j.WaitInterruptedException;
import io.go4j.runtime.GoRuntime;

import java.io.PrintStream;

/**
 * Seed 001, "Evitar Goroutine Leaks", the bad half: {@code leakyFunction} reads one value and
 * drops the channel, leaving its goroutine blocked for ever in {@code ch <- i}. The program
 * shows the leak — one goroutine more, waiting in {@code chan send} — and then, unlike Go
 * (where nothing can free that goroutine), releases it by interrupting it, so that neither the
 * tour nor its tests keep a leaked goroutine. See {@link NonLeakyFunction} for the fix.
 */
public final class LeakyFunction {

    private LeakyFunction() {
    }

    /**
     * Go's {@code leakyFunction()}. It returns the goroutine it leaks — a handle Go does not
     * have — only so that {@link #main} can clean up after showing the leak.
     */
    static Goroutine leakyFunction(PrintStream out) {
        Chan<Integer> ch = Chan.make();                         // ch := make(chan int)
        Goroutine g = Go.go(() -> {                             // go func() {
            try {
                for (int i = 0; ; i++) {                        //     for i := 0; ; i++ {
                    ch.send(i);                                 //         ch <- i
                }
            } catch (WaitInterruptedException e) {
                // Not in Go: the tour's clean-up interrupts the send that would block for ever.
            }
        });                                                     // }()

        out.println(ch.recv());                                 // fmt.Println(<-ch)
        return g;                                               // the goroutine stays blocked for ever
    }

    /** Shows the leak, then releases the leaked goroutine. */
    public static void main(PrintStream out) throws InterruptedException {
        int before = GoRuntime.numGoroutine();                  // runtime.NumGoroutine()
        Goroutine leaked = leakyFunction(out);                  // leakyFunction()

        while (!"chan send".equals(leaked.waitReason())) {      // until it is parked in ch <- 1
            GoRuntime.gosched();                                // runtime.Gosched()
        }
        out.printf("Goroutines filtradas: %d (esperando en [%s] para siempre)%n",
                GoRuntime.numGoroutine() - before, leaked.waitReason());

        leaked.interrupt();                                     // not in Go: release the leaked goroutine
        leaked.thread().join();
        out.printf("Tras liberarla: goroutines filtradas: %d%n", GoRuntime.numGoroutine() - before);
    }
}
