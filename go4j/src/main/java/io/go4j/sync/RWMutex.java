package io.go4j.sync;

import io.go4j.FatalError;
import io.go4j.internal.park.Sema;
import io.go4j.internal.park.WaitReason;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A reader/writer mutual exclusion lock: Go's {@code sync.RWMutex}, with Go's algorithm
 * ({@code sync/rwmutex.go}).
 *
 * {@snippet :
 * RWMutex mu = new RWMutex();               // var mu sync.RWMutex
 * try (var r = mu.rLocked()) {              // mu.RLock(); defer mu.RUnlock()
 *     return cache.get(key);
 * }
 * try (var w = mu.locked()) {               // mu.Lock(); defer mu.Unlock()
 *     cache.put(key, value);
 * }
 * }
 *
 * <p>Any number of readers or one writer. Writer preference, as in Go: once a writer waits in
 * {@link #lock()}, new {@link #rLock()} calls wait until that writer has locked and unlocked,
 * so writers never starve — and a goroutine that read-locks recursively can deadlock.
 * Not reentrant; may be unlocked by another goroutine. Misuse is fatal, as in Go:
 * {@code fatal error: sync: RUnlock of unlocked RWMutex},
 * {@code fatal error: sync: Unlock of unlocked RWMutex} ({@link FatalError}).
 *
 * <p>Memory effects: the n-th {@code unlock} happens-before the (n+1)-th {@code lock} returns;
 * an {@code unlock} happens-before every {@code rLock} that returns after it; and a
 * {@code rUnlock} happens-before the {@code lock} that returns after it.
 *
 * <p>Waits go through go4j's park facility with Go's wait reasons
 * {@code sync.RWMutex.RLock}, {@code sync.RWMutex.Lock} and (writers queueing behind a writer)
 * {@code sync.Mutex.Lock}. Not interruptible, as {@link Mutex} (docs/adr/0008-sync-design.md).
 */
public final class RWMutex implements Locker {

    private static final int MAX_READERS = 1 << 30;

    private final Mutex w = new Mutex();          // held by a writer, pending or active
    private final Sema writerSem = new Sema();    // the writer waits for departing readers
    private final Sema readerSem = new Sema();    // readers wait for the writer to finish
    @SuppressWarnings("unused") // accessed through READER_COUNT
    private volatile int readerCount;             // pending readers; negative: a writer is pending
    @SuppressWarnings("unused") // accessed through READER_WAIT
    private volatile int readerWait;              // departing readers the writer waits for
    private final Locked unlocker = this::unlock;
    private final Locked rUnlocker = this::rUnlock;
    private final Locker rLocker = new Locker() {
        @Override
        public void lock() {
            rLock();
        }

        @Override
        public void unlock() {
            rUnlock();
        }
    };

    /** An unlocked RWMutex: Go's {@code var mu sync.RWMutex}. */
    public RWMutex() {
    }

    /** Locks for reading: Go's {@code rw.RLock()}. */
    public void rLock() {
        if ((int) READER_COUNT.getAndAdd(this, 1) + 1 < 0) {
            // A writer is pending: wait for it.
            readerSem.acquire(false, WaitReason.SYNC_RWMUTEX_RLOCK, this);
        }
    }

    /** {@link #rLock()}, returning a handle that read-unlocks on close. */
    public Locked rLocked() {
        rLock();
        return rUnlocker;
    }

    /** Read-locks if that needs no wait: Go's {@code rw.TryRLock()}. */
    public boolean tryRLock() {
        for (;;) {
            int c = readerCount;
            if (c < 0) {
                return false;
            }
            if (READER_COUNT.compareAndSet(this, c, c + 1)) {
                return true;
            }
        }
    }

    /**
     * Undoes one {@link #rLock()}: Go's {@code rw.RUnlock()}.
     *
     * @throws FatalError {@code fatal error: sync: RUnlock of unlocked RWMutex}
     */
    public void rUnlock() {
        int r = (int) READER_COUNT.getAndAdd(this, -1) - 1;
        if (r < 0) {
            rUnlockSlow(r);
        }
    }

    private void rUnlockSlow(int r) {
        if (r + 1 == 0 || r + 1 == -MAX_READERS) {
            READER_COUNT.getAndAdd(this, 1); // undo
            throw new FatalError("sync: RUnlock of unlocked RWMutex");
        }
        // A writer is pending: the last departing reader lets it in.
        if ((int) READER_WAIT.getAndAdd(this, -1) - 1 == 0) {
            writerSem.release();
        }
    }

    /** Locks for writing: Go's {@code rw.Lock()}. */
    @Override
    public void lock() {
        // First, resolve competition with other writers.
        w.lock();
        // Announce to readers that there is a pending writer.
        int r = (int) READER_COUNT.getAndAdd(this, -MAX_READERS);
        // Wait for active readers.
        if (r != 0 && (int) READER_WAIT.getAndAdd(this, r) + r != 0) {
            writerSem.acquire(false, WaitReason.SYNC_RWMUTEX_LOCK, this);
        }
    }

    /** {@link #lock()}, returning a handle that unlocks on close. */
    public Locked locked() {
        lock();
        return unlocker;
    }

    /** Write-locks if that needs no wait: Go's {@code rw.TryLock()}. */
    public boolean tryLock() {
        if (!w.tryLock()) {
            return false;
        }
        if (!READER_COUNT.compareAndSet(this, 0, -MAX_READERS)) {
            w.unlock();
            return false;
        }
        return true;
    }

    /**
     * Write-unlocks: Go's {@code rw.Unlock()}.
     *
     * @throws FatalError {@code fatal error: sync: Unlock of unlocked RWMutex}
     */
    @Override
    public void unlock() {
        // Announce to readers that there is no active writer.
        int r = (int) READER_COUNT.getAndAdd(this, MAX_READERS) + MAX_READERS;
        if (r >= MAX_READERS) {
            READER_COUNT.getAndAdd(this, -MAX_READERS); // undo
            throw new FatalError("sync: Unlock of unlocked RWMutex");
        }
        // Unblock the readers that arrived while the writer was pending or active.
        for (int i = 0; i < r; i++) {
            readerSem.release();
        }
        // Allow other writers to proceed.
        w.unlock();
    }

    /** A {@link Locker} whose lock/unlock are {@link #rLock()}/{@link #rUnlock()}: Go's {@code rw.RLocker()}. */
    public Locker rLocker() {
        return rLocker;
    }

    @Override
    public String toString() {
        int c = readerCount;
        return "RWMutex[" + (c < 0 ? "writer, readers=" + (c + MAX_READERS) : "readers=" + c) + "]";
    }

    private static final VarHandle READER_COUNT;
    private static final VarHandle READER_WAIT;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            READER_COUNT = l.findVarHandle(RWMutex.class, "readerCount", int.class);
            READER_WAIT = l.findVarHandle(RWMutex.class, "readerWait", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
