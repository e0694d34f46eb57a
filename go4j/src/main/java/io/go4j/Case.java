package io.go4j;

import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One case of a {@link Select#select select}: a receive, a send, or the default.
 *
 * <p>Two families of factories. Those that produce a value — {@link #recv(RecvChan, Function)},
 * {@link #recvOk(RecvChan, BiFunction)}, {@link #send(SendChan, Object, Supplier)},
 * {@link #otherwise(Supplier)} — make {@code select} return the chosen case's result. Those
 * for side effects — {@link #onRecv}, {@link #onRecvOk}, {@link #onSend}, {@link #onDefault} —
 * run a body and make {@code select} return null.
 *
 * <p>The channel and the value to send are evaluated once, when the case is built, in source
 * order (Go evaluates them on entry to the select). A case on the nil channel — or on a Java
 * {@code null} channel — is never ready: Go's idiom for switching a case off.
 *
 * @param <R> what the case's body returns
 */
public final class Case<R> {

    static final int RECV = 0;
    static final int RECV_OK = 1;
    static final int SEND = 2;
    static final int DEFAULT = 3;

    final int kind;
    final Object chan;   // RecvChan or SendChan, or null
    final Object value;  // the value to send
    final Object body;   // the handler; its shape depends on kind and 'effect'
    final boolean effect; // true for the side-effect family

    private Case(int kind, Object chan, Object value, Object body, boolean effect) {
        this.kind = kind;
        this.chan = chan;
        this.value = value;
        this.body = body;
        this.effect = effect;
    }

    // ---- value-returning cases

    /** {@code case v := <-ch: return body(v)}. On a closed channel {@code v} is null. */
    public static <E, R> Case<R> recv(RecvChan<E> ch, Function<? super E, ? extends R> body) {
        return new Case<>(RECV, ch, null, body, false);
    }

    /** {@code case v := <-ch: return v} — the select returns the received value. */
    public static <E> Case<E> recv(RecvChan<E> ch) {
        return new Case<>(RECV, ch, null, Function.identity(), false);
    }

    /** {@code case v, ok := <-ch: return body(v, ok)}. */
    public static <E, R> Case<R> recvOk(RecvChan<E> ch, BiFunction<? super E, Boolean, ? extends R> body) {
        return new Case<>(RECV_OK, ch, null, body, false);
    }

    /** {@code case ch <- v: return body()}. */
    public static <E, R> Case<R> send(SendChan<E> ch, E value, Supplier<? extends R> body) {
        return new Case<>(SEND, ch, value, body, false);
    }

    /** {@code default: return body()}. At most one per select. */
    public static <R> Case<R> otherwise(Supplier<? extends R> body) {
        return new Case<>(DEFAULT, null, null, body, false);
    }

    // ---- side-effect cases

    /** {@code case v := <-ch: body(v)}. */
    public static <E> Case<Void> onRecv(RecvChan<E> ch, Consumer<? super E> body) {
        return new Case<>(RECV, ch, null, body, true);
    }

    /** {@code case v, ok := <-ch: body(v, ok)}. */
    public static <E> Case<Void> onRecvOk(RecvChan<E> ch, BiConsumer<? super E, Boolean> body) {
        return new Case<>(RECV_OK, ch, null, body, true);
    }

    /** {@code case ch <- v: body()}. */
    public static <E> Case<Void> onSend(SendChan<E> ch, E value, Runnable body) {
        return new Case<>(SEND, ch, value, body, true);
    }

    /** {@code case ch <- v:} with an empty body. */
    public static <E> Case<Void> onSend(SendChan<E> ch, E value) {
        return new Case<>(SEND, ch, value, null, true);
    }

    /** {@code default: body()}. At most one per select. */
    public static Case<Void> onDefault(Runnable body) {
        return new Case<>(DEFAULT, null, null, body, true);
    }

    @SuppressWarnings("unchecked")
    R run(Object v, boolean ok) {
        if (effect) {
            switch (kind) {
                case RECV -> ((Consumer<Object>) body).accept(v);
                case RECV_OK -> ((BiConsumer<Object, Boolean>) body).accept(v, ok);
                default -> {
                    if (body != null) {
                        ((Runnable) body).run();
                    }
                }
            }
            return null;
        }
        return switch (kind) {
            case RECV -> ((Function<Object, R>) body).apply(v);
            case RECV_OK -> ((BiFunction<Object, Boolean, R>) body).apply(v, ok);
            default -> ((Supplier<R>) body).get();
        };
    }
}
