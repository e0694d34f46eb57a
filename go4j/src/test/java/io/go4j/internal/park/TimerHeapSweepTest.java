package io.go4j.internal.park;

import io.go4j.time.Time;
import io.go4j.time.Timer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Stopped timers do not pile up in the real clock's heap: TimerHeap's promise that "a million
 * timers started and stopped leave nothing behind", as Go's runtime cleans deleted timers
 * ({@code runtime/time.go}: {@code cleantimers}, {@code clearDeletedTimers}). Found by
 * go4j-bench B9/B10: before the driver was woken to sweep ({@code TimerHeap.zombieAdded}),
 * it slept until the earliest deadline, so stopped timers with far deadlines — and their
 * functions, or their contexts for a {@code WithTimeout} — stayed in the heap until then.
 */
@Timeout(60)
class TimerHeapSweepTest {

    /** Starting and stopping 200,000 AfterFunc(1h) timers leaves far fewer than 200,000 heap slots. */
    @Test
    void stoppedTimersAreSweptWithoutWaitingForTheEarliestDeadline() {
        int n = 200_000;
        int before = Clock.REAL.heapSize();
        Runnable f = () -> { };
        for (int i = 0; i < n; i++) {
            Timer t = Time.afterFunc(Duration.ofHours(1), f);
            assertTrue(t.stop(), "a pending timer stops");
        }
        // The sweep runs on the driver thread: wait for it (no timer is due for an hour, so
        // nothing but the sweep can shrink the heap).
        long deadline = System.nanoTime() + 20_000_000_000L;
        int grown;
        while ((grown = Clock.REAL.heapSize() - before) >= n / 2) {
            if (System.nanoTime() > deadline) {
                fail("heap slots left by " + n + " stopped AfterFunc(1h) timers after 20 s: " + grown);
            }
            Thread.yield();
        }
    }
}
