package io.go4j.context;

/**
 * The error of a context that is done: Go's {@code context.Canceled} or
 * {@code context.DeadlineExceeded}, as returned by {@link Context#err()}. Exactly two
 * instances exist, {@link Context#CANCELED} and {@link Context#DEADLINE_EXCEEDED}; compare
 * with {@code ==} as Go compares with {@code ==} or {@code errors.Is}. They carry no stack
 * trace (they are shared) and may be thrown: code that stops because its context is done
 * can {@code throw ctx.err()}.
 */
public sealed class ContextException extends RuntimeException
        permits ContextException.Canceled, ContextException.DeadlineExceeded {

    private static final long serialVersionUID = 1L;

    private ContextException(String message) {
        super(message, null, false, false);
    }

    /** Go's {@code err.Error()}: the message alone, as Go prints an error. */
    @Override
    public String toString() {
        return getMessage();
    }

    /** Go's {@code context.Canceled}: {@code context canceled}. */
    public static final class Canceled extends ContextException {
        private static final long serialVersionUID = 1L;

        Canceled() {
            super("context canceled");
        }
    }

    /**
     * Go's {@code context.DeadlineExceeded}: {@code context deadline exceeded}; a timeout
     * (Go's {@code Timeout() == true}).
     */
    public static final class DeadlineExceeded extends ContextException {
        private static final long serialVersionUID = 1L;

        DeadlineExceeded() {
            super("context deadline exceeded");
        }

        /** Go's {@code Timeout()}: always true. */
        public boolean timeout() {
            return true;
        }
    }
}
