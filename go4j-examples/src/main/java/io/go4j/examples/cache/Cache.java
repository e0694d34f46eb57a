package io.go4j.examples.cache;

import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.Select;
import io.go4j.context.CancelContext;
import io.go4j.context.Context;
import io.go4j.sync.Locked;
import io.go4j.sync.RWMutex;
import io.go4j.time.Ticker;
import io.go4j.time.Time;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static io.go4j.Case.recv;

/**
 * A concurrent cache with expiring entries and hit/miss statistics: exercise 1 of seed 001
 * ("Ejercicios Prácticos": <em>Implementar un sistema de caché concurrente</em> — many
 * concurrent reads, writes exclusive; entry expiry; hit/miss statistics), built on the seed's
 * {@code ResourceManager} of "Manejo de Recursos" (a map behind a {@code sync.RWMutex}) and its
 * "Evitar Goroutine Leaks" rule (a background goroutine stopped by a context).
 *
 * {@snippet :
 * try (Cache<String, User> users = Cache.open(ctx, new Cache.Config(Duration.ofMinutes(5), 10_000, Duration.ofMinutes(1)))) {
 *     users.set("ann", ann);                        // c.Set("ann", ann)              (default TTL: 5m)
 *     users.set("bob", bob, Duration.ofSeconds(30)); // c.SetWithTTL("bob", bob, 30*time.Second)
 *     Optional<User> u = users.get("ann");           // u, ok := c.Get("ann")
 *     users.delete("bob");                           // c.Delete("bob")
 *     Cache.Stats s = users.stats();                 // s := c.Stats()
 * }                                                  // defer c.Close()
 * }
 *
 * <h2>Rules</h2>
 * <ul>
 * <li><b>Locking.</b> One {@link RWMutex} guards the map: {@link #get} takes the read lock, so
 *     readers run in parallel; {@link #set}, {@link #delete} and expiry take the write lock.
 *     The counters are atomics (Go's {@code atomic.Int64}), so readers update them without the
 *     write lock.</li>
 * <li><b>Expiry.</b> Each entry has its own time to live, fixed when it is set: the default of
 *     the {@link Config}, or the one given to {@link #set(Object, Object, Duration)};
 *     {@link #NO_EXPIRY} (zero) means it never expires. An entry set at instant {@code t} with
 *     TTL {@code d} is live strictly before {@code t + d} and expired from {@code t + d} on
 *     (as a context deadline: "the deadline has passed" once {@code now >= deadline}). Time is
 *     go4j's {@link Time#now()}, so the cache runs on a synctest bubble's fake clock too.
 *     Expired entries go two ways, each counted once as an expiration: <em>lazily</em>, a
 *     {@code get} that finds one removes it and counts a miss; and by the <em>janitor</em>, a
 *     goroutine that wakes on a {@link Ticker} every {@link Config#cleanupInterval()} and removes
 *     every expired entry (go-cache's janitor). The janitor stops when {@link #close()} is
 *     called or the context given to {@link #open} is done; {@code close()} waits for it to end.</li>
 * <li><b>Size and eviction.</b> With {@link Config#maxEntries()} {@code > 0}, a {@code set} that
 *     would exceed it removes the entry <em>written longest ago</em> (FIFO on writes: a set
 *     of an existing key moves it to the back). An eviction of an entry that had already
 *     expired counts as an expiration, otherwise as an eviction. Why not LRU: LRU must reorder
 *     on every read, which makes every {@code get} a writer and defeats the read lock — the
 *     point of the exercise.</li>
 * <li><b>Statistics.</b> {@link #stats()}: hits, misses (every {@code get} is exactly one of
 *     the two), expirations, evictions, and the number of entries held (expired ones that
 *     nobody has removed yet included). Each counter is exact; the five are read one after the
 *     other, not as one atomic snapshot.</li>
 * <li><b>After close.</b> The cache still answers {@code get/set/delete} (with lazy expiry
 *     only); {@code close()} only stops the janitor, and a second call does nothing.</li>
 * </ul>
 * Values may not be null ({@code get} returns an {@link Optional}: Go's {@code v, ok}).
 *
 * @param <K> the key type (with {@code equals}/{@code hashCode})
 * @param <V> the value type
 */
@SuppressWarnings("try") // try (Locked w = mu.locked()) is Go's Lock(); defer Unlock(): the body never names w
public final class Cache<K, V> implements AutoCloseable {

    /** A time to live that never expires: Go's go-cache {@code NoExpiration}. */
    public static final Duration NO_EXPIRY = Duration.ZERO;

    /**
     * How a cache behaves.
     *
     * @param defaultTtl      TTL of entries set without one; {@link #NO_EXPIRY} for none
     * @param maxEntries      the most entries held; 0 for no limit
     * @param cleanupInterval the janitor's period; zero for no janitor (lazy expiry only)
     */
    public record Config(Duration defaultTtl, int maxEntries, Duration cleanupInterval) {
        public Config {
            Objects.requireNonNull(defaultTtl, "defaultTtl");
            Objects.requireNonNull(cleanupInterval, "cleanupInterval");
            if (defaultTtl.isNegative() || cleanupInterval.isNegative() || maxEntries < 0) {
                throw new IllegalArgumentException("negative setting: " + defaultTtl + ", " + maxEntries + ", " + cleanupInterval);
            }
        }
    }

    /**
     * The counters of a cache.
     *
     * @param hits        gets that found a live entry
     * @param misses      gets that did not (absent or expired)
     * @param expirations entries removed because they had expired (lazily, by the janitor, or
     *                    when evicted already expired)
     * @param evictions   live entries removed to respect {@code maxEntries}
     * @param size        entries held now
     */
    public record Stats(long hits, long misses, long expirations, long evictions, int size) {
    }

    /** One cached value and when it expires (null: never). */
    private record Entry<V>(V value, Instant expiresAt) {
        boolean expiredAt(Instant now) {
            return expiresAt != null && !now.isBefore(expiresAt); // now >= expiresAt
        }
    }

    private final Config config;
    private final RWMutex mu = new RWMutex();
    // Guarded by mu. Insertion order = write order (a re-set removes then puts): the eldest
    // is the FIFO eviction victim. Read under the read lock with get() only, which does not
    // modify an insertion-ordered LinkedHashMap.
    private final LinkedHashMap<K, Entry<V>> items = new LinkedHashMap<>();
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private final AtomicLong expirations = new AtomicLong();
    private final AtomicLong evictions = new AtomicLong();
    private final CancelContext janitorCtx;    // the janitor's; cancelled by close()
    private final Chan<Void> janitorDone;      // closed when the janitor has ended; null: no janitor

    private Cache(Context parent, Config config) {
        this.config = config;
        this.janitorCtx = Context.withCancel(parent);
        if (config.cleanupInterval().isZero()) {
            janitorDone = null;
        } else {
            janitorDone = Chan.make();
            Go.go("cache janitor", this::janitor);  // go c.janitor(ctx)
        }
    }

    /**
     * A new, empty cache; its janitor (if {@code config} asks for one) runs until
     * {@link #close()} or until {@code parent} is done.
     */
    public static <K, V> Cache<K, V> open(Context parent, Config config) {
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(config, "config");
        return new Cache<>(parent, config);
    }

    /**
     * The live value for {@code key}: Go's {@code v, ok := c.Get(key)}. Counts a hit or a miss;
     * an expired entry found here is removed (and counted as an expiration) and is a miss.
     */
    public Optional<V> get(K key) {
        Instant now = Time.now();
        Entry<V> e;
        try (Locked r = mu.rLocked()) {             // c.mu.RLock(); defer c.mu.RUnlock()
            e = items.get(key);                     // item, found := c.items[key]
        }
        if (e == null) {
            misses.incrementAndGet();               // c.misses.Add(1)
            return Optional.empty();
        }
        if (e.expiredAt(now)) {
            expireLazily(key, e);
            misses.incrementAndGet();
            return Optional.empty();
        }
        hits.incrementAndGet();                     // c.hits.Add(1)
        return Optional.of(e.value());
    }

    /** Removes {@code key}'s entry if it is still the expired {@code e} another get found. */
    private void expireLazily(K key, Entry<V> e) {
        // Upgrading the lock is impossible with an RWMutex (as in Go): take the write lock and
        // look again — a set may have replaced the entry meanwhile, or another get removed it.
        try (Locked w = mu.locked()) {              // c.mu.Lock(); defer c.mu.Unlock()
            if (items.get(key) == e) {              // pointer comparison, as Go would do
                items.remove(key);                  // delete(c.items, key)
                expirations.incrementAndGet();
            }
        }
    }

    /** Sets {@code key} to {@code value} with the default TTL: Go's {@code c.Set(key, value)}. */
    public void set(K key, V value) {
        set(key, value, config.defaultTtl());
    }

    /**
     * Sets {@code key} to {@code value}, expiring {@code ttl} from now ({@link #NO_EXPIRY}: never).
     * Replacing an entry moves it to the back of the eviction order. If the cache then holds more
     * than {@code maxEntries}, the entry written longest ago is removed.
     */
    public void set(K key, V value, Duration ttl) {
        Objects.requireNonNull(value, "value");
        if (ttl.isNegative()) {
            throw new IllegalArgumentException("negative ttl: " + ttl);
        }
        Instant now = Time.now();
        Entry<V> e = new Entry<>(value, ttl.isZero() ? null : now.plus(ttl));
        try (Locked w = mu.locked()) {              // c.mu.Lock(); defer c.mu.Unlock()
            items.remove(key);
            items.put(key, e);                      // c.items[key] = item
            if (config.maxEntries() > 0 && items.size() > config.maxEntries()) {
                Iterator<Map.Entry<K, Entry<V>>> it = items.entrySet().iterator();
                Entry<V> victim = it.next().getValue(); // the eldest write
                it.remove();
                (victim.expiredAt(now) ? expirations : evictions).incrementAndGet();
            }
        }
    }

    /** Removes {@code key}'s entry: Go's {@code c.Delete(key)}; true if there was one. */
    public boolean delete(K key) {
        try (Locked w = mu.locked()) {
            return items.remove(key) != null;       // delete(c.items, key)
        }
    }

    /** The counters and the current size. */
    public Stats stats() {
        int size;
        try (Locked r = mu.rLocked()) {
            size = items.size();
        }
        return new Stats(hits.get(), misses.get(), expirations.get(), evictions.get(), size);
    }

    /**
     * Stops the janitor and waits until it has ended: Go's {@code c.Close()} (cancel the
     * janitor's context, then wait for its done channel). Idempotent.
     */
    @Override
    public void close() {
        janitorCtx.cancel();                        // cancel()
        if (janitorDone != null) {
            janitorDone.recvOk();                   // <-c.janitorDone  (closed: returns at once)
        }
    }

    /**
     * The janitor goroutine (go-cache's {@code janitor.Run}):
     * <pre>
     * ticker := time.NewTicker(interval)
     * defer ticker.Stop()
     * for {
     *     select {
     *     case &lt;-ticker.C:   c.DeleteExpired()
     *     case &lt;-ctx.Done(): return
     *     }
     * }
     * </pre>
     */
    private void janitor() {
        try (Ticker ticker = Time.newTicker(config.cleanupInterval())) {
            for (boolean running = true; running; ) {
                running = Select.select(
                        recv(ticker.c(), t -> {             // case <-ticker.C:
                            deleteExpired();
                            return true;
                        }),
                        recv(janitorCtx.done(), x -> false)); // case <-ctx.Done(): return
            }
        } finally {
            janitorDone.close();                            // defer close(c.janitorDone)
        }
    }

    /** Removes every expired entry under the write lock: go-cache's {@code DeleteExpired}. */
    private void deleteExpired() {
        Instant now = Time.now();
        try (Locked w = mu.locked()) {
            for (Iterator<Entry<V>> it = items.values().iterator(); it.hasNext(); ) {
                if (it.next().expiredAt(now)) {
                    it.remove();
                    expirations.incrementAndGet();
                }
            }
        }
    }
}
