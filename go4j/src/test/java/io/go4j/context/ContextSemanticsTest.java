package io.go4j.context;

import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.Goroutine;
import io.go4j.Panic;
import io.go4j.RecvChan;
import io.go4j.Select;
import io.go4j.TryRecv;
import io.go4j.WaitInterruptedException;
import io.go4j.time.Time;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static io.go4j.Case.otherwise;
import static io.go4j.Case.recv;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * One test per rule of SEMANTICS.md §7 (context, rules 7.1–7.11), each named after its rule
 * and written so that it fails if the rule breaks; then the properties the rules rely on:
 * {@code done()} in a select with other channels, {@code err() != null} exactly when
 * {@code done()} is closed (hammered by racing observers), and cancellation of very deep chains
 * and very wide trees.
 *
 * <p>No test sleeps: a test waits on a done channel (with a 30-second timer as its limit), or
 * on a goroutine's wait reason, and checks "not yet done" with a non-blocking receive.
 */
@Timeout(180)
class ContextSemanticsTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final boolean LONG = "long".equals(System.getProperty("go4j.stress.mode", "short"));

    // ================================================================== helpers

    static boolean isDone(Context c) {
        return c.done().tryRecv() instanceof TryRecv.Closed;
    }

    // Messages are built only on failure: a context's string form names its whole chain.

    static void assertNotDone(Context c) {
        assertInstanceOf(TryRecv.WouldBlock.class, c.done().tryRecv(), () -> c + ": done() should block");
        assertNull(c.err(), () -> c + ": err()");
        assertNull(Context.cause(c), () -> c + ": cause");
    }

    static void assertDone(Context c, ContextException err, Throwable cause) {
        assertTrue(isDone(c), () -> c + ": done() should be closed");
        assertSame(err, c.err(), () -> c + ": err()");
        assertSame(cause, Context.cause(c), () -> c + ": cause");
    }

    static void awaitRecv(RecvChan<?> ch, String what) {
        boolean ok = Select.select(recv(ch, x -> true), recv(Time.after(WAIT), t -> false));
        assertTrue(ok, what + ": nothing after " + WAIT);
    }

    /** A goroutine started by a test and its outcome. */
    record Task<T>(Goroutine g, CompletableFuture<T> outcome) {
        T join() throws Exception {
            try {
                return outcome.get(WAIT.toNanos(), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof Error err) {
                    throw err; // an assertion that failed in the goroutine
                }
                if (e.getCause() instanceof Exception ex) {
                    throw ex;
                }
                throw e;
            } catch (TimeoutException e) {
                throw new AssertionError("the task did not finish" + (g == null ? "" : "; wait reason: " + g.waitReason()));
            }
        }

        void awaitParked(String reason) {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!reason.equals(g.waitReason())) {
                assertFalse(outcome.isDone(), "the goroutine ended instead of parking: " + outcome);
                assertTrue(System.nanoTime() - deadline < 0, "not parked with '" + reason + "': " + g.waitReason());
                Thread.yield();
            }
        }
    }

    static <T> Task<T> go(Callable<T> body) {
        CompletableFuture<T> f = new CompletableFuture<>();
        Goroutine g = Go.go(() -> {
            try {
                f.complete(body.call());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return new Task<>(g, f);
    }

    // ================================================================== §7 rules

    /**
     * §7.1: Background and TODO are never cancelled: their done() is the nil channel — never
     * ready in a select, and a goroutine receiving from it blocks for good ("chan receive (nil
     * chan)") — with null err, cause, value and no deadline.
     */
    @Test
    void rule7_1_backgroundAndTodoAreNeverCancelled() throws Exception {
        for (Context c : List.of(Context.background(), Context.todo())) {
            assertTrue(c.done().isNil(), c + ": done() should be the nil channel");
            assertNotDone(c);
            assertEquals(Optional.empty(), c.deadline());
            assertNull(c.value("any"));
            String chosen = Select.select(recv(c.done(), x -> "done"), otherwise(() -> "default"));
            assertEquals("default", chosen);

            Task<Void> waiter = go(() -> c.done().recv());
            waiter.awaitParked("chan receive (nil chan)");
            for (int i = 0; i < 1_000; i++) {
                assertEquals("chan receive (nil chan)", waiter.g().waitReason(), "the receive must stay blocked");
                Thread.yield();
            }
            waiter.g().interrupt(); // release it
            assertThrows(WaitInterruptedException.class, waiter::join);
        }
        assertSame(Context.background(), Context.background());
        assertSame(Context.todo(), Context.todo());
    }

    /**
     * §7.2: the package functions exist and derive what Go's do: cancel contexts with and
     * without cause, with a deadline given as an instant or a timeout, value and without-cancel
     * contexts, after-functions, and Cause.
     */
    @Test
    void rule7_2_everyPackageFunctionDerivesItsKindOfContext() throws Exception {
        Context bg = Context.background();
        Instant at = Time.now().plus(Duration.ofHours(1));
        Exception why = new Exception("why");

        List<CancelContext> cancellable = List.of(
                Context.withCancel(bg), Context.withCancelCause(bg),
                Context.withDeadline(bg, at), Context.withDeadlineCause(bg, at, why),
                Context.withTimeout(bg, Duration.ofHours(1)), Context.withTimeoutCause(bg, Duration.ofHours(1), why));
        for (CancelContext c : cancellable) {
            assertFalse(c.done().isNil(), c + ": a cancel context has a real done channel");
            assertNotDone(c);
            c.cancel();
            assertDone(c, Context.CANCELED, Context.CANCELED);
        }
        assertEquals(Optional.empty(), cancellable.get(0).deadline());
        assertEquals(Optional.of(at), cancellable.get(2).deadline());
        assertEquals(Optional.of(at), cancellable.get(3).deadline());
        Instant before = Time.now();
        try (CancelContext t = Context.withTimeout(bg, Duration.ofHours(1))) {
            Instant deadline = t.deadline().orElseThrow();
            assertFalse(deadline.isBefore(before.plus(Duration.ofHours(1))), "timeout deadline = now + timeout");
            assertFalse(deadline.isAfter(Time.now().plus(Duration.ofHours(1))), "timeout deadline = now + timeout");
        }

        Context v = Context.withValue(bg, "k", "v");
        assertEquals("v", v.value("k"));
        Context w = Context.withoutCancel(v);
        assertEquals("v", w.value("k"));
        assertTrue(w.done().isNil());

        CancelContext ctx = Context.withCancelCause(bg);
        CompletableFuture<Void> ran = new CompletableFuture<>();
        BooleanSupplier stop = Context.afterFunc(ctx, () -> ran.complete(null));
        assertNotNull(stop);
        ctx.cancel(why);
        ran.get(WAIT.toNanos(), TimeUnit.NANOSECONDS);
        assertSame(why, Context.cause(ctx));
    }

    /**
     * §7.3: err() is null until done() is closed, then Canceled ("context canceled") or
     * DeadlineExceeded ("context deadline exceeded"), and never changes: not when the
     * deadline of a cancelled context passes, nor when a timed-out context is cancelled.
     */
    @Test
    void rule7_3_errIsNullUntilDoneThenFixed() {
        CancelContext c = Context.withTimeout(Context.background(), Duration.ofMillis(100));
        assertNull(c.err());
        c.cancel();
        ContextException first = c.err();
        assertNotNull(first);
        assertTrue(first == Context.CANCELED || first == Context.DEADLINE_EXCEEDED, String.valueOf(first));
        try (CancelContext later = Context.withTimeout(Context.background(), Duration.ofMillis(150))) {
            awaitRecv(later.done(), "a context with a later deadline"); // c's deadline has passed now
        }
        assertSame(first, c.err(), "err() changed after the deadline passed");

        CancelContext t = Context.withTimeout(Context.background(), Duration.ofMillis(1));
        awaitRecv(t.done(), "timeout");
        assertSame(Context.DEADLINE_EXCEEDED, t.err());
        t.cancel();
        t.cancel(new Exception("late"));
        assertDone(t, Context.DEADLINE_EXCEEDED, Context.DEADLINE_EXCEEDED);

        assertEquals("context canceled", Context.CANCELED.toString());
        assertEquals("context canceled", Context.CANCELED.getMessage());
        assertEquals("context deadline exceeded", Context.DEADLINE_EXCEEDED.toString());
        assertEquals("context deadline exceeded", Context.DEADLINE_EXCEEDED.getMessage());
    }

    /**
     * §7.4: cancelling a parent cancels every descendant (through cancel, timer, value and
     * after-func layers) with the same err and cause; cancelling a child leaves the parent and
     * siblings alone; a second cancel changes nothing; a child of a cancelled parent is born
     * cancelled with the parent's err and cause — for timeouts too.
     */
    @Test
    void rule7_4_cancellationFlowsDownNeverUp() throws Exception {
        Exception x = new Exception("x");
        Exception y = new Exception("y");
        CancelContext root = Context.withCancelCause(Context.background());
        CancelContext a = Context.withCancelCause(root);
        Context a1 = Context.withValue(a, "k", "v");
        CancelContext a2 = Context.withTimeout(a1, Duration.ofHours(1));
        CancelContext b = Context.withCancel(root);
        CancelContext b1 = Context.withDeadline(Context.withValue(b, "k", "v"), Time.now().plus(Duration.ofHours(1)));
        CompletableFuture<ContextException> afterB1 = new CompletableFuture<>();
        Context.afterFunc(b1, () -> afterB1.complete(b1.err()));

        a.cancel(x);
        for (Context c : List.of(a, a1, a2)) {
            assertDone(c, Context.CANCELED, x);
        }
        for (Context c : List.of(root, b, b1)) {
            assertNotDone(c);
        }
        assertFalse(afterB1.isDone());

        root.cancel(y);
        for (Context c : List.of(root, b, b1)) {
            assertDone(c, Context.CANCELED, y);
        }
        assertSame(Context.CANCELED, afterB1.get(WAIT.toNanos(), TimeUnit.NANOSECONDS));
        for (Context c : List.of(a, a1, a2)) {
            assertDone(c, Context.CANCELED, x); // cancelled first: keeps its own cause
        }

        root.cancel(new Exception("second"));
        root.cancel();
        assertDone(root, Context.CANCELED, y);

        assertDone(Context.withCancel(root), Context.CANCELED, y);
        assertDone(Context.withTimeout(root, Duration.ofHours(1)), Context.CANCELED, y);
        assertDone(Context.withValue(root, "k", "v"), Context.CANCELED, y);

        Exception slow = new Exception("slow");
        CancelContext timed = Context.withTimeoutCause(Context.background(), Duration.ofMillis(1), slow);
        CancelContext under = Context.withCancel(Context.withValue(timed, "k", "v"));
        awaitRecv(under.done(), "child of a timing-out parent");
        assertDone(under, Context.DEADLINE_EXCEEDED, slow);
        assertDone(Context.withCancel(timed), Context.DEADLINE_EXCEEDED, slow);
    }

    /**
     * §7.5: a child's deadline is the earlier of its parent's and its own (through value and
     * cancel layers), and the parent's earlier deadline ends the child; a deadline already past
     * — or a zero or negative timeout — gives a context that is done when it is returned. A
     * timeout too large for an Instant saturates instead of failing.
     */
    @Test
    void rule7_5_deadlineIsTheEarliestAndPastMeansNow() {
        Instant now = Time.now();
        Instant t1 = now.plus(Duration.ofHours(1));
        try (CancelContext p = Context.withDeadline(Context.background(), t1)) {
            assertEquals(Optional.of(t1), Context.withDeadline(p, now.plus(Duration.ofHours(2))).deadline());
            Instant earlier = now.plus(Duration.ofMinutes(30));
            assertEquals(Optional.of(earlier), Context.withDeadline(p, earlier).deadline());
            assertEquals(Optional.of(t1), Context.withCancel(p).deadline());
            assertEquals(Optional.of(t1), Context.withValue(p, "k", "v").deadline());
            assertEquals(Optional.of(t1), Context.withTimeout(Context.withValue(p, "k", "v"), Duration.ofDays(1)).deadline());
        }

        CancelContext p = Context.withTimeout(Context.background(), Duration.ofMillis(1));
        CancelContext c = Context.withTimeout(p, Duration.ofHours(1));
        awaitRecv(c.done(), "child whose parent's deadline is earlier");
        assertSame(Context.DEADLINE_EXCEEDED, c.err());

        List<CancelContext> past = List.of(
                Context.withDeadline(Context.background(), Time.now().minusSeconds(1)),
                Context.withDeadline(Context.background(), Instant.MIN),
                Context.withTimeout(Context.background(), Duration.ZERO),
                Context.withTimeout(Context.background(), Duration.ofSeconds(-5)),
                Context.withTimeout(Context.background(), Duration.ofSeconds(Long.MIN_VALUE)));
        for (CancelContext d : past) {
            assertDone(d, Context.DEADLINE_EXCEEDED, Context.DEADLINE_EXCEEDED);
        }

        try (CancelContext huge = Context.withTimeout(Context.background(), Duration.ofSeconds(Long.MAX_VALUE))) {
            assertTrue(huge.deadline().isPresent());
            assertNotDone(huge);
        }
    }

    /**
     * §7.6: the first cancellation sets the cause; cancel(null) sets Canceled; Cause() is the
     * cause, else err(), else null (also through value layers); the *Cause variants set their
     * cause only when the timer fires — a cancel before gives Canceled, a cancel with a cause
     * gives that cause.
     */
    @Test
    void rule7_6_theFirstCancellationSetsTheCause() {
        Exception x = new Exception("x");
        CancelContext c = Context.withCancelCause(Context.background());
        assertNull(Context.cause(c));
        c.cancel(x);
        c.cancel(new Exception("second"));
        assertDone(c, Context.CANCELED, x);
        assertSame(x, Context.cause(Context.withValue(c, "k", "v")));

        CancelContext n = Context.withCancelCause(Context.background());
        n.cancel(null);
        assertDone(n, Context.CANCELED, Context.CANCELED);

        assertNull(Context.cause(Context.background()));
        assertNull(Context.cause(Context.withValue(Context.background(), "k", "v")));

        Exception slow = new Exception("slow");
        CancelContext fired = Context.withTimeoutCause(Context.background(), Duration.ofMillis(1), slow);
        awaitRecv(fired.done(), "timeout with cause");
        assertDone(fired, Context.DEADLINE_EXCEEDED, slow);

        CancelContext cancelledFirst = Context.withTimeoutCause(Context.background(), Duration.ofHours(1), slow);
        cancelledFirst.cancel();
        assertDone(cancelledFirst, Context.CANCELED, Context.CANCELED);

        CancelContext ownCause = Context.withDeadlineCause(Context.background(), Time.now().plus(Duration.ofHours(1)), slow);
        ownCause.cancel(x);
        assertDone(ownCause, Context.CANCELED, x);

        CancelContext alreadyPast = Context.withDeadlineCause(Context.background(), Time.now().minusSeconds(1), slow);
        assertDone(alreadyPast, Context.DEADLINE_EXCEEDED, slow);
    }

    /**
     * §7.7: WithoutCancel passes values through but has no deadline (even under one), a nil
     * done channel, null err and cause — before and after its parent is cancelled or times out —
     * and contexts derived from it are not cancelled by that parent.
     */
    @Test
    void rule7_7_withoutCancelKeepsValuesOnly() {
        CancelContext parent = Context.withTimeout(Context.withValue(Context.background(), "k", "v"), Duration.ofHours(1));
        Context w = Context.withoutCancel(parent);
        try (CancelContext child = Context.withCancel(w)) {
            for (int round = 0; round < 2; round++) {
                assertEquals("v", w.value("k"));
                assertEquals(Optional.empty(), w.deadline());
                assertTrue(w.done().isNil());
                assertNull(w.err());
                assertNull(Context.cause(w));
                assertNotDone(child);
                assertEquals(Optional.empty(), child.deadline());
                parent.cancel(new Exception("gone"));
            }
            assertTrue(isDone(parent));
        }
    }

    /**
     * §7.8: AfterFunc runs f once, in its own goroutine, after ctx is done (at once if it
     * already is); stop() is true only if it prevented f — and exactly one of "stop() true"
     * and "f ran" holds when stop races with the cancellation.
     */
    @Test
    void rule7_8_afterFuncRunsOnceUnlessStopped() throws Exception {
        CancelContext ctx = Context.withCancel(Context.background());
        AtomicInteger runs = new AtomicInteger();
        CompletableFuture<Long> ranIn = new CompletableFuture<>();
        BooleanSupplier stop = Context.afterFunc(ctx, () -> {
            runs.incrementAndGet();
            ranIn.complete(Go.id());
        });
        assertEquals(0, runs.get());
        ctx.cancel();
        ctx.cancel();
        long id = ranIn.get(WAIT.toNanos(), TimeUnit.NANOSECONDS);
        assertTrue(id != 0 && id != Go.id(), "f runs in a goroutine of its own");
        assertFalse(stop.getAsBoolean(), "stop() after f started");
        Chan<Void> barrier = Chan.make();
        Context.afterFunc(ctx, barrier::close); // already done: runs at once
        awaitRecv(barrier, "AfterFunc on a done context");
        assertEquals(1, runs.get(), "f must run once");

        int n = LONG ? 20_000 : 2_000;
        AtomicInteger ran = new AtomicInteger();
        int expectRan = 0;
        for (int i = 0; i < n; i++) {
            CancelContext c = Context.withCancel(Context.background());
            BooleanSupplier s = Context.afterFunc(c, ran::incrementAndGet);
            Go.go(c::cancel);
            if (!s.getAsBoolean()) {
                expectRan++;
            }
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (ran.get() < expectRan) {
            assertTrue(System.nanoTime() - deadline < 0, ran.get() + " of " + expectRan + " functions ran");
            Thread.yield();
        }
        assertEquals(expectRan, ran.get(), "a function ran although stop() returned true");
    }

    /**
     * §7.9: WithValue with a null key panics "nil key"; every derivation from a null parent
     * panics "cannot create context from nil parent"; lookups compare keys with equals and find
     * the innermost binding first, through every kind of layer.
     */
    @Test
    void rule7_9_nilKeyAndNilParentPanicLookupIsInnermostFirst() {
        assertEquals("nil key", assertThrows(Panic.class,
                () -> Context.withValue(Context.background(), null, "v")).getMessage());
        List<Runnable> fromNil = List.of(
                () -> Context.withCancel(null), () -> Context.withCancelCause(null),
                () -> Context.withDeadline(null, Instant.MAX), () -> Context.withDeadlineCause(null, Instant.MAX, null),
                () -> Context.withTimeout(null, Duration.ofSeconds(1)),
                () -> Context.withTimeoutCause(null, Duration.ofSeconds(1), null),
                () -> Context.withValue(null, "k", "v"), () -> Context.withoutCancel(null),
                () -> Context.afterFunc(null, () -> { }));
        for (Runnable r : fromNil) {
            assertEquals("cannot create context from nil parent", assertThrows(Panic.class, r::run).getMessage());
        }

        Context outer = Context.withValue(Context.background(), "k", "outer");
        Context other = Context.withValue(outer, "j", "other");
        try (CancelContext mid = Context.withTimeout(other, Duration.ofHours(1))) {
            Context inner = Context.withValue(Context.withoutCancel(mid), "k", "inner");
            assertEquals("inner", inner.value(new String("k")), "keys compare with equals; innermost first");
            assertEquals("other", inner.value("j"));
            assertEquals("outer", mid.value("k"));
            assertNull(inner.value("missing"));
        }
    }

    /**
     * §7.10: the string forms name the chain from the root: context.Background,
     * context.TODO, .WithCancel, .WithValue(key, val), .WithDeadline(time [left]), .WithoutCancel.
     */
    @Test
    void rule7_10_stringFormsNameTheChain() {
        Context bg = Context.background();
        assertEquals("context.Background", bg.toString());
        assertEquals("context.TODO", Context.todo().toString());
        assertEquals("context.Background.WithCancel", Context.withCancel(bg).toString());
        assertEquals("context.TODO.WithCancel", Context.withCancelCause(Context.todo()).toString());
        assertEquals("context.Background.WithValue(user, gopher)", Context.withValue(bg, "user", "gopher").toString());
        assertEquals("context.Background.WithoutCancel", Context.withoutCancel(bg).toString());
        try (CancelContext d = Context.withDeadline(bg, Instant.parse("2999-12-31T23:59:59Z"))) {
            assertTrue(d.toString().matches(
                    "context\\.Background\\.WithDeadline\\(2999-12-31 23:59:59 \\+0000 UTC \\[\\d+h\\d+m[\\d.]+s\\]\\)"), d.toString());
            assertTrue(Context.withCancel(d).toString().endsWith("])" + ".WithCancel"), Context.withCancel(d).toString());
        }
        try (CancelContext t = Context.withTimeout(bg, Duration.ofHours(1))) {
            assertTrue(t.toString().matches(
                    "context\\.Background\\.WithDeadline\\(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d(\\.\\d+)? \\+0000 UTC"
                            + " \\[(59m[\\d.]+s|1h0m0s)\\]\\)"), t.toString());
        }
    }

    /**
     * §7.10, deadlines far from today: Go prints any year with at least four digits and a
     * minus sign when negative ("10000-01-01 …", "-0005-01-01 …"), and never fails to print.
     */
    @Test
    void rule7_10_deadlineStringsOfFarYears() {
        Context bg = Context.background();
        try (CancelContext c = Context.withDeadline(bg, Instant.parse("+10000-01-01T00:00:00Z"))) {
            assertTrue(c.toString().startsWith("context.Background.WithDeadline(10000-01-01 00:00:00 +0000 UTC ["),
                    c.toString());
        }
        CancelContext past = Context.withDeadline(bg, Instant.parse("-0005-01-01T00:00:00Z"));
        assertTrue(past.toString().startsWith("context.Background.WithDeadline(-0005-01-01 00:00:00 +0000 UTC ["),
                past.toString());
        CancelContext saturated = Context.withTimeout(bg, Duration.ofSeconds(Long.MIN_VALUE));
        assertTrue(saturated.toString().startsWith("context.Background.WithDeadline("), saturated::toString);
    }

    /**
     * §7.11: cancelling a context tears down its subtree (and only it) and removes the
     * context from its parent: 10,000 cancelled children of a live parent become garbage,
     * while a live sibling stays held by the parent.
     */
    @Test
    void rule7_11_cancellationTearsDownTheSubtreeAndLeavesTheParent() throws Exception {
        CancelContext parent = Context.withCancel(Context.background());
        CancelContext mid = Context.withCancel(parent);
        CancelContext sibling = Context.withCancel(parent);
        List<Context> subtree = List.of(
                Context.withCancel(mid), Context.withValue(mid, "k", "v"),
                Context.withCancel(Context.withCancel(mid)), Context.withTimeout(mid, Duration.ofHours(1)));
        mid.cancel();
        for (Context c : subtree) {
            assertDone(c, Context.CANCELED, Context.CANCELED);
        }
        assertNotDone(parent);
        assertNotDone(sibling);

        ReferenceQueue<Object> q = new ReferenceQueue<>();
        WeakReference<Object> live = new WeakReference<>(Context.withCancel(parent));
        List<WeakReference<Object>> refs = GoContextPortsTest.weakly(10_000, () -> {
            CancelContext c = Context.withCancel(parent);
            Context.withCancel(c); // with a subtree of its own
            c.cancel();
            return c;
        }, q);
        GoContextPortsTest.awaitCollected(q, refs.size(), "cancelled children");
        assertNotNull(live.get(), "the parent should hold its live child");
        Reference.reachabilityFence(parent);
        parent.cancel();
        assertDone(sibling, Context.CANCELED, Context.CANCELED);
    }

    // ================================================================== done() in select

    /**
     * done() is an ordinary channel in a select: a goroutine blocked in a select on a data
     * channel and done() wakes with the done case when the context is cancelled; a ready data
     * case wins while the context is live; a cancelled context's case is ready at once; when
     * both are ready the choice is random (§3.3); a nil done() is never chosen.
     */
    @Test
    void doneIsUsableInSelectWithOtherChannels() throws Exception {
        Chan<String> data = Chan.make();
        CancelContext ctx = Context.withCancel(Context.background());
        Task<String> waiter = go(() -> Select.select(recv(data, v -> "data:" + v), recv(ctx.done(), x -> "done")));
        waiter.awaitParked("select");
        ctx.cancel();
        assertEquals("done", waiter.join());

        Chan<String> buffered = Chan.make(1);
        buffered.send("v");
        try (CancelContext live = Context.withCancel(Context.background())) {
            assertEquals("data:v", Select.select(recv(buffered, v -> "data:" + v), recv(live.done(), x -> "done")));
        }
        assertEquals("done", Select.select(recv(buffered, v -> "data:" + v), recv(ctx.done(), x -> "done")));

        int doneCount = 0;
        int dataCount = 0;
        for (int i = 0; i < 1_000; i++) {
            if (buffered.len() == 0) {
                buffered.send("v");
            }
            String r = Select.select(recv(buffered, v -> "data"), recv(ctx.done(), x -> "done"));
            if (r.equals("done")) {
                doneCount++;
            } else {
                dataCount++;
            }
        }
        assertTrue(doneCount > 0 && dataCount > 0, "done " + doneCount + ", data " + dataCount);

        if (buffered.len() == 0) {
            buffered.send("v");
        }
        RecvChan<Void> never = Context.background().done();
        assertEquals("data", Select.select(recv(never, x -> "done"), recv(buffered, v -> "data"), otherwise(() -> "default")));
        assertEquals("default", Select.select(recv(never, x -> "done"), recv(buffered, v -> "data"), otherwise(() -> "default")));
    }

    // ================================================================== err() and done() agree

    /** Checks both orders once: closed-then-err and err-then-closed. Returns whether ctx was seen done. */
    static boolean observeConsistent(Context ctx) {
        boolean closed = ctx.done().tryRecv() instanceof TryRecv.Closed;
        ContextException e = ctx.err();
        if (closed && e == null) {
            fail(ctx + ": done() closed but err() null");
        }
        ContextException e2 = ctx.err();
        boolean closed2 = ctx.done().tryRecv() instanceof TryRecv.Closed;
        if (e2 != null && !closed2) {
            fail(ctx + ": err() = " + e2 + " but done() not closed");
        }
        if (e != null && e2 != e) {
            fail(ctx + ": err() changed from " + e + " to " + e2);
        }
        return closed && closed2;
    }

    /**
     * err() != null exactly when done() is closed: observers racing with the cancellation
     * (direct, through a parent, by a timer, behind a value layer, with done() made before or
     * lazily during the race) never see a closed done() with a null err, nor an err with an
     * open done(). The observers are platform threads that spin: goroutines spinning on every
     * carrier thread would keep the goroutine that a firing timer starts from running.
     */
    @Test
    void errIsNonNullExactlyWhenDoneIsClosed() throws Exception {
        int n = LONG ? 30_000 : 3_000;
        Random r = new Random();
        for (int i = 0; i < n; i++) {
            int kind = i % 4;
            CancelContext parent = Context.withCancel(Context.background());
            CancelContext own = kind == 2
                    ? Context.withTimeout(parent, Duration.ofNanos(r.nextInt(200_000)))
                    : Context.withCancel(parent);
            Context observed = kind == 3 ? Context.withValue(own, "k", "v") : own;
            if (r.nextBoolean()) {
                observed.done(); // make the channel before the race; otherwise it is made during it
            }
            List<CompletableFuture<Void>> observers = new ArrayList<>();
            for (int k = 0; k < 2; k++) {
                CompletableFuture<Void> f = new CompletableFuture<>();
                observers.add(f);
                Thread.ofPlatform().start(() -> {
                    try {
                        while (!observeConsistent(observed)) {
                            Thread.yield(); // leave the cores to the cancelling goroutine now and then
                        }
                        f.complete(null);
                    } catch (Throwable t) {
                        f.completeExceptionally(t);
                    }
                });
            }
            switch (kind) {
                case 0, 3 -> Go.go(own::cancel);
                case 1 -> Go.go(parent::cancel);
                default -> { } // the timer
            }
            for (CompletableFuture<Void> o : observers) {
                new Task<>(null, o).join();
            }
            parent.cancel();
        }
    }

    // ================================================================== very deep and very wide

    /**
     * A chain of 1,000,000 nested WithCancel contexts (a value and a deadline near the root)
     * is cancelled from the root — every level done — and the leaf answers value() and
     * deadline() without a StackOverflowError. (Its string form, which names every level, is
     * not checked.)
     */
    @Test
    void aChainOfAMillionContextsCancelsFromTheRootAndLooksUpFromTheLeaf() {
        CancelContext root = Context.withCancelCause(Context.background());
        Instant at = Time.now().plus(Duration.ofHours(1));
        Context c = Context.withValue(Context.withDeadline(root, at), "k", "v");
        final int depth = 1_000_000;
        List<CancelContext> every = new ArrayList<>(depth);
        for (int i = 0; i < depth; i++) {
            CancelContext next = Context.withCancel(c);
            every.add(next);
            c = next;
        }
        Context leaf = c;
        assertEquals("v", leaf.value("k"));
        assertNull(leaf.value("missing"));
        assertEquals(Optional.of(at), leaf.deadline());
        assertNotDone(leaf);

        Exception why = new Exception("why");
        root.cancel(why);
        assertDone(leaf, Context.CANCELED, why);
        for (CancelContext e : every) {
            assertTrue(isDone(e) && e.err() == Context.CANCELED, "a level in the chain is not cancelled");
        }
        assertEquals("v", leaf.value("k"));
    }

    /**
     * A tree of more than 100,000 descendants of mixed kinds (cancel, cause, timeout, deadline
     * with cause, value, fan-out 10) is cancelled from the root: every one is done with the
     * root's err and cause.
     */
    @Test
    void aTreeOfAHundredThousandDescendantsCancelsFromTheRoot() {
        CancelContext root = Context.withCancelCause(Context.background());
        Random r = new Random(42);
        Instant far = Time.now().plus(Duration.ofHours(1));
        List<Context> all = new ArrayList<>();
        List<Context> level = List.of(root);
        while (all.size() < 100_000) {
            List<Context> next = new ArrayList<>();
            for (Context p : level) {
                for (int k = 0; k < 10; k++) {
                    Context c = switch (r.nextInt(5)) {
                        case 0 -> Context.withCancel(p);
                        case 1 -> Context.withCancelCause(p);
                        case 2 -> Context.withTimeout(p, Duration.ofHours(1));
                        case 3 -> Context.withDeadlineCause(p, far, new Exception("timer"));
                        default -> Context.withValue(p, k, p);
                    };
                    next.add(c);
                }
            }
            all.addAll(next);
            level = next;
        }
        for (int i = 0; i < all.size(); i += 997) {
            assertNotDone(all.get(i));
        }
        Exception why = new Exception("why");
        root.cancel(why);
        for (Context c : all) {
            if (!isDone(c) || c.err() != Context.CANCELED || Context.cause(c) != why) {
                fail(c.getClass().getSimpleName() + " not cancelled with the root's err and cause: "
                        + c.err() + ", " + Context.cause(c));
            }
        }
    }

    /**
     * §7 propagation over a random tree — chains, fan-outs, some children cancelled (and so
     * removed from their parents) first, a second cancel racing the first on another goroutine:
     * cancelling the root cancels every context below it exactly once, each with the root's
     * cause, and the ones cancelled earlier keep their own error and cause. (The walk keeps a
     * parent's first child apart from the others; this covers every shape of that.)
     */
    @Test
    void cancellingTheRootReachesEveryDescendantOfARandomTree() {
        Random rnd = new Random(17);
        for (int round = 0; round < 50; round++) {
            CancelContext root = Context.withCancel(Context.background());
            List<CancelContext> all = new ArrayList<>();
            all.add(root);
            for (int i = 0; i < 300; i++) {
                CancelContext parent = all.get(rnd.nextInt(all.size()));
                all.add(Context.withCancel(parent));
            }
            List<CancelContext> early = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                CancelContext c = all.get(1 + rnd.nextInt(all.size() - 1));
                if (c.err() == null) {
                    c.cancel(new IllegalStateException("early " + i));
                    early.add(c);
                }
            }
            RuntimeException cause = new RuntimeException("root");
            CancelContext mid = all.get(1 + rnd.nextInt(all.size() - 1));
            Goroutine racer = Go.go(() -> mid.cancel(new RuntimeException("racer")));
            root.cancel(cause);
            while (racer.isAlive()) {
                Thread.onSpinWait();
            }
            for (CancelContext c : all) {
                assertEquals(Context.CANCELED, c.err(), "every context is cancelled");
                assertTrue(c.done().tryRecv() instanceof TryRecv.Closed<Void>, "done is closed");
                Throwable why = Context.cause(c);
                assertTrue(why == cause || early.contains(c) || why.getMessage().equals("racer")
                                || why.getMessage().startsWith("early"),
                        "cause is the root's, or the one cancelled first: " + why);
            }
            for (CancelContext c : early) {
                assertTrue(Context.cause(c).getMessage().startsWith("early"), "early cancels keep their cause");
            }
        }
    }
}
