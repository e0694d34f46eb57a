package io.go4j.testing;

import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.Goroutine;
import io.go4j.Select;
import io.go4j.WaitInterruptedException;
import io.go4j.context.CancelContext;
import io.go4j.context.Context;
import io.go4j.runtime.GoRuntime;
import io.go4j.sync.Mutex;
import io.go4j.time.Time;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

import static io.go4j.Case.recv;

/**
 * The scenarios of {@link BlockedForeverTest}, run in a child JVM started with
 * {@code -Dgo4j.findUnreachable=true -Djdk.trackAllThreads=false}. Each scenario prints
 * {@code === name}, then the finder's report (or {@code NONE}), then {@code goroutines: N}
 * (goroutines alive after the finder ran, beyond those alive before the scenario), then any
 * further {@code check:} lines. Every leak is made inside a method of its own, so that no frame
 * of the caller keeps its channel.
 */
public final class BlockedForeverProgram {

    static Chan<Integer> held; // reachable from a static field

    public static void main(String[] args) throws Exception {
        System.out.println("enabled: " + BlockedForever.enabled());
        scenario("send", BlockedForeverProgram::leakSend);
        scenario("again", () -> { });
        scenario("select", BlockedForeverProgram::leakSelect);
        scenario("mutex", BlockedForeverProgram::leakMutex);
        scenario("contextDropped", BlockedForeverProgram::leakContext);
        scenario("static", BlockedForeverProgram::blockOnStaticChannel);
        scenario("timer", BlockedForeverProgram::blockWithPendingTimer);
        Goroutine handle = blockWithHandle();
        scenario("handle", () -> { });
        handle.interrupt();
        awaitEnded(handle);
        System.out.println("check: handle interrupted and ended");
        platformThreadFeeds();
        collectedEarly();
        held.close();
    }

    private static void scenario(String name, Runnable make) {
        int before = GoRuntime.numGoroutine();
        make.run();
        Optional<String> report = BlockedForever.find();
        System.out.println("=== " + name);
        System.out.println(report.orElse("NONE"));
        System.out.println("goroutines: " + (GoRuntime.numGoroutine() - before));
    }

    // ---- leaks: nothing outside the goroutines reaches their channels ----

    private static void leakSend() {
        Chan<Integer> ch = Chan.make();
        awaitParked(Go.go(() -> ch.send(42)), "chan send");
    }

    private static void leakSelect() {
        Chan<Integer> a = Chan.make();
        Chan<Integer> b = Chan.make(1);
        b.send(1);
        b.recv();
        awaitParked(Go.go(() -> Select.select(recv(a, v -> v), recv(b, v -> v))), "select");
    }

    private static void leakMutex() {
        Mutex mu = new Mutex();
        Chan<Integer> never = Chan.make();
        CountDownLatch locked = new CountDownLatch(1);
        awaitParked(Go.go(() -> {
            mu.lock();
            locked.countDown();
            never.recv();
        }), "chan receive");
        awaitParked(Go.go(mu::lock), "sync.Mutex.Lock");
    }

    /** Go's classic leak: a goroutine waits on ctx.Done() of a context whose cancel was dropped. */
    private static void leakContext() {
        CancelContext ctx = Context.withCancel(Context.background());
        awaitParked(Go.go(() -> ctx.done().recv()), "chan receive");
    }

    // ---- not leaks: something can still wake them ----

    private static void blockOnStaticChannel() {
        held = Chan.make();
        Chan<Integer> ch = held;
        awaitParked(Go.go(() -> ch.recv()), "chan receive");
    }

    private static void blockWithPendingTimer() {
        Chan<Integer> ch = Chan.make();
        awaitParked(Go.go(() -> Select.select(recv(ch, v -> v), recv(Time.after(Duration.ofHours(1)), t -> 0))), "select");
    }

    private static Goroutine blockWithHandle() {
        Chan<Integer> ch = Chan.make();
        return awaitParked(Go.go(() -> {
            try {
                ch.recv();
            } catch (WaitInterruptedException e) {
                // the handle's interrupt: the way out that the held handle gave
            }
        }), "chan receive");
    }

    /** A platform thread holds the channel and sends after the finder has run. */
    private static void platformThreadFeeds() throws InterruptedException {
        int base = GoRuntime.numGoroutine();
        Fed fed = startFed();
        scenario("platformThread", () -> { });
        fed.go().countDown();
        fed.feeder().join();
        System.out.println("check: received " + fed.result().recv());
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (GoRuntime.numGoroutine() != base) { // the receiver is on its way out
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the fed goroutine did not end");
            }
            Thread.onSpinWait();
        }
    }

    private record Fed(CountDownLatch go, Thread feeder, Chan<Integer> result) {
    }

    /** Only the feeder thread and the goroutine reach {@code ch} once this returns. */
    private static Fed startFed() {
        Chan<Integer> ch = Chan.make();
        Chan<Integer> result = Chan.make(1);
        CountDownLatch go = new CountDownLatch(1);
        Thread feeder = Thread.ofPlatform().start(() -> {
            try {
                go.await();
            } catch (InterruptedException e) {
                return;
            }
            ch.send(7);
        });
        awaitParked(Go.go(() -> result.send(ch.recv())), "chan receive");
        return new Fed(go, feeder, result);
    }

    /** The program's own collection finds the leak first: reported without a stack. */
    private static void collectedEarly() {
        scenario("collectedEarly", () -> {
            leakSend();
            System.gc();
        });
    }

    // ---- helpers ----

    /**
     * Waits until {@code g} waits on {@code reason} and its virtual thread has really parked
     * (unmounted: JDK state WAITING) — go4j records the wait reason just before parking, and a
     * thread still mounted on its carrier is reachable, so a GC in between would not collect it.
     */
    private static Goroutine awaitParked(Goroutine g, String reason) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!reason.equals(g.waitReason()) || g.thread().getState() != Thread.State.WAITING) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("goroutine " + g.id() + " did not park on " + reason + ": " + g.waitReason());
            }
            Thread.onSpinWait();
        }
        return g;
    }

    private static void awaitEnded(Goroutine g) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (g.isAlive()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("goroutine " + g.id() + " did not end");
            }
            Thread.onSpinWait();
        }
    }
}
