package io.go4j.pipe;

import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.Goroutine;
import io.go4j.RecvChan;
import io.go4j.context.CancelContext;
import io.go4j.context.Context;
import io.go4j.context.ContextException;
import io.go4j.testing.Leaks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * For every function of {@link Pipe}: a consumer that reads a few values (or none), stops and
 * cancels the context leaves no goroutine behind — every goroutine the stages started returns,
 * wherever it was blocked (receiving, sending, waiting on a timer, holding a reorder window).
 */
@Timeout(60)
class PipeCancellationTest {

    /** A never-ending upstream on ctx: 0, 1, 2, ... */
    private static RecvChan<Integer> naturals(Context ctx) {
        return Pipe.generate(ctx, emit -> {
            for (int i = 0; emit.emit(i); i++) {
                // until ctx is done
            }
        });
    }

    private static Arguments scenario(String name, Function<Context, RecvChan<?>> build) {
        return Arguments.of(name, 3, build);
    }

    /** A scenario whose output yields at most {@code maxReads} values while its other outputs are not read. */
    private static Arguments stalls(String name, int maxReads, Function<Context, RecvChan<?>> build) {
        return Arguments.of(name, maxReads, build);
    }

    /** A scenario whose output yields nothing while the context is live: cancelled with no value read. */
    private static Arguments silent(String name, Function<Context, RecvChan<?>> build) {
        return Arguments.of(name, 0, build);
    }

    static Stream<Arguments> scenarios() {
        List<Arguments> all = new ArrayList<>(List.of(
                scenario("generate(values)", ctx -> Pipe.generate(ctx, 1, 2, 3, 4, 5, 6, 7, 8)),
                scenario("from", ctx -> Pipe.from(ctx, IntStream.range(0, 1000).boxed().toList())),
                scenario("generate(generator)", PipeCancellationTest::naturals),
                scenario("repeat", ctx -> Pipe.repeat(ctx, "a", "b")),
                scenario("repeatFn", ctx -> Pipe.repeatFn(ctx, () -> 7)),
                scenario("take", ctx -> Pipe.take(ctx, naturals(ctx), 1000)),
                scenario("orDone", ctx -> Pipe.orDone(ctx, naturals(ctx))),
                silent("orDone of a silent channel", ctx -> Pipe.orDone(ctx, Chan.make())),
                scenario("bridge", ctx -> Pipe.bridge(ctx, Pipe.repeatFn(ctx, () -> naturals(ctx)))),
                stalls("tee, one side read", 1, ctx -> Pipe.tee(ctx, naturals(ctx)).first()),
                scenario("tee, both sides read", ctx -> {
                    Tee<Integer> t = Pipe.tee(ctx, naturals(ctx));
                    return Pipe.merge(ctx, t.first(), t.second());
                }),
                scenario("merge", ctx -> Pipe.merge(ctx, naturals(ctx), naturals(ctx), Chan.<Integer>make())),
                scenario("merge(list)", ctx -> Pipe.merge(ctx, List.of(naturals(ctx), naturals(ctx)))),
                scenario("fanOut, one lane read", ctx -> Pipe.fanOut(ctx, naturals(ctx), 3).get(1)),
                stalls("split, one side read", 1, ctx -> Pipe.split(ctx, naturals(ctx), n -> n % 3 == 0).matching()),
                scenario("split, both sides read", ctx -> {
                    Split<Integer> sp = Pipe.split(ctx, naturals(ctx), n -> n % 3 == 0);
                    return Pipe.merge(ctx, sp.matching(), sp.rest());
                }),
                scenario("batch by size", ctx -> Pipe.batch(ctx, naturals(ctx), 3)),
                silent("batch by time, window open", ctx -> Pipe.batch(ctx, Pipe.merge(ctx,
                        Pipe.take(ctx, naturals(ctx), 2), Chan.<Integer>make()), 10, Duration.ofHours(1))),
                scenario("batch by size and time", ctx -> Pipe.batch(ctx, naturals(ctx), 3, Duration.ofHours(1))),
                scenario("buffer", ctx -> Pipe.buffer(ctx, naturals(ctx), 5))));
        record Shape(String name, Stage stage) {
        }
        for (Shape sh : List.of(new Shape("sequential", Stage.sequential()),
                new Shape("parallel", Stage.parallel(3)),
                new Shape("parallel ordered", Stage.parallel(3).ordered()),
                new Shape("parallel ordered window 1, buffered", Stage.parallel(3).ordered(1).buffer(2)))) {
            all.add(scenario("map " + sh.name, ctx -> Pipe.map(ctx, naturals(ctx), n -> n * 2, sh.stage())));
            all.add(scenario("filter " + sh.name, ctx -> Pipe.filter(ctx, naturals(ctx), n -> n % 2 == 0, sh.stage())));
            all.add(scenario("flatMap " + sh.name,
                    ctx -> Pipe.flatMap(ctx, naturals(ctx), n -> List.of(n, n, n), sh.stage())));
            all.add(scenario("mapResult " + sh.name, ctx -> Pipe.mapResult(ctx, naturals(ctx), n -> {
                if (n % 2 == 0) {
                    throw new IllegalStateException("odd");
                }
                return n;
            }, sh.stage())));
        }
        return all.stream();
    }

    // Every function, read 0, 1 or 3 values (fewer where unread outputs stall it) then cancelled: the goroutine count returns to where it was.
    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void cancellingLeavesNoGoroutine(String name, int maxReads, Function<Context, RecvChan<?>> build) {
        for (int reads : IntStream.of(0, 1, 3).map(r -> Math.min(r, maxReads)).distinct().toArray()) {
            Leaks.Option before = Leaks.ignoreCurrent();
            CancelContext ctx = Context.withCancel(Context.background());
            RecvChan<?> out = build.apply(ctx);
            for (int i = 0; i < reads; i++) {
                assertTrue(out.recvOk().ok(), name + ": value " + i);
            }
            ctx.cancel();
            Leaks.verifyNone(before);
        }
    }

    // A stage whose function is blocked inside a long computation still ends: the stage waits for it, then exits.
    @Test
    void cancellingWhileAFunctionRunsLeavesNoGoroutine() {
        Leaks.Option before = Leaks.ignoreCurrent();
        CancelContext ctx = Context.withCancel(Context.background());
        Chan<Void> release = Chan.make();
        RecvChan<Integer> out = Pipe.map(ctx, naturals(ctx), n -> {
            release.recvOk(); // blocks until the test closes release
            return n;
        }, Stage.parallel(2).ordered());
        ctx.cancel();
        release.close();
        Leaks.verifyNone(before);
        assertTrue(out.len() == 0 && !out.recvOk().ok(), "the stage closed its output on the way out");
    }

    // collect and drain block on their caller; cancelling the context makes them throw ctx.err() and leaves nothing behind.
    @Test
    void sinksReturnOnCancel() throws Exception {
        Leaks.Option before = Leaks.ignoreCurrent();
        for (boolean collect : new boolean[] {true, false}) {
            CancelContext ctx = Context.withCancel(Context.background());
            RecvChan<Integer> silent = Chan.make();
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            Goroutine g = Go.go(() -> {
                try {
                    if (collect) {
                        Pipe.collect(ctx, silent);
                    } else {
                        Pipe.drain(ctx, silent);
                    }
                } catch (ContextException e) {
                    thrown.set(e);
                }
            });
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (g.waitReason() == null && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertNull(thrown.get());
            ctx.cancel();
            Leaks.verifyNone(before);
            assertSame(Context.CANCELED, thrown.get());
        }
    }
}
