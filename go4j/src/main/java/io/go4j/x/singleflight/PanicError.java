package io.go4j.x.singleflight;

import io.go4j.Panic;

/**
 * The error a {@link Group#runChan} caller receives when the shared call panicked (threw a
 * {@link Panic} or an {@link Error}) or ended its goroutine with {@code Goexit}: named after
 * Go's internal {@code panicError}. The throwable itself is the {@link #getCause() cause}.
 *
 * <p>Go has no such result: there a panic in a {@code DoChan} call crashes the program, and a
 * {@code Goexit} leaves the channels without a result for ever. go4j cannot end a JVM it does
 * not own, so it reports the panic as an escaping goroutine panic (fatal under
 * {@link io.go4j.Go#main}, as in Go; otherwise passed to the panic handler) <em>and</em> sends
 * this error, so that no receiver blocks for ever. {@code run} callers are not given it: they
 * rethrow the panic itself, as Go's {@code Do} callers re-panic.
 */
public final class PanicError extends Exception {

    private static final long serialVersionUID = 1L;

    /** The message of the error sent when the call ended with {@code Goexit}: Go's {@code errGoexit}. */
    public static final String GOEXIT = "runtime.Goexit was called";

    private final transient Object value;

    PanicError(Throwable panic) {
        super(panic instanceof io.go4j.runtime.Goexit ? GOEXIT : messageOf(panic), panic);
        this.value = panic instanceof Panic p ? p.value() : panic;
    }

    private static String messageOf(Throwable t) {
        return t instanceof Panic p ? String.valueOf(p.value()) : t.toString();
    }

    /**
     * The panic value: for a {@link Panic}, its {@link Panic#value()} (what Go's
     * {@code recover()} returned); otherwise the throwable itself.
     */
    public Object value() {
        return value;
    }
}
