package io.go4j;

import java.util.Iterator;
import java.util.NoSuchElementException;

/** {@code for v := range ch}: each step is one comma-ok receive. Not for sharing between threads. */
final class RangeIterator<E> implements Iterator<E> {

    private final RecvChan<E> ch;
    private Recv<E> next; // the received value not yet handed out, or null
    private boolean done;

    RangeIterator(RecvChan<E> ch) {
        this.ch = ch;
    }

    @Override
    public boolean hasNext() {
        if (next != null) {
            return true;
        }
        if (done) {
            return false;
        }
        Recv<E> r = ch.recvOk();
        if (!r.ok()) {
            done = true;
            return false;
        }
        next = r;
        return true;
    }

    @Override
    public E next() {
        if (!hasNext()) {
            throw new NoSuchElementException("channel closed");
        }
        E v = next.value();
        next = null;
        return v;
    }
}
