package io.go4j.x.singleflight;

import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.Goroutine;
import io.go4j.Panic;
import io.go4j.RecvChan;
import io.go4j.runtime.GoRuntime;
import io.go4j.sync.WaitGroup;
import io.go4j.testing.Leaks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Ports of the tests of Go's {@code golang.org/x/sync/singleflight/singleflight_test.go}, one
 * method per Go test, each naming its original. Go's {@code Do} is {@link Group#run}, its
 * {@code DoChan} {@link Group#runChan}. Go's two crash tests (TestPanicDoChan,
 * TestPanicDoSharedByDoChan) run a child process that must die; go4j departs there (see
 * {@link PanicError}), so their ports check go4j's behaviour instead: the panic is reported as
 * an escaping goroutine panic and the channel receives a {@link PanicError}. Failures Go reports
 * from goroutines are collected and asserted on the test thread. Every test checks that no
 * goroutine outlives it.
 */
@Timeout(60)
class GroupPortsTest {

    static void awaitParked(Goroutine g, String reason) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!reason.equals(g.waitReason())) {
            if (!g.isAlive()) {
                fail("goroutine ended instead of parking with '" + reason + "'");
            }
            if (System.nanoTime() - deadline > 0) {
                fail("goroutine did not park with '" + reason + "': " + g.waitReason());
            }
            Thread.yield();
        }
    }

    /** Runs {@code body} with a panic handler that collects what escapes goroutines, then restores the default. */
    static List<Throwable> collectingEscapes(Runnable body) {
        ConcurrentLinkedQueue<Throwable> escaped = new ConcurrentLinkedQueue<>();
        Go.setPanicHandler((g, t) -> escaped.add(t));
        try {
            body.run();
        } finally {
            Go.setPanicHandler(null);
        }
        return List.copyOf(escaped);
    }

    /** singleflight_test.go TestDo: a lone call returns fn's value and no error. */
    @Test
    void testDo() {
        Group<String, Object> g = new Group<>();
        Result<Object> r = g.run("key", () -> "bar");
        assertEquals("bar", r.val());
        assertInstanceOf(String.class, r.val());
        assertNull(r.err());
    }

    /** singleflight_test.go TestDoErr: fn's error is returned (the same object), with a null value. */
    @Test
    void testDoErr() {
        Group<String, Object> g = new Group<>();
        Exception someErr = new Exception("Some error");
        Result<Object> r = g.run("key", () -> {
            throw someErr;
        });
        assertSame(someErr, r.err());
        assertNull(r.val());
    }

    /**
     * singleflight_test.go TestDoDupSuppress: n concurrent callers share the calls. Go sleeps
     * 10 ms in fn to let the others enter Do and asserts 0 < calls < n; the port instead waits
     * until the n-1 others wait for the call in flight, so exactly one call runs.
     */
    @Test
    void testDoDupSuppress() {
        Leaks.Option before = Leaks.ignoreCurrent();
        Group<String, String> g = new Group<>();
        WaitGroup wg1 = new WaitGroup();
        WaitGroup wg2 = new WaitGroup();
        Chan<String> c = Chan.make(1);
        AtomicInteger calls = new AtomicInteger();
        ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        java.util.concurrent.Callable<String> fn = () -> {
            if (calls.incrementAndGet() == 1) {
                wg1.done(); // first invocation
            }
            String v = c.recv();
            c.send(v); // pump; make available for any future calls
            return v;
        };

        final int n = 10;
        wg1.add(1);
        List<Goroutine> gs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            wg1.add(1);
            wg2.add(1);
            gs.add(Go.go(() -> {
                try {
                    wg1.done();
                    Result<String> r = g.run("key", fn);
                    if (r.err() != null) {
                        errors.add("Do error: " + r.err());
                    } else if (!"bar".equals(r.val())) {
                        errors.add("Do = " + r.val() + "; want bar");
                    }
                } finally {
                    wg2.done();
                }
            }));
        }
        wg1.await();
        // At least one goroutine is in fn now and all of them have at least reached the line
        // before the Do. Go sleeps here; we wait until the n-1 others wait for the call.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (gs.stream().filter(x -> "sync.WaitGroup.Wait".equals(x.waitReason())).count() < n - 1) {
            assertTrue(System.nanoTime() < deadline, "the duplicates did not all wait for the call");
            Thread.yield();
        }
        c.send("bar");
        wg2.await();
        assertEquals(List.of(), List.copyOf(errors));
        assertEquals(1, calls.get(), "number of calls");
        Leaks.verifyNone(before);
    }

    /**
     * singleflight_test.go TestForget (go.dev/issue/31420): after forget, a new call runs; the
     * forgotten call ending does not remove the new one, so a third caller shares the second call.
     */
    @Test
    void testForget() {
        Leaks.Option before = Leaks.ignoreCurrent();
        Group<String, Integer> g = new Group<>();
        Chan<Void> firstStarted = Chan.make();
        Chan<Void> unblockFirst = Chan.make();
        Chan<Void> firstFinished = Chan.make();

        Go.go(() -> g.run("key", () -> {
            firstStarted.close();
            unblockFirst.recv();
            firstFinished.close();
            return null;
        }));
        firstStarted.recv();
        g.forget("key");

        Chan<Void> unblockSecond = Chan.make();
        RecvChan<Result<Integer>> secondResult = g.runChan("key", () -> {
            unblockSecond.recv();
            return 2;
        });

        unblockFirst.close();
        firstFinished.recv();

        RecvChan<Result<Integer>> thirdResult = g.runChan("key", () -> 3);

        unblockSecond.close();
        secondResult.recv();
        Result<Integer> r = thirdResult.recv();
        assertEquals(2, r.val(), "We should receive result produced by second call");
        Leaks.verifyNone(before);
    }

    /** singleflight_test.go TestDoChan: the channel receives fn's value and no error. */
    @Test
    void testDoChan() {
        Leaks.Option before = Leaks.ignoreCurrent();
        Group<String, Object> g = new Group<>();
        RecvChan<Result<Object>> ch = g.runChan("key", () -> "bar");
        Result<Object> res = ch.recv();
        assertEquals("bar", res.val());
        assertNull(res.err());
        Leaks.verifyNone(before);
    }

    /** singleflight_test.go TestPanicDo (go.dev/issue/41133): a panic in fn re-panics in every one of n callers; none hangs. */
    @Test
    void testPanicDo() {
        Leaks.Option before = Leaks.ignoreCurrent();
        Group<String, Object> g = new Group<>();
        java.util.concurrent.Callable<Object> fn = () -> {
            throw new Panic("invalid memory address or nil pointer dereference");
        };
        final int n = 5;
        AtomicInteger panicCount = new AtomicInteger();
        WaitGroup wg = new WaitGroup();
        for (int i = 0; i < n; i++) {
            wg.go(() -> {
                try {
                    g.run("key", fn);
                } catch (Panic p) { // Go's recover()
                    if ("invalid memory address or nil pointer dereference".equals(p.value())) {
                        panicCount.incrementAndGet();
                    }
                }
            });
        }
        wg.await();
        assertEquals(n, panicCount.get());
        Leaks.verifyNone(before);
    }

    /** singleflight_test.go TestGoexitDo: a Goexit in fn ends every caller's goroutine; none returns an error, none hangs. */
    @Test
    void testGoexitDo() {
        Leaks.Option before = Leaks.ignoreCurrent();
        Group<String, Object> g = new Group<>();
        java.util.concurrent.Callable<Object> fn = () -> {
            GoRuntime.goexit();
            return null;
        };
        final int n = 5;
        AtomicInteger returned = new AtomicInteger();
        WaitGroup wg = new WaitGroup();
        List<Throwable> escaped = collectingEscapes(() -> {
            for (int i = 0; i < n; i++) {
                wg.go(() -> {
                    g.run("key", fn);
                    returned.incrementAndGet(); // not reached: the caller Goexits
                });
            }
            wg.await();
        });
        assertEquals(0, returned.get());
        assertEquals(List.of(), escaped, "Goexit is not a panic");
        Leaks.verifyNone(before);
    }

    /**
     * singleflight_test.go TestPanicDoChan, go4j's departure: Go crashes the process; go4j reports
     * the panic as escaping a goroutine and sends a {@link PanicError} on the channel.
     */
    @Test
    void testPanicDoChan() {
        Leaks.Option before = Leaks.ignoreCurrent();
        Result<?>[] got = new Result<?>[1];
        List<Throwable> escaped = collectingEscapes(() -> {
            Group<String, Object> g = new Group<>();
            RecvChan<Result<Object>> ch = g.runChan("", () -> {
                throw new Panic("Panicking in DoChan");
            });
            got[0] = ch.recv();
            Leaks.verifyNone(before);
        });
        PanicError pe = assertInstanceOf(PanicError.class, got[0].err());
        assertEquals("Panicking in DoChan", pe.value());
        assertEquals("Panicking in DoChan", pe.getMessage());
        assertNull(got[0].val());
        assertEquals(1, escaped.size());
        assertSame(pe.getCause(), escaped.get(0));
    }

    /**
     * singleflight_test.go TestPanicDoSharedByDoChan, go4j's departure: the run() caller whose fn
     * panics gets the panic; the runChan caller that shared the call gets a PanicError (without
     * running its own fn); the panic is also reported as escaping a goroutine.
     */
    @Test
    void testPanicDoSharedByDoChan() {
        Leaks.Option before = Leaks.ignoreCurrent();
        Result<?>[] got = new Result<?>[1];
        Throwable[] caught = new Throwable[1];
        List<Throwable> escaped = collectingEscapes(() -> {
            Chan<Void> blocked = Chan.make();
            Chan<Void> unblock = Chan.make();
            Chan<Void> doReturned = Chan.make();
            Group<String, Object> g = new Group<>();
            Go.go(() -> {
                try {
                    g.run("", () -> {
                        blocked.close();
                        unblock.recv();
                        throw new Panic("Panicking in Do");
                    });
                } catch (Panic p) { // Go's recover()
                    caught[0] = p;
                } finally {
                    doReturned.close();
                }
            });
            blocked.recv();
            RecvChan<Result<Object>> ch = g.runChan("", () -> {
                throw new Panic("DoChan unexpectedly executed callback");
            });
            unblock.close();
            got[0] = ch.recv();
            doReturned.recv();
            Leaks.verifyNone(before);
        });
        PanicError pe = assertInstanceOf(PanicError.class, got[0].err());
        assertEquals("Panicking in Do", pe.value());
        assertTrue(got[0].shared());
        assertSame(pe.getCause(), caught[0]);
        assertEquals(List.of(caught[0]), escaped);
    }

    /** singleflight_test.go ExampleGroup: two runChan calls for one key share the first function's result. */
    @Test
    void exampleGroup() {
        Leaks.Option before = Leaks.ignoreCurrent();
        Group<String, String> g = new Group<>();
        Chan<Void> block = Chan.make();
        RecvChan<Result<String>> res1c = g.runChan("key", () -> {
            block.recv();
            return "func 1";
        });
        RecvChan<Result<String>> res2c = g.runChan("key", () -> {
            block.recv();
            return "func 2";
        });
        block.close();
        Result<String> res1 = res1c.recv();
        Result<String> res2 = res2c.recv();
        assertTrue(res2.shared(), "Shared");
        assertEquals(res1.val(), res2.val(), "Equal results");
        assertEquals("func 1", res1.val());
        Leaks.verifyNone(before);
    }
}
