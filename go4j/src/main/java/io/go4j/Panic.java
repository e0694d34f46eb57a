package io.go4j;

/**
 * A Go panic: a run-time error with Go's exact message, such as {@code send on closed channel}.
 *
 * <p>Go equivalent: {@code panic(v)} — and the panics Go's runtime raises on misuse
 * ({@code close of nil channel}, {@code close of closed channel}, {@code makechan: size out of
 * range}, {@code go of nil func value}). {@link #getMessage()} is Go's text, unchanged, so a
 * search for the Go message finds go4j's. Catching it is Go's {@code recover()}.
 *
 * <p>If a panic escapes a goroutine started under {@link Go#main}, the program prints Go's
 * panic report and exits with status 2, as a Go program does; see {@link Go}.
 */
public class Panic extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Object value;

    /** A panic whose value is the message itself, as Go's runtime errors are. */
    public Panic(String message) {
        super(message);
        this.value = message;
    }

    /** A panic with an arbitrary value: Go's {@code panic(v)}; the message is {@code String.valueOf(v)}. */
    public Panic(Object value, Throwable cause) {
        super(String.valueOf(value), cause);
        this.value = value;
    }

    /** The value passed to panic: what Go's {@code recover()} returns. */
    public Object value() {
        return value;
    }
}
