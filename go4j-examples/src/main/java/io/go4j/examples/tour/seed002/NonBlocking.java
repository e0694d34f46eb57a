package io.go4j.examples.tour.seed002;

import io.go4j.Chan;
import io.go4j.Select;

import java.io.PrintStream;

import static io.go4j.Case.onDefault;
import static io.go4j.Case.onRecv;
import static io.go4j.Case.onSend;

/**
 * Seed 002, "Operaciones sin bloqueo": Go by Example's non-blocking channel operations, which the
 * seed links and quotes — a {@code select} with a {@code default} receives, sends or picks among
 * several channels without waiting. Nobody is on the other side, so all three take the default.
 */
public final class NonBlocking {

    private NonBlocking() {
    }

    /** Go's {@code main}. */
    public static void main(PrintStream out) {
        Chan<String> messages = Chan.make();                    // messages := make(chan string)
        Chan<Boolean> signals = Chan.make();                    // signals := make(chan bool)

        Select.select(                                          // select {
                onRecv(messages, msg -> out.println("received message " + msg)), // case msg := <-messages:
                onDefault(() -> out.println("no message received")));            // default:

        String msg = "hi";                                      // msg := "hi"
        Select.select(                                          // select {
                onSend(messages, msg, () -> out.println("sent message " + msg)), // case messages <- msg:
                onDefault(() -> out.println("no message sent")));                // default:

        Select.select(                                          // select {
                onRecv(messages, m -> out.println("received message " + m)),    // case msg := <-messages:
                onRecv(signals, sig -> out.println("received signal " + sig)),   // case sig := <-signals:
                onDefault(() -> out.println("no activity")));                    // default:
    }
}
