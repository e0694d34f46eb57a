package io.go4j.pipe;

import java.util.Objects;
import java.util.concurrent.ExecutionException;

/**
 * A value or the error that prevented it: the element type of a pipeline that carries its
 * errors downstream instead of stopping at the first.
 * {@snippet :
 * // Go:  type Result struct { Value int; Err error }
 * //      for r := range results {
 * //          if r.Err != nil { log.Println(r.Err); continue }
 * //          use(r.Value)
 * //      }
 * for (Result<Integer> r : Pipe.mapResult(ctx, lines, Integer::parseInt)) {
 *     switch (r) {
 *         case Result.Ok<Integer> ok -> use(ok.value());
 *         case Result.Err<Integer> err -> log(err.error());
 *     }
 * }
 * }
 * <p>Immutable; safe to share between goroutines (as safe as the value it holds).
 * @param <T> the value's type
 */
public sealed interface Result<T> permits Result.Ok, Result.Err {

    /** A value: Go's {@code Result{Value: v}}. The value may be null. */
    record Ok<T>(T value) implements Result<T> {
    }

    /** An error: Go's {@code Result{Err: err}}. */
    record Err<T>(Throwable error) implements Result<T> {
    }

    /** A value. */
    static <T> Result<T> ok(T v) {
        return new Ok<>(v);
    }

    /**
     * An error.
     * @throws NullPointerException if {@code e} is null
     */
    static <T> Result<T> err(Throwable e) {
        return new Err<>(Objects.requireNonNull(e, "e"));
    }

    /** Whether this is a value: Go's {@code r.Err == nil}. */
    default boolean isOk() {
        return this instanceof Ok<T>;
    }

    /**
     * The value, or the error thrown: rethrown as is if it is an {@link Exception}, wrapped in
     * an {@link ExecutionException} otherwise (an {@link Error} or other throwable).
     */
    default T getOrThrow() throws Exception {
        return switch (this) {
            case Ok<T> ok -> ok.value();
            case Err<T> err -> {
                if (err.error() instanceof Exception e) {
                    throw e;
                }
                throw new ExecutionException(err.error());
            }
        };
    }
}
