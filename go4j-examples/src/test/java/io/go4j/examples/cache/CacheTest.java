package io.go4j.examples.cache;

import io.go4j.context.CancelContext;
import io.go4j.context.Context;
import io.go4j.sync.WaitGroup;
import io.go4j.testing.Leaks;
import io.go4j.testing.Synctest;
import io.go4j.time.Time;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The cache of seed 001's exercise 1 through its API: behaviour, expiry at exact instants on
 * the synctest fake clock, counted statistics under concurrent readers and writers, and no
 * goroutine left behind after {@code close()} (each test ends with a leak check).
 */
@Timeout(60)
class CacheTest {

    private static final Duration NO_JANITOR = Duration.ZERO;

    private Leaks.Option before;

    @BeforeEach
    void snapshot() {
        before = Leaks.ignoreCurrent();
    }

    @AfterEach
    void noLeaks() {
        Leaks.verifyNone(before);
    }

    private static Cache<String, Integer> cache(Duration ttl, int max, Duration janitor) {
        return Cache.open(Context.background(), new Cache.Config(ttl, max, janitor));
    }

    @Test
    @DisplayName("get/set/delete: a set value is a hit, an absent or deleted key a miss, and stats count each")
    void basics() {
        try (var c = cache(Cache.NO_EXPIRY, 0, NO_JANITOR)) {
            assertEquals(Optional.empty(), c.get("a"));
            c.set("a", 1);
            c.set("b", 2);
            assertEquals(Optional.of(1), c.get("a"));
            c.set("a", 10);                       // replaces
            assertEquals(Optional.of(10), c.get("a"));
            assertTrue(c.delete("b"));
            assertFalse(c.delete("b"));
            assertEquals(Optional.empty(), c.get("b"));
            assertEquals(new Cache.Stats(2, 2, 0, 0, 1), c.stats());
        }
    }

    @Test
    @DisplayName("maxEntries: the entry written longest ago is evicted; re-setting a key moves it to the back")
    void fifoEviction() {
        try (var c = cache(Cache.NO_EXPIRY, 3, NO_JANITOR)) {
            c.set("a", 1);
            c.set("b", 2);
            c.set("c", 3);
            c.set("d", 4);                        // evicts a
            assertEquals(Optional.empty(), c.get("a"));
            c.set("b", 20);                       // b is now the newest write: order c, d, b
            c.get("c");                           // reads do not reorder (not LRU)
            c.set("e", 5);                        // evicts c
            assertEquals(Optional.empty(), c.get("c"));
            assertEquals(Optional.of(4), c.get("d"));
            assertEquals(Optional.of(20), c.get("b"));
            assertEquals(Optional.of(5), c.get("e"));
            Cache.Stats s = c.stats();
            assertEquals(2, s.evictions());
            assertEquals(0, s.expirations());
            assertEquals(3, s.size());
        }
    }

    @Test
    @DisplayName("TTL on the fake clock: live at set+ttl-1ns, a miss and one expiration at exactly set+ttl")
    void lazyExpiryAtTheExactInstant() {
        Synctest.test(() -> {
            try (var c = cache(Duration.ofSeconds(10), 0, NO_JANITOR)) {
                Instant t0 = Time.now();
                c.set("a", 1);                                     // default TTL 10s
                c.set("b", 2, Duration.ofSeconds(3));              // its own TTL
                c.set("forever", 3, Cache.NO_EXPIRY);
                Time.sleep(Duration.ofSeconds(3).minusNanos(1));
                assertEquals(Optional.of(2), c.get("b"));
                Time.sleep(Duration.ofNanos(1));                   // t0 + 3s
                assertEquals(Optional.empty(), c.get("b"));
                Time.sleep(Duration.ofSeconds(7).minusNanos(1));   // t0 + 10s - 1ns
                assertEquals(Optional.of(1), c.get("a"));
                Time.sleep(Duration.ofNanos(1));                   // t0 + 10s
                assertEquals(Duration.ofSeconds(10), Duration.between(t0, Time.now()));
                assertEquals(Optional.empty(), c.get("a"));
                Time.sleep(Duration.ofDays(365));
                assertEquals(Optional.of(3), c.get("forever"));
                assertEquals(new Cache.Stats(3, 2, 2, 0, 1), c.stats());
            }
        });
    }

    @Test
    @DisplayName("Many goroutines reading one expired entry at once: all miss, and it is removed and counted exactly once")
    void concurrentLazyExpiryCountsOnce() {
        Synctest.test(() -> {
            try (var c = cache(Duration.ofSeconds(1), 0, NO_JANITOR)) {
                c.set("a", 1);
                Time.sleep(Duration.ofSeconds(1));
                WaitGroup wg = new WaitGroup();
                AtomicLong found = new AtomicLong();
                for (int i = 0; i < 50; i++) {
                    wg.go(() -> c.get("a").ifPresent(v -> found.incrementAndGet()));
                }
                wg.await();
                assertEquals(0, found.get());
                assertEquals(new Cache.Stats(0, 50, 1, 0, 0), c.stats());
            }
        });
    }

    @Test
    @DisplayName("A re-set restarts the TTL from the new write")
    void resetRestartsTtl() {
        Synctest.test(() -> {
            try (var c = cache(Duration.ofSeconds(10), 0, NO_JANITOR)) {
                c.set("a", 1);
                Time.sleep(Duration.ofSeconds(6));
                c.set("a", 2);                                     // now expires at t0 + 16s
                Time.sleep(Duration.ofSeconds(10).minusNanos(1));
                assertEquals(Optional.of(2), c.get("a"));
                Time.sleep(Duration.ofNanos(1));
                assertEquals(Optional.empty(), c.get("a"));
            }
        });
    }

    @Test
    @DisplayName("Janitor on a 60s ticker: an entry with TTL 90s is still held at 119s and removed by the tick at 120s, with no get")
    void janitorRemovesOnItsTick() {
        Synctest.test(() -> {
            try (var c = cache(Duration.ofSeconds(90), 0, Duration.ofMinutes(1))) {
                c.set("a", 1);
                c.set("b", 2, Duration.ofSeconds(30));
                Time.sleep(Duration.ofSeconds(60));
                Synctest.await();                                   // the tick at 60s has been handled
                assertEquals(new Cache.Stats(0, 0, 1, 0, 1), c.stats()); // b (30s) went at 60s
                Time.sleep(Duration.ofSeconds(59));                 // 119s: a expired at 90s, no tick since
                Synctest.await();
                assertEquals(new Cache.Stats(0, 0, 1, 0, 1), c.stats());
                Time.sleep(Duration.ofSeconds(1));                  // 120s: the second tick
                Synctest.await();
                assertEquals(new Cache.Stats(0, 0, 2, 0, 0), c.stats());
            }
            // Synctest.test returns only when every goroutine of the bubble has ended:
            // close() stopped the janitor (a running ticker would keep the bubble alive).
        });
    }

    @Test
    @DisplayName("An expired entry evicted for space counts as an expiration, not an eviction")
    void evictingAnExpiredEntryIsAnExpiration() {
        Synctest.test(() -> {
            try (var c = cache(Duration.ofSeconds(5), 2, NO_JANITOR)) {
                c.set("a", 1);
                c.set("b", 2, Cache.NO_EXPIRY);
                Time.sleep(Duration.ofSeconds(5));
                c.set("c", 3);                                      // evicts a, already expired
                c.set("d", 4);                                      // evicts b, live
                assertEquals(new Cache.Stats(0, 0, 1, 1, 2), c.stats());
            }
        });
    }

    @Test
    @DisplayName("The janitor stops when the parent context is cancelled, without close()")
    void janitorStopsWithTheContext() {
        CancelContext parent = Context.withCancel(Context.background());
        var c = Cache.<String, Integer>open(parent, new Cache.Config(Duration.ofMillis(1), 0, Duration.ofMillis(1)));
        c.set("a", 1);
        parent.cancel();
        Leaks.verifyNone(before);                // the janitor has ended (retries up to 1s)
        c.close();                               // still fine afterwards
        c.set("b", 2, Cache.NO_EXPIRY);
        assertEquals(Optional.of(2), c.get("b")); // the cache keeps working, lazily
    }

    @Test
    @DisplayName("close() stops the janitor; a second close() does nothing")
    void closeTwice() {
        var c = cache(Duration.ofMinutes(1), 0, Duration.ofMillis(1));
        c.close();
        Leaks.verifyNone(before);                // the janitor has ended
        c.close();
    }

    @Test
    @DisplayName("Concurrent readers and writers: hits+misses == gets, each counted exactly; every key set is held, evicted or deleted")
    void concurrentCountedStats() {
        int writers = 4;
        int readers = 8;
        int keysPerWriter = 2_000;
        int readsPerReader = 5_000;
        int max = 500;
        AtomicLong seenHits = new AtomicLong();
        AtomicLong seenMisses = new AtomicLong();
        AtomicLong deletedTrue = new AtomicLong();
        AtomicLong maxSeenSize = new AtomicLong();
        AtomicLong badValues = new AtomicLong();
        try (var c = Cache.<String, String>open(Context.background(),
                new Cache.Config(Cache.NO_EXPIRY, max, Duration.ofMillis(1)))) {
            WaitGroup wg = new WaitGroup();
            for (int w = 0; w < writers; w++) {
                int id = w;
                wg.go(() -> {
                    SplittableRandom rnd = new SplittableRandom(id);
                    for (int k = 0; k < keysPerWriter; k++) {
                        String key = id + "/" + k;          // every key is set once, by one writer
                        c.set(key, key + "=v");
                        if (rnd.nextInt(4) == 0 && c.delete(id + "/" + rnd.nextInt(k + 1))) {
                            deletedTrue.incrementAndGet();
                        }
                    }
                });
            }
            for (int r = 0; r < readers; r++) {
                int id = r;
                wg.go(() -> {
                    SplittableRandom rnd = new SplittableRandom(100 + id);
                    long h = 0;
                    long m = 0;
                    for (int i = 0; i < readsPerReader; i++) {
                        String key = rnd.nextInt(writers) + "/" + rnd.nextInt(keysPerWriter);
                        Optional<String> v = c.get(key);
                        if (v.isPresent()) {
                            if (!v.get().equals(key + "=v")) {
                                badValues.incrementAndGet();
                            }
                            h++;
                        } else {
                            m++;
                        }
                        if (i % 100 == 0) {
                            maxSeenSize.accumulateAndGet(c.stats().size(), Math::max);
                        }
                    }
                    seenHits.addAndGet(h);
                    seenMisses.addAndGet(m);
                });
            }
            wg.await();
            Cache.Stats s = c.stats();
            assertEquals(0, badValues.get(), "a get returned another key's value");
            assertEquals(seenHits.get(), s.hits());
            assertEquals(seenMisses.get(), s.misses());
            assertEquals((long) readers * readsPerReader, s.hits() + s.misses());
            assertEquals(0, s.expirations());
            assertEquals(max, s.size());
            assertTrue(maxSeenSize.get() <= max, () -> "size exceeded max: " + maxSeenSize.get());
            // conservation: every key set (once) is now held, evicted, or was deleted
            assertEquals((long) writers * keysPerWriter, s.size() + s.evictions() + deletedTrue.get());
        }
    }
}
