package io.go4j.examples.etl;

/**
 * Why a run of the pipeline failed and wrote nothing: the input cannot be opened or has no
 * valid header, the output cannot be written, or — under {@link Pipeline.ErrorPolicy#FAIL_FAST}
 * — the first malformed record ({@link #lineError()}). A cancelled run throws its context's
 * error instead ({@link io.go4j.context.ContextException}), as a Go function returns
 * {@code ctx.Err()}.
 */
public final class EtlException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient LineError lineError;

    EtlException(String message, Throwable cause) {
        super(message, cause);
        this.lineError = null;
    }

    EtlException(LineError lineError) {
        super(lineError.message());
        this.lineError = lineError;
    }

    /** The malformed record that stopped a fail-fast run, or null. */
    public LineError lineError() {
        return lineError;
    }
}
