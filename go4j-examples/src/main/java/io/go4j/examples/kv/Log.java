package io.go4j.examples.kv;

import java.io.PrintStream;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The server's log: Go's {@code log.Printf}, one line per call prefixed with the local date and
 * time ({@code 2009/11/10 23:00:00 }), handed whole to its sink (lines of concurrent goroutines
 * never mix). Go's {@code log} writes to standard error; so does {@link KvCommand}.
 */
public final class Log {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss ");

    private final Consumer<String> sink; // must be safe for use by many threads

    /** A log that prints to {@code out} (a PrintStream locks itself for each line). */
    public Log(PrintStream out) {
        this(out::println);
    }

    /** A log that hands each line to {@code sink}, which many goroutines may call at once. */
    public Log(Consumer<String> sink) {
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    /** A log that writes nothing. */
    public static Log discard() {
        return new Log(line -> { });
    }

    /** Go: {@code log.Printf(format, args...)}. */
    public void printf(String format, Object... args) {
        sink.accept(STAMP.format(LocalDateTime.now()) + String.format(format, args));
    }
}
