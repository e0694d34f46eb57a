package io.go4j.internal.park;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The pending timers of one {@link Clock}: a binary min-heap on deadline — Go's per-P
 * {@code timers} heap, one per clock here. Slots are three parallel arrays (deadline, timer,
 * generation), so a pending timer costs its slot's 16 bytes here and nothing more.
 *
 * <p>Removal is lazy, as in Go: stopping or resetting a timer does not touch the heap, it
 * bumps the timer's heap generation, which turns its slot into a <em>zombie</em>. The driver
 * drops zombies when they reach the top, and sweeps the whole heap when more than a quarter
 * of it is zombies — so a million timers started and stopped leave nothing behind.
 *
 * <p>Lock order: a timer's lock, then this heap's lock. The heap lock is held only for a heap
 * operation, never while a timer fires.
 */
final class TimerHeap extends RuntimeLock {

    private final Clock clock;
    private long[] whens = new long[16];
    private Timer[] timers = new Timer[16];
    private int[] gens = new int[16];
    private int size;
    /** How long at most the driver sleeps while the heap holds zombies. */
    private static final long SWEEP_DELAY_NANOS = 1_000_000_000L;
    /** Timers popped and not yet done firing (the deadlock detector waits for them). */
    private final AtomicInteger firing = new AtomicInteger();

    int firing() {
        return firing.get();
    }

    /** Slots whose timer was stopped or reset since it was pushed. */
    final AtomicInteger zombies = new AtomicInteger();

    TimerHeap(Clock clock) {
        this.clock = clock;
    }

    int size() {
        lock();
        try {
            return size;
        } finally {
            unlock();
        }
    }

    /** Adds a slot; the caller holds {@code t}'s lock (so this lock is taken nested). */
    void push(Timer t, long when, int gen) {
        lockNested();
        try {
            if (size == whens.length) {
                int n = size * 2;
                whens = java.util.Arrays.copyOf(whens, n);
                timers = java.util.Arrays.copyOf(timers, n);
                gens = java.util.Arrays.copyOf(gens, n);
            }
            int i = size++;
            siftUp(i, when, t, gen);
            if (i == 0 || whens[0] == when) {
                clock.earliestChanged(when);
            }
        } finally {
            unlock();
        }
    }

    /**
     * Fires every timer due at the clock's present time; returns the next deadline, or
     * {@link Long#MAX_VALUE} if none is pending. The driver calls this with no lock held.
     */
    long runExpired(Clock c) {
        for (;;) {
            long now = c.nanoTime();
            Timer t;
            int gen;
            lock();
            int z = zombies.get();
            if (z > 0 && z > size / 4) { // Go's adjust: sweep once zombies are over a quarter
                sweep();
            }
            if (size == 0 || whens[0] > now) {
                long next = size == 0 ? Long.MAX_VALUE : whens[0];
                int zs = zombies.get();
                if (zs > 0 && zs > size / 4 && next - now > SWEEP_DELAY_NANOS) {
                    // Stopped or abandoned timers wait here: come back to sweep them soon, so
                    // that an unreferenced timer is garbage within about a second, not at its
                    // deadline (Go's scheduler checks its heaps at every scheduling round).
                    next = now + SWEEP_DELAY_NANOS;
                }
                c.driverSleepsUntil(next);
                unlock();
                return next;
            }
            t = timers[0];
            gen = gens[0];
            removeTop();
            firing.incrementAndGet(); // before the lock is released: the detector sees it
            unlock();
            try {
                t.runFromHeap(gen, now);
            } finally {
                firing.decrementAndGet();
            }
        }
    }

    /**
     * A timer's slot has just become a zombie. Once zombies are over a quarter of the heap (Go's
     * condition), the driver comes back within about a second to sweep them, so an unreferenced
     * timer does not stay reachable until some far deadline; below that, they wait for the next
     * sweep, costing at most a quarter more heap. Every time their count reaches a power of two
     * (from 64 on) the driver is woken at once, so timers stopped in bulk are swept in bulk.
     */
    void zombieAdded() {
        int z = zombies.incrementAndGet();
        if (z >= 64 && (z & (z - 1)) == 0) {
            clock.wakeDriver();
        } else {
            clock.sweepWithin(SWEEP_DELAY_NANOS);
        }
    }

    /** Whether zombies are over a quarter of the heap (Go's condition for cleaning it); racy. */
    boolean sweepDue() {
        int z = zombies.get();
        return z > 0 && z > size / 4;
    }

    /**
     * Lowers the driver's wake-up time to {@code when} if it sleeps longer; caller holds no
     * heap lock (a timer's lock may be held: the heap's comes after it).
     */
    void wakeDriverBy(long when) {
        lockNested();
        try {
            clock.earliestChanged(when);
        } finally {
            unlock();
        }
    }

    /**
     * The earliest live deadline, dropping zombies from the top; {@link Long#MAX_VALUE} if no
     * timer is pending. For a driver that moves time itself (a fake clock).
     */
    long earliest() {
        lock();
        try {
            while (size > 0 && !timers[0].isLive(gens[0])) {
                removeTop();
                zombies.decrementAndGet();
            }
            return size == 0 ? Long.MAX_VALUE : whens[0];
        } finally {
            unlock();
        }
    }

    private void removeTop() {
        int last = --size;
        long w = whens[last];
        Timer t = timers[last];
        int g = gens[last];
        timers[last] = null;
        if (last > 0) {
            siftDown(0, w, t, g);
        }
    }

    /** Drops every zombie slot and rebuilds the heap. Lock held. */
    private void sweep() {
        int j = 0;
        for (int i = 0; i < size; i++) {
            if (timers[i].isLive(gens[i])) {
                whens[j] = whens[i];
                timers[j] = timers[i];
                gens[j] = gens[i];
                j++;
            }
        }
        int removed = size - j;
        for (int i = j; i < size; i++) {
            timers[i] = null;
        }
        size = j;
        zombies.addAndGet(-removed);
        for (int i = (size >>> 1) - 1; i >= 0; i--) {
            siftDown(i, whens[i], timers[i], gens[i]);
        }
        if (whens.length > 64 && size < whens.length / 4) {
            int n = Math.max(16, size * 2);
            whens = java.util.Arrays.copyOf(whens, n);
            timers = java.util.Arrays.copyOf(timers, n);
            gens = java.util.Arrays.copyOf(gens, n);
        }
    }

    private void siftUp(int i, long w, Timer t, int g) {
        while (i > 0) {
            int p = (i - 1) >>> 1;
            if (whens[p] <= w) {
                break;
            }
            whens[i] = whens[p];
            timers[i] = timers[p];
            gens[i] = gens[p];
            i = p;
        }
        whens[i] = w;
        timers[i] = t;
        gens[i] = g;
    }

    private void siftDown(int i, long w, Timer t, int g) {
        int half = size >>> 1;
        while (i < half) {
            int c = 2 * i + 1;
            int r = c + 1;
            if (r < size && whens[r] < whens[c]) {
                c = r;
            }
            if (w <= whens[c]) {
                break;
            }
            whens[i] = whens[c];
            timers[i] = timers[c];
            gens[i] = gens[c];
            i = c;
        }
        whens[i] = w;
        timers[i] = t;
        gens[i] = g;
    }
}
