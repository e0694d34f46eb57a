package io.go4j.internal;

import io.go4j.internal.park.G;
import io.go4j.internal.park.Park;
import io.go4j.internal.park.WaitReason;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * One goroutine as the dumps read from outside the process see it — the MBean's JSON dump and
 * the JFR event {@code io.go4j.Goroutine} (docs/adr/0011-runtime-introspection.md, section 6):
 * the fields of a {@link Dump} block, as data.
 *
 * <p>A racy snapshot, as a dump of a running program is: the wait reason and its start are
 * read together (the reason's acquire read publishes the start), the stack a moment later; a
 * goroutine may have moved on in between, as in Go's own dumps.
 *
 * @param id             the goroutine id
 * @param name           the name given at start, or null
 * @param state          Go's status word: the wait reason ({@code chan receive}), {@code runnable}
 *                       (not parked in go4j: running, ready, or blocked outside go4j), or
 *                       {@code running} for the goroutine that takes the snapshot
 * @param waitReason     the wait reason in Go's words, or null if not parked in go4j
 * @param waitSinceNanos {@link System#nanoTime()} when the wait began; meaningful if waiting
 * @param parentId       the id of the goroutine that started this one, 0 if a plain thread did
 * @param createdBy      the class that defined the goroutine's function (the dump's
 *                       "created by"), or null for goroutine 1 (Go's main has none)
 * @param frames         the stack, innermost first, go4j's and the JDK's machinery left out as
 *                       in {@link Dump}; empty if not asked for
 */
public record GoroutineSnapshot(long id, String name, String state, String waitReason, long waitSinceNanos,
                                long parentId, String createdBy, List<StackTraceElement> frames) {

    /** Every live goroutine, by increasing id; with their stacks if {@code stacks}. */
    public static List<GoroutineSnapshot> all(boolean stacks) {
        List<G> gs = new ArrayList<>(Park.goroutines());
        gs.sort(Comparator.comparingLong(g -> g.id));
        G self = Park.currentGoroutineOrNull();
        List<GoroutineSnapshot> out = new ArrayList<>(gs.size());
        for (G g : gs) {
            out.add(of(g, g == self, stacks));
        }
        return out;
    }

    private static GoroutineSnapshot of(G g, boolean current, boolean stacks) {
        WaitReason r = current ? null : g.waitReason();
        long since = r == null ? 0L : g.waitSinceNanos();
        List<StackTraceElement> frames = List.of();
        if (stacks) {
            Thread t = current ? Thread.currentThread() : g.thread();
            frames = t == null ? List.of() : visible(t.getStackTrace());
        }
        String state = current ? "running" : r == null ? "runnable" : r.text();
        String createdBy = g.fnClass != null && g.id != 1 ? PanicReport.creator(g.fnClass) : null;
        return new GoroutineSnapshot(g.id, g.name, state, r == null ? null : r.text(), since,
                g.parentId, createdBy, frames);
    }

    /** Seconds spent in the current wait at {@code nowNanos} ({@link System#nanoTime()}); 0 if not waiting. */
    public double waitingSeconds(long nowNanos) {
        return waitReason == null ? 0.0 : Math.max(0L, nowNanos - waitSinceNanos) / 1e9;
    }

    /**
     * The frames a dump shows: the same rule as {@code Dump}'s (a private method there; keep
     * the two alike), plus the class that takes these snapshots for JMX.
     */
    private static List<StackTraceElement> visible(StackTraceElement[] all) {
        return Arrays.stream(all).filter(e -> !Dump.hidden(e.getClassName())).toList();
    }
}
