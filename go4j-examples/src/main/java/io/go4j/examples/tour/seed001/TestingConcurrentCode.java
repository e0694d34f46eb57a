package io.go4j.examples.tour.seed001;

import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.RecvChan;
import io.go4j.Select;
import io.go4j.time.Time;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static io.go4j.Case.onRecv;
import static io.go4j.Case.onRecvOk;
import static io.go4j.Case.recv;
import static io.go4j.Case.recvOk;

/**
 * Seed 001, "Pruebas de Código Concurrente": {@code ProcessItems} and its two tests, run as
 * {@code go test -v} runs them, with a small stand-in for {@code *testing.T} ({@link T}) and
 * {@code go test -v}'s report: {@code === RUN}, {@code --- PASS: Name (0.00s)}, {@code PASS}.
 * The same tests, as JUnit tests, are in the tour's Seed001Test.
 */
public final class TestingConcurrentCode {

    private TestingConcurrentCode() {
    }

    /** Go's {@code func ProcessItems(items []int) <-chan int}. */
    public static RecvChan<Integer> processItems(int... items) {
        Chan<Integer> results = Chan.make();                    // results := make(chan int)

        Go.go(() -> {                                           // go func() {
            try {
                for (int item : items) {                        //     for _, item := range items {
                    results.send(item * 2);                     //         results <- item * 2
                }
            } finally {
                results.close();                                //     defer close(results)
            }
        });
        return results;
    }

    /** The part of Go's {@code *testing.T} these tests use. */
    static final class T {
        final List<String> log = new ArrayList<>();
        boolean failed;

        /** Go's {@code t.Errorf}: records a failure and goes on. */
        void errorf(String format, Object... args) {
            log.add(String.format(format, args));
            failed = true;
        }

        /** Go's {@code t.Error}. */
        void error(String msg) {
            errorf("%s", msg);
        }

        /** Go's {@code t.Fatal}: records a failure and ends the test ({@code runtime.Goexit} in Go). */
        void fatal(String msg) {
            errorf("%s", msg);
            throw new FailNow();
        }
    }

    /** Ends a test after {@code t.Fatal}. */
    static final class FailNow extends RuntimeException {
        private static final long serialVersionUID = 1L;

        FailNow() {
            super(null, null, false, false);
        }
    }

    /** Go's {@code func TestProcessItems(t *testing.T)}. */
    static void testProcessItems(T t) {
        int[] items = {1, 2, 3, 4, 5};                          // items := []int{1, 2, 3, 4, 5}
        int[] expected = {2, 4, 6, 8, 10};                      // expected := []int{2, 4, 6, 8, 10}

        RecvChan<Integer> resultChan = processItems(items);     // resultChan := ProcessItems(items)

        List<Integer> results = new ArrayList<>();              // var results []int
        for (int r : resultChan) {                              // for r := range resultChan {
            results.add(r);                                     //     results = append(results, r)
        }

        if (results.size() != expected.length) {                // if len(results) != len(expected) {
            t.errorf("Expected %d results, got %d", expected.length, results.size());
        }

        for (int i = 0; i < results.size(); i++) {              // for i, v := range results {
            int v = results.get(i);
            if (v != expected[i]) {                             //     if v != expected[i] {
                t.errorf("Result %d: expected %d, got %d", i, expected[i], v);
            }
        }
    }

    /** Go's {@code func TestProcessItemsWithTimeout(t *testing.T)}. */
    static void testProcessItemsWithTimeout(T t) {
        int[] items = {1, 2, 3, 4, 5};                          // items := []int{1, 2, 3, 4, 5}
        RecvChan<Integer> resultChan = processItems(items);     // resultChan := ProcessItems(items)

        RecvChan<Instant> timeout = Time.after(Duration.ofSeconds(1)); // timeout := time.After(1 * time.Second)
        int count = 0;                                          // count := 0

        while (count < items.length) {                          // for count < len(items) {
            boolean got = Select.select(                        //     select {
                    recvOk(resultChan, (v, ok) -> { // case _, ok := <-resultChan:
                        if (!ok) {
                            t.fatal("Channel closed prematurely");
                        }
                        return true;                            //     count++
                    }),
                    recv(timeout, x -> {           // case <-timeout:
                        t.fatal("Test timed out");
                        return false;
                    }));
            if (got) {
                count++;
            }
        }

        Select.select(                                          // select {
                onRecvOk(resultChan, (v, ok) -> {               // case _, ok := <-resultChan:
                    if (ok) {
                        t.error("Channel should be closed");
                    }
                }),
                onRecv(timeout, x -> t.fatal("Test timed out waiting for channel to close"))); // case <-timeout:
    }

    /** One test as {@code go test -v} runs it. */
    private static boolean run(PrintStream out, String name, java.util.function.Consumer<T> test) {
        out.println("=== RUN   " + name);
        T t = new T();
        Instant start = Time.now();
        try {
            test.accept(t);
        } catch (FailNow e) {
            // t.Fatal ended the test
        }
        double secs = Time.since(start).toNanos() / 1e9;
        out.printf(Locale.ROOT, "--- %s: %s (%.2fs)%n", t.failed ? "FAIL" : "PASS", name, secs);
        for (String line : t.log) {
            out.println("    " + line);
        }
        return !t.failed;
    }

    /** {@code go test -v}: runs both tests and prints the report. */
    public static void main(PrintStream out) {
        boolean ok = run(out, "TestProcessItems", TestingConcurrentCode::testProcessItems);
        ok &= run(out, "TestProcessItemsWithTimeout", TestingConcurrentCode::testProcessItemsWithTimeout);
        out.println(ok ? "PASS" : "FAIL");
    }
}
