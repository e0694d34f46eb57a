package io.go4j;

/**
 * The result of a receive that reports whether the channel is closed: Go's comma-ok form.
 *
 * <p>Go equivalent: {@code v, ok := <-ch}. {@code ok} is true if the value was delivered by a
 * send, false if it is the zero value ({@code null}) because the channel is closed and drained.
 *
 * @param value the received element (may be {@code null}: a channel can carry null)
 * @param ok    true if a send delivered {@code value}; false if the channel is closed
 * @param <E>   the element type
 */
public record Recv<E>(E value, boolean ok) {

    private static final Recv<?> CLOSED = new Recv<>(null, false);

    /** The result of a receive from a closed, drained channel: (null, false). */
    @SuppressWarnings("unchecked")
    public static <E> Recv<E> closed() {
        return (Recv<E>) CLOSED;
    }
}
