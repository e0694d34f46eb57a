package io.go4j.examples.tour.seed002;

import io.go4j.Chan;
import io.go4j.sync.WaitGroup;

import java.io.PrintStream;
import java.util.List;

/**
 * Seed 002, "Broadcasting": the same message to several workers, in the two ways of the talk the
 * seed links (Bryan C. Mills, "Rethinking Classical Concurrency Patterns"): closing a channel
 * wakes every receiver at once — the start signal — and a message for all is sent on each
 * worker's own channel. Each worker prints, in order, that it started and the two messages.
 */
public final class Broadcast {

    private Broadcast() {
    }

    /** Go's {@code main}. */
    public static void main(PrintStream out) {
        Chan<Void> start = Chan.make();                         // start := make(chan struct{})
        List<Chan<String>> inboxes = List.of(Chan.make(), Chan.make(), Chan.make()); // inboxes := []chan string{...}
        WaitGroup wg = new WaitGroup();                         // var wg sync.WaitGroup
        for (int i = 0; i < inboxes.size(); i++) {              // for i, inbox := range inboxes {
            int id = i;
            Chan<String> inbox = inboxes.get(i);
            wg.go(() -> {                                       //     wg.Go(func() {
                start.recv();                                   //         <-start
                out.printf("worker %d: arrancado%n", id);
                for (String msg : inbox) {                      //         for msg := range inbox {
                    out.printf("worker %d recibió \"%s\"%n", id, msg); // fmt.Printf("worker %d recibió %q\n", i, msg)
                }
            });                                                 //     })
        }

        start.close();                                          // close(start): every receiver wakes up
        for (String msg : List.of("hola", "adiós")) {           // for _, msg := range []string{"hola", "adiós"} {
            for (Chan<String> inbox : inboxes) {                //     for _, inbox := range inboxes {
                inbox.send(msg);                                //         inbox <- msg
            }
        }
        for (Chan<String> inbox : inboxes) {                    // for _, inbox := range inboxes {
            inbox.close();                                      //     close(inbox)
        }
        wg.await();                                             // wg.Wait()
    }
}
