package io.go4j.internal.chan;

import io.go4j.Chan;
import io.go4j.Panic;
import io.go4j.Recv;
import io.go4j.TryRecv;
import io.go4j.WaitInterruptedException;
import io.go4j.internal.park.Park;
import io.go4j.internal.park.WaitReason;

/**
 * The nil channel — the zero value of Go's channel types. Send and receive block for ever
 * (through the park facility, with Go's wait reasons {@code chan send (nil chan)} and
 * {@code chan receive (nil chan)}, so dumps and the deadlock detector see them); a select
 * case on it is never ready; closing it panics; len and cap are 0. Stateless: one instance
 * serves every element type.
 */
public final class NilChan<E> implements Chan<E> {

    private static final NilChan<?> INSTANCE = new NilChan<>();

    private NilChan() {
    }

    @SuppressWarnings("unchecked")
    public static <E> NilChan<E> instance() {
        return (NilChan<E>) INSTANCE;
    }

    @Override
    public void send(E value) {
        Park.parkForever(WaitReason.CHAN_SEND_NIL_CHAN);
        throw new WaitInterruptedException("chan send (nil chan)");
    }

    @Override
    public boolean trySend(E value) {
        return false;
    }

    @Override
    public void close() {
        throw new Panic("close of nil channel");
    }

    @Override
    public E recv() {
        Park.parkForever(WaitReason.CHAN_RECEIVE_NIL_CHAN);
        throw new WaitInterruptedException("chan receive (nil chan)");
    }

    @Override
    public Recv<E> recvOk() {
        return new Recv<>(recv(), true); // never returns normally
    }

    @Override
    public TryRecv<E> tryRecv() {
        return TryRecv.wouldBlock();
    }

    @Override
    public int len() {
        return 0;
    }

    @Override
    public int cap() {
        return 0;
    }

    @Override
    public boolean isNil() {
        return true;
    }

    @Override
    public String toString() {
        return "chan(nil)";
    }
}
