package io.go4j.testing;

import io.go4j.internal.Dump;
import io.go4j.internal.PanicReport;
import io.go4j.internal.park.G;
import io.go4j.internal.park.Park;
import io.go4j.internal.park.Unreachable;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds goroutines blocked for ever: parked on a channel (or a select, mutex, condition or wait
 * group) that no running code can reach any more, so that nobody can ever wake them — the
 * goroutine leaks that {@link Leaks} can only list as "still alive", proved dead. Go 1.26's
 * experimental goroutine leak profile ({@code GOEXPERIMENT=goroutineleakprofile}) finds the
 * same with Go's garbage collector; go4j asks the JVM's.
 *
 * {@snippet :
 * // java -Dgo4j.findUnreachable=true -Djdk.trackAllThreads=false ...
 * static void leaky() {
 *     Chan<Integer> ch = Chan.make();
 *     Go.go(() -> ch.send(42));        // nobody will ever receive: ch is unreachable on return
 * }
 * leaky();
 * BlockedForever.verifyNone();         // AssertionError:
 * // found goroutines blocked for ever on objects no goroutine can reach:
 * // goroutine 7 [chan send (leaked)]:
 * // com.example.Leaky.lambda$leaky$0(...)
 * //     Leaky.java:4
 * // created by com.example.Leaky in goroutine 1
 * }
 *
 * <h2>Opt-in</h2>
 * Two JVM options, read at start-up: {@code -Dgo4j.findUnreachable=true} makes go4j's registry
 * of live goroutines hold them weakly, and {@code -Djdk.trackAllThreads=false} stops the JDK
 * from holding every virtual thread for its thread dumps ({@code jcmd Thread.dump_to_file} then
 * lists only platform threads; go4j's own dumps still list every goroutine). Without them
 * {@link #find()} throws {@link IllegalStateException} saying so. The deadlock detector needs
 * the JDK's registry, so it does not report while the finder is on.
 *
 * <h2>What counts</h2>
 * A goroutine is reported when a full garbage collection finds its record unreachable: nothing
 * but the goroutine's own stack and the wait queue it sits in leads to it. Reachable, and so
 * never reported: a goroutine whose channel a running goroutine, a platform thread, a static
 * field or a pending timer can still reach, and one whose {@link io.go4j.Goroutine} handle is
 * held (the handle can interrupt it). Goroutines of synctest bubbles are never reported.
 *
 * <h2>Departure from Go</h2>
 * The JVM reclaims a goroutine found so: its thread and stack are freed, its {@code finally}
 * blocks never run (as in Go, where a leaked goroutine never runs again), and it leaves the
 * live set — {@link io.go4j.runtime.GoRuntime#numGoroutine()} drops, and {@link Leaks} no longer
 * lists it. It is reported once, by the next {@link #find()}, even if a collection that the
 * program triggered by itself found it first (then without its stack, which was freed with it).
 */
public final class BlockedForever {

    private BlockedForever() {
    }

    /** The first line of the report. */
    public static final String HEADER = "found goroutines blocked for ever on objects no goroutine can reach:";

    /** Whether this JVM was started with the options the finder needs. */
    public static boolean enabled() {
        return Unreachable.ENABLED && !Unreachable.JDK_TRACKS_ALL_THREADS;
    }

    /**
     * Runs a full garbage collection ({@link System#gc()}) and reports the goroutines found blocked
     * for ever since the last call: {@link #HEADER}, then one block per goroutine in the format of
     * Go's goroutine dumps with {@code (leaked)} after the wait reason, in id order, separated by
     * blank lines.
     *
     * @return the report, or empty if there is none
     * @throws IllegalStateException if the JVM was not started with
     *         {@code -Dgo4j.findUnreachable=true -Djdk.trackAllThreads=false}
     */
    public static Optional<String> find() {
        if (!enabled()) {
            throw new IllegalStateException("the finder of goroutines blocked for ever needs the JVM options "
                    + "-Dgo4j.findUnreachable=true -Djdk.trackAllThreads=false (now go4j.findUnreachable="
                    + Unreachable.ENABLED + ", jdk.trackAllThreads=" + System.getProperty("jdk.trackAllThreads", "true") + ")");
        }
        Map<Long, String> blocks = blockedNow();
        System.gc(); // a full collection clears the weak holds on every unreachable goroutine
        List<Unreachable.Ref> found = Unreachable.takeFound();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder b = new StringBuilder(HEADER).append('\n');
        for (int i = 0; i < found.size(); i++) {
            if (i > 0) {
                b.append('\n');
            }
            Unreachable.Ref r = found.get(i);
            String block = blocks.get(r.id);
            b.append(block != null ? leaked(block) : withoutStack(r));
        }
        return Optional.of(b.toString());
    }

    /** Like {@link #find()}, failing with the report if there is one: a test's last line. */
    public static void verifyNone() {
        Optional<String> report = find();
        if (report.isPresent()) {
            throw new AssertionError(report.get());
        }
    }

    /**
     * The dump blocks of the goroutines parked now, by id: taken before the collection, which
     * frees the stacks of the ones it finds. Holds only text, so it keeps no goroutine alive.
     */
    private static Map<Long, String> blockedNow() {
        Map<Long, String> blocks = new HashMap<>();
        for (G g : Park.goroutines()) {
            if (g.parkedUnclaimed()) {
                StringBuilder b = new StringBuilder(256);
                Dump.goroutine(b, g, false);
                blocks.put(g.id, b.toString());
            }
        }
        return blocks;
    }

    /** {@code goroutine 7 [chan send, 2 minutes]:} becomes {@code goroutine 7 [chan send (leaked), 2 minutes]:}. */
    static String leaked(String block) {
        int open = block.indexOf('[');
        int comma = block.indexOf(", ", open);
        int close = block.indexOf("]:", open);
        int at = comma >= 0 && comma < close ? comma : close;
        return block.substring(0, at) + " (leaked)" + block.substring(at);
    }

    /** The block of a goroutine whose stack was freed before the finder ran. */
    private static String withoutStack(Unreachable.Ref r) {
        String reason = r.lastReason() == null ? "waiting" : r.lastReason();
        StringBuilder b = new StringBuilder("goroutine ").append(r.id).append(" [").append(reason)
                .append(" (leaked)]:\n(stack unavailable: collected before the finder ran)\n");
        if (r.fnClass != null) {
            b.append("created by ").append(PanicReport.creator(r.fnClass));
            if (r.parentId != 0) {
                b.append(" in goroutine ").append(r.parentId);
            }
            b.append('\n');
        }
        return b.toString();
    }
}
