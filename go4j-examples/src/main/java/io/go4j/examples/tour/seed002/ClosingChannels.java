package io.go4j.examples.tour.seed002;

import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.Recv;

import java.io.PrintStream;

/**
 * Seed 002, "Cerrar un canal": Go by Example's closing channels, which the seed links — the
 * sender closes {@code jobs} when it has no more; the worker learns it from
 * {@code j, more := <-jobs} and signals {@code done}. The worker's lines and main's interleave
 * freely; each side's own lines keep their order.
 */
public final class ClosingChannels {

    private ClosingChannels() {
    }

    /** Go's {@code main}. */
    public static void main(PrintStream out) {
        Chan<Integer> jobs = Chan.make(5);                      // jobs := make(chan int, 5)
        Chan<Boolean> done = Chan.make();                       // done := make(chan bool)

        Go.go(() -> {                                           // go func() {
            for (;;) {                                          //     for {
                Recv<Integer> r = jobs.recvOk();                //         j, more := <-jobs
                if (r.ok()) {                                   //         if more {
                    out.println("received job " + r.value());   //             fmt.Println("received job", j)
                } else {
                    out.println("received all jobs");           //             fmt.Println("received all jobs")
                    done.send(true);                            //             done <- true
                    return;                                     //             return
                }
            }
        });                                                     // }()

        for (int j = 1; j <= 3; j++) {                          // for j := 1; j <= 3; j++ {
            jobs.send(j);                                       //     jobs <- j
            out.println("sent job " + j);                       //     fmt.Println("sent job", j)
        }
        jobs.close();                                           // close(jobs)
        out.println("sent all jobs");                           // fmt.Println("sent all jobs")

        done.recv();                                            // <-done

        boolean ok = jobs.recvOk().ok();                        // _, ok := <-jobs
        out.println("received more jobs: " + ok);               // fmt.Println("received more jobs:", ok)
    }
}
