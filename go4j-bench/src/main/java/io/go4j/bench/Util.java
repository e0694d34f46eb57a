package io.go4j.bench;

import io.go4j.Goroutine;
import java.time.Duration;
import java.util.List;

/**
 * Shared helpers of the benchmarks: pre-boxed values, the end-of-stream marker of the JDK
 * peers, starting and joining virtual threads, and the check that the JMH worker thread is a
 * virtual thread.
 */
final class Util {

    private Util() {
    }

    /** The JVM options every benchmark fork gets (see the class docs and the README). */
    static final String EXECUTOR = "-Djmh.executor=VIRTUAL";
    static final String UNSAFE = "--sun-misc-unsafe-memory-access=allow";

    /** How long a teardown waits for a thread before calling it leaked. */
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(60);

    /**
     * Pre-boxed values to send: Go sends plain ints, so the Java side must not measure
     * {@code Integer} allocation. Index with {@code i & MASK}.
     */
    static final Integer[] VALUES = new Integer[1024];
    static final int MASK = VALUES.length - 1;

    static {
        for (int i = 0; i < VALUES.length; i++) {
            VALUES[i] = i;
        }
    }

    /**
     * End-of-stream marker for the JDK queues, which cannot be closed: where Go closes a
     * channel (and go4j and jox close theirs), a JDK producer puts this marker instead. The
     * JDK queues are therefore {@code BlockingQueue<Object>}.
     */
    static final Object END = new Object() {
        @Override
        public String toString() {
            return "END";
        }
    };

    /** How many of {@code n} elements worker {@code i} of {@code k} gets (Go twin's share). */
    static int share(int n, int k, int i) {
        int s = n / k;
        return i < n % k ? s + 1 : s;
    }

    /** A body that may throw (jox and the JDK queues throw InterruptedException). */
    @FunctionalInterface
    interface Body {
        void run() throws Exception;
    }

    /** Starts {@code body} on a new virtual thread (the peers' counterpart of {@code Go.go}). */
    static Thread virtual(Body body) {
        return Thread.ofVirtual().start(() -> {
            try {
                body.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Waits for {@code t} to end; throws if it does not end in time (a leaked thread). */
    static void join(Thread t) {
        try {
            if (!t.join(JOIN_TIMEOUT)) {
                throw new IllegalStateException("thread did not end (leak): " + t);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void joinAll(List<Thread> threads) {
        for (Thread t : threads) {
            join(t);
        }
        threads.clear();
    }

    static void join(Goroutine g) {
        join(g.thread());
    }

    static void joinGoroutines(List<Goroutine> gs) {
        for (Goroutine g : gs) {
            join(g.thread());
        }
        gs.clear();
    }

    /**
     * Fails fast unless the benchmark runs on a virtual thread: every thread of every peer
     * must be virtual, the JMH worker included ({@value #EXECUTOR}).
     */
    static void requireVirtual() {
        if (!Thread.currentThread().isVirtual()) {
            throw new IllegalStateException("the JMH worker is not a virtual thread: run the fork with "
                    + EXECUTOR + " (see go4j-bench/README.md)");
        }
    }
}
