package io.go4j.sync;

/**
 * An object that can be locked and unlocked: Go's {@code sync.Locker}. {@link Mutex},
 * {@link RWMutex} and {@link RWMutex#rLocker()} are lockers; {@link Cond} waits on one.
 */
public interface Locker {

    /** Go's {@code Lock()}. */
    void lock();

    /** Go's {@code Unlock()}. */
    void unlock();
}
