package io.go4j.examples.tour.seed002;

import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.Select;
import io.go4j.SendChan;
import io.go4j.time.Time;

import java.io.PrintStream;
import java.time.Duration;

import static io.go4j.Case.onRecv;

/**
 * Seed 002, "Timeout": wait for a job's link, or give up after a while
 * ({@code case <-time.After(2 * time.Second)}). The program runs the seed's select twice: a
 * job done in 10 ms prints its link; a job of 300 ms loses to the 200 ms timeout (the seed's
 * 2 s divided by 10) and prints {@code Mucho tiempo esperando} — with no newline, as the seed's
 * {@code Printf} has none. Departure: {@code link_chan} is buffered for one, so that the late
 * job's send does not block for ever once nobody waits (with the seed's unbuffered channel
 * that goroutine leaks).
 */
public final class TimeoutProgram {

    private TimeoutProgram() {
    }

    /** The seed's {@code wait_for_success(jid, link_chan)}, which it does not show: a job that takes {@code work}. */
    static void waitForSuccess(String jid, Duration work, SendChan<String> linkChan) {
        Time.sleep(work);
        linkChan.send("https://example.com/jobs/" + jid);
    }

    /** The seed's snippet, for one job. */
    static void await(PrintStream out, String jid, Duration work) {
        Chan<String> linkChan = Chan.make(1);                   // link_chan := make(chan string) (buffered: see above)
        Go.go(() -> waitForSuccess(jid, work, linkChan));       // go wait_for_success(body_json.Jid, link_chan)
        Select.select(                                          // select {
                onRecv(linkChan, link -> out.printf("Link: %s%n", link)), // case link := <-link_chan: fmt.Printf("Link: %v\n", link)
                onRecv(Time.after(Duration.ofMillis(200)),      // case <-time.After(2 * time.Second):
                        t -> out.printf("Mucho tiempo esperando"))); //    fmt.Printf("Mucho tiempo esperando")
    }

    /** A fast job, then a slow one. */
    public static void main(PrintStream out) {
        await(out, "42", Duration.ofMillis(10));
        await(out, "43", Duration.ofMillis(300));
    }
}
