package io.go4j.internal.park;

/**
 * Why a goroutine is parked, spelled exactly as Go's runtime spells it in a goroutine dump
 * ({@code runtime/runtime2.go}, {@code waitReasonStrings}), so that a dump of a go4j program
 * reads like a dump of a Go program and people searching for the Go text find go4j's.
 */
public enum WaitReason {
    CHAN_RECEIVE("chan receive", true),
    CHAN_SEND("chan send", true),
    SELECT("select", true),
    CHAN_RECEIVE_NIL_CHAN("chan receive (nil chan)", true),
    CHAN_SEND_NIL_CHAN("chan send (nil chan)", true),
    SELECT_NO_CASES("select (no cases)", true),
    SLEEP("sleep", false),
    SYNC_MUTEX_LOCK("sync.Mutex.Lock", true),
    SYNC_RWMUTEX_RLOCK("sync.RWMutex.RLock", true),
    SYNC_RWMUTEX_LOCK("sync.RWMutex.Lock", true),
    SYNC_COND_WAIT("sync.Cond.Wait", true),
    SYNC_WAITGROUP_WAIT("sync.WaitGroup.Wait", true),
    SEMACQUIRE("semacquire", true),
    SYNCTEST_WAIT("synctest.Wait", true),
    IO_WAIT("IO wait", false);

    private final String text;
    private final boolean blocksUntilAnotherGoroutineActs;

    WaitReason(String text, boolean blocksUntilAnotherGoroutineActs) {
        this.text = text;
        this.blocksUntilAnotherGoroutineActs = blocksUntilAnotherGoroutineActs;
    }

    /**
     * Whether a wait of this kind may spin briefly before parking (Park.spin): only waits that
     * another goroutine may end within a microsecond. A sleep is ended by the clock.
     */
    boolean spins() {
        return this != SLEEP;
    }

    /**
     * Whether a wait of this kind is "durably blocked" inside a synctest bubble (SEMANTICS
     * §10.2): mutex waits are not — Go does not count them, since a lock is usually released
     * soon by a goroutine that is running.
     */
    boolean durableInBubble() {
        return this != SYNC_MUTEX_LOCK && this != SYNC_RWMUTEX_LOCK && this != SYNC_RWMUTEX_RLOCK
                && this != SEMACQUIRE && this != IO_WAIT;
    }

    /** Go's text for this reason, e.g. {@code chan receive}. */
    public String text() {
        return text;
    }

    /**
     * True when only another goroutine (or thread) can end this wait; false when time or the
     * outside world ends it by itself (a sleep, I/O). The deadlock detector reads this.
     */
    public boolean blocksUntilAnotherGoroutineActs() {
        return blocksUntilAnotherGoroutineActs;
    }

    @Override
    public String toString() {
        return text;
    }
}
