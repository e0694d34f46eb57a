package io.go4j;

/**
 * The send side of a channel: Go's {@code chan<- E}. It has no receive operations and is not
 * {@link Iterable}, so code that holds only a {@code SendChan} cannot receive from it — a
 * compile-time error, as in Go.
 *
 * <p>On a buffered channel a send does not block while the buffer has room; on an unbuffered
 * one it completes only when a receiver has taken the value. Blocked senders are served first
 * come, first served. Sending on a closed channel panics; senders blocked when the channel is
 * closed wake and panic too. A nil channel ({@link Chan#nil()}) blocks senders for ever.
 *
 * <p>Memory effects: see {@link RecvChan}. All methods are safe from any number of goroutines.
 *
 * @param <E> the element type; elements may be {@code null}
 */
public interface SendChan<E> {

    /**
     * Sends a value, blocking until the channel takes it.
     *
     * <p>Go equivalent: {@code ch <- v}
     *
     * @throws Panic                    {@code send on closed channel} if the channel is (or
     *                                  becomes, while this send waits) closed
     * @throws WaitInterruptedException if the thread is interrupted while waiting; the value
     *                                  was not sent
     */
    void send(E value);

    /**
     * Sends a value if that can be done now, without waiting.
     *
     * <p>Go equivalent: {@code select { case ch <- v: return true; default: return false }} —
     * and, as in Go, a send on a closed channel panics even though there is a default case.
     *
     * @return true if the value was sent, false if sending would have to wait
     * @throws Panic {@code send on closed channel} if the channel is closed
     */
    boolean trySend(E value);

    /**
     * Closes the channel: no more values will be sent. Buffered values remain receivable;
     * then receivers get ({@code null}, false). Wakes every blocked receiver and sender
     * (the senders panic).
     *
     * <p>Go equivalent: {@code close(ch)}
     *
     * @throws Panic {@code close of closed channel} on a second close,
     *               {@code close of nil channel} on the nil channel
     */
    void close();

    /** Go's {@code len(ch)}. */
    int len();

    /** Go's {@code cap(ch)}. */
    int cap();

    /** True for the nil channel. */
    boolean isNil();
}
