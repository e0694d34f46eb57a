package io.go4j.runtime;

/**
 * Thrown by {@link GoRuntime#goexit()} to end the calling goroutine after its {@code finally}
 * blocks run: Go's {@code runtime.Goexit()}. An {@link Error}, so that
 * {@code catch (Exception e)} — go4j's {@code recover} — does not stop it, as Go's
 * {@code recover} returns nil during a Goexit. go4j's goroutine wrapper ends the goroutine
 * quietly when it arrives; do not catch it.
 */
public final class Goexit extends Error {

    private static final long serialVersionUID = 1L;

    Goexit() {
        super("runtime.Goexit", null, false, false);
    }
}
