package io.go4j.internal.park;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The opt-in finder of goroutines blocked for ever on objects no one can reach any more — what
 * Go 1.26's experimental goroutine leak profile does with its garbage collector, done with the
 * JVM's.
 *
 * <h2>The idea</h2>
 * A goroutine parked on a channel is reachable only through that channel's wait queue (the
 * sudog holds the waiter, the waiter its goroutine record, the record its thread, the thread
 * its stack). If nothing else reaches the channel, the channel, the goroutine and its stack form
 * a cycle of garbage: nobody can ever send to it, close it, or wake the goroutine.
 * <pre>
 *   channel --sudog--&gt; Waiter --&gt; G --&gt; virtual thread --stack--&gt; channel
 *      ^ nobody else: garbage, and the goroutine is blocked for ever
 * </pre>
 * Two things normally keep every goroutine reachable: go4j's registry of live goroutines and the
 * JDK's registry of virtual threads ({@code jdk.trackAllThreads}, true by default). With
 * {@code -Dgo4j.findUnreachable=true} the registry holds each goroutine of the root bubble
 * through a {@link Ref} (a weak reference); with {@code -Djdk.trackAllThreads=false} the JDK
 * only counts its virtual threads. A garbage collection then clears exactly the records of
 * goroutines that no running code can wake: those blocked on an unreachable channel, select,
 * mutex, condition or wait group. A goroutine still reachable otherwise — its channel held by a
 * running goroutine, a platform thread, a static field, a pending timer, or its own
 * {@code Goroutine} handle (which can interrupt it) — is not touched.
 *
 * <p>A {@link Ref} keeps what a report needs once the record is gone: id, name, creator and
 * the last wait reason (written at each park, only in this mode). A cleared record leaves the
 * registry (the goroutine no longer exists in the JVM: NumGoroutine drops) and waits in
 * {@link #FOUND} for the finder's report. Synctest bubbles keep strong records (a bubble waits
 * for its goroutines to end).
 *
 * <p>Costs nothing unless enabled: the hot path reads {@code g.ref}, null when disabled. Cannot
 * be combined with the deadlock detector, which needs the JDK's registry of virtual threads.
 */
public final class Unreachable {

    private Unreachable() {
    }

    /** Whether the finder is on: {@code -Dgo4j.findUnreachable=true}, read once at start-up. */
    public static final boolean ENABLED = Boolean.getBoolean("go4j.findUnreachable");

    /** Whether the JDK tracks every virtual thread (then no goroutine can become unreachable). */
    public static final boolean JDK_TRACKS_ALL_THREADS =
            !"false".equalsIgnoreCase(System.getProperty("jdk.trackAllThreads", "true").trim());

    private static final ReferenceQueue<G> QUEUE = new ReferenceQueue<>();
    /** Records cleared by the collector, not yet reported. */
    private static final ConcurrentLinkedQueue<Ref> FOUND = new ConcurrentLinkedQueue<>();

    /** The registry's weak hold on one goroutine's record, with what a report needs. */
    public static final class Ref extends WeakReference<G> {
        public final long id;
        public final String name;
        public final long parentId;
        public final Class<?> fnClass;
        /** The reason of the goroutine's latest wait; written by the goroutine when it parks. */
        volatile WaitReason lastReason;

        Ref(G g) {
            super(g, QUEUE);
            this.id = g.id;
            this.name = g.name;
            this.parentId = g.parentId;
            this.fnClass = g.fnClass;
        }

        /** Go's text of the latest wait reason, or null if the goroutine never waited. */
        public String lastReason() {
            WaitReason r = lastReason;
            return r == null ? null : r.text();
        }
    }

    /** The registry's entry for a new goroutine: its record, or a weak hold on it. */
    static Object entry(G g) {
        if (ENABLED && g.bubble == Bubble.ROOT) {
            Ref r = new Ref(g);
            g.ref = r;
            return r;
        }
        return g;
    }

    /** The record behind a registry entry, or null if the collector cleared it. */
    static G record(Object entry) {
        return entry instanceof G g ? g : entry == null ? null : ((Ref) entry).get();
    }

    /** Moves the records the collector has cleared from the registry to {@link #FOUND}. */
    static void expunge() {
        for (java.lang.ref.Reference<? extends G> r; (r = QUEUE.poll()) != null; ) {
            Ref ref = (Ref) r;
            if (Park.forget(ref)) {
                FOUND.add(ref);
            }
        }
    }

    /**
     * Takes the records cleared so far: goroutines that were blocked when the collector found
     * them unreachable. Call after a collection ({@code System.gc()}); records cleared by it
     * are taken even if the JDK has not queued them yet.
     */
    public static List<Ref> takeFound() {
        for (Object e : Park.entries()) {
            if (e instanceof Ref r && r.refersTo(null) && Park.forget(r)) {
                FOUND.add(r);
            }
        }
        expunge();
        List<Ref> out = new ArrayList<>();
        for (Ref r; (r = FOUND.poll()) != null; ) {
            out.add(r);
        }
        out.sort((a, b) -> Long.compare(a.id, b.id));
        return out;
    }
}
