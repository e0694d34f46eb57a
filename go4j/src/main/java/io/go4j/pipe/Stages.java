package io.go4j.pipe;

import io.go4j.Chan;
import io.go4j.RecvChan;
import io.go4j.context.Context;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * The function stages — map, filter, flatMap, mapResult — as one core path with three shapes.
 *
 * <p>Implementation: each stage is a {@link Step}, "apply the function to one value and emit
 * zero or more results", run in one of three shapes chosen by the {@link Stage}:
 * <pre>
 * sequential      in ──▶ [worker] ──▶ out                      (Go's single stage goroutine)
 *
 * unordered(n)    in ─┬▶ [worker] ─┬▶ out                       (Go's parallel workers; the last
 *                     ├▶ [worker] ─┤                            one out closes out, as Go's
 *                     └▶ [worker] ─┘                            wg.Wait(); close(out) does)
 *
 * ordered(n, w)   in ──▶ [dispatcher] ──jobs──▶ [worker] ×n ──▶ slot (chan, cap 1)
 *                              │                                  ▲
 *                              └──order (chan of slots, cap w)──▶ [collector] ──▶ out
 * </pre>
 * The ordered shape is Go's "channel of channels" (the idea behind bridge): the dispatcher
 * gives every input value a one-element slot channel, queues the slot in {@code order}, then
 * hands (value, slot) to a free worker; the worker fills the slot with the list of its
 * results; the collector takes slots from {@code order} in input order and receives each one,
 * waiting for a slow worker while faster ones fill later slots. Invariants: a slot is filled
 * at most once and never blocks its worker (capacity 1, one send); {@code order} holds at most
 * w slots, so at most w + 2 values (the queued slots, the one the dispatcher holds, the one the
 * collector waits on) are between input and output.
 *
 * <p>Cancellation: every receive and send is a select against the scope's context (see
 * {@link Chans}); every goroutine returns when the context is done, and whoever owns the
 * output closes it on the way out (sequential: the worker; unordered: the last worker;
 * ordered: the collector; the dispatcher closes {@code jobs} and {@code order}, which ends
 * the workers and collector when the input ends). When a step throws, its goroutine ends
 * with the exception and the scope cancels the context (Scope.java), which stops the rest.
 */
final class Stages {

    private Stages() {
    }

    /** Applies the function to one value, emitting its results; false if an emit returned false. */
    @FunctionalInterface
    interface Step<T, R> {
        boolean apply(T value, Generator.Emitter<R> out) throws Exception;
    }

    static <T, R> Step<T, R> map(Fn<? super T, ? extends R> fn) {
        return (v, out) -> out.emit(fn.apply(v));
    }

    static <T> Step<T, T> filter(Predicate<? super T> p) {
        return (v, out) -> !p.test(v) || out.emit(v);
    }

    static <T, R> Step<T, R> flatMap(Fn<? super T, ? extends Iterable<? extends R>> fn) {
        return (v, out) -> {
            for (R r : fn.apply(v)) {
                if (!out.emit(r)) {
                    return false;
                }
            }
            return true;
        };
    }

    /** An exception from fn becomes an error result; an {@link Error} stays a failure. */
    static <T, R> Step<T, Result<R>> mapResult(Fn<? super T, ? extends R> fn) {
        return (v, out) -> {
            Result<R> r;
            try {
                r = Result.ok(fn.apply(v));
            } catch (Exception e) {
                r = Result.err(e);
            }
            return out.emit(r);
        };
    }

    /** Runs {@code step} over {@code in} in the shape {@code opt} asks for. */
    static <T, R> RecvChan<R> run(Scope s, String name, RecvChan<T> in, Step<T, R> step, Stage opt) {
        Chan<R> out = Chan.make(opt.bufferSize());
        int n = opt.parallelism();
        if (n == 1) {
            workers(s, name, in, step, 1, out);
        } else if (opt.isOrdered()) {
            ordered(s, name, in, step, n, opt.window(), out);
        } else {
            workers(s, name, in, step, n, out);
        }
        return out;
    }

    // ---- sequential and unordered: n goroutines ranging over in

    @SuppressWarnings("unchecked") // recv returns the element or a marker; the markers are tested first
    private static <T, R> void workers(Scope s, String name, RecvChan<T> in, Step<T, R> step, int n, Chan<R> out) {
        Context ctx = s.ctx;
        AtomicInteger live = new AtomicInteger(n);
        for (int i = 0; i < n; i++) {
            s.go(name, () -> {
                Chans.Sender<R> sender = new Chans.Sender<>(ctx, out);
                for (;;) {
                    Object v = Chans.recv(ctx, in);
                    if (v == Chans.CLOSED) {
                        return true;
                    }
                    if (v == Chans.DONE || !step.apply((T) v, sender)) {
                        return false;
                    }
                }
            }, () -> {
                // Go's wg.Done() ... wg.Wait(); close(out): each worker's sends happen-before
                // its decrement, which happens-before the last one's close.
                if (live.decrementAndGet() == 0) {
                    out.close();
                }
            });
        }
    }

    // ---- ordered: dispatcher, workers, collector

    private record Job<T, R>(T value, Chan<List<R>> slot) {
    }

    @SuppressWarnings("unchecked") // as above
    private static <T, R> void ordered(Scope s, String name, RecvChan<T> in, Step<T, R> step, int n, int window,
                                       Chan<R> out) {
        Context ctx = s.ctx;
        Chan<Chan<List<R>>> order = Chan.make(window);
        Chan<Job<T, R>> jobs = Chan.make();
        s.go(name + " dispatcher", () -> {
            for (;;) {
                Object v = Chans.recv(ctx, in);
                if (v == Chans.CLOSED) {
                    return true;
                }
                if (v == Chans.DONE) {
                    return false;
                }
                Chan<List<R>> slot = Chan.make(1);
                // 1. reserve the value's place in the output order; 2. hand it to a worker.
                if (!Chans.send(ctx, order, slot) || !Chans.send(ctx, jobs, new Job<>((T) v, slot))) {
                    return false;
                }
            }
        }, () -> {
            jobs.close();
            order.close();
        });
        for (int i = 0; i < n; i++) {
            s.go(name + " worker", () -> {
                for (;;) {
                    Object j = Chans.recv(ctx, jobs);
                    if (j == Chans.CLOSED) {
                        return true;
                    }
                    if (j == Chans.DONE) {
                        return false;
                    }
                    Job<T, R> job = (Job<T, R>) j;
                    List<R> results = new ArrayList<>(1);
                    step.apply(job.value(), r -> results.add(r));
                    job.slot().send(results); // never blocks: the slot's one place is for this value
                }
            });
        }
        s.go(name + " collector", () -> {
            for (;;) {
                Object slot = Chans.recv(ctx, order);
                if (slot == Chans.CLOSED) {
                    return true;
                }
                if (slot == Chans.DONE) {
                    return false;
                }
                Object results = Chans.recv(ctx, (Chan<List<R>>) slot);
                if (results == Chans.DONE) {
                    return false; // slots are never closed: only a value or the context ends this wait
                }
                for (R r : (List<R>) results) {
                    if (!Chans.send(ctx, out, r)) {
                        return false;
                    }
                }
            }
        }, out::close);
    }
}
