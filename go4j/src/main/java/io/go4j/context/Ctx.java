package io.go4j.context;

import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.Panic;
import io.go4j.RecvChan;
import io.go4j.Select;
import io.go4j.internal.chan.HChan;
import io.go4j.internal.park.Clock;
import io.go4j.internal.park.RuntimeLock;
import io.go4j.internal.park.Timer;
import io.go4j.time.Time;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import static io.go4j.Case.onRecv;

/**
 * The context implementations, after Go's {@code context/context.go}: the empty contexts, the
 * cancel context (with its timer and after-func variants), the value context and the
 * without-cancel context.
 *
 * <p>Differences from Go's code, none observable: cancelling a tree walks it iteratively
 * (not by recursion, so a chain of a million contexts cannot overflow a Java stack) and
 * releases each context's lock before cancelling its children; a context's error is set
 * under its lock in the same critical section that closes its done channel, so
 * {@code err() != null} if and only if {@code done()} is closed, as in Go. Deadlines, done
 * channels, errors and values are also looked up iteratively.
 */
final class Ctx {

    private Ctx() {
    }

    /** The key under which a cancel context returns itself from value lookups (Go's cancelCtxKey). */
    private static final Object CANCEL_CTX_KEY = new Object();

    static final Context BACKGROUND = new Empty("context.Background");
    static final Context TODO = new Empty("context.TODO");

    /** The done channel of a context cancelled before anyone asked for one (Go's closedchan). */
    private static final HChan<Void> CLOSED_CHAN = new HChan<>(0);

    static {
        CLOSED_CHAN.close();
    }

    // ---------------------------------------------------------------- the package functions

    static CancelContext withCancel(Context parent) {
        checkParent(parent);
        CancelCtx c = new CancelCtx();
        c.propagateCancel(parent);
        return c;
    }

    static CancelContext withDeadline(Context parent, Instant d, Throwable cause) {
        checkParent(parent);
        Objects.requireNonNull(d, "deadline");
        Optional<Instant> cur = deadlineOf(parent);
        if (cur.isPresent() && cur.get().isBefore(d)) {
            return withCancel(parent); // the parent's deadline comes first
        }
        Clock clock = Clock.current();
        TimerCtx c = new TimerCtx(d);
        c.propagateCancel(parent);
        Duration dur = Duration.between(clock.now(), d);
        if (dur.isNegative() || dur.isZero()) {
            c.cancel(true, Context.DEADLINE_EXCEEDED, cause); // already passed
            return c;
        }
        c.deadlineCause = cause;
        DeadlineTimer t = new DeadlineTimer(clock, c);
        long nanos;
        try {
            nanos = dur.toNanos();
        } catch (ArithmeticException e) {
            nanos = Long.MAX_VALUE;
        }
        t.start(nanos);
        c.lock();
        boolean keep = c.err == null;
        if (keep) {
            c.timer = t;
        }
        c.unlock();
        if (!keep) {
            t.stop();
        }
        return c;
    }

    static CancelContext withTimeout(Context parent, Duration timeout, Throwable cause) {
        checkParent(parent);
        Instant now = Clock.current().now();
        Instant d;
        try {
            d = now.plus(timeout);
        } catch (ArithmeticException | java.time.DateTimeException e) {
            d = timeout.isNegative() ? Instant.MIN : Instant.MAX;
        }
        return withDeadline(parent, d, cause);
    }

    static Context withValue(Context parent, Object key, Object val) {
        checkParent(parent);
        if (key == null) {
            throw new Panic("nil key");
        }
        return new ValueCtx(parent, key, val);
    }

    static Context withoutCancel(Context parent) {
        checkParent(parent);
        return new WithoutCancel(parent);
    }

    static BooleanSupplier afterFunc(Context ctx, Runnable f) {
        Objects.requireNonNull(f, "f");
        checkParent(ctx);
        AfterFuncCtx a = new AfterFuncCtx(f);
        a.propagateCancel(ctx);
        return () -> {
            if (a.started.compareAndSet(false, true)) {
                a.cancel(true, Context.CANCELED, null);
                return true;
            }
            return false;
        };
    }

    static Throwable cause(Context c) {
        if (lookup(c, CANCEL_CTX_KEY) instanceof CancelCtx cc) {
            Throwable cause = cc.causeLocked();
            if (cause != null) {
                return cause;
            }
            // Not cancelled, or cancelled by a user's context implementation rather than ours.
            ContextException err = c.err();
            if (err != null) {
                // cc may have been cancelled since we looked: then its cause is the answer
                cause = cc.causeLocked();
                return cause != null ? cause : err;
            }
            return null;
        }
        return c.err();
    }

    private static void checkParent(Context parent) {
        if (parent == null) {
            throw new Panic("cannot create context from nil parent");
        }
    }

    // ---------------------------------------------------------------- iterative lookups

    static Object lookup(Context c, Object key) {
        for (;;) {
            if (c instanceof ValueCtx v) {
                if (Objects.equals(v.key, key)) {
                    return v.val;
                }
                c = v.parent;
            } else if (c instanceof CancelCtx cc) {
                if (key == CANCEL_CTX_KEY) {
                    return cc;
                }
                c = cc.parent;
            } else if (c instanceof WithoutCancel w) {
                if (key == CANCEL_CTX_KEY) {
                    return null;
                }
                c = w.parent;
            } else if (c instanceof Empty) {
                return null;
            } else {
                return c.value(key); // a user's implementation
            }
        }
    }

    static Optional<Instant> deadlineOf(Context c) {
        for (;;) {
            if (c instanceof TimerCtx t) {
                return Optional.of(t.deadline);
            } else if (c instanceof CancelCtx cc) {
                c = cc.parent;
            } else if (c instanceof ValueCtx v) {
                c = v.parent;
            } else if (c instanceof WithoutCancel || c instanceof Empty) {
                return Optional.empty();
            } else {
                return c.deadline();
            }
        }
    }

    /** The nearest context that answers done() and err() itself. */
    private static Context signalling(Context c) {
        while (c instanceof ValueCtx v) {
            c = v.parent;
        }
        return c;
    }

    /** Go's parentCancelCtx: the cancel context whose done channel {@code parent} shares, or null. */
    private static CancelCtx parentCancelCtx(Context parent) {
        RecvChan<Void> done = parent.done();
        if (done == CLOSED_CHAN || done.isNil()) {
            return null;
        }
        if (!(lookup(parent, CANCEL_CTX_KEY) instanceof CancelCtx p)) {
            return null;
        }
        return p.done == done ? p : null; // a user's wrapper with its own done channel: not ours
    }

    private static void removeChild(Context parent, CancelCtx child) {
        CancelCtx p = parentCancelCtx(parent);
        if (p == null) {
            return;
        }
        p.lock();
        if (p.child == child) {
            p.child = null;
        } else if (p.children != null) {
            p.children.remove(child);
        }
        p.unlock();
    }

    /** Go's contextName: the context's String() if it has one, else its type. */
    private static String contextName(Context c) {
        return stringify(c);
    }

    /** Go's {@code stringify} for WithValue's string form. */
    private static String stringify(Object v) {
        if (v == null) {
            return "<nil>";
        }
        if (v instanceof String s) {
            return s;
        }
        try {
            if (v.getClass().getMethod("toString").getDeclaringClass() != Object.class) {
                return v.toString(); // Go's Stringer
            }
        } catch (NoSuchMethodException e) {
            // cannot happen: every object has toString
        }
        return v.getClass().getName(); // Go prints the type
    }

    /** Go's {@code time.Time.String()} for an instant in UTC, without the monotonic reading. */
    static String goTime(Instant t) {
        String base;
        try {
            java.time.LocalDateTime l = java.time.LocalDateTime.ofInstant(t, ZoneOffset.UTC);
            int y = l.getYear();
            base = (y < 0 ? "-" + pad4(-y) : pad4(y)) + GO_TIME.format(l);
        } catch (java.time.DateTimeException e) {
            base = t.toString(); // beyond LocalDateTime's range (Instant.MIN): ISO form
        }
        int nanos = t.getNano();
        String frac = "";
        if (nanos != 0) {
            frac = String.format(".%09d", nanos).replaceAll("0+$", "");
        }
        return base + frac + " +0000 UTC";
    }

    private static String pad4(int y) {
        String s = Integer.toString(y);
        return s.length() >= 4 ? s : "0".repeat(4 - s.length()) + s;
    }

    private static final DateTimeFormatter GO_TIME = DateTimeFormatter.ofPattern("-MM-dd HH:mm:ss");

    /** Go's time.Until: a Duration saturated to Go's int64 nanoseconds. */
    private static Duration goUntil(Instant t) {
        Duration d;
        try {
            d = Time.until(t);
        } catch (ArithmeticException e) {
            return t.isBefore(Instant.EPOCH) ? MIN_GO_DURATION : MAX_GO_DURATION;
        }
        if (d.compareTo(MAX_GO_DURATION) > 0) {
            return MAX_GO_DURATION;
        }
        return d.compareTo(MIN_GO_DURATION) < 0 ? MIN_GO_DURATION : d;
    }

    private static final Duration MAX_GO_DURATION = Duration.ofNanos(Long.MAX_VALUE);
    private static final Duration MIN_GO_DURATION = Duration.ofNanos(Long.MIN_VALUE);

    // ---------------------------------------------------------------- the contexts

    /** Background and TODO (Go's backgroundCtx, todoCtx). */
    private record Empty(String name) implements Context {
        @Override
        public Optional<Instant> deadline() {
            return Optional.empty();
        }

        @Override
        public RecvChan<Void> done() {
            return Chan.nil();
        }

        @Override
        public ContextException err() {
            return null;
        }

        @Override
        public Object value(Object key) {
            return null;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** The contexts still to cancel in one cancel's walk beyond the chain it follows. */
    private static final class Walk {
        private ArrayDeque<CancelCtx> rest;

        void addAll(java.util.Collection<CancelCtx> cs) {
            if (rest == null) {
                rest = new ArrayDeque<>(cs.size());
            }
            rest.addAll(cs);
        }

        CancelCtx poll() {
            return rest == null ? null : rest.poll();
        }
    }

    /** Go's cancelCtx; its subclasses are timerCtx and afterFuncCtx. */
    static class CancelCtx extends RuntimeLock implements CancelContext {
        Context parent;
        volatile HChan<Void> done;        // created lazily; CLOSED_CHAN if cancelled first
        // The children, guarded; both null when none or once cancelled. The first child lives in
        // 'child' (most contexts have at most one: a chain, a request's timeout), the others in
        // the set — no set allocated, and none walked, for a single child.
        CancelCtx child;
        HashSet<CancelCtx> children;
        ContextException err;             // guarded; set by the first cancel
        Throwable cause;                  // guarded

        /** Go's propagateCancel: arrange for this context to be cancelled with {@code parent}. */
        final void propagateCancel(Context parent) {
            this.parent = parent;
            RecvChan<Void> pd = parent.done();
            if (pd.isNil()) {
                return; // the parent is never cancelled
            }
            if (pd.tryRecv() instanceof io.go4j.TryRecv.Closed<Void>) {
                cancel(false, parent.err(), Ctx.cause(parent)); // born cancelled
                return;
            }
            CancelCtx p = parentCancelCtx(parent);
            if (p != null) {
                p.lock();
                ContextException perr = p.err;
                Throwable pcause = p.cause;
                if (perr == null) {
                    if (p.child == null) {
                        p.child = this;
                    } else {
                        if (p.children == null) {
                            p.children = new HashSet<>();
                        }
                        p.children.add(this);
                    }
                }
                p.unlock();
                if (perr != null) {
                    cancel(false, perr, pcause);
                }
                return;
            }
            // A parent we do not know: watch it from a goroutine, as Go does.
            Go.go(() -> Select.select(
                    onRecv(pd, x -> cancel(false, parent.err(), Ctx.cause(parent))),
                    onRecv(done(), x -> { })));
        }

        @Override
        public Optional<Instant> deadline() {
            return deadlineOf(this);
        }

        @Override
        public RecvChan<Void> done() {
            HChan<Void> d = done;
            if (d != null) {
                return d;
            }
            lock();
            try {
                d = done;
                if (d == null) {
                    d = new HChan<>(0);
                    done = d;
                }
                return d;
            } finally {
                unlock();
            }
        }

        @Override
        public ContextException err() {
            lock();
            try {
                return err;
            } finally {
                unlock();
            }
        }

        @Override
        public Object value(Object key) {
            return lookup(this, key);
        }

        @Override
        public void cancel() {
            cancel(true, Context.CANCELED, null);
        }

        @Override
        public void cancel(Throwable cause) {
            cancel(true, Context.CANCELED, cause);
        }

        @Override
        public void close() {
            cancel();
        }

        /**
         * Go's cancelCtx.cancel: closes done, cancels every descendant with the same error and
         * cause, and, if asked, removes this context from its parent. Iterative over the tree.
         */
        final void cancel(boolean removeFromParent, ContextException e, Throwable c) {
            if (e == null) {
                throw new IllegalStateException("context: internal error: missing cancel error");
            }
            if (c == null) {
                c = e;
            }
            // Iterative walk: the first child of each context is cancelled next; further
            // children wait in walk.rest (created only if some context has two or more: a
            // chain needs no queue at all).
            Walk walk = new Walk();
            for (CancelCtx k = markCancelled(e, c, walk); k != null || (k = walk.poll()) != null; ) {
                k = k.markCancelled(e, c, walk);
            }
            if (removeFromParent) {
                removeChild(parent, this);
            }
        }

        /**
         * Cancels this context alone; returns its first child to cancel next (or null) and adds
         * the others to {@code walk}.
         */
        private CancelCtx markCancelled(ContextException e, Throwable c, Walk walk) {
            lock();
            if (err != null) {
                unlock();
                return null; // already cancelled
            }
            HChan<Void> d = done;
            if (d == null) {
                done = CLOSED_CHAN;
            } else {
                d.closeNested();
            }
            err = e;
            cause = c;
            CancelCtx first = child;
            HashSet<CancelCtx> others = children;
            child = null;
            children = null;
            unlock();
            if (others != null && !others.isEmpty()) {
                walk.addAll(others);
            }
            afterCancel();
            return first != null ? first : walk.poll();
        }

        final Throwable causeLocked() {
            lock();
            try {
                return cause;
            } finally {
                unlock();
            }
        }

        /** What a subclass does once cancelled, with no lock held. */
        void afterCancel() {
        }

        @Override
        public String toString() {
            return contextName(parent) + ".WithCancel";
        }
    }

    /**
     * The timer of a deadline: cancels its context in a new goroutine when it fires (Go's
     * {@code time.AfterFunc(dur, func() { c.cancel(true, DeadlineExceeded, cause) })}). Stopping
     * it drops its reference to the context at once, so a cancelled context is garbage even
     * while the stopped timer waits in the clock's heap to be swept.
     */
    static final class DeadlineTimer extends Timer {
        private volatile TimerCtx ctx;

        DeadlineTimer(Clock clock, TimerCtx ctx) {
            super(clock, false);
            this.ctx = ctx;
        }

        void start(long nanos) {
            lock();
            try {
                modifyLocked(clock.deadlineAfter(nanos), 0);
            } finally {
                unlock();
            }
        }

        void stop() {
            lock();
            try {
                stopLocked();
                ctx = null;
            } finally {
                unlock();
            }
        }

        @Override
        protected void fire(long now, long delay, int token) {
            TimerCtx c = ctx;
            ctx = null;
            if (c != null) {
                // in a goroutine of the clock's bubble (synctest: the fake clock's driver fires it)
                io.go4j.internal.park.Park.spawnIn(clock().bubble(),
                        () -> c.cancel(true, Context.DEADLINE_EXCEEDED, c.deadlineCause));
            }
        }
    }

    /** Go's timerCtx: a cancel context with a deadline and the timer that enforces it. */
    static final class TimerCtx extends CancelCtx {
        final Instant deadline;
        Throwable deadlineCause;  // the cause WithDeadlineCause gives; written before the timer starts
        DeadlineTimer timer;      // guarded

        TimerCtx(Instant deadline) {
            this.deadline = deadline;
        }

        @Override
        void afterCancel() {
            lock();
            DeadlineTimer t = timer;
            timer = null;
            unlock();
            if (t != null) {
                t.stop();
            }
        }

        @Override
        public String toString() {
            return contextName(parent) + ".WithDeadline(" + goTime(deadline) + " ["
                    + Time.format(goUntil(deadline)) + "])";
        }
    }

    /** Go's afterFuncCtx: runs f in a new goroutine once its context is done. */
    static final class AfterFuncCtx extends CancelCtx {
        final Runnable f;
        final AtomicBoolean started = new AtomicBoolean(); // Go's once

        AfterFuncCtx(Runnable f) {
            this.f = f;
        }

        @Override
        void afterCancel() {
            if (started.compareAndSet(false, true)) {
                Go.go(f);
            }
        }
    }

    /** Go's valueCtx. */
    private static final class ValueCtx implements Context {
        final Context parent;
        final Object key;
        final Object val;

        ValueCtx(Context parent, Object key, Object val) {
            this.parent = parent;
            this.key = key;
            this.val = val;
        }

        @Override
        public Optional<Instant> deadline() {
            return deadlineOf(parent);
        }

        @Override
        public RecvChan<Void> done() {
            return signalling(parent).done();
        }

        @Override
        public ContextException err() {
            return signalling(parent).err();
        }

        @Override
        public Object value(Object k) {
            return lookup(this, k);
        }

        @Override
        public String toString() {
            return contextName(parent) + ".WithValue(" + stringify(key) + ", " + stringify(val) + ")";
        }
    }

    /** Go's withoutCancelCtx. */
    private static final class WithoutCancel implements Context {
        final Context parent;

        WithoutCancel(Context parent) {
            this.parent = parent;
        }

        @Override
        public Optional<Instant> deadline() {
            return Optional.empty();
        }

        @Override
        public RecvChan<Void> done() {
            return Chan.nil();
        }

        @Override
        public ContextException err() {
            return null;
        }

        @Override
        public Object value(Object key) {
            return lookup(this, key);
        }

        @Override
        public String toString() {
            return contextName(parent) + ".WithoutCancel";
        }
    }
}
