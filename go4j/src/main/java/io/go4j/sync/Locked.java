package io.go4j.sync;

/**
 * A held lock, released by {@link #close()}: what {@link Mutex#locked()},
 * {@link RWMutex#locked()} and {@link RWMutex#rLocked()} return, so that Go's
 * {@code mu.Lock(); defer mu.Unlock()} reads {@code try (var held = mu.locked()) { ... }}.
 */
@FunctionalInterface
public interface Locked extends AutoCloseable {

    /** Unlocks. Closing twice unlocks twice — which, as in Go, is a fatal error. */
    @Override
    void close();
}
