package io.go4j.runtime;

import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.Goroutine;
import io.go4j.Select;
import io.go4j.WaitInterruptedException;
import io.go4j.internal.park.G;
import io.go4j.internal.park.Park;
import io.go4j.internal.park.WaitReason;
import io.go4j.time.Ticker;
import io.go4j.time.Time;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import static io.go4j.Case.recv;
import static io.go4j.Case.recvOk;

/**
 * A performance monitor: a goroutine that hands a {@link Sample} — the number of goroutines,
 * memory, collections — to a sink at once and then at every interval, until closed. The
 * runtime guide's monitor, ready-made:
 *
 * {@snippet :
 * // Go:  go func() { for { runtime.ReadMemStats(&m); fmt.Printf("Goroutines: %d | ...", ...); time.Sleep(5 * time.Second) } }()
 * try (Monitor m = Monitor.start(Duration.ofSeconds(5), System.out::println)) {
 *     runTheLoad();                 // prints "Goroutines: 12 | Memory: 3456 KB | GCs: 3" every 5 s
 * }
 * }
 *
 * <p>The monitor is a goroutine (named {@code go4j-monitor}) waiting on an
 * {@link io.go4j.time.Ticker}, so it counts in {@link GoRuntime#numGoroutine()}, as the Go
 * monitor goroutine does, and it follows the caller's clock (a synctest bubble's fake clock
 * too). A sink slower than the interval misses ticks rather than queueing them (a ticker's
 * rule). An exception thrown by the sink ends the monitor and escapes its goroutine like any
 * goroutine's panic (under {@code Go.main} the program dies with Go's report).
 *
 * <p>{@link #close()} stops it: the goroutine has ended when close returns, and no sample
 * reaches the sink after that. To get there, close interrupts the monitor goroutine, so a
 * sink blocked in a go4j wait (a send on a full channel) gives that sample up.
 */
public final class Monitor implements AutoCloseable {

    /**
     * One look at the runtime.
     *
     * @param time         when it was taken, on the monitor's clock (the tick's time)
     * @param numGoroutine Go's {@code runtime.NumGoroutine()}, the monitor's own goroutine included
     * @param alloc        {@link MemStats#alloc()}: bytes of allocated heap objects
     * @param heapInuse    {@link MemStats#heapInuse()}
     * @param numGC        {@link MemStats#numGC()}: completed collections
     * @param waitReasons  how many goroutines wait for what, by Go's wait reason
     *                     ({@code chan receive} -&gt; 3); goroutines not parked in go4j under
     *                     {@code runnable}; sorted by reason, unmodifiable
     */
    public record Sample(Instant time, int numGoroutine, long alloc, long heapInuse, long numGC,
                         Map<String, Integer> waitReasons) {

        public Sample {
            Objects.requireNonNull(time, "time");
            waitReasons = Collections.unmodifiableMap(new TreeMap<>(waitReasons));
        }

        /** A sample taken now, on the calling goroutine's clock. */
        public static Sample now() {
            return take(Time.now());
        }

        static Sample take(Instant time) {
            TreeMap<String, Integer> reasons = new TreeMap<>();
            for (G g : Park.goroutines()) {
                WaitReason r = g.waitReason();
                reasons.merge(r == null ? "runnable" : r.text(), 1, Integer::sum);
            }
            MemStats m = GoRuntime.readMemStats();
            return new Sample(time, Park.numGoroutine(), m.alloc(), m.heapInuse(), m.numGC(), reasons);
        }

        /** The runtime guide's line: {@code Goroutines: 12 | Memory: 3456 KB | GCs: 3}. */
        @Override
        public String toString() {
            return "Goroutines: " + numGoroutine + " | Memory: " + alloc / 1024 + " KB | GCs: " + numGC;
        }
    }

    private final Chan<Void> done = Chan.make(); // closed by close(): the monitor's stop signal
    private final AtomicBoolean closing = new AtomicBoolean(); // CAS by close(), before it closes done
    private final Goroutine goroutine;             // written once in the constructor

    private Monitor(Ticker ticker, Consumer<? super Sample> sink) {
        this.goroutine = Go.go("go4j-monitor", () -> run(ticker, sink));
    }

    /**
     * Starts a monitor that hands {@code sink} a sample at once and then every
     * {@code interval}, on a goroutine of its own, until {@link #close()}.
     *
     * @throws io.go4j.Panic {@code non-positive interval for NewTicker} if {@code interval} is
     *                       not positive, as Go's {@code time.NewTicker}
     */
    public static Monitor start(Duration interval, Consumer<? super Sample> sink) {
        Objects.requireNonNull(sink, "sink");
        Ticker ticker = Time.newTicker(interval); // on the caller's clock, which the goroutine shares
        try {
            return new Monitor(ticker, sink);
        } catch (RuntimeException | Error e) {
            ticker.stop();
            throw e;
        }
    }

    private void run(Ticker ticker, Consumer<? super Sample> sink) {
        try (ticker) {
            Instant t = Time.now();
            while (t != null && !closing.get()) {
                sink.accept(Sample.take(t));
                t = Select.select(
                        recv(ticker.c(), tick -> tick),
                        recvOk(done, (v, ok) -> null));
            }
        } catch (WaitInterruptedException e) {
            if (!closing.get()) {
                throw e; // interrupted by someone else: as any goroutine
            }
        }
    }

    /** The monitor's goroutine. */
    public Goroutine goroutine() {
        return goroutine;
    }

    /**
     * Stops the monitor and waits until its goroutine has ended; idempotent. Called from the
     * sink itself, it returns at once, and the monitor ends when the sink returns.
     *
     * @throws WaitInterruptedException if the calling thread is interrupted while waiting
     */
    @Override
    public void close() {
        if (closing.compareAndSet(false, true)) {
            done.close();
        }
        if (Go.id() == goroutine.id()) {
            return;
        }
        goroutine.interrupt(); // a sink blocked in a go4j wait gives up (the select sees done closed)
        try {
            goroutine.thread().join(); // ends within a few steps: done is closed, its waits are cancelled
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WaitInterruptedException("Monitor.close");
        }
    }
}
