package io.go4j;

import io.go4j.internal.park.G;
import io.go4j.internal.park.WaitReason;

/**
 * A handle on a goroutine started with {@link Go#go}. Go gives goroutines no handle; Java
 * users get this one to read a goroutine's id and name, see whether it is still alive and
 * what it waits on, or interrupt it (which cancels its current and next go4j waits; see
 * {@link WaitInterruptedException}).
 */
public final class Goroutine {

    private final G g;

    Goroutine(G g) {
        this.g = g;
    }

    /** The goroutine id: unique, increasing; 1 is the main goroutine of {@link Go#main}. */
    public long id() {
        return g.id;
    }

    /** The name given to {@link Go#go(String, Runnable)}, or null. */
    public String name() {
        return g.name;
    }

    /** True until the goroutine's function has returned or thrown. */
    public boolean isAlive() {
        return g.thread().isAlive();
    }

    /**
     * What the goroutine waits on now, in Go's words ({@code chan receive}, {@code select} ...),
     * or null if it is running or runnable. A snapshot: it may change at once.
     */
    public String waitReason() {
        WaitReason r = g.waitReason();
        return r == null ? null : r.text();
    }

    /**
     * Interrupts the goroutine's virtual thread: its go4j waits are cancelled. A wait it is
     * parked in is cancelled at once, on its behalf, so that from this call on it counts as
     * runnable (for synctest's {@code await} and the deadlock detector), not only once it runs.
     */
    public void interrupt() {
        g.interrupt();
    }

    /** The virtual thread that runs this goroutine. */
    public Thread thread() {
        return g.thread();
    }

    @Override
    public String toString() {
        return g.toString();
    }
}
