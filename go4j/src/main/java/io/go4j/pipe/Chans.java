package io.go4j.pipe;

import io.go4j.Case;
import io.go4j.Chan;
import io.go4j.Recv;
import io.go4j.RecvChan;
import io.go4j.Select;
import io.go4j.SendChan;
import io.go4j.TryRecv;
import io.go4j.context.Context;

import java.util.function.Predicate;


/**
 * The two blocking operations every stage is made of, each a select against the context:
 * <pre>
 * send:  select { case out <- v: return true;   case &lt;-ctx.Done(): return false }
 * recv:  select { case v, ok := &lt;-in: ...;      case &lt;-ctx.Done(): return DONE }
 * </pre>
 * When both cases are ready the select chooses at random, as Go's does: a stage may pass on
 * one more value after its context is done, never a value twice. Each first tries the
 * non-blocking forms ({@code tryRecv} on done, then {@code trySend}/{@code tryRecv}) and builds
 * the select only when it would block: the same outcomes, at the cost of a plain operation. A context that can never be
 * done (its {@code done()} is the nil channel) needs no select: a plain send or receive is the
 * same select with one case that is never ready.
 */
final class Chans {

    private Chans() {
    }

    /** What {@link #recv} returns when the channel is closed. */
    static final Object CLOSED = new Object();
    /** What {@link #recv} returns when the context is done. */
    static final Object DONE = new Object();

    /** Sends {@code v}, or gives up when the context is done; true if sent. */
    static <T> boolean send(Context ctx, SendChan<T> out, T v) {
        RecvChan<Void> done = ctx.done();
        if (done.isNil()) {
            out.send(v);
            return true;
        }
        // Fast path, without building a select: the context was not done a moment ago and the
        // send can complete now — the outcome a select finding only its send case ready has.
        if (!(done.tryRecv() instanceof TryRecv.WouldBlock)) {
            return false;
        }
        if (out.trySend(v)) {
            return true;
        }
        return Select.select(Case.send(out, v, () -> Boolean.TRUE), Case.recv(done, x -> Boolean.FALSE));
    }

    /**
     * Receives a value (which may be null), or returns {@link #CLOSED} when the channel is closed
     * and drained, or {@link #DONE} when the context is done.
     */
    static Object recv(Context ctx, RecvChan<?> in) {
        if (in == null) {
            in = Chan.nil(); // Go: a nil channel, never ready
        }
        RecvChan<Void> done = ctx.done();
        if (done.isNil()) {
            Recv<?> r = in.recvOk();
            return r.ok() ? r.value() : CLOSED;
        }
        // Fast path, as in send: the context was not done a moment ago and a value (or the
        // close) is there now.
        if (!(done.tryRecv() instanceof TryRecv.WouldBlock)) {
            return DONE;
        }
        TryRecv<?> t = in.tryRecv();
        if (t instanceof TryRecv.Value<?> got) {
            return got.value();
        }
        if (t instanceof TryRecv.Closed<?>) {
            return CLOSED;
        }
        return Select.select(Case.recvOk(in, (v, ok) -> ok ? v : CLOSED), Case.recv(done, x -> DONE));
    }

    /**
     * {@code for v := range in { if !body(v) { return false } }}, giving up when the context is
     * done: true once {@code in} is closed and drained; false when the context was done or
     * {@code body} returned false.
     */
    @SuppressWarnings("unchecked") // recv returns an element or a marker; the markers are tested first
    static <T> boolean each(Context ctx, RecvChan<? extends T> in, Predicate<? super T> body) {
        for (;;) {
            Object v = recv(ctx, in);
            if (v == CLOSED) {
                return true;
            }
            if (v == DONE || !body.test((T) v)) {
                return false;
            }
        }
    }

    /**
     * The emit function of one goroutine: {@link #send} that stays false once the context was
     * seen done, so that a generator or flatMap that ignores one false cannot send again.
     * Confined to its goroutine.
     */
    static final class Sender<T> implements Generator.Emitter<T> {
        private final Context ctx;
        private final SendChan<T> out;
        private boolean stopped; // confined to the goroutine that owns this sender

        Sender(Context ctx, SendChan<T> out) {
            this.ctx = ctx;
            this.out = out;
        }

        @Override
        public boolean emit(T value) {
            if (stopped) {
                return false;
            }
            if (!send(ctx, out, value)) {
                stopped = true;
                return false;
            }
            return true;
        }

        boolean stopped() {
            return stopped;
        }
    }
}
