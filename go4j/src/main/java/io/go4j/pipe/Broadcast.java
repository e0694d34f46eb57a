package io.go4j.pipe;

import io.go4j.RecvChan;
import io.go4j.context.Context;

import java.util.function.Function;

/**
 * Fans one channel out to many subscribers: every subscriber gets every value of the source
 * (published after it subscribed), in the source's order, each through its own channel and
 * its own {@link SlowPolicy}.
 *
 * <p>Go equivalent: the broadcaster goroutine Go programs write by hand (Go has no built-in
 * broadcast channel, golang/go#28157):
 * {@snippet lang=go :
 * func broadcast(ctx context.Context, src <-chan T, sub <-chan chan T, unsub <-chan chan T) {
 *     subs := map[chan T]bool{}
 *     defer func() { for ch := range subs { close(ch) } }()
 *     for {
 *         select {
 *         case v, ok := <-src:
 *             if !ok { return }
 *             for ch := range subs {
 *                 select { case ch <- v: case <-ctx.Done(): return }
 *             }
 *         case ch := <-sub:   subs[ch] = true
 *         case ch := <-unsub: delete(subs, ch); close(ch)
 *         case <-ctx.Done():  return
 *         }
 *     }
 * }
 * }
 *
 * {@snippet :
 * Broadcast<Event> events = Broadcast.of(ctx, source);         // go broadcast(ctx, source, ...)
 * Subscription<Event> ui = events.subscribe(64, SlowPolicy.DROP_OLDEST);
 * Subscription<Event> log = events.subscribe(0, SlowPolicy.BLOCK);
 * Go.go(() -> { for (Event e : log) write(e); });              // every event, in order
 * }
 *
 * <p>One goroutine per broadcast reads the source and delivers. It ends — closing every
 * subscriber's channel after the values already buffered there, and then {@link #done()} —
 * when the source is closed (after delivering the last value) or when {@code ctx} is done (at
 * once, even in the middle of a delivery). Subscribing afterwards gives a subscription whose
 * channel is closed. Values read from the source while nobody is subscribed are discarded.
 *
 * <p>Memory effects: a send on the source happens-before the receipt of that value by each
 * subscriber; the return of {@link #subscribe} happens-before the delivery of any later value
 * to that subscriber. Thread-safety: all methods may be called from any goroutine.
 *
 * @param <T> the value type
 */
public final class Broadcast<T> {

    // Implementation: a thin face on SubscriberHub with a single topic (SubscriberHub.ALL);
    // the hub's comment has the algorithm and the invariants.

    private final SubscriberHub<Object, T, T> hub; // written once before publication

    private Broadcast(SubscriberHub<Object, T, T> hub) {
        this.hub = hub;
    }

    /**
     * Starts broadcasting {@code source}: Go's {@code go broadcast(ctx, src, ...)}. The
     * broadcast's goroutine is the only reader of {@code source} from then on.
     *
     * @throws NullPointerException if {@code ctx} or {@code source} is null
     */
    public static <T> Broadcast<T> of(Context ctx, RecvChan<T> source) {
        SubscriberHub<Object, T, T> hub = new SubscriberHub<>(ctx, source, null,
                v -> SubscriberHub.ALL, Function.identity());
        hub.start("broadcast");
        return new Broadcast<>(hub);
    }

    /**
     * Subscribes: every value the source yields from now on is delivered to the returned
     * subscription's channel, which has room for {@code buffer} values; when it is full,
     * {@code policy} decides. Blocks only until the broadcast's goroutine takes the request
     * (it serves requests even while it waits on a slow subscriber).
     *
     * @throws io.go4j.Panic {@code makechan: size out of range} if {@code buffer < 0}
     * @throws NullPointerException if {@code policy} is null
     */
    public Subscription<T> subscribe(int buffer, SlowPolicy policy) {
        return hub.subscribe(SubscriberHub.ALL, buffer, policy);
    }

    /**
     * A channel closed when the broadcast has ended and every subscriber channel is closed:
     * the source was closed and drained, or the context is done.
     */
    public RecvChan<Void> done() {
        return hub.finished;
    }

    @Override
    public String toString() {
        return "Broadcast";
    }
}
