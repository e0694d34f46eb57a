package io.go4j.pipe;

import io.go4j.Chan;
import io.go4j.RecvChan;
import io.go4j.Select;
import io.go4j.TryRecv;
import io.go4j.context.Context;

import java.util.concurrent.atomic.AtomicBoolean;

import static io.go4j.Case.recv;
import static io.go4j.Case.send;

/**
 * Publish/subscribe by topic: a value published on a topic is delivered to every subscriber
 * of that topic (subscribed before the publication), in publication order, each through its
 * own channel and its own {@link SlowPolicy}.
 *
 * <p>Go equivalent: the topic broker of the seeds' chat-room exercise, a goroutine that owns
 * {@code map[K][]chan T}:
 * {@snippet lang=go :
 * for {
 *     select {
 *     case m := <-publish:   for _, ch := range topics[m.topic] { ch <- m.value }
 *     case s := <-subscribe: topics[s.topic] = append(topics[s.topic], s.ch)
 *     case s := <-unsub:     remove(topics, s); close(s.ch)
 *     case <-quit:           closeAll(topics); return
 *     case <-ctx.Done():     closeAll(topics); return
 *     }
 * }
 * }
 *
 * {@snippet :
 * try (PubSub<String, Message> rooms = PubSub.start(ctx)) {     // defer broker.Close()
 *     Subscription<Message> go = rooms.subscribe("golang", 16, SlowPolicy.DROP_OLDEST);
 *     rooms.publish("golang", new Message("hi"));
 *     System.out.println(go.chan().recv());
 * }
 * }
 *
 * <p>One goroutine per pub/sub delivers. {@link #publish} hands it a message and returns as
 * soon as it took it — that is, once the previous message has been delivered to its topic's
 * {@code BLOCK} subscribers: a slow {@code BLOCK} subscriber slows publishers down. A value
 * published on a topic nobody subscribes to is discarded. {@link #close()} stops the
 * publications; the message being delivered is still delivered, then every subscriber channel
 * is closed. When {@code ctx} is done the goroutine stops at once and closes the channels. In
 * both cases {@link #done()} is closed last. Topics are compared with {@code equals}; the
 * entry of a topic is removed when its last subscriber leaves; {@code null} is a valid topic.
 *
 * <p>Memory effects: a {@code publish} that returns true happens-before the receipt of its
 * value by each subscriber; two publishes ordered by happens-before reach every common
 * subscriber in that order. Thread-safety: all methods may be called from any goroutine.
 *
 * @param <K> the topic type
 * @param <T> the value type
 */
public final class PubSub<K, T> implements AutoCloseable {

    // Implementation: a SubscriberHub whose source is an unbuffered channel of (topic, value)
    // messages and whose quit channel is closed by close(); the hub's comment has the
    // algorithm. publish never sends on a closed channel: 'in' is never closed.

    private record Msg<K, T>(K topic, T value) {
    }

    private final Chan<Msg<K, T>> in = Chan.make();    // never closed
    private final Chan<Void> quit = Chan.make();       // closed once, by close()
    private final AtomicBoolean closed = new AtomicBoolean();
    private final SubscriberHub<K, Msg<K, T>, T> hub; // written once before publication

    private PubSub(Context ctx) {
        this.hub = new SubscriberHub<>(ctx, in, quit, Msg::topic, Msg::value);
    }

    /**
     * Starts a pub/sub whose goroutine ends when {@link #close()} is called or {@code ctx} is
     * done.
     *
     * @throws NullPointerException if {@code ctx} is null
     */
    public static <K, T> PubSub<K, T> start(Context ctx) {
        PubSub<K, T> ps = new PubSub<>(ctx);
        ps.hub.start("pubsub");
        return ps;
    }

    /**
     * Publishes {@code value} on {@code topic}, blocking until the delivering goroutine takes
     * it. Go equivalent: {@code select { case publish <- msg{topic, v}: case <-quit: }}.
     *
     * @return true if the value was taken for delivery; false if the pub/sub is closed or its
     *         context is done (a publish racing with {@code close()} may go either way; one that
     *         starts after {@code close()} returned is always false)
     * @throws io.go4j.WaitInterruptedException if interrupted while waiting; nothing was published
     */
    public boolean publish(K topic, T value) {
        return publish(null, topic, value);
    }

    /**
     * {@link #publish(Object, Object)}, giving up when {@code ctx} is done as well.
     * Go equivalent: {@code select { case publish <- m: case <-quit: case <-ctx.Done(): }}.
     *
     * @param ctx the caller's context; null for none
     * @return true if the value was taken; false if the pub/sub is closed, its context is done,
     *         or {@code ctx} is done (then {@code ctx.err()} says why)
     */
    public boolean publish(Context ctx, K topic, T value) {
        if (!(quit.tryRecv() instanceof TryRecv.WouldBlock<Void>)
                || !(hub.finished.tryRecv() instanceof TryRecv.WouldBlock<Void>)) {
            return false;
        }
        if (ctx != null && ctx.err() != null) {
            return false;
        }
        return Select.<Boolean>select(
                send(in, new Msg<>(topic, value), () -> true),
                recv(quit, x -> false),
                recv(hub.finished, x -> false),
                recv(ctx == null ? null : ctx.done(), x -> false));
    }

    /**
     * Subscribes to {@code topic}: every value published on it from now on is delivered to the
     * returned subscription's channel, which has room for {@code buffer} values; when it is
     * full, {@code policy} decides. If the pub/sub has ended, the subscription's channel is
     * already closed. Unsubscribe with {@link Subscription#cancel()}.
     *
     * @throws io.go4j.Panic {@code makechan: size out of range} if {@code buffer < 0}
     * @throws NullPointerException if {@code policy} is null
     */
    public Subscription<T> subscribe(K topic, int buffer, SlowPolicy policy) {
        return hub.subscribe(topic, buffer, policy);
    }

    /**
     * Stops the pub/sub: later publishes return false; the message being delivered is still
     * delivered; then every subscriber channel is closed, and {@link #done()}. Does not wait
     * for that (receive from {@link #done()} to wait). Idempotent.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            quit.close();
        }
    }

    /** A channel closed when the pub/sub has ended and every subscriber channel is closed. */
    public RecvChan<Void> done() {
        return hub.finished;
    }

    @Override
    public String toString() {
        return "PubSub";
    }
}
