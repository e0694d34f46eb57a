package io.go4j.pipe;

import io.go4j.RecvChan;

/**
 * The two outputs of {@link Pipe#tee}: each receives every input value, in input order.
 * Go's {@code out1, out2 := tee(ctx, in)}.
 * @param first  one copy of the stream
 * @param second the other copy
 * @param <T> the element type
 */
public record Tee<T>(RecvChan<T> first, RecvChan<T> second) {
}
