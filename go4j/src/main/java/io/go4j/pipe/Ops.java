package io.go4j.pipe;

import io.go4j.Case;
import io.go4j.Chan;
import io.go4j.RecvChan;
import io.go4j.Select;
import io.go4j.SendChan;
import io.go4j.context.Context;
import io.go4j.context.ContextException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static io.go4j.Case.recv;
import static io.go4j.Case.send;

/**
 * Sources, plumbing and sinks, each written once against a {@link Scope}; {@link Pipe} and
 * {@link Pipeline} are their facades.
 *
 * <p>Implementation: each is the Go function its javadoc in {@link Pipe} shows, with every
 * blocking operation turned into a select against the context ({@link Chans}) and every
 * output closed by the exit action of the goroutine that owns it ({@code defer close(out)};
 * {@link Scope#go(String, Scope.Body, Runnable)} runs it after the failure policy).
 * Where several goroutines share an output (merge), the last one to leave closes it, which
 * is Go's {@code wg.Wait(); close(out)} without the extra goroutine. Where one goroutine feeds
 * several outputs (tee, split, fanOut), a select over the sends and the context's done
 * channel lets it wait for whichever is ready; tee switches a served output off by replacing
 * it with the nil channel, as Go's tee does.
 */
final class Ops {

    private Ops() {
    }

    // ---- sources

    static <T> RecvChan<T> from(Scope s, String name, Iterable<? extends T> values) {
        Chan<T> out = Chan.make();
        s.go(name, () -> {
            for (T v : values) {
                if (!Chans.send(s.ctx, out, v)) {
                    return false;
                }
            }
            return true;
        }, out::close);
        return out;
    }

    static <T> RecvChan<T> generate(Scope s, Generator<T> g) {
        Chan<T> out = Chan.make();
        s.go("pipe.generate", () -> {
            Chans.Sender<T> sender = new Chans.Sender<>(s.ctx, out);
            g.generate(sender);
            return !sender.stopped();
        }, out::close);
        return out;
    }

    static <T> RecvChan<T> repeat(Scope s, List<T> values) {
        Chan<T> out = Chan.make();
        if (values.isEmpty()) {
            out.close(); // nothing to repeat
            return out;
        }
        s.go("pipe.repeat", () -> {
            for (;;) {
                for (T v : values) {
                    if (!Chans.send(s.ctx, out, v)) {
                        return false;
                    }
                }
            }
        }, out::close);
        return out;
    }

    static <T> RecvChan<T> repeatFn(Scope s, Supplier<? extends T> fn) {
        Chan<T> out = Chan.make();
        s.go("pipe.repeatFn", () -> {
            while (Chans.send(s.ctx, out, fn.get())) {
                // the next value
            }
            return false;
        }, out::close);
        return out;
    }

    // ---- plumbing

    @SuppressWarnings("unchecked") // recv returns the element or a marker; the markers are tested first
    static <T> RecvChan<T> take(Scope s, RecvChan<T> in, long n) {
        if (n < 0) {
            throw new IllegalArgumentException("take: negative count " + n);
        }
        Chan<T> out = Chan.make();
        if (n == 0) {
            out.close();
            return out;
        }
        s.go("pipe.take", () -> {
            for (long i = 0; i < n; i++) {
                Object v = Chans.recv(s.ctx, in);
                if (v == Chans.CLOSED) {
                    return true;
                }
                if (v == Chans.DONE || !Chans.send(s.ctx, out, (T) v)) {
                    return false;
                }
            }
            return true;
        }, out::close);
        return out;
    }

    static <T> RecvChan<T> forward(Scope s, String name, RecvChan<? extends T> in, int buffer) {
        Chan<T> out = Chan.make(buffer);
        s.go(name, () -> {
            return copy(s.ctx, in, out);
        }, out::close);
        return out;
    }

    /** Copies {@code in} to {@code out} until {@code in} is closed (true) or the context is done (false). */
    private static <T> boolean copy(Context ctx, RecvChan<? extends T> in, SendChan<T> out) {
        return Chans.each(ctx, in, v -> Chans.send(ctx, out, v));
    }

    @SuppressWarnings("unchecked")
    static <T> RecvChan<T> bridge(Scope s, RecvChan<? extends RecvChan<? extends T>> chans) {
        Chan<T> out = Chan.make();
        s.go("pipe.bridge", () -> {
            for (;;) {
                Object c = Chans.recv(s.ctx, chans);
                if (c == Chans.CLOSED) {
                    return true;
                }
                if (c == Chans.DONE || !copy(s.ctx, (RecvChan<? extends T>) c, out)) {
                    return false;
                }
            }
        }, out::close);
        return out;
    }

    static <T> Tee<T> tee(Scope s, RecvChan<T> in) {
        Chan<T> a = Chan.make();
        Chan<T> b = Chan.make();
        RecvChan<Void> done = s.ctx.done();
        s.go("pipe.tee", () -> Chans.each(s.ctx, in, v -> {
            SendChan<T> out1 = a;
            SendChan<T> out2 = b;
            while (out1 != null || out2 != null) { // a null channel's case is never ready
                int sent = Select.select(send(out1, v, () -> 1), send(out2, v, () -> 2), recv(done, x -> 0));
                if (sent == 0) {
                    return false;
                }
                if (sent == 1) {
                    out1 = null;
                } else {
                    out2 = null;
                }
            }
            return true;
        }), () -> {
            a.close();
            b.close();
        });
        return new Tee<>(a, b);
    }

    static <T> RecvChan<T> merge(Scope s, List<? extends RecvChan<? extends T>> ins) {
        Chan<T> out = Chan.make();
        List<RecvChan<? extends T>> copy = List.copyOf(ins);
        if (copy.isEmpty()) {
            out.close(); // Go: wg.Wait() returns at once, close(out)
            return out;
        }
        AtomicInteger live = new AtomicInteger(copy.size());
        for (RecvChan<? extends T> in : copy) {
            s.go("pipe.merge", () -> {
                return copy(s.ctx, in, out);
            }, () -> {
                if (live.decrementAndGet() == 0) { // Go: wg.Done() ... wg.Wait(); close(out)
                    out.close();
                }
            });
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static <T> List<RecvChan<T>> fanOut(Scope s, RecvChan<T> in, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("fanOut: n must be at least 1: " + n);
        }
        List<Chan<T>> outs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            outs.add(Chan.make());
        }
        RecvChan<Void> done = s.ctx.done();
        s.go("pipe.fanOut", () -> Chans.each(s.ctx, in, v -> {
            // select { case outs[0] <- v: ... case outs[n-1] <- v: case <-ctx.Done(): return }
            Case<Boolean>[] cases = (Case<Boolean>[]) new Case<?>[n + 1];
            for (int i = 0; i < n; i++) {
                cases[i] = send(outs.get(i), v, () -> Boolean.TRUE);
            }
            cases[n] = recv(done, x -> Boolean.FALSE);
            return Select.select(cases);
        }), () -> {
            for (Chan<T> o : outs) {
                o.close();
            }
        });
        return List.copyOf(outs);
    }

    static <T> Split<T> split(Scope s, RecvChan<T> in, Predicate<? super T> p) {
        Chan<T> yes = Chan.make();
        Chan<T> no = Chan.make();
        s.go("pipe.split", () -> Chans.each(s.ctx, in, v -> Chans.send(s.ctx, p.test(v) ? yes : no, v)), () -> {
            yes.close();
            no.close();
        });
        return new Split<>(yes, no);
    }

    // ---- sinks: on the caller's goroutine

    /**
     * Receives until {@code in} is closed; throws {@code ctx.err()} if the context is done
     * first, or is found done when {@code in} closes (a stage closes its output when its
     * context is done, so that close may be the end of a cut-short stream).
     */
    static <T> List<T> collect(Context ctx, RecvChan<? extends T> in) {
        List<T> all = new ArrayList<>();
        Chans.each(ctx, in, all::add);
        throwIfDone(ctx);
        return all;
    }

    /** {@link #collect} without keeping the values; returns how many were received. */
    static long drain(Context ctx, RecvChan<?> in) {
        long[] n = {0};
        Chans.each(ctx, in, v -> {
            n[0]++;
            return true;
        });
        throwIfDone(ctx);
        return n[0];
    }

    /** The end of {@link #collect} or {@link #drain}: a done context makes it a cut-short stream. */
    private static void throwIfDone(Context ctx) {
        ContextException e = ctx.err();
        if (e != null) {
            throw e;
        }
    }
}
