package io.go4j.x.singleflight;

import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.Goroutine;
import io.go4j.Panic;
import io.go4j.RecvChan;
import io.go4j.TryRecv;
import io.go4j.runtime.GoRuntime;
import io.go4j.testing.Leaks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static io.go4j.x.singleflight.GroupPortsTest.awaitParked;
import static io.go4j.x.singleflight.GroupPortsTest.collectingEscapes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rules of SEMANTICS.md §9.2 (singleflight), one test per rule, plus go4j's decisions on
 * exception kinds, the memory effect of a shared call, and goroutine-leak checks. Waiting
 * callers are detected by their wait reason, never by sleeping.
 */
@Timeout(60)
class GroupSemanticsTest {

    /** §9.2: run returns (value, err, shared): waiters get the leader's result with shared true, and so does the leader once shared. */
    @Test
    void runReturnsValueErrAndShared() {
        Leaks.Option before = Leaks.ignoreCurrent();
        Group<String, String> g = new Group<>();
        Chan<Void> release = Chan.make();
        Chan<Result<String>> out = Chan.make(2);
        Goroutine leader = Go.go(() -> out.send(g.run("k", () -> {
            release.recv();
            return "v";
        })));
        awaitParked(leader, "chan receive");
        Goroutine waiter = Go.go(() -> out.send(g.run("k", () -> "not run")));
        awaitParked(waiter, "sync.WaitGroup.Wait");
        release.close();
        Result<String> a = out.recv();
        Result<String> b = out.recv();
        assertEquals(new Result<>("v", null, true), a);
        assertEquals(new Result<>("v", null, true), b);
        assertEquals(new Result<>("w", null, false), g.run("k", () -> "w"), "a lone call is not shared");
        Leaks.verifyNone(before);
    }

    /** §9.2: once a call has ended its key is free: the next call runs its own function. */
    @Test
    void keyIsFreeAfterTheCallEnds() {
        Group<String, Integer> g = new Group<>();
        AtomicInteger calls = new AtomicInteger();
        for (int i = 1; i <= 3; i++) {
            assertEquals(i, g.run("k", calls::incrementAndGet).val());
        }
        assertEquals(3, calls.get());
    }

    /** §9.2: different keys do not share. */
    @Test
    void differentKeysDoNotShare() {
        Leaks.Option before = Leaks.ignoreCurrent();
        Group<Integer, Integer> g = new Group<>();
        Chan<Void> release = Chan.make();
        RecvChan<Result<Integer>> one = g.runChan(1, () -> {
            release.recv();
            return 1;
        });
        assertEquals(2, g.run(2, () -> 2).val(), "key 2 ran while key 1 is in flight");
        release.close();
        assertEquals(new Result<>(1, null, false), one.recv());
        Leaks.verifyNone(before);
    }

    /** §9.2: runChan's channel is buffered for one result, receives exactly one and is never closed. */
    @Test
    void runChanIsBufferedOneAndNeverClosed() {
        Leaks.Option before = Leaks.ignoreCurrent();
        Group<String, String> g = new Group<>();
        RecvChan<Result<String>> ch = g.runChan("k", () -> "v");
        assertEquals(1, ch.cap());
        assertEquals(new Result<>("v", null, false), ch.recv());
        Leaks.verifyNone(before); // the call's goroutine ended without anyone receiving for it first
        assertInstanceOf(TryRecv.WouldBlock.class, ch.tryRecv(), "one result, and no close");
    }

    /** §9.2: forget lets the next call run anew while the forgotten call is still in flight; the forgotten call's waiters still get its result. */
    @Test
    void forgetStartsAFreshCall() {
        Leaks.Option before = Leaks.ignoreCurrent();
        Group<String, String> g = new Group<>();
        Chan<Void> release = Chan.make();
        RecvChan<Result<String>> first = g.runChan("k", () -> {
            release.recv();
            return "old";
        });
        RecvChan<Result<String>> sharer = g.runChan("k", () -> "not run");
        g.forget("k");
        assertEquals(new Result<>("new", null, false), g.run("k", () -> "new"));
        release.close();
        assertEquals(new Result<>("old", null, true), first.recv());
        assertEquals(new Result<>("old", null, true), sharer.recv());
        Leaks.verifyNone(before);
    }

    /** §9.2: a panic in fn re-panics (the same object) in every waiting caller, and the key is free afterwards. */
    @Test
    void panicRepanicsInEveryWaitingCaller() {
        Leaks.Option before = Leaks.ignoreCurrent();
        Group<String, String> g = new Group<>();
        Panic boom = new Panic("boom");
        Chan<Void> release = Chan.make();
        Chan<Throwable> out = Chan.make(3);
        Goroutine leader = Go.go(() -> {
            try {
                g.run("k", () -> {
                    release.recv();
                    throw boom;
                });
            } catch (Throwable t) {
                out.send(t);
            }
        });
        awaitParked(leader, "chan receive");
        List<Goroutine> waiters = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            waiters.add(Go.go(() -> {
                try {
                    g.run("k", () -> "not run");
                } catch (Throwable t) {
                    out.send(t);
                }
            }));
        }
        waiters.forEach(w -> awaitParked(w, "sync.WaitGroup.Wait"));
        release.close();
        for (int i = 0; i < 3; i++) {
            assertSame(boom, out.recv());
        }
        assertEquals("again", g.run("k", () -> "again").val());
        Leaks.verifyNone(before);
    }

    /** go4j: an Error in fn is a panic too: rethrown to the caller, not returned as err. */
    @Test
    void errorInFnIsRethrown() {
        Group<String, String> g = new Group<>();
        OutOfMemoryError oom = new OutOfMemoryError("pretend");
        assertSame(oom, assertThrows(OutOfMemoryError.class, () -> g.run("k", () -> {
            throw oom;
        })));
    }

    /** go4j: checked and unchecked exceptions (but Panic) are fn's error, returned as err. */
    @Test
    void exceptionsAreErrors() {
        Group<String, String> g = new Group<>();
        for (Exception e : List.of(new java.io.IOException("checked"), new IllegalArgumentException("unchecked"))) {
            Result<String> r = g.run("k", () -> {
                throw e;
            });
            assertSame(e, r.err());
            assertNull(r.val());
            assertFalse(r.shared());
        }
    }

    /** go4j: a Goexit in a runChan call sends a PanicError with Go's errGoexit text instead of leaving the receiver blocked for ever; nothing is reported. */
    @Test
    void goexitInRunChanIsDelivered() {
        Leaks.Option before = Leaks.ignoreCurrent();
        Result<?>[] got = new Result<?>[1];
        List<Throwable> escaped = collectingEscapes(() -> {
            Group<String, String> g = new Group<>();
            got[0] = g.runChan("k", () -> {
                GoRuntime.goexit();
                return "not reached";
            }).recv();
            Leaks.verifyNone(before);
        });
        PanicError pe = assertInstanceOf(PanicError.class, got[0].err());
        assertEquals(PanicError.GOEXIT, pe.getMessage());
        assertEquals(List.of(), escaped);
    }

    /** Memory effect: everything fn wrote (plain fields) is visible to every caller that gets its result. */
    @Test
    void fnHappensBeforeEverySharedResult() {
        Leaks.Option before = Leaks.ignoreCurrent();
        for (int round = 0; round < 100; round++) {
            Group<String, int[]> g = new Group<>();
            int[] box = new int[4];
            Chan<Void> release = Chan.make();
            RecvChan<Result<int[]>> a = g.runChan("k", () -> {
                release.recv();
                for (int i = 0; i < box.length; i++) {
                    box[i] = i + 1;
                }
                return box;
            });
            RecvChan<Result<int[]>> b = g.runChan("k", () -> null);
            Chan<int[]> viaRun = Chan.make(1);
            Go.go(() -> viaRun.send(g.run("k", () -> null).val()));
            release.close();
            for (int[] seen : java.util.Arrays.asList(a.recv().val(), b.recv().val(), viaRun.recv())) {
                if (seen != null) { // the run() caller may come after the call ended and run its own fn
                    assertEquals(List.of(1, 2, 3, 4), java.util.Arrays.stream(seen).boxed().toList());
                }
            }
        }
        Leaks.verifyNone(before);
    }

    /** go4j: a null key is a key like any other. */
    @Test
    void nullIsAKey() {
        Group<String, String> g = new Group<>();
        assertEquals("v", g.run(null, () -> "v").val());
        g.forget(null);
    }

    /** go4j: a caller interrupted while waiting for another's call leaves with WaitInterruptedException; the call goes on. */
    @Test
    void interruptedWaiterLeavesTheCallRunning() {
        Leaks.Option before = Leaks.ignoreCurrent();
        Group<String, String> g = new Group<>();
        Chan<Void> release = Chan.make();
        RecvChan<Result<String>> leader = g.runChan("k", () -> {
            release.recv();
            return "v";
        });
        Chan<Throwable> out = Chan.make(1);
        Goroutine waiter = Go.go(() -> {
            try {
                g.run("k", () -> "not run");
                out.send(new AssertionError("returned"));
            } catch (Throwable t) {
                out.send(t);
            }
        });
        awaitParked(waiter, "sync.WaitGroup.Wait");
        waiter.interrupt();
        assertInstanceOf(io.go4j.WaitInterruptedException.class, out.recv());
        release.close();
        assertEquals(new Result<>("v", null, true), leader.recv());
        Leaks.verifyNone(before);
    }
}
