package io.go4j.pipe;

import io.go4j.Go;
import io.go4j.context.CancelContext;
import io.go4j.context.Context;

import java.lang.reflect.UndeclaredThrowableException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where a stage's goroutines run, and what an exception in one of them does.
 *
 * <p>Implementation: every stage is written once, against a {@code Scope}; the scope decides
 * the policy. Three kinds:
 * <pre>
 *   plain(ctx)   Pipe's plumbing (no user code): goroutines watch ctx; an exception (only an
 *                interrupt can cause one) escapes the goroutine: a panic, reported by Go's
 *                panic handler.
 *   stage(ctx)   Pipe's stages that run user code: goroutines watch a child of ctx. When user
 *                code throws, the child is cancelled with the exception as cause, so the
 *                stage's other goroutines stop and its output is closed; then the exception
 *                escapes as a panic. When the stage's last goroutine ends, the child is
 *                cancelled (released from its parent, as Go's vet wants every cancel called).
 *   Pipeline     the pipeline's context; the exception cancels the whole pipeline
 *                (see Pipeline.java).
 * </pre>
 * A goroutine's {@link Body} returns true if it finished (its input was closed and drained)
 * and false if it stopped because the context was done: a {@link Pipeline} reports the latter
 * as the context's cause, as an errgroup goroutine returns {@code ctx.Err()}.
 */
abstract class Scope {

    /** The context every goroutine of the scope watches. Written once. */
    final Context ctx;

    Scope(Context ctx) {
        this.ctx = ctx;
    }

    /** A goroutine's work. */
    @FunctionalInterface
    interface Body {
        /** Returns true if the input was drained, false if the context was done first. */
        boolean run() throws Exception;
    }

    /** Starts {@code body} in a new goroutine of this scope. */
    abstract void go(String name, Body body);

    /**
     * Starts {@code body} in a new goroutine of this scope and runs {@code exit} when it ends
     * (Go's {@code defer close(out)}). If the body throws, the scope's failure policy is applied
     * first ({@link #failed}), then {@code exit}: whoever sees the output closed sees the
     * context done.
     */
    final void go(String name, Body body, Runnable exit) {
        go(name, () -> {
            try {
                return body.run();
            } catch (Throwable t) {
                failed(t);
                throw t;
            } finally {
                exit.run();
            }
        });
    }

    /**
     * Applies the scope's failure policy to {@code t} (cancels the stage or the pipeline); may
     * be called more than once for one failure (the scope's own {@link #go} applies it again).
     */
    abstract void failed(Throwable t);

    /**
     * Called by the thread that built the stage once all its goroutines are started; until
     * then the stage's resources are held open even if every goroutine already ended.
     */
    void started() {
    }

    /** Pipe's plumbing. */
    static Scope plain(Context ctx) {
        return new Panicking(ctx, null);
    }

    /** Pipe's stages that run user code: a child context per stage. */
    static Scope stage(Context ctx) {
        CancelContext own = Context.withCancelCause(ctx);
        return new Panicking(own, own);
    }

    private static final class Panicking extends Scope {
        private final CancelContext own; // null for plain: nothing to release
        /** Live goroutines, plus 1 until {@link #started()}; the one that brings it to 0 releases {@code own}. */
        private final AtomicInteger live = new AtomicInteger(1);

        Panicking(Context ctx, CancelContext own) {
            super(ctx);
            this.own = own;
        }

        @Override
        void go(String name, Body body) {
            live.incrementAndGet();
            Go.go(name, () -> {
                try {
                    body.run();
                } catch (RuntimeException | Error e) {
                    fail(e);
                    throw e;
                } catch (Exception e) {
                    fail(e);
                    throw new UndeclaredThrowableException(e);
                } finally {
                    release();
                }
            });
        }

        private void fail(Throwable e) {
            if (own != null) {
                own.cancel(e);
            }
        }

        @Override
        void failed(Throwable t) {
            fail(t);
        }

        @Override
        void started() {
            release();
        }

        private void release() {
            if (live.decrementAndGet() == 0 && own != null) {
                own.cancel();
            }
        }
    }
}
