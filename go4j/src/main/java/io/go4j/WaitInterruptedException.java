package io.go4j;

/**
 * Thrown when a blocking go4j operation is cancelled because its thread was interrupted
 * while it waited. Go has no interrupts; this is go4j's bridge to Java's cancellation.
 *
 * <p>The operation had no effect: a send did not deliver its element, a receive took nothing,
 * a select ran no case; the channel is as if the call had never been made. The thread's
 * interrupt status stays set, so the goroutine's next wait is cancelled too (as with
 * {@code java.nio.channels.ClosedByInterruptException}); clear it with
 * {@link Thread#interrupted()} to go on waiting. An operation that can complete without
 * waiting completes even when the thread is interrupted. See docs/adr/0002-interrupt-policy.md.
 */
public final class WaitInterruptedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public WaitInterruptedException(String what) {
        super(what + " interrupted");
    }
}
