package io.go4j;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Test support shared by the channel test suites: start a goroutine and keep its outcome, wait
 * until a goroutine parks with a given Go wait reason (in place of Go's sleeps), or ends.
 */
final class Tasks {

    private Tasks() {
    }

    /** How long any wait of a test may take before it fails. */
    static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(30);

    /** Waits until {@code g} is parked with Go's wait reason {@code reason}. */
    static void awaitParked(Goroutine g, String reason) {
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (!reason.equals(g.waitReason())) {
            if (!g.isAlive()) {
                fail("goroutine " + g.id() + " ended instead of parking with '" + reason + "'");
            }
            if (System.nanoTime() - deadline > 0) {
                fail("goroutine " + g.id() + " did not park with '" + reason + "'; wait reason: " + g.waitReason());
            }
            Thread.yield();
        }
    }

    /** Waits until {@code g} has ended. */
    static void awaitEnded(Goroutine g) {
        try {
            if (!g.thread().join(Duration.ofNanos(WAIT_NANOS))) {
                fail("goroutine " + g.id() + " did not end; wait reason: " + g.waitReason());
            }
        } catch (InterruptedException ex) {
            throw new AssertionError(ex);
        }
    }

    /** Starts {@code body} in a goroutine; the returned task holds its result or what it threw. */
    static <T> Task<T> call(Callable<T> body) {
        CompletableFuture<T> outcome = new CompletableFuture<>();
        Goroutine g = Go.go(() -> {
            try {
                outcome.complete(body.call());
            } catch (Throwable t) {
                outcome.completeExceptionally(t);
            }
        });
        return new Task<>(g, outcome);
    }

    /** {@link #call} for a body with no result. */
    static Task<Void> run(Runnable body) {
        return call(() -> {
            body.run();
            return null;
        });
    }

    /** A goroutine started by a test, and its outcome. */
    record Task<T>(Goroutine goroutine, CompletableFuture<T> outcome) {

        /** Waits until the goroutine is parked with Go's wait reason {@code reason}. */
        void awaitParked(String reason) {
            long deadline = System.nanoTime() + WAIT_NANOS;
            while (!reason.equals(goroutine.waitReason())) {
                if (outcome.isDone()) {
                    fail("goroutine ended instead of parking with '" + reason + "': " + outcome);
                }
                if (System.nanoTime() - deadline > 0) {
                    fail("goroutine did not park with '" + reason + "'; wait reason: " + goroutine.waitReason());
                }
                Thread.yield();
            }
        }

        /** Checks, many times over, that the goroutine is still parked with {@code reason}. */
        void assertStaysParked(String reason) {
            for (int i = 0; i < 2_000; i++) {
                assertEquals(reason, goroutine.waitReason(), "the goroutine must stay parked");
                Thread.yield();
            }
            assertFalse(outcome.isDone());
        }

        /** The goroutine's result; fails if it threw or does not finish. */
        T join() {
            try {
                return outcome.get(WAIT_NANOS, TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                throw new AssertionError("the goroutine threw", e.getCause());
            } catch (TimeoutException e) {
                throw new AssertionError("the goroutine did not finish; wait reason: " + goroutine.waitReason());
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }

        /** What the goroutine threw, which must be a {@code type}; fails if it returned. */
        <X extends Throwable> X failure(Class<X> type) {
            try {
                T v = outcome.get(WAIT_NANOS, TimeUnit.NANOSECONDS);
                throw new AssertionError("expected the goroutine to throw " + type.getSimpleName() + ", it returned " + v);
            } catch (ExecutionException e) {
                return assertInstanceOf(type, e.getCause());
            } catch (TimeoutException e) {
                throw new AssertionError("the goroutine did not finish; wait reason: " + goroutine.waitReason());
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }
}
