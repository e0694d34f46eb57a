package io.go4j.internal.park;

import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.RecvChan;
import io.go4j.Select;
import io.go4j.time.Time;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static io.go4j.Case.otherwise;
import static io.go4j.Case.recv;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Go's guarantee that every runnable goroutine gets to run, whatever the others do
 * (docs/adr/0017-scheduler-fairness.md). Goroutine pairs ping-pong flat out on every carrier:
 * each wakes its partner onto its own carrier's queue, so no carrier's queue ever empties and
 * the JDK's scheduler alone would never look at work submitted from outside — a goroutine
 * started by this (platform) test thread, the goroutine a timer wakes, a goroutine yielding for
 * a lock. Each test waits for that work with a deadline of 20 s; without fair mode it waited for
 * ever (the hang first seen in PubSubTest.noGoroutineLeftAfterCancel).
 */
@Timeout(120)
class SchedulerFairnessTest {

    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicLong exchanges = new AtomicLong();
    private Chan<Boolean> stopped;
    private int pairs;

    /** Starts two ping-pong pairs per carrier and waits until they are going. */
    @BeforeEach
    void saturate() {
        pairs = 2 * Park.parallelism();
        stopped = Chan.make(2 * pairs);
        for (int p = 0; p < pairs; p++) {
            Chan<Integer> ping = Chan.make();
            Chan<Integer> pong = Chan.make();
            Go.go(() -> {
                try {
                    for (int i = 0; !stop.get(); i++) {
                        ping.send(i);
                        pong.recv();
                        exchanges.incrementAndGet();
                    }
                    ping.close();
                } finally {
                    stopped.send(true);
                }
            });
            Go.go(() -> {
                try {
                    for (Integer v : ping) {
                        pong.send(v);
                    }
                } finally {
                    stopped.send(true);
                }
            });
        }
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (exchanges.get() < 100_000) {
            assertTrue(System.nanoTime() < deadline, "the ping-pong pairs did not get going");
            Thread.onSpinWait();
        }
    }

    @AfterEach
    void calmDown() {
        stop.set(true);
        for (int i = 0; i < 2 * pairs; i++) {
            stopped.recv();
        }
    }

    /** Receives from {@code ch} on this platform thread, or fails after 20 s. */
    private static void awaitOrFail(RecvChan<?> ch, String what) {
        boolean got = Select.select(
                recv(ch, x -> true),
                recv(Time.after(Duration.ofSeconds(20)), x -> false));
        assertTrue(got, what + " did not happen within 20 s while goroutines ping-ponged flat out");
    }

    @Test
    void goroutinesStartedByAPlatformThreadRun() {
        Chan<Boolean> ran = Chan.make(10);
        for (int i = 0; i < 10; i++) {
            Go.go(() -> ran.send(true));
        }
        for (int i = 0; i < 10; i++) {
            awaitOrFail(ran, "goroutine " + i + " started by the test thread running");
        }
    }

    @Test
    void goroutinesStartedByAGoroutineRun() {
        // JDK 25 submits a new virtual thread to an external queue even when a virtual thread
        // starts it: a goroutine's go statement is exposed to the same starvation.
        Chan<Boolean> ran = Chan.make(10);
        Go.go(() -> {
            for (int i = 0; i < 10; i++) {
                Go.go(() -> ran.send(true));
            }
        });
        for (int i = 0; i < 10; i++) {
            awaitOrFail(ran, "goroutine " + i + " started by a goroutine running");
        }
    }

    @Test
    void aGoroutineWokenByATimerResumes() {
        Chan<Instant> woke = Chan.make(1);
        Go.go(() -> {
            Time.sleep(Duration.ofMillis(5));
            woke.send(Instant.now());
        });
        awaitOrFail(woke, "a goroutine sleeping 5 ms waking up");
    }

    @Test
    void aGoroutineWokenByAPlatformThreadResumes() {
        Chan<Integer> in = Chan.make();
        Chan<Integer> out = Chan.make(1);
        Go.go(() -> out.send(in.recv() + 1));
        in.send(41); // the test thread hands over: the goroutine's wake-up comes from outside
        awaitOrFail(out, "a goroutine woken by the test thread resuming");
    }

    @Test
    void goroutinesContendingForOneChannelAllGetThrough() {
        // Many goroutines select on one shared channel with others of their own, as the hubs of
        // ten pub/subs sharing one context do: the ones that lose the channel's lock yield, and
        // a yield must not leave them behind for ever.
        Chan<Void> shared = Chan.make();
        int n = 10;
        Chan<Integer> done = Chan.make(n);
        for (int g = 0; g < n; g++) {
            int id = g;
            Chan<Integer> own = Chan.make();
            Go.go(() -> {
                for (int k = 0; k < 200; k++) {
                    Select.select(recv(shared, x -> 0), otherwise(() -> 0));
                    Select.select(recv(own, x -> 0), recv(shared, x -> 0), otherwise(() -> 0));
                }
                done.send(id);
            });
        }
        for (int g = 0; g < n; g++) {
            awaitOrFail(done, "contender " + g + " finishing");
        }
        assertEquals(0, done.len());
    }
}
