package io.go4j.pipe;

import io.go4j.Chan;
import io.go4j.Select;
import io.go4j.RecvChan;
import io.go4j.context.Context;
import io.go4j.time.Time;
import io.go4j.time.Timer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.go4j.Case.recv;
import static io.go4j.Case.recvOk;

/**
 * {@link Pipe#batch}: groups values into lists by size and by time.
 *
 * <p>Implementation: one goroutine, Go's batching loop with a timer:
 * <pre>
 * for {
 *     select {
 *     case v, ok := &lt;-in:     if !ok { flush(); return }
 *                              if len(batch) == 0 { timer.Reset(maxWait); window = timer.C }
 *                              batch = append(batch, v)
 *                              if len(batch) == maxSize { timer.Stop(); window = nil; send(batch) }
 *     case &lt;-window:           window = nil; send(batch)
 *     case &lt;-ctx.Done():       return
 *     }
 * }
 * </pre>
 * Invariant: {@code window} is the timer's channel exactly while a batch is open (non-empty),
 * and null (Go's nil channel: never ready) otherwise. The timer is io.go4j.time's, on the
 * goroutine's clock, so the window runs on a synctest bubble's fake clock; Go 1.23 timer
 * semantics make {@code stop}/{@code reset} leave no stale tick to drain. One timer is made
 * at the first value and reused. A batch's window starts at its first value; the time spent
 * sending a full batch downstream is not part of the next batch's window.
 */
final class Batcher {

    private Batcher() {
    }

    static <T> RecvChan<List<T>> batch(Scope s, RecvChan<T> in, int maxSize, Duration maxWait) {
        if (maxSize < 1) {
            throw new IllegalArgumentException("batch: maxSize must be at least 1: " + maxSize);
        }
        if (maxWait != null && !maxWait.isPositive()) {
            throw new IllegalArgumentException("batch: maxWait must be positive: " + maxWait);
        }
        Chan<List<T>> out = Chan.make();
        s.go("pipe.batch", () -> {
            return loop(s.ctx, in, maxSize, maxWait, out);
        }, out::close);
        return out;
    }

    private static final Object WINDOW = new Object();

    /** The loop of the class comment; true if the input was drained, false if the context ended it. */
    @SuppressWarnings("unchecked") // r is the element unless it is one of the markers, tested first
    private static <T> boolean loop(Context ctx, RecvChan<T> in, int maxSize, Duration maxWait,
                                    Chan<List<T>> out) {
        RecvChan<Void> done = ctx.done();
        Timer timer = null;              // made at the first value, on this goroutine's clock
        RecvChan<Instant> window = null; // the timer's channel while a batch is open, else nil
        List<T> batch = new ArrayList<>();
        try {
            for (;;) {
                Object r = Select.select(
                        recvOk(in, (v, ok) -> ok ? v : Chans.CLOSED),
                        recv(window, t -> WINDOW),
                        recv(done, x -> Chans.DONE));
                if (r == Chans.DONE) {
                    return false;
                }
                if (r == Chans.CLOSED) {
                    return batch.isEmpty() || Chans.send(ctx, out, batch); // flush the partial batch
                }
                if (r == WINDOW) {
                    window = null; // the window of a non-empty batch has elapsed
                } else {
                    if (batch.isEmpty() && maxWait != null) {
                        if (timer == null) {
                            timer = Time.newTimer(maxWait);
                        } else {
                            timer.reset(maxWait);
                        }
                        window = timer.c();
                    }
                    batch.add((T) r);
                    if (batch.size() < maxSize) {
                        continue;
                    }
                    if (timer != null) {
                        timer.stop(); // Go 1.23: no stale tick can be received after this
                    }
                    window = null;
                }
                if (!Chans.send(ctx, out, batch)) {
                    return false;
                }
                batch = new ArrayList<>();
            }
        } finally {
            if (timer != null) {
                timer.stop();
            }
        }
    }
}
