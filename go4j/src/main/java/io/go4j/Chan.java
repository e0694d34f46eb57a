package io.go4j;

import io.go4j.internal.chan.HChan;
import io.go4j.internal.chan.NilChan;

/**
 * A channel: Go's {@code chan E}. It is both a {@link SendChan} and a {@link RecvChan}; pass
 * it as one of those to give a function only one direction, as Go's {@code chan<- E} and
 * {@code <-chan E} do.
 *
 * {@snippet :
 * Chan<Integer> squares = Chan.make();          // squares := make(chan int)
 * Go.go(() -> {                                 // go func() {
 *     for (int i = 1; i <= 3; i++) {
 *         squares.send(i * i);                  //     squares <- i * i
 *     }
 *     squares.close();                          //     close(squares)
 * });                                           // }()
 * for (int sq : squares) {                      // for sq := range squares {
 *     System.out.println(sq);
 * }                                             // }
 * }
 *
 * <p>Implementation: Go's design (runtime/chan.go) — a short per-channel lock, a ring buffer,
 * FIFO queues of parked senders and receivers and direct hand-off between them; see
 * docs/adr/0003-channel-design.md. Every wait goes through go4j's park facility, so goroutine
 * dumps show {@code chan send} and {@code chan receive}.
 *
 * @param <E> the element type; elements may be {@code null}
 */
public interface Chan<E> extends SendChan<E>, RecvChan<E> {

    /**
     * Makes an unbuffered channel: a send completes only when a receiver takes the value.
     *
     * <p>Go equivalent: {@code make(chan E)}
     */
    static <E> Chan<E> make() {
        return new HChan<>(0);
    }

    /**
     * Makes a channel with a buffer of {@code capacity} elements (0 = unbuffered).
     *
     * <p>Go equivalent: {@code make(chan E, capacity)}
     *
     * @throws Panic {@code makechan: size out of range} if {@code capacity} is negative (or
     *               too large for a Java array)
     */
    static <E> Chan<E> make(int capacity) {
        return new HChan<>(capacity);
    }

    /**
     * The nil channel of any element type: sends and receives on it block for ever, closing
     * it panics, a select case on it is never ready, {@code len} and {@code cap} are 0.
     *
     * <p>Go equivalent: {@code var ch chan E} (the zero value of a channel type)
     */
    static <E> Chan<E> nil() {
        return NilChan.instance();
    }
}
