package io.go4j.internal.park;

import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.Goroutine;
import io.go4j.Select;
import io.go4j.WaitInterruptedException;
import io.go4j.sync.WaitGroup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

import static io.go4j.Case.onRecv;
import static io.go4j.Case.onSend;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The park facility: wait reasons with Go's strings, since-when and on-what, the runnable
 * count (the waker counts the wakee before it can run), the registry of live goroutines.
 */
@Timeout(60)
class ParkFacilityTest {

    static void await(String what, BooleanSupplier cond) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting until " + what);
            }
            Thread.yield();
        }
    }

    /**
     * Waits until no goroutine is runnable (goroutines of earlier tests have exited or parked),
     * so that the runnable count can be compared with an exact baseline of 0.
     */
    static long quiesce() {
        await("no goroutine is runnable", () -> Bubble.ROOT.runnable() == 0);
        return 0;
    }

    static void awaitReason(Goroutine g, String reason) {
        await(g + " waits on " + reason, () -> reason.equals(g.waitReason()));
    }

    /** Each kind of wait records Go's wait-reason string, the object and the start time. */
    @Test
    void waitReasonsAreGos() {
        Chan<Integer> ch = Chan.make();
        Chan<Integer> other = Chan.make();
        Chan<Integer> third = Chan.make();
        WaitGroup wg = new WaitGroup();
        wg.add(1);
        long before = System.nanoTime();
        List<Goroutine> gs = new ArrayList<>();
        gs.add(Go.go(() -> ch.send(1)));
        gs.add(Go.go(() -> other.recv()));
        gs.add(Go.go(() -> Select.select(onRecv(third, v -> { }), onSend(third, 2))));
        gs.add(Go.go(() -> Chan.<Integer>nil().recv()));
        gs.add(Go.go(() -> Chan.<Integer>nil().send(1)));
        gs.add(Go.go(Select::forever));
        gs.add(Go.go(wg::await));
        String[] want = {"chan send", "chan receive", "select", "chan receive (nil chan)",
                "chan send (nil chan)", "select (no cases)", "sync.WaitGroup.Wait"};
        for (int i = 0; i < want.length; i++) {
            awaitReason(gs.get(i), want[i]);
        }
        G send = Park.goroutine(gs.get(0).id());
        assertSame(ch, send.waitObject(), "the channel waited on is recorded");
        long since = send.waitSinceNanos();
        assertTrue(since >= before - WaitClock.TICK_NANOS && since <= System.nanoTime(),
                "the wait's start is recorded, to within the wait clock's tick");
        for (Goroutine g : gs) {
            g.interrupt();
        }
        for (Goroutine g : gs) {
            await(g + " exits", () -> !g.isAlive());
        }
    }

    /** Blocked goroutines leave the runnable count; woken ones are back in it before they run. */
    @Test
    void runnableCountFollowsParksAndWakes() {
        long base = quiesce();
        Chan<Integer> gate = Chan.make();
        int n = 50;
        List<Goroutine> gs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            gs.add(Go.go(gate::recv));
        }
        for (Goroutine g : gs) {
            awaitReason(g, "chan receive");
        }
        assertEquals(base, Bubble.ROOT.runnable(), "all " + n + " are parked");
        gate.close();
        for (Goroutine g : gs) {
            await("exit", () -> !g.isAlive());
        }
        await("count back to base", () -> Bubble.ROOT.runnable() == base);
    }

    /**
     * No instant shows a running goroutine as blocked: a goroutine that observes that it was
     * woken always finds itself counted (the count is at least 1 while it runs).
     */
    @Test
    void wakeeIsCountedBeforeItRuns() {
        long base = quiesce();
        Chan<Integer> ping = Chan.make(), pong = Chan.make();
        Set<String> violations = ConcurrentHashMap.newKeySet();
        Goroutine echo = Go.go(() -> {
            for (Integer v : ping) {
                if (Bubble.ROOT.runnable() - base < 1) {
                    violations.add("echo ran while counted blocked, at " + v);
                }
                pong.send(v);
            }
        });
        for (int i = 0; i < 20_000; i++) {
            ping.send(i);
            assertEquals(i, pong.recv());
        }
        ping.close();
        await("echo exits", () -> !echo.isAlive());
        assertEquals(Set.of(), violations);
    }

    /** The registry lists live goroutines, with increasing ids, and forgets them when they end. */
    @Test
    void registryTracksLiveGoroutines() {
        Chan<Integer> gate = Chan.make();
        Goroutine a = Go.go("first", gate::recv);
        Goroutine b = Go.go(gate::recv);
        assertTrue(b.id() > a.id(), "ids increase");
        assertEquals("first", a.name());
        assertNull(b.name());
        await("both registered", () -> Park.goroutine(a.id()) != null && Park.goroutine(b.id()) != null);
        // counted among the live goroutines (a bare count would race with other tests' goroutines ending)
        assertEquals(2, Park.goroutines().stream().filter(g -> g.id == a.id() || g.id == b.id()).count());
        gate.close();
        await("both gone", () -> Park.goroutine(a.id()) == null && Park.goroutine(b.id()) == null);
    }

    /** A goroutine's record knows its parent and function, for "created by ... in goroutine N". */
    @Test
    void recordKnowsParent() {
        Chan<Long> ids = Chan.make(2);
        Chan<Integer> gate = Chan.make();
        Go.go(() -> {
            ids.send(Go.id());
            Goroutine child = Go.go(gate::recv);
            ids.send(child.id());
        });
        long parent = ids.recv();
        long child = ids.recv();
        assertEquals(parent, Park.goroutine(child).parentId);
        assertNotNull(Park.goroutine(child).fnClass);
        gate.close();
    }

    /** An interrupt cancels a parked wait; the waiter is back in the runnable count. */
    @Test
    void interruptedWaiterIsCountedAgain() {
        long base = quiesce();
        Chan<Integer> ch = Chan.make();
        Chan<String> out = Chan.make(1);
        Goroutine g = Go.go(() -> {
            try {
                ch.recv();
                out.send("received");
            } catch (WaitInterruptedException e) {
                out.send(Bubble.ROOT.runnable() - base >= 1 ? "counted" : "not counted");
            }
        });
        awaitReason(g, "chan receive");
        g.interrupt();
        assertEquals("counted", out.recv());
    }
}
