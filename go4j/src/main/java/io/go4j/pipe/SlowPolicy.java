package io.go4j.pipe;

/**
 * What a {@link Broadcast} or {@link PubSub} does when a subscriber's buffer is full: wait for
 * it, or drop a value for that subscriber alone.
 *
 * <p>Go equivalent: the three ways a Go fan-out loop writes to a subscriber's channel —
 * {@snippet lang=go :
 * ch <- v                                         // BLOCK
 * select { case ch <- v: default: dropped++ }     // DROP_NEWEST
 * for { select {                                  // DROP_OLDEST
 *     case ch <- v: return
 *     default: select { case <-ch: dropped++; default: } } }
 * }
 *
 * <p>The policy is per subscriber: a {@code DROP_*} subscriber never slows the others down, a
 * {@code BLOCK} subscriber slows every subscriber of the same source or topic down to its pace
 * (values are delivered in order, one value to everybody before the next). Drops are counted
 * in {@link Subscription#dropped()}.
 *
 * <p>With a buffer of 0 nothing is ever queued: a {@code DROP_*} subscriber gets a value only
 * if it is waiting in a receive at that moment, and {@code DROP_OLDEST} behaves as
 * {@code DROP_NEWEST} (the new value is the only candidate).
 */
public enum SlowPolicy {
    /** Wait until the subscriber has room: nothing is lost, the slowest subscriber sets the pace. */
    BLOCK,
    /** If the buffer is full, the new value is not delivered to this subscriber. */
    DROP_NEWEST,
    /**
     * If the buffer is full, the oldest buffered value is removed to make room for the new one:
     * the subscriber always holds the latest values. If the subscriber receives concurrently
     * with the removal, the removed value is the oldest one still buffered at that moment.
     */
    DROP_OLDEST
}
