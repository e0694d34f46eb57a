package io.go4j.x.rate;

/**
 * The error of a {@link Limiter#awaitN} that cannot be satisfied: the error values Go's
 * {@code WaitN} returns with {@code fmt.Errorf}, thrown. Its message is Go's exact text:
 * <ul>
 * <li>{@code rate: Wait(n=%d) exceeds limiter's burst %d} — more tokens asked for than the
 *     burst (and the limit is not {@link Limit#INF});</li>
 * <li>{@code rate: Wait(n=%d) would exceed context deadline} — the tokens would come after the
 *     context's deadline, so {@code awaitN} fails at once instead of waiting.</li>
 * </ul>
 * A context that is done surfaces as its own error ({@code ctx.err()}), not as this exception.
 *
 * {@snippet :
 * try {
 *     limiter.awaitN(ctx, 5);                     // if err := lim.WaitN(ctx, 5); err != nil {
 * } catch (RateException | ContextException e) {
 *     System.out.println(e);                      //     fmt.Println(err)
 * }                                               // }
 * }
 */
public final class RateException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    RateException(String message) {
        super(message);
    }

    /** Go's {@code err.Error()}: the message alone, as Go prints an error. */
    @Override
    public String toString() {
        return getMessage();
    }
}
