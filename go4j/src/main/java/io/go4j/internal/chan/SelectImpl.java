package io.go4j.internal.chan;

import io.go4j.Panic;
import io.go4j.WaitInterruptedException;
import io.go4j.internal.park.Bubble;
import io.go4j.internal.park.Park;
import io.go4j.internal.park.WaitReason;
import io.go4j.internal.park.Waiter;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Select — Go's {@code selectgo} from runtime/select.go.
 *
 * <h2>The algorithm</h2>
 * <ol>
 *   <li>Shuffle the non-nil cases into a random poll order (uniform choice among ready cases)
 *       and sort them by channel into a lock order (a global order: {@code lockOrder()}, a
 *       number every channel gets at birth, in place of Go's channel addresses).</li>
 *   <li>Lock every channel, each once, in lock order. Holding all of them, the select sees
 *       the channels at one instant.</li>
 *   <li>Pass 1: in poll order, the first case that can proceed now (a parked partner to
 *       claim, buffer room or a buffered value, a closed channel) runs; unlock all; done. A
 *       send case on a closed channel panics, even with a default case.</li>
 *   <li>None ready and a default: unlock all and take the default.</li>
 *   <li>Pass 2: queue one {@link Sudog} per case, in lock order, all pointing at one
 *       {@link Waiter}; unlock all; park. The first partner to claim the waiter (one CAS)
 *       completes exactly one case; the others fail their claim and skip our sudogs.</li>
 *   <li>Pass 3, on waking: lock all, unlink our sudogs that are still queued, unlock all.</li>
 * </ol>
 * A select never pairs with itself: in pass 1 none of its own sudogs is queued yet, and once
 * they are queued only other goroutines look at them.
 *
 * <h2>Lock order argument</h2>
 * Plain operations hold one channel lock; selects take several in increasing lock order; no
 * one waits for a lock while holding a lock of a higher order, so there is no deadlock.
 * Claims are CASes, not locks.
 *
 * <h2>Differences from Go</h2>
 * Go sorts with a heap sort on addresses; here an insertion sort on lock numbers (selects
 * have few cases). Interrupts cancel a parked select as they cancel any wait (ADR 0002).
 */
public final class SelectImpl {

    /** chosen == DEFAULT: the default case ran. */
    public static final int DEFAULT = -1;

    private SelectImpl() {
    }

    /** The outcome of a select: which case, and for a receive case its value and ok flag. */
    public static final class Result {
        public int chosen;
        public Object value;
        public boolean ok;
    }

    /**
     * Runs one select.
     *
     * @param chans      per case: the channel, or null for a nil-channel case
     * @param sends      per case: true for a send case
     * @param values     per case: the value to send (ignored for receive cases)
     * @param n          the number of cases
     * @param hasDefault whether a default case exists
     * @param out        receives the outcome
     */
    public static void select(HChan<?>[] chans, boolean[] sends, Object[] values, int n,
                              boolean hasDefault, Result out) {
        // ---- 1. poll order (random) and lock order (by channel) over the non-nil cases
        int[] order = new int[2 * n];
        int m = 0; // number of non-nil cases
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        for (int i = 0; i < n; i++) {
            if (chans[i] == null) {
                continue;
            }
            // inside-out Fisher-Yates: place i at a random position j <= m
            int j = rnd.nextInt(m + 1);
            order[m] = order[j];
            order[j] = i;
            m++;
        }
        if (m == 0) {
            if (hasDefault) {
                out.chosen = DEFAULT;
                return;
            }
            // select {} or every case on a nil channel: block for ever
            Park.parkForever(n == 0 ? WaitReason.SELECT_NO_CASES : WaitReason.SELECT);
            throw new WaitInterruptedException(n == 0 ? "select (no cases)" : "select");
        }
        // lock order: a copy of the cases sorted by lockOrder (insertion sort; m is small)
        for (int k = 0; k < m; k++) {
            int c = order[k];
            long key = chans[c].lockOrder();
            int p = m + k;
            while (p > m && chans[order[p - 1]].lockOrder() > key) {
                order[p] = order[p - 1];
                p--;
            }
            order[p] = c;
        }
        // ---- 2. lock all (a due timer channel first produces its value: Go's maybeRunChan)
        boolean timers = false;
        for (int k = 0; k < m; k++) {
            HChan<?> c = chans[order[k]];
            if (c.timer != null && !sends[order[k]]) {
                c.timer.maybeRun();
                timers = true;
            }
        }
        lockAll(chans, order, m);
        // ---- 3. pass 1: the first ready case in poll order
        for (int k = 0; k < m; k++) {
            int i = order[k];
            HChan<?> c = chans[i];
            if (sends[i]) {
                if (c.isClosedLocked()) {
                    unlockAll(chans, order, m);
                    throw new Panic("send on closed channel");
                }
                Sudog r = c.claimReceiver(values[i]);
                if (r != null) {
                    unlockAll(chans, order, m);
                    Park.unpark(r.owner);
                    out.chosen = i;
                    return;
                }
                if (c.countLocked() < c.capacity) {
                    c.enqueueBuf(values[i]);
                    unlockAll(chans, order, m);
                    out.chosen = i;
                    return;
                }
            } else {
                Sudog s = c.claimSender();
                if (s != null) {
                    Object v = c.recvFromClaimedSender(s);
                    unlockAll(chans, order, m);
                    Park.unpark(s.owner);
                    out.chosen = i;
                    out.value = v;
                    out.ok = true;
                    return;
                }
                if (c.countLocked() > 0) {
                    Object v = c.dequeueBuf();
                    unlockAll(chans, order, m);
                    out.chosen = i;
                    out.value = v;
                    out.ok = true;
                    return;
                }
                if (c.isClosedLocked()) {
                    unlockAll(chans, order, m);
                    out.chosen = i;
                    out.value = null;
                    out.ok = false;
                    return;
                }
            }
        }
        // ---- 4. nothing ready
        if (hasDefault) {
            unlockAll(chans, order, m);
            out.chosen = DEFAULT;
            return;
        }
        // ---- 5. pass 2: queue on every channel, park
        Waiter w = new Waiter(Park.current());
        if (Bubble.anyBubbles) { // synctest: a select over another bubble's channel is not durable
            for (int k = 0; k < m; k++) {
                if (chans[order[k]].bubble() != w.g.bubble) {
                    w.notDurable = true;
                }
            }
        }
        Sudog[] sgs = new Sudog[n];
        for (int k = m; k < 2 * m; k++) {
            int i = order[k];
            HChan<?> c = chans[i];
            Sudog sg = new Sudog(w, c, i, sends[i] ? values[i] : null);
            sgs[i] = sg;
            if (sends[i]) {
                c.enqueue(HChan.SENDQ, sg);
            } else {
                c.enqueue(HChan.RECVQ, sg);
                if (c.timer != null) {
                    c.timer.block();
                }
            }
        }
        unlockAll(chans, order, m);
        int st = Park.park(w, WaitReason.SELECT, null);
        if (timers) {
            for (int k = m; k < 2 * m; k++) {
                int i = order[k];
                if (chans[i].timer != null && !sends[i]) {
                    chans[i].timer.unblock();
                }
            }
        }
        // ---- 6. pass 3: withdraw from every channel
        lockAll(chans, order, m);
        for (int k = m; k < 2 * m; k++) {
            int i = order[k];
            Sudog sg = sgs[i];
            if (sends[i]) {
                chans[i].remove(HChan.SENDQ, sg);
            } else {
                chans[i].remove(HChan.RECVQ, sg);
            }
        }
        unlockAll(chans, order, m);
        if (st == Waiter.CANCELLED) {
            throw new WaitInterruptedException("select");
        }
        int i = Waiter.caseOf(st);
        Sudog sg = sgs[i];
        out.chosen = i;
        if (sends[i]) {
            if (!sg.success) { // woken by close
                throw new Panic("send on closed channel");
            }
        } else {
            out.value = sg.success ? sg.elem : null;
            out.ok = sg.success;
        }
    }

    private static void lockAll(HChan<?>[] chans, int[] order, int m) {
        HChan<?> prev = null;
        for (int k = m; k < 2 * m; k++) {
            HChan<?> c = chans[order[k]];
            if (c != prev) {
                if (prev == null) {
                    c.lock();
                } else {
                    c.lockNested(); // holding locks: never yield (see RuntimeLock)
                }
                prev = c;
            }
        }
    }

    private static void unlockAll(HChan<?>[] chans, int[] order, int m) {
        // unlock in reverse lock order (any order is correct; this mirrors Go)
        HChan<?> prev = null;
        for (int k = 2 * m - 1; k >= m; k--) {
            HChan<?> c = chans[order[k]];
            if (c != prev) {
                c.unlock();
                prev = c;
            }
        }
    }
}
