package io.go4j.pipe;

import io.go4j.Chan;
import io.go4j.RecvChan;
import io.go4j.Select;
import io.go4j.context.Context;

import static io.go4j.Case.recv;
import static io.go4j.Case.send;

/**
 * A meeting point where goroutines pair up and swap values: {@link #exchange} blocks until
 * another goroutine calls it, then each gets the other's value.
 *
 * <p>Go equivalent: the rendezvous of the seeds — each side signals its arrival, then waits
 * for the other — with values; since either side may arrive first, both offer and take in one
 * select:
 * {@snippet lang=go :
 * func (r *Rendezvous[T]) Exchange(ctx context.Context, v T) (T, error) {
 *     mine := offer{v, make(chan T, 1)}
 *     select {
 *     case r.meet <- mine:            // I came first: the other replies
 *         return <-mine.reply, nil
 *     case other := <-r.meet:         // the other came first
 *         other.reply <- v
 *         return other.value, nil
 *     case <-ctx.Done():
 *         return zero, ctx.Err()
 *     }
 * }
 * }
 *
 * {@snippet :
 * Rendezvous<Buffer> swap = new Rendezvous<>();
 * Go.go(() -> { Buffer b = fresh(); for (;;) { fill(b); b = swap.exchange(b); } });   // producer
 * Buffer b = fresh(); for (;;) { b = swap.exchange(b); drain(b); }                    // consumer
 * }
 *
 * <p>Any number of goroutines may use one rendezvous; they are paired two by two, in no
 * particular order (Java's {@code Exchanger}). A cancelled exchange (context done, interrupt)
 * leaves the rendezvous unchanged: it paired with nobody.
 *
 * <p>Memory effects: in a pair, each side's actions before {@code exchange} happen-before the
 * other side's return from it.
 *
 * @param <T> the value type; values may be null
 */
public final class Rendezvous<T> {

    // Implementation: one unbuffered channel of offers. A select over "send my offer" and
    // "receive an offer" on the same channel pairs two exchangers (a select never pairs with
    // itself). The sender of the offer then waits for the reply on the offer's own channel of
    // capacity 1; the receiver of the offer puts its value there, which never blocks, so the
    // sender's wait is short and is not cancellable: once paired, the exchange completes.

    private record Offer<T>(T value, Chan<T> reply) {
    }

    private final Chan<Offer<T>> meet = Chan.make();

    /** A rendezvous with nobody waiting. */
    public Rendezvous() {
    }

    /**
     * Waits for a partner and swaps values with it.
     *
     * @return the partner's value
     * @throws io.go4j.WaitInterruptedException if interrupted before a partner came; nothing
     *         was exchanged, and the interrupt status stays set
     */
    public T exchange(T value) {
        return exchange(null, value);
    }

    /**
     * Waits for a partner, or until {@code ctx} is done, and swaps values with the partner.
     *
     * @param ctx null to wait without a context
     * @return the partner's value
     * @throws io.go4j.context.ContextException {@code ctx.err()} if {@code ctx} was done before
     *         a partner came; nothing was exchanged
     * @throws io.go4j.WaitInterruptedException if interrupted before a partner came
     */
    public T exchange(Context ctx, T value) {
        Offer<T> mine = new Offer<>(value, Chan.make(1));
        RecvChan<Void> done = ctx == null ? null : ctx.done();
        if (done != null && ctx.err() != null) {
            throw ctx.err();
        }
        Object r = Select.<Object>select(
                send(meet, mine, () -> mine),
                recv(meet, other -> other),
                recv(done, x -> null));
        if (r == null) {
            throw ctx.err();
        }
        if (r == mine) {
            // Paired: the partner is about to reply; the wait is short, so an interrupt is
            // kept for later rather than allowed to break a completed exchange.
            T got;
            boolean interrupted = false;
            for (;;) {
                try {
                    got = mine.reply.recv();
                    break;
                } catch (io.go4j.WaitInterruptedException e) {
                    interrupted = true;
                    Thread.interrupted();
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return got;
        }
        @SuppressWarnings("unchecked")
        Offer<T> other = (Offer<T>) r;
        other.reply.send(value); // capacity 1, empty: does not wait
        return other.value;
    }

    @Override
    public String toString() {
        return "Rendezvous";
    }
}
