package io.go4j;

/**
 * The result of a non-blocking receive: a value, the channel closed, or nothing ready.
 *
 * <p>Go equivalent:
 * <pre>{@code
 * select {
 * case v, ok := <-ch:   // Value(v) if ok, Closed if !ok
 * default:              // WouldBlock
 * }
 * }</pre>
 * Use it with pattern matching:
 * {@snippet :
 * switch (ch.tryRecv()) {
 *     case TryRecv.Value<String>(var v) -> System.out.println("got " + v);
 *     case TryRecv.Closed<String> c -> System.out.println("closed");
 *     case TryRecv.WouldBlock<String> w -> System.out.println("nothing ready");
 * }
 * }
 *
 * @param <E> the element type
 */
public sealed interface TryRecv<E> permits TryRecv.Value, TryRecv.Closed, TryRecv.WouldBlock {

    /** A value was received (it may be {@code null}). */
    record Value<E>(E value) implements TryRecv<E> {
    }

    /** The channel is closed and drained: Go's {@code ok == false}. */
    record Closed<E>() implements TryRecv<E> {
    }

    /** Nothing could be received without waiting: Go's {@code default} case. */
    record WouldBlock<E>() implements TryRecv<E> {
    }

    /** True if a value was received. */
    default boolean received() {
        return this instanceof Value;
    }

    /** The received value, or null if none was received. */
    default E valueOrNull() {
        return this instanceof Value<E> v ? v.value() : null;
    }

    /** The shared {@link Closed} instance. */
    @SuppressWarnings("unchecked")
    static <E> Closed<E> closed() {
        return (Closed<E>) Constants.CLOSED;
    }

    /** The shared {@link WouldBlock} instance. */
    @SuppressWarnings("unchecked")
    static <E> WouldBlock<E> wouldBlock() {
        return (WouldBlock<E>) Constants.WOULD_BLOCK;
    }
}

/** Holds the shared instances (interfaces cannot have private static fields). */
final class Constants {
    static final TryRecv.Closed<?> CLOSED = new TryRecv.Closed<>();
    static final TryRecv.WouldBlock<?> WOULD_BLOCK = new TryRecv.WouldBlock<>();

    private Constants() {
    }
}
