package io.go4j.pipe;

import io.go4j.Case;
import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.RecvChan;
import io.go4j.Select;
import io.go4j.TryRecv;
import io.go4j.context.Context;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static io.go4j.Case.recv;
import static io.go4j.Case.recvOk;
import static io.go4j.Case.send;

/**
 * The delivery goroutine shared by {@link Broadcast} (one topic, {@link #ALL}) and
 * {@link PubSub} (a topic per key): it reads messages from a source channel and hands each
 * value to every subscriber of its topic, each according to its {@link SlowPolicy}.
 */
final class SubscriberHub<K, M, T> {

    /*
     * Implementation notes.
     *
     * Idea: Go's "share memory by communicating" broadcaster — one goroutine owns the
     * subscriber lists and every subscriber channel; subscribe and unsubscribe are requests
     * sent to it over unbuffered channels, so no lock is needed and no channel is ever sent on
     * after it is closed (the goroutine that sends is the goroutine that closes).
     *
     *   publishers ──source──▶ [ loop ] ──sub.ch──▶ subscriber 1
     *   subscribe() ──subs───▶ [      ] ──sub.ch──▶ subscriber 2 ...
     *   cancel()  ──unsubs───▶ [      ]
     *                 finished ◀─ closed when the loop has closed every sub.ch and exited
     *
     * Delivery of one value v (deliver): first a non-blocking attempt on every subscriber
     * (trySend; the DROP_* policies end there), then one select over the BLOCK subscribers
     * still owed v, together with ctx.done() and the subscribe/unsubscribe requests, until
     * every one of them got v or left. Only then is the next message read: so every
     * subscriber sees the values in source order, and a BLOCK subscriber sets the pace.
     *
     * Invariants: (1) a subscription is in 'topics' iff the loop accepted its subscribe and
     * not its cancel; (2) the loop closes sub.ch exactly once — on cancel or on exit — and
     * 'gone' just after it; (3) 'finished' is closed only after every registered sub.ch is;
     * (4) a subscriber added while v is being delivered does not get v (it subscribed after v
     * was published).
     * Not an invariant: a DROP_OLDEST removal racing with the subscriber's own receive may
     * remove a value that would have fitted (see SlowPolicy.DROP_OLDEST).
     */

    /** The single topic of a {@link Broadcast}. */
    static final Object ALL = new Object() {
        @Override
        public String toString() {
            return "ALL";
        }
    };

    private static final Object STOP = new Object();      // select result: stop the loop
    private static final Object CONTINUE = new Object();  // select result: nothing to do

    final Context ctx;                              // written once before publication
    final Chan<Subscription<T>> subs = Chan.make();   // subscribe requests
    final Chan<Subscription<T>> unsubs = Chan.make(); // cancel requests
    final Chan<Void> finished = Chan.make();          // closed by the loop as it exits
    private final RecvChan<M> source;               // written once; closing it ends the loop
    private final RecvChan<Void> quit;              // null (never ready) or closed to end the loop
    private final Function<? super M, ?> topicOf;   // written once
    private final Function<? super M, ? extends T> valueOf; // written once
    private final Map<Object, List<Subscription<T>>> topics = new HashMap<>(); // loop only

    SubscriberHub(Context ctx, RecvChan<M> source, RecvChan<Void> quit,
                  Function<? super M, ?> topicOf, Function<? super M, ? extends T> valueOf) {
        if (ctx == null || source == null) {
            throw new NullPointerException(ctx == null ? "ctx" : "source");
        }
        this.ctx = ctx;
        this.source = source;
        this.quit = quit;
        this.topicOf = topicOf;
        this.valueOf = valueOf;
    }

    void start(String name) {
        Go.go(name, this::loop);
    }

    /** Registers a new subscriber; if the loop has finished, returns one whose channel is closed. */
    Subscription<T> subscribe(Object topic, int buffer, SlowPolicy policy) {
        Subscription<T> s = new Subscription<>(this, topic, buffer, policy);
        boolean registered = Select.select(
                send(subs, s, () -> true),
                recv(finished, x -> false));
        if (!registered) {
            s.ch.close(); // never seen by the loop: this goroutine is its only owner
            s.gone.close();
        }
        return s;
    }

    // ---------------------------------------------------------------- the loop

    private void loop() {
        try {
            for (;;) {
                Object ev = Select.<Object>select(
                        recvOk(source, (m, ok) -> ok ? new Msg<>(m) : STOP),
                        recv(quit, x -> STOP),
                        recv(ctx.done(), x -> STOP),
                        recv(subs, s -> add(s)),
                        recv(unsubs, s -> remove(s)));
                if (ev == STOP) {
                    return;
                }
                if (ev instanceof Msg<?> msg && !deliver(msg.m)) {
                    return;
                }
            }
        } finally {
            // Invariant (3): every registered channel is closed before 'finished'.
            for (List<Subscription<T>> list : topics.values()) {
                for (Subscription<T> s : list) {
                    s.ch.close();
                    s.gone.close();
                }
            }
            topics.clear();
            finished.close();
        }
    }

    private record Msg<M>(M m) {
    }

    /** Hands one value to every subscriber of its topic; false if ctx ended the wait. */
    @SuppressWarnings("unchecked")
    private boolean deliver(Object message) {
        M m = (M) message;
        List<Subscription<T>> list = topics.get(topicOf.apply(m));
        if (list == null) {
            return true; // nobody listens: the value is gone, as with no receivers in Go
        }
        T v = valueOf.apply(m);
        List<Subscription<T>> pending = null;
        // 1. Non-blocking pass: the DROP_* policies are settled here.
        for (Subscription<T> s : list) {
            if (!offer(s, v)) {
                if (pending == null) {
                    pending = new ArrayList<>();
                }
                pending.add(s);
            }
        }
        // 2. Wait for the BLOCK subscribers still owed v, serving requests meanwhile.
        while (pending != null && !pending.isEmpty()) {
            List<Case<?>> cases = new ArrayList<>(pending.size() + 3);
            for (Subscription<T> s : pending) {
                cases.add(send(s.ch, v, () -> s));
            }
            cases.add(recv(ctx.done(), x -> STOP));
            cases.add(recv(subs, s -> add(s)));         // joins after v: does not get it
            cases.add(recv(unsubs, s -> {
                remove(s);
                return s;                              // no longer owed v
            }));
            Object r = Select.<Object>select(cases.toArray(new Case<?>[0]));
            if (r == STOP) {
                return false;
            }
            if (r instanceof Subscription<?> s) {
                pending.remove(s); // identity: Subscription does not override equals
            }
        }
        return true;
    }

    /** One non-blocking delivery; false only for a BLOCK subscriber without room. */
    private boolean offer(Subscription<T> s, T v) {
        switch (s.policy) {
            case BLOCK -> {
                return s.ch.trySend(v);
            }
            case DROP_NEWEST -> {
                if (!s.ch.trySend(v)) {
                    s.dropped.incrementAndGet();
                }
                return true;
            }
            default -> { // DROP_OLDEST
                while (!s.ch.trySend(v)) {
                    if (s.ch.cap() == 0) {
                        s.dropped.incrementAndGet(); // nothing buffered: the new value goes
                        return true;
                    }
                    // Full: take out the oldest. If the subscriber emptied a slot meanwhile,
                    // this finds nothing (or a younger value) and the retry succeeds; the loop
                    // is the only sender, so a slot freed here stays free.
                    if (s.ch.tryRecv() instanceof TryRecv.Value<T>) {
                        s.dropped.incrementAndGet();
                    }
                }
                return true;
            }
        }
    }

    private Object add(Subscription<T> s) {
        topics.computeIfAbsent(s.topic, k -> new ArrayList<>()).add(s);
        return CONTINUE;
    }

    private Object remove(Subscription<T> s) {
        List<Subscription<T>> list = topics.get(s.topic);
        if (list != null && list.remove(s)) {
            if (list.isEmpty()) {
                topics.remove(s.topic); // no entry for a topic nobody listens to
            }
            s.ch.close();
            s.gone.close();
        }
        return CONTINUE;
    }
}
