package io.go4j.x.errgroup;

import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.Goroutine;
import io.go4j.Panic;
import io.go4j.TryRecv;
import io.go4j.context.Context;
import io.go4j.runtime.GoRuntime;
import io.go4j.testing.Leaks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The rules of SEMANTICS.md §9.1 (errgroup), one test per rule, plus go4j's decisions on
 * panics, {@code Goexit} and exception kinds, the memory effect of {@code await}, and
 * goroutine-leak checks. Waiting goroutines are detected by their wait reason, never by sleeping.
 */
@Timeout(60)
class GroupSemanticsTest {

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
    private static List<Throwable> collectingEscapes(Runnable body) {
        ConcurrentLinkedQueue<Throwable> escaped = new ConcurrentLinkedQueue<>();
        Go.setPanicHandler((g, t) -> escaped.add(t));
        try {
            body.run();
        } finally {
            Go.setPanicHandler(null);
        }
        return List.copyOf(escaped);
    }

    /** §9.1: the first error cancels the context at once (before await), with that error as cause. */
    @Test
    void firstErrorCancelsTheContextWithItAsCause() {
        Leaks.Option before = Leaks.ignoreCurrent();
        var gc = Group.withContext(Context.background());
        IOException boom = new IOException("boom");
        Chan<Throwable> seen = Chan.make(1);
        gc.group().go(() -> {
            gc.ctx().done().recv();                 // a sibling stops because of the failure
            seen.send(Context.cause(gc.ctx()));
        });
        gc.group().go(() -> {
            throw boom;
        });
        assertSame(boom, seen.recv(), "the sibling saw the context done with the error as cause");
        assertSame(Context.CANCELED, gc.ctx().err());
        assertSame(boom, gc.group().await());
        Leaks.verifyNone(before);
    }

    /** §9.1: await returns the first error (the same object); later errors are dropped. */
    @Test
    void awaitReturnsTheFirstErrorOnly() {
        Leaks.Option before = Leaks.ignoreCurrent();
        var gc = Group.withContext(Context.background());
        Exception first = new Exception("first");
        gc.group().go(() -> {
            gc.ctx().done().recv();
            throw new Exception("second, after the first cancelled the context");
        });
        gc.group().go(() -> {
            throw first;
        });
        assertSame(first, gc.group().await());
        Leaks.verifyNone(before);
    }

    /** §9.1: with no error, the context stays open while tasks run and await cancels it (cause CANCELED). */
    @Test
    void awaitCancelsTheContextWhenDone() {
        Leaks.Option before = Leaks.ignoreCurrent();
        var gc = Group.withContext(Context.background());
        Chan<Void> release = Chan.make();
        gc.group().go(release::recv);
        assertInstanceOf(TryRecv.WouldBlock.class, gc.ctx().done().tryRecv(), "open while a task runs");
        release.close();
        assertNull(gc.group().await());
        assertSame(Context.CANCELED, gc.ctx().err());
        assertSame(Context.CANCELED, Context.cause(gc.ctx()));
        Leaks.verifyNone(before);
    }

    /** §9.1: cancelling the parent cancels the group's context too. */
    @Test
    void parentCancellationReachesTheGroupContext() {
        Leaks.Option before = Leaks.ignoreCurrent();
        var parent = Context.withCancel(Context.background());
        var gc = Group.withContext(parent);
        gc.group().go(() -> {
            gc.ctx().done().recv();
            throw gc.ctx().err();
        });
        parent.cancel();
        assertSame(Context.CANCELED, gc.group().await());
        Leaks.verifyNone(before);
    }

    /** §9.1: go blocks while the limit is reached, and goes on when a task ends. */
    @Test
    void goBlocksAtTheLimit() {
        Leaks.Option before = Leaks.ignoreCurrent();
        Group g = new Group();
        g.setLimit(1);
        Chan<Void> release = Chan.make();
        g.go(release::recv);
        AtomicInteger ran = new AtomicInteger();
        Goroutine starter = Go.go(() -> g.go(ran::incrementAndGet));
        awaitParked(starter, "chan send");  // waiting for a token
        assertEquals(0, ran.get());
        release.close();                      // the first task ends and gives its token back
        try {
            assertTrue(starter.thread().join(java.time.Duration.ofSeconds(30)), "the blocked go() got through");
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        assertNull(g.await());                // await only after go() returned, as Go's WaitGroup rules require
        assertEquals(1, ran.get());
        Leaks.verifyNone(before);
    }

    /** §9.1: a negative limit removes the limit: many tasks run at once. */
    @Test
    void negativeLimitMeansNoLimit() {
        Leaks.Option before = Leaks.ignoreCurrent();
        Group g = new Group();
        g.setLimit(2);
        g.setLimit(-1);
        int n = 50;
        Chan<Void> release = Chan.make();
        AtomicInteger started = new AtomicInteger();
        for (int i = 0; i < n; i++) {
            assertTrue(g.tryGo(() -> {
                started.incrementAndGet();
                release.recv();
            }));
        }
        while (started.get() < n) {
            Thread.yield(); // all n run at the same time
        }
        release.close();
        assertNull(g.await());
        Leaks.verifyNone(before);
    }

    /** §9.1: changing the limit while tasks run panics with Go's message, counting them. */
    @Test
    void setLimitWhileActivePanics() {
        Leaks.Option before = Leaks.ignoreCurrent();
        Group g = new Group();
        g.setLimit(3);
        Chan<Void> release = Chan.make();
        g.go(release::recv);
        g.go(release::recv);
        Panic p = assertThrows(Panic.class, () -> g.setLimit(5));
        assertEquals("errgroup: modify limit while 2 goroutines in the group are still active", p.getMessage());
        release.close();
        assertNull(g.await());
        g.setLimit(5); // allowed again once they are done
        Leaks.verifyNone(before);
    }

    /** go4j: a limit of 0 lets no task start (tryGo false). */
    @Test
    void limitZeroStartsNothing() {
        Group g = new Group();
        g.setLimit(0);
        assertFalse(g.tryGo(() -> { }));
        assertNull(g.await());
    }

    /** go4j: checked and unchecked exceptions (other than Panic) are both errors. */
    @Test
    void anyExceptionButPanicIsAnError() {
        Leaks.Option before = Leaks.ignoreCurrent();
        for (Exception e : List.of(new IOException("checked"), new IllegalStateException("unchecked"))) {
            Group g = new Group();
            g.go(() -> {
                throw e;
            });
            assertSame(e, g.await());
        }
        Leaks.verifyNone(before);
    }

    /**
     * go4j: a Panic in a task is a Go panic: reported as escaping its goroutine, cancelling the
     * context with it as cause, and rethrown (the same object) by await, ahead of any error.
     */
    @Test
    void panicIsReportedAndRethrownByAwait() {
        Leaks.Option before = Leaks.ignoreCurrent();
        Panic boom = new Panic("boom");
        Exception err = new Exception("an error");
        Throwable[] thrown = new Throwable[1];
        Throwable[] cause = new Throwable[1];
        List<Throwable> escaped = collectingEscapes(() -> {
            var gc = Group.withContext(Context.background());
            gc.group().go(() -> {
                throw err;
            });
            gc.group().go(() -> {
                throw boom;
            });
            thrown[0] = assertThrows(Panic.class, gc.group()::await);
            cause[0] = Context.cause(gc.ctx());
            Leaks.verifyNone(before); // the panicking goroutine has ended, so the handler has run
        });
        assertSame(boom, thrown[0]);
        assertTrue(cause[0] == boom || cause[0] == err, "the context was cancelled by the first failure: " + cause[0]);
        assertEquals(List.of(boom), escaped);
    }

    /** go4j: an Error in a task is a Go panic too: reported and rethrown by await. */
    @Test
    void errorIsReportedAndRethrownByAwait() {
        Leaks.Option before = Leaks.ignoreCurrent();
        StackOverflowError soe = new StackOverflowError("deep");
        Throwable[] thrown = new Throwable[1];
        List<Throwable> escaped = collectingEscapes(() -> {
            Group g = new Group();
            g.go(() -> {
                throw soe;
            });
            thrown[0] = assertThrows(StackOverflowError.class, g::await);
            Leaks.verifyNone(before);
        });
        assertSame(soe, thrown[0]);
        assertEquals(List.of(soe), escaped);
    }

    /** go4j: Goexit in a task ends it quietly: counted done, no error, nothing reported, the context not cancelled by it. */
    @Test
    void goexitEndsTheTaskQuietly() {
        Leaks.Option before = Leaks.ignoreCurrent();
        AtomicInteger after = new AtomicInteger();
        Throwable[] cause = new Throwable[1];
        Exception[] err = new Exception[1];
        List<Throwable> escaped = collectingEscapes(() -> {
            var gc = Group.withContext(Context.background());
            gc.group().go(() -> {
                GoRuntime.goexit();
                after.incrementAndGet();
            });
            err[0] = gc.group().await();
            cause[0] = Context.cause(gc.ctx());
            Leaks.verifyNone(before);
        });
        assertNull(err[0]);
        assertEquals(0, after.get(), "Goexit ended the task");
        assertSame(Context.CANCELED, cause[0], "cancelled by await, not by the Goexit");
        assertEquals(List.of(), escaped);
    }

    /** go4j: go(null) panics like Go's go statement, and starts nothing. */
    @Test
    void nilTaskPanics() {
        Group g = new Group();
        assertEquals("go of nil func value", assertThrows(Panic.class, () -> g.go(null)).getMessage());
        assertEquals("go of nil func value", assertThrows(Panic.class, () -> g.tryGo(null)).getMessage());
        assertNull(g.await());
    }

    /** Memory effect: each task's writes (plain fields) are visible after await returns. */
    @Test
    void taskWritesHappenBeforeAwaitReturns() {
        Leaks.Option before = Leaks.ignoreCurrent();
        for (int round = 0; round < 200; round++) {
            Group g = new Group();
            int[] cells = new int[8];
            for (int i = 0; i < cells.length; i++) {
                int idx = i;
                g.go(() -> cells[idx] = idx + 1);
            }
            assertNull(g.await());
            for (int i = 0; i < cells.length; i++) {
                assertEquals(i + 1, cells[i]);
            }
        }
        Leaks.verifyNone(before);
    }
}
