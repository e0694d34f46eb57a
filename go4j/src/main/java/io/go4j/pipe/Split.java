package io.go4j.pipe;

import io.go4j.RecvChan;

/**
 * The two outputs of {@link Pipe#split}: Go's {@code trueCh, falseCh := split(in, predicate)}.
 * Every input value goes to exactly one of them, in input order.
 * @param matching the values for which the predicate held
 * @param rest     the others
 * @param <T> the element type
 */
public record Split<T>(RecvChan<T> matching, RecvChan<T> rest) {
}
