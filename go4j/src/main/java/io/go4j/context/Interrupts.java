package io.go4j.context;

import io.go4j.WaitInterruptedException;

import java.nio.channels.ClosedByInterruptException;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * The bridge between Go's cancellation (contexts) and Java's (thread interrupts); Go has no
 * counterpart. See docs/adr/0009-context-and-interrupts.md.
 *
 * {@snippet :
 * // A blocking Java call that knows nothing of contexts, stopped by one:
 * try (var scope = Interrupts.interruptOnDone(ctx)) {
 *     return queue.take();               // interrupted when ctx is cancelled or times out
 * } catch (InterruptedException e) {
 *     throw ctx.err() != null ? ctx.err() : e;
 * }
 *
 * // Work that an executor may interrupt (Future.cancel(true), shutdownNow):
 * // the interrupt cancels ctx, so every goroutine working under ctx stops too.
 * Result r = Interrupts.call(ctx, () -> pipeline(ctx));
 * }
 */
public final class Interrupts {

    private Interrupts() {
    }

    /** An open {@link #interruptOnDone} link; closing it never throws. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    private static final int OPEN = 0;
    private static final int INTERRUPTING = 1;
    private static final int INTERRUPTED = 2;  // we delivered the pending interrupt
    private static final int CLOSED = 3;
    private static final int FOUND_PENDING = 4; // the thread was interrupted already: not ours

    /**
     * While the returned scope is open, {@code ctx} being done interrupts the calling thread
     * (once) — so that a blocking call that honours interrupts (a go4j wait,
     * {@code BlockingQueue.take}, {@code Thread.sleep}, an interruptible NIO channel, a
     * {@code Future.get}) returns. Closing the scope disconnects it; if it had interrupted the
     * thread and the interrupt is still pending, closing clears it, so it does not leak into
     * code after the scope (an unrelated interrupt arriving at that same moment is cleared
     * too). If {@code ctx} is already done, the thread is interrupted at once. If the thread
     * was already interrupted by someone else when {@code ctx} became done, that interrupt is
     * left alone: closing the scope does not clear it.
     */
    public static Scope interruptOnDone(Context ctx) {
        Thread t = Thread.currentThread();
        AtomicInteger st = new AtomicInteger(OPEN);
        Runnable interrupt = () -> {
            if (st.compareAndSet(OPEN, INTERRUPTING)) {
                if (t.isInterrupted()) {
                    st.set(FOUND_PENDING); // someone else's interrupt: closing must keep it
                } else {
                    t.interrupt();
                    st.set(INTERRUPTED);
                }
            }
        };
        if (ctx.err() != null) {
            interrupt.run();
            return () -> closeScope(st, null);
        }
        BooleanSupplier stop = Context.afterFunc(ctx, interrupt);
        return () -> closeScope(st, stop);
    }

    private static void closeScope(AtomicInteger st, BooleanSupplier stop) {
        if (stop != null) {
            stop.getAsBoolean();
        }
        if (!st.compareAndSet(OPEN, CLOSED)) {
            int s;
            while ((s = st.get()) == INTERRUPTING) {
                Thread.onSpinWait(); // the interrupter is between its CAS and its interrupt()
            }
            if (s == INTERRUPTED) {
                Thread.interrupted(); // clear the interrupt we delivered
            }
        }
    }

    /**
     * Runs {@code body} on the calling thread with both directions connected: {@code ctx}
     * being done interrupts the thread (as {@link #interruptOnDone}), and an interrupt from
     * anyone else cancels {@code ctx} with the interrupt as its {@link Context#cause cause} —
     * when {@code body} ends by an interrupt ({@link InterruptedException},
     * {@link WaitInterruptedException}, {@link ClosedByInterruptException}) or returns with the
     * thread's interrupt status set. The interrupt status of an outside interrupt is left set.
     *
     * @return what {@code body} returned
     * @throws Exception what {@code body} threw
     */
    public static <T> T call(CancelContext ctx, Callable<T> body) throws Exception {
        T result;
        try (Scope s = interruptOnDone(ctx)) {
            result = body.call();
        } catch (InterruptedException | WaitInterruptedException | ClosedByInterruptException e) {
            if (ctx.err() == null) {
                ctx.cancel(e); // an interrupt from outside: stop everything working under ctx
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt(); // keep the outside interrupt's status
                }
            }
            throw e;
        }
        // The scope is closed: an interrupt status still set is not ours but someone else's.
        if (Thread.currentThread().isInterrupted() && ctx.err() == null) {
            ctx.cancel(new InterruptedException("thread interrupted"));
        }
        return result;
    }
}
