package io.go4j.examples.etl;

/**
 * A malformed input record, skipped: the line it starts on (1-based; the header is line 1) and
 * what is wrong. {@link #toString()} is the text the command line prints, e.g.
 * {@code line 7: quantity "x": not an integer}, or Go's {@code encoding/csv} text for a record
 * that is not valid CSV ({@code parse error on line 3, column 5: bare " in non-quoted-field}).
 */
public record LineError(long line, String message) {

    @Override
    public String toString() {
        return message;
    }

    static LineError field(long line, String what) {
        return new LineError(line, "line " + line + ": " + what);
    }
}
