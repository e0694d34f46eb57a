package io.go4j.internal.park;

/**
 * When a wait began, to within a second, without reading the clock on every park: Go's
 * {@code gp.waitsince}, which Go's runtime does not stamp in {@code gopark} either (its garbage
 * collector stamps a goroutine it finds blocked). Dumps show a wait's duration in whole minutes
 * from one minute up, so a second is precision enough; reading {@link System#nanoTime()} on
 * every park cost about a quarter of a microsecond per round trip of the ping-pong benchmark B1
 * on one carrier (12 %; docs/adr/0011-runtime-introspection.md).
 *
 * <p>{@link #now()} is a volatile read of a value that the daemon platform thread
 * {@code go4j-waitclock} refreshes once a second. The thread starts with the first wait of the
 * process and never holds anything but this class.
 */
final class WaitClock {

    private WaitClock() {
    }

    /** How often {@link #now} is refreshed. */
    static final long TICK_NANOS = 1_000_000_000L;

    private static volatile long now = System.nanoTime();

    static {
        Thread.ofPlatform().daemon().name("go4j-waitclock").start(WaitClock::tick);
    }

    /**
     * {@link System#nanoTime()} as of the last tick: at most {@link #TICK_NANOS} behind it,
     * never ahead of it.
     */
    static long now() {
        return now;
    }

    private static void tick() {
        for (;;) {
            Park.parkRuntimeThread(WaitClock.class, System.nanoTime() + TICK_NANOS);
            now = System.nanoTime();
        }
    }
}
