package io.go4j.internal.chan;

import io.go4j.internal.park.G;
import io.go4j.internal.park.Waiter;

/**
 * A goroutine queued on one channel — Go's {@code sudog}. A plain send or receive parks on its
 * own sudog ({@code owner == this}); a select parks on one {@link Waiter} and queues one sudog
 * per case, each pointing at that waiter, so that one CAS decides which case completes.
 */
final class Sudog extends Waiter {

    /** The waiter whose claim completes this wait: this, or the select's waiter. Final. */
    final Waiter owner;
    /** The channel this sudog is queued on. Final. */
    final HChan<?> c;
    /** The select case this sudog stands for (0 for a plain operation). Final. */
    final int caseIndex;

    /**
     * A sender's value (written by the owner before it queues the sudog), or a receiver's
     * slot (written by the sender that claims it, before the claim). Guarded by c's lock
     * until claimed; read by the owner after it sees the claim.
     */
    Object elem;
    /** True if a transfer completed the wait, false if a close did. Same guard as elem. */
    boolean success;

    // ---- links of the channel's FIFO queue; guarded by c's lock ----
    Sudog prev;
    Sudog next;
    boolean queued;

    /** A plain operation's sudog: it is its own waiter. */
    Sudog(G g, HChan<?> c, Object elem) {
        super(g);
        this.owner = this;
        this.c = c;
        this.caseIndex = 0;
        this.elem = elem;
    }

    /** One case of a select whose waiter is {@code owner}. */
    Sudog(Waiter owner, HChan<?> c, int caseIndex, Object elem) {
        super(owner.g);
        this.owner = owner;
        this.c = c;
        this.caseIndex = caseIndex;
        this.elem = elem;
    }

    /** Tries to complete this sudog's wait; see {@link Waiter#claim(int)}. */
    boolean claim() {
        return owner.claim(caseIndex);
    }
}
