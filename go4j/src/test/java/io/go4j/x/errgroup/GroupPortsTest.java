package io.go4j.x.errgroup;

import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.TryRecv;
import io.go4j.context.Context;
import io.go4j.runtime.GoRuntime;
import io.go4j.testing.Leaks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ports of the tests and examples of Go's {@code golang.org/x/sync/errgroup/errgroup_test.go}
 * (current version, without the panic tests that x/sync removed with panic propagation), one
 * method per Go function, each naming its original. Go's {@code nil} error is a task that
 * returns normally; a Go error is an exception thrown by the task. Every test checks that no
 * goroutine outlives it.
 */
@Timeout(60)
class GroupPortsTest {

    /** A task returning Go's {@code err}: throws it, or returns if null. */
    private static Group.Task returning(Exception err) {
        return () -> {
            if (err != null) {
                throw err;
            }
        };
    }

    /**
     * errgroup_test.go TestZeroGroup: a zero group's await returns the first error of the tasks
     * started so far (the same object), after each go.
     */
    @Test
    void testZeroGroup() {
        Leaks.Option before = Leaks.ignoreCurrent();
        Exception err1 = new Exception("errgroup_test: 1");
        Exception err2 = new Exception("errgroup_test: 2");
        List<List<Exception>> cases = List.of(
                List.of(),
                Arrays.asList((Exception) null),
                List.of(err1),
                Arrays.asList(err1, null),
                Arrays.asList(err1, null, err2));
        for (List<Exception> errs : cases) {
            Group g = new Group();
            Exception firstErr = null;
            for (int i = 0; i < errs.size(); i++) {
                Exception err = errs.get(i);
                g.go(returning(err));
                if (firstErr == null && err != null) {
                    firstErr = err;
                }
                assertSame(firstErr, g.await(), "after go(return err) for err in " + errs.subList(0, i + 1));
            }
        }
        Leaks.verifyNone(before);
    }

    /** errgroup_test.go TestWithContext: await returns the first error, and the context is done after await. */
    @Test
    void testWithContext() {
        Leaks.Option before = Leaks.ignoreCurrent();
        Exception errDoom = new Exception("group_test: doomed");
        record Case(List<Exception> errs, Exception want) { }
        List<Case> cases = List.of(
                new Case(List.of(), null),
                new Case(Arrays.asList((Exception) null), null),
                new Case(List.of(errDoom), errDoom),
                new Case(Arrays.asList(errDoom, null), errDoom));
        for (Case tc : cases) {
            var gc = Group.withContext(Context.background());
            for (Exception err : tc.errs()) {
                gc.group().go(returning(err));
            }
            assertSame(tc.want(), gc.group().await(), "for errs " + tc.errs());
            assertInstanceOf(TryRecv.Closed.class, gc.ctx().done().tryRecv(), "ctx.Done() was not closed for errs " + tc.errs());
        }
        Leaks.verifyNone(before);
    }

    /** errgroup_test.go TestTryGo: tryGo starts tasks exactly while below the limit, across limit changes. */
    @Test
    void testTryGo() {
        Leaks.Option before = Leaks.ignoreCurrent();
        Group g = new Group();
        int n = 42;
        g.setLimit(42);
        Chan<Boolean> ch = Chan.make();
        Group.Task fn = () -> ch.send(true);
        for (int i = 0; i < n; i++) {
            assertTrue(g.tryGo(fn), "TryGo should succeed but got fail at " + i + "-th call.");
        }
        assertFalse(g.tryGo(fn), "TryGo is expected to fail but succeeded.");
        Go.go(() -> {
            for (int i = 0; i < n; i++) {
                ch.recv();
            }
        });
        g.await();

        assertTrue(g.tryGo(fn), "TryGo should success but got fail after all goroutines.");
        Go.go(ch::recv);
        g.await();

        // Switch limit.
        g.setLimit(1);
        assertTrue(g.tryGo(fn), "TryGo should success but got failed.");
        assertFalse(g.tryGo(fn), "TryGo should fail but succeeded.");
        Go.go(ch::recv);
        g.await();

        // Block all calls.
        g.setLimit(0);
        for (int i = 0; i < 1 << 10; i++) {
            assertFalse(g.tryGo(fn), "TryGo should fail but got succeeded.");
        }
        g.await();
        Leaks.verifyNone(before);
    }

    /** errgroup_test.go TestGoLimit: with setLimit(10), no more than 10 of 1025 tasks are ever active. */
    @Test
    void testGoLimit() {
        Leaks.Option before = Leaks.ignoreCurrent();
        final int limit = 10;
        Group g = new Group();
        g.setLimit(limit);
        AtomicInteger active = new AtomicInteger();
        AtomicInteger maxActive = new AtomicInteger();
        for (int i = 0; i <= 1 << 10; i++) {
            g.go(() -> {
                int n = active.incrementAndGet();
                maxActive.accumulateAndGet(n, Math::max);
                if (n > limit) {
                    throw new Exception("saw " + n + " active goroutines; want <= " + limit);
                }
                GoRuntime.gosched(); // Go: time.Sleep(1 µs), to give other goroutines a chance to increment active
                active.decrementAndGet();
            });
        }
        assertNull(g.await());
        assertTrue(maxActive.get() >= 1 && maxActive.get() <= limit);
        Leaks.verifyNone(before);
    }

    /**
     * errgroup_test.go TestCancelCause: the context's cause is the first error, or
     * {@link Context#CANCELED} when await cancelled it without one.
     */
    @Test
    void testCancelCause() {
        Leaks.Option before = Leaks.ignoreCurrent();
        Exception errDoom = new Exception("group_test: doomed");
        record Case(List<Exception> errs, Exception want) { }
        List<Case> cases = List.of(
                new Case(List.of(), null),
                new Case(Arrays.asList((Exception) null), null),
                new Case(List.of(errDoom), errDoom),
                new Case(Arrays.asList(errDoom, null), errDoom));
        for (Case tc : cases) {
            var gc = Group.withContext(Context.background());
            for (Exception err : tc.errs()) {
                gc.group().tryGo(returning(err));
            }
            assertSame(tc.want(), gc.group().await(), "for errs " + tc.errs());
            Throwable want = tc.want() == null ? Context.CANCELED : tc.want();
            assertSame(want, Context.cause(gc.ctx()), "context.Cause(ctx) for errs " + tc.errs());
        }
        Leaks.verifyNone(before);
    }

    /** errgroup_test.go ExampleGroup_justErrors: a group in place of a WaitGroup; await reports the failed fetch. */
    @Test
    void exampleGroupJustErrors() {
        Leaks.Option before = Leaks.ignoreCurrent();
        Group g = new Group();
        List<String> urls = List.of("http://www.golang.org/", "http://www.google.com/", "http://www.somestupidname.com/");
        for (String url : urls) {
            g.go(() -> {
                if (url.contains("somestupidname")) {
                    throw new java.net.UnknownHostException(url); // a fake fetch: this host does not exist
                }
            });
        }
        assertInstanceOf(java.net.UnknownHostException.class, g.await());
        Leaks.verifyNone(before);
    }

    /** errgroup_test.go ExampleGroup_parallel: "Google Search 2.0" with a group and its context fills every result slot. */
    @Test
    void exampleGroupParallel() throws Exception {
        Leaks.Option before = Leaks.ignoreCurrent();
        List<String> kinds = List.of("web", "image", "video");
        var gc = Group.withContext(Context.background());
        String[] results = new String[kinds.size()];
        for (int i = 0; i < kinds.size(); i++) {
            int idx = i;
            gc.group().go(() -> {
                if (gc.ctx().err() != null) {
                    throw gc.ctx().err();
                }
                results[idx] = kinds.get(idx) + " result for \"golang\"";
            });
        }
        Exception err = gc.group().await();
        if (err != null) {
            throw err;
        }
        assertEquals(new ArrayList<>(List.of("web result for \"golang\"", "image result for \"golang\"",
                "video result for \"golang\"")), new ArrayList<>(Arrays.asList(results)));
        Leaks.verifyNone(before);
    }
}
