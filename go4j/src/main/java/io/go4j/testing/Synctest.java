package io.go4j.testing;

import io.go4j.Panic;
import io.go4j.WaitInterruptedException;
import io.go4j.internal.park.Bubble;
import io.go4j.internal.park.FakeClock;
import io.go4j.internal.park.G;
import io.go4j.internal.park.Park;
import io.go4j.internal.park.WaitReason;
import io.go4j.internal.park.Waiter;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Testing concurrent code in virtual time: Go 1.25's {@code testing/synctest}.
 *
 * {@snippet :
 * Synctest.test(() -> {                                      // synctest.Test(t, func(t *testing.T) {
 *     CancelContext ctx = Context.withTimeout(Context.background(), Duration.ofMinutes(10));
 *     Time.sleep(Duration.ofMinutes(10).minusNanos(1));      //     time.Sleep(10*time.Minute - 1)
 *     Synctest.await();                                      //     synctest.Wait()
 *     assert ctx.err() == null;                              //     not yet
 *     Time.sleep(Duration.ofNanos(1));
 *     Synctest.await();
 *     assert ctx.err() == Context.DEADLINE_EXCEEDED;         //     now: no real time has passed
 * });                                                        // })
 * }
 *
 * <p>{@link #test} runs {@code f} in a new goroutine inside a <em>bubble</em>: every goroutine
 * it starts (and they start) belongs to the bubble; the bubble has a fake clock starting at
 * 2000-01-01T00:00:00Z, and {@code Time}, timers, tickers, {@code afterFunc} and context
 * deadlines inside it run on that clock. Time moves only when every goroutine in the bubble is
 * <em>durably blocked</em> — waiting on a channel created in the bubble, a select over such
 * channels, {@code Cond.await}, {@code WaitGroup.await}, a sleep, a nil channel,
 * {@code select {}} — and then jumps straight to the next timer. Mutex waits and channels from
 * outside the bubble are not durable: a bubble waiting on them waits in real time, as in Go.
 * When every goroutine is durably blocked and no timer is pending, {@code test} throws Go's
 * {@code deadlock: all goroutines in bubble are blocked} (or, once {@code f} has returned,
 * {@code deadlock: main bubble goroutine has exited but blocked goroutines remain}) and
 * interrupts the blocked goroutines. {@code test} returns when every goroutine of the bubble
 * has ended; an exception thrown by {@code f} is rethrown.
 *
 * <p>Memory effects: a goroutine's operations before it blocks durably happen-before the
 * return of an {@link #await} that it lets return, and before the clock moves.
 */
public final class Synctest {

    private Synctest() {
    }

    /** Go's message when every goroutine of a bubble is durably blocked and no timer is pending. */
    public static final String DEADLOCK = "deadlock: all goroutines in bubble are blocked";
    /** Go's message when f has returned and the remaining goroutines are durably blocked for ever. */
    public static final String ROOT_EXITED_DEADLOCK =
            "deadlock: main bubble goroutine has exited but blocked goroutines remain";

    /**
     * Go's {@code synctest.Test(t, f)}: runs {@code f} in a new bubble and returns when every
     * goroutine of the bubble has ended.
     *
     * @throws Panic Go's deadlock message if the bubble deadlocks
     */
    public static void test(Runnable f) {
        G caller = Park.currentGoroutineOrNull();
        if (caller != null && caller.bubble != Bubble.ROOT) {
            throw new Panic("synctest.Test called from within a synctest bubble");
        }
        Bubble b = Bubble.newSynctest();
        FakeClock clock = (FakeClock) b.clock();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicBoolean rootDone = new AtomicBoolean();
        Park.spawnIn(b, () -> {
            try {
                f.run();
            } catch (Throwable t) {
                failure.set(t);
            } finally {
                rootDone.set(true);
            }
        });
        for (;;) {
            b.awaitIdle();
            if (b.runnable() != 0) {
                continue; // woken early; wait for the bubble to be idle again
            }
            if (b.live() == 0) {
                break; // every goroutine of the bubble has ended
            }
            Waiter waiting = b.waitCaller;
            if (waiting != null) {
                b.waitCaller = null;
                if (waiting.claim(0)) {
                    Park.unpark(waiting); // synctest.Wait returns before time moves
                }
                continue;
            }
            long next = clock.nextTimer();
            if (next == Long.MAX_VALUE) {
                String msg = rootDone.get() ? ROOT_EXITED_DEADLOCK : DEADLOCK;
                b.deadlocked = true;
                for (G g : Park.goroutines()) {
                    if (g.bubble == b) {
                        g.thread().interrupt(); // let the blocked goroutines unwind
                    }
                }
                Panic p = new Panic(msg);
                Throwable t = failure.get();
                if (t != null) {
                    p.addSuppressed(t);
                }
                throw p;
            }
            clock.advanceTo(next);
        }
        Throwable t = failure.get();
        if (t instanceof RuntimeException e) {
            throw e;
        }
        if (t instanceof Error e) {
            throw e;
        }
        if (t != null) {
            throw new IllegalStateException(t);
        }
    }

    /**
     * Go's {@code synctest.Wait()}: blocks until every other goroutine of the calling goroutine's
     * bubble is durably blocked (or has ended). Waits with Go's wait reason {@code synctest.Wait}.
     *
     * @throws Panic if the caller is not in a bubble, or another goroutine of the bubble is
     *               already in {@code await}
     * @throws WaitInterruptedException if interrupted while waiting
     */
    public static void await() {
        G g = Park.currentGoroutineOrNull();
        if (g == null || g.bubble == Bubble.ROOT) {
            throw new Panic("synctest.Wait called from outside a bubble");
        }
        Bubble b = g.bubble;
        if (b.waitCaller != null) {
            throw new Panic("synctest.Wait called concurrently from more than one goroutine");
        }
        Waiter w = new Waiter(g);
        b.waitCaller = w;
        if (Park.park(w, WaitReason.SYNCTEST_WAIT, null) == Waiter.CANCELLED) {
            b.waitCaller = null;
            throw new WaitInterruptedException("synctest.Wait");
        }
    }

    /** Whether the calling goroutine runs inside a synctest bubble. */
    public static boolean inBubble() {
        G g = Park.currentGoroutineOrNull();
        return g != null && g.bubble != Bubble.ROOT;
    }
}
