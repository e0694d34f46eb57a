package io.go4j;

import java.util.Iterator;

/**
 * The receive side of a channel: Go's {@code <-chan E}. It has no {@code send} and no
 * {@code close}, so code that holds only a {@code RecvChan} cannot send on it or close it —
 * a compile-time error, as in Go.
 *
 * <p>Receiving blocks until a value is available or the channel is closed. Values arrive in
 * the order they were sent; blocked receivers are served first come, first served. After
 * {@code close}, receivers first drain the buffered values, then get ({@code null}, false)
 * at once, for ever. A nil channel ({@link Chan#nil()}) blocks receivers for ever.
 *
 * <p>Memory effects (Go's memory model): a send happens-before the receive that gets its
 * value completes; a close happens-before a receive that returns because the channel is
 * closed; on an unbuffered channel, a receive happens-before the matching send completes;
 * the k-th receive on a channel of capacity C happens-before the (k+C)-th send completes.
 *
 * <p>All methods are safe to call from any number of goroutines and threads.
 *
 * @param <E> the element type; elements may be {@code null}
 */
public interface RecvChan<E> extends Iterable<E> {

    /**
     * Receives a value, blocking until one is available; returns {@code null} if the channel
     * is closed and drained.
     *
     * <p>Go equivalent: {@code v := <-ch}
     *
     * @throws WaitInterruptedException if the thread is interrupted while waiting; nothing
     *                                  was received
     */
    E recv();

    /**
     * Receives a value and reports whether it came from a send (true) or from the channel
     * being closed and drained (false, with a {@code null} value).
     *
     * <p>Go equivalent: {@code v, ok := <-ch}
     *
     * @throws WaitInterruptedException if the thread is interrupted while waiting
     */
    Recv<E> recvOk();

    /**
     * Receives a value if one is ready now, without waiting.
     *
     * <p>Go equivalent: {@code select { case v, ok := <-ch: ...; default: ... }}
     *
     * @return {@link TryRecv.Value} with the value, {@link TryRecv.Closed} if the channel is
     *         closed and drained, {@link TryRecv.WouldBlock} if receiving would have to wait
     */
    TryRecv<E> tryRecv();

    /** Go's {@code len(ch)}: the number of values queued in the buffer (0 if unbuffered or nil). */
    int len();

    /** Go's {@code cap(ch)}: the buffer's capacity (0 if unbuffered or nil). */
    int cap();

    /** True for the nil channel, {@link Chan#nil()}. */
    boolean isNil();

    /**
     * Iterates over the values received until the channel is closed and drained; each
     * {@code next()} is a receive, and {@code hasNext()} blocks until it knows. Ranging over a
     * nil channel blocks for ever.
     *
     * <p>Go equivalent: {@code for v := range ch { ... }}
     */
    @Override
    default Iterator<E> iterator() {
        return new RangeIterator<>(this);
    }
}
