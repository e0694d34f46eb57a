package io.go4j.pipe;

import io.go4j.Chan;
import io.go4j.RecvChan;
import io.go4j.Select;

import java.util.Iterator;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static io.go4j.Case.recv;
import static io.go4j.Case.send;

/**
 * One subscriber of a {@link Broadcast} or a {@link PubSub} topic: a receive-only channel of
 * the values delivered to it, and {@link #cancel()} to leave.
 *
 * <p>Go equivalent: the {@code <-chan T} a Go broadcaster hands out, plus the
 * {@code unsubscribe(ch)} request it accepts:
 * {@snippet lang=go :
 * ch := b.Subscribe(16)          // sub := b.subscribe(16, SlowPolicy.BLOCK)
 * defer b.Unsubscribe(ch)        // try (sub) { ... }
 * for v := range ch { use(v) }   // for (var v : sub.chan()) use(v);
 * }
 *
 * <p>{@link #chan()} is a real go4j channel: use it in {@code select} and {@code for}. It is
 * closed — after the values already buffered in it — when the subscription is cancelled, when
 * the broadcast's source is closed or the pub/sub is closed, and when their context is done.
 * Only the delivering goroutine sends on it and closes it.
 *
 * {@snippet :
 * try (Subscription<String> sub = broadcast.subscribe(16, SlowPolicy.DROP_OLDEST)) {
 *     for (String s : sub) {              // ends when the source is closed
 *         show(s);
 *     }
 *     System.out.println("missed " + sub.dropped());
 * }
 * }
 *
 * <p>Memory effects: the publication of a value happens-before its receipt from
 * {@link #chan()}; a {@link #cancel()} that returns happens-after the channel was closed.
 * Thread-safety: every method may be called from any goroutine; {@link #cancel()} is idempotent.
 *
 * @param <T> the value type
 */
public final class Subscription<T> implements AutoCloseable, Iterable<T> {

    // Implementation: the hub's goroutine owns ch (it alone sends on it and closes it) and the
    // subscriber lists; cancel() asks it, over hub.unsubs, to remove this subscription and
    // close ch, then waits on 'gone', which the hub closes right after ch. If the hub has
    // already finished, it closed ch (and gone) on its way out, or never registered this one.

    final Object topic;                                // written once before publication
    final SlowPolicy policy;                           // written once before publication
    final Chan<T> ch;                                  // sent on and closed by the hub only
    final Chan<Void> gone = Chan.make();               // closed by the hub just after ch
    final AtomicLong dropped = new AtomicLong();       // incremented by the hub only
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final SubscriberHub<?, ?, T> hub;          // written once before publication

    Subscription(SubscriberHub<?, ?, T> hub, Object topic, int buffer, SlowPolicy policy) {
        if (policy == null) {
            throw new NullPointerException("policy");
        }
        this.ch = Chan.make(buffer); // Panic "makechan: size out of range" if buffer < 0
        this.hub = hub;
        this.topic = topic;
        this.policy = policy;
    }

    /**
     * The values delivered to this subscriber, in publication order: Go's {@code <-chan T}.
     * Closed when the subscription ends (see the class comment). The same channel every time.
     */
    public RecvChan<T> chan() {
        return ch;
    }

    /** Ranges over {@link #chan()}: Go's {@code for v := range ch}. */
    @Override
    public Iterator<T> iterator() {
        return ch.iterator();
    }

    /** This subscriber's slow-subscriber policy. */
    public SlowPolicy policy() {
        return policy;
    }

    /** How many values were dropped for this subscriber so far (always 0 under {@link SlowPolicy#BLOCK}). */
    public long dropped() {
        return dropped.get();
    }

    /**
     * Leaves: no value published after this returns is delivered to this subscriber, and
     * {@link #chan()} is closed when it returns (the values already buffered stay receivable).
     * Idempotent. Does not wait for the delivering goroutine to finish what it is doing for
     * other subscribers; if it is waiting on this very subscriber (policy {@code BLOCK}), that
     * wait ends.
     *
     * <p>Go equivalent: {@code b.Unsubscribe(ch)}, a request to the broadcaster's goroutine.
     *
     * @throws io.go4j.WaitInterruptedException if interrupted while asking the hub; the
     *         subscription may then still be active (call again)
     */
    public void cancel() {
        if (!cancelled.compareAndSet(false, true)) {
            return;
        }
        boolean asked;
        try {
            asked = Select.select(
                    send(hub.unsubs, this, () -> true),
                    recv(hub.finished, x -> false)); // finished: ch is closed already
        } catch (RuntimeException e) {
            cancelled.set(false);
            throw e;
        }
        if (asked) {
            // The hub closes 'gone' right after taking the request, without blocking in between.
            awaitUninterruptibly(gone);
        }
    }

    /** {@link #cancel()}: try-with-resources unsubscribes. */
    @Override
    public void close() {
        cancel();
    }

    /** Receives from a channel that is about to be closed, keeping a pending interrupt for later. */
    static void awaitUninterruptibly(RecvChan<?> c) {
        boolean interrupted = false;
        for (;;) {
            try {
                c.recv();
                break;
            } catch (io.go4j.WaitInterruptedException e) {
                interrupted = true;
                Thread.interrupted();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "Subscription[" + (topic == SubscriberHub.ALL ? "" : "topic=" + topic + ", ")
                + policy + ", cap=" + ch.cap() + ", dropped=" + dropped.get() + "]";
    }
}
