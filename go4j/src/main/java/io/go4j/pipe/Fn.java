package io.go4j.pipe;

/**
 * A stage's function, which may throw: what a Go stage calls as {@code f(v) (R, error)}.
 * {@snippet :
 * Fn<String, Integer> parse = Integer::parseInt;             // func(s string) (int, error)
 * RecvChan<Integer> ns = Pipe.map(ctx, lines, parse);
 * }
 * <p>What happens to an exception depends on who runs the function: {@link Pipe}'s stages
 * treat it as a panic of the stage, {@link Pipe#mapResult} turns it into a {@link Result},
 * a {@link Pipeline} cancels the whole pipeline with it as the cause.
 * @param <T> the input type
 * @param <R> the result type
 */
@FunctionalInterface
public interface Fn<T, R> {

    /** Applies the function to one element. */
    R apply(T value) throws Exception;
}
