package io.go4j;

/**
 * A Go fatal error: a misuse that Go's runtime does not let a program recover from, such as
 * {@code fatal error: sync: unlock of unlocked mutex}.
 *
 * <p>Go equivalent: the runtime's {@code fatal(msg)} / {@code throw(msg)}, which print
 * {@code fatal error: msg} and end the process with status 2, whatever {@code recover} the
 * program has. In Java it is an {@link Error}, not an exception: {@code catch (Exception e)} and
 * {@code catch (RuntimeException e)} — go4j's {@code recover} — do not catch it. Under
 * {@link Go#main} it ends the program with Go's report and status 2, as in Go.
 * {@link #getMessage()} is Go's text without the {@code fatal error: } prefix;
 * {@link #toString()} has the prefix.
 */
public final class FatalError extends Error {

    private static final long serialVersionUID = 1L;

    public FatalError(String message) {
        super(message);
    }

    @Override
    public String toString() {
        return "fatal error: " + getMessage();
    }
}
