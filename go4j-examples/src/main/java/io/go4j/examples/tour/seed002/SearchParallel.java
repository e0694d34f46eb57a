package io.go4j.examples.tour.seed002;

import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.time.Time;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * Seed 002, "Channels" ("Para cosas en paralelo"): {@code SearchParallel} asks three searches at
 * once, each in a goroutine sending on one channel, and takes the three results in the order
 * they arrive. The searches are Rob Pike's fakes (a random wait under 10 ms, the talk's 100 ms
 * divided by 10), as the seed gives none.
 */
public final class SearchParallel {

    private SearchParallel() {
    }

    /** Go's {@code func fakeSearch(kind string) Search}. */
    static Function<String, String> fakeSearch(String kind) {
        return query -> {
            Time.sleep(Duration.ofMillis(ThreadLocalRandom.current().nextInt(10))); // time.Sleep(rand.Intn(100) ms)
            return kind + " result for \"" + query + "\"";     // fmt.Sprintf("%s result for %q", kind, query)
        };
    }

    static final Function<String, String> WEB = fakeSearch("web");     // Web   = fakeSearch("web")
    static final Function<String, String> IMAGE = fakeSearch("image"); // Image = fakeSearch("image")
    static final Function<String, String> VIDEO = fakeSearch("video"); // Video = fakeSearch("video")

    /** Go's {@code func SearchParallel(query string) ([]Result, error)}. */
    static List<String> searchParallel(String query) {
        Chan<String> c = Chan.make();                           // c := make(chan Result)
        Go.go(() -> c.send(WEB.apply(query)));                  // go func() { c <- Web(query) }()
        Go.go(() -> c.send(IMAGE.apply(query)));                // go func() { c <- Image(query) }()
        Go.go(() -> c.send(VIDEO.apply(query)));                // go func() { c <- Video(query) }()

        return List.of(c.recv(), c.recv(), c.recv());           // return []Result{<-c, <-c, <-c}, nil
    }

    /** Prints the three results, one per line. */
    public static void main(PrintStream out) {
        for (String r : searchParallel("golang")) {             // for _, r := range results {
            out.println(r);                                     //     fmt.Println(r)
        }
    }
}
