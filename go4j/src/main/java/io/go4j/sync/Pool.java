package io.go4j.sync;

import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Supplier;

/**
 * A set of temporary objects that may be individually saved and retrieved: Go's
 * {@code sync.Pool}.
 *
 * {@snippet :
 * Pool<StringBuilder> bufs = new Pool<>(StringBuilder::new); // sync.Pool{New: func() any { ... }}
 * StringBuilder b = bufs.get();                              // b := bufs.Get().(*strings.Builder)
 * b.setLength(0);
 * ...
 * bufs.put(b);                                               // bufs.Put(b)
 * }
 *
 * <p>As in Go, any item stored in the pool may be removed at any time without notification:
 * the pooled items are held weakly and vanish at the garbage collector's will, as Go's pool is
 * emptied at garbage collections. {@link #get()} returns some pooled item (not necessarily the
 * last one put) or, if none is left, the result of {@code New} — or null when there is no
 * {@code New}. Callers must not assume any relation between {@code put} and {@code get}.
 *
 * <p>Memory effects: a {@code put(x)} happens-before a {@code get} that returns that same
 * {@code x}; likewise a call of {@code New} happens-before the {@code get} that returns its
 * result. Never blocks.
 */
public final class Pool<T> {

    private final Supplier<? extends T> newFn;
    private volatile WeakReference<ConcurrentLinkedDeque<T>> items = new WeakReference<>(null);

    /** A pool without {@code New}: {@link #get()} returns null when it is empty. */
    public Pool() {
        this(null);
    }

    /** A pool whose {@code get} calls {@code newFn} when empty: Go's {@code Pool{New: f}}. */
    public Pool(Supplier<? extends T> newFn) {
        this.newFn = newFn;
    }

    /** Go's {@code p.Get()}. */
    public T get() {
        ConcurrentLinkedDeque<T> d = items.get();
        T x = d == null ? null : d.pollLast();
        if (x == null && newFn != null) {
            x = newFn.get();
        }
        return x;
    }

    /** Go's {@code p.Put(x)}; a null {@code x} is ignored, as Go ignores nil. */
    public void put(T x) {
        if (x == null) {
            return;
        }
        ConcurrentLinkedDeque<T> d = items.get();
        if (d == null) {
            d = new ConcurrentLinkedDeque<>();
            items = new WeakReference<>(d);
        }
        d.addLast(x);
    }
}
