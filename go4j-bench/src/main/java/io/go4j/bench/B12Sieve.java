package io.go4j.bench;

import static io.go4j.Case.recv;
import static io.go4j.Case.send;

import com.softwaremill.jox.Channel;
import com.softwaremill.jox.ChannelClosed;
import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.Goroutine;
import io.go4j.RecvChan;
import io.go4j.Select;
import io.go4j.SendChan;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TransferQueue;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * B12 prime sieve: the daisy chain of filter goroutines of Go's {@code test/chan/sieve1.go},
 * run until the first {@value #PRIMES} primes are found; the score is <b>ms per sieve run</b>.
 * Go twin: {@code BenchmarkB12Sieve} (b.N runs; ns/op per run).
 *
 * <p>Shape (sieve1's, as the Go twin), fresh in every invocation, all channels unbuffered: the
 * benchmark thread (a virtual JMH worker, sieve1's {@code main}) starts the Sieve thread and
 * receives {@value #PRIMES} primes from the {@code primes} channel, checking each. The Sieve
 * thread starts the generator, which sends 2, 3, 4, ... on the first channel; then, per prime,
 * it receives the prime from the end of the chain, sends it on {@code primes}, and appends a
 * filter thread ({@code for (i : in) if (i % prime != 0) out.send(i)}) with a new output
 * channel. About 2,000,000 hand-offs per run (a prime p passes the filters of every smaller
 * prime); about 2,000 threads started per run.
 *
 * <p><b>Stopping</b> (sieve1 leaks its goroutines; here nothing outlives the invocation). The
 * measured time ends when the benchmark thread has its last prime; the stop runs in a
 * {@code @TearDown(Level.Invocation)} (outside the measured time; an invocation takes
 * hundreds of milliseconds, so this is sound), as the Go twin's {@code b.StopTimer()}: a done
 * signal stops the generator, which closes its channel; each filter closes its output when
 * its input is closed (sieve1's {@code for i := range in} ends there); the Sieve thread, bounded
 * to {@value #PRIMES} primes, waits for the done signal and drains the end of the chain until
 * the close reaches it; then every thread is joined. The only change to sieve1's hot path is the
 * generator's: a select between its send and the done channel (go4j, jox, Go) — one per
 * generated number, about 1 % of the hand-offs. The JDK queues have no select and cannot be
 * closed: the JDK generator is interrupted instead ({@code put} throws), and puts an end marker
 * that every filter passes on.
 *
 * <p>Peers:
 * <ul>
 *   <li>{@code go4j}: {@code Chan.make()}, {@code Go.go}, {@code for (var i : in)}, the
 *       generator's {@code Select.select(send(ch, i, ...), recv(done, ...))}, {@code done}
 *       closed to stop.</li>
 *   <li>{@code jox}: rendezvous channels on virtual threads, {@code receiveOrClosed} /
 *       {@code done()} for range / close, the generator's
 *       {@code Select.selectOrClosed(ch.sendClause(i), done.receiveClause())}.</li>
 *   <li>{@code jdkSynchronousQueue}: {@link SynchronousQueue} {@code put} / {@code take} on
 *       virtual threads; the done signal is a {@link CountDownLatch}, on which the Sieve thread
 *       interrupts the generator.</li>
 *   <li>{@code jdkTransferQueue}: the same with {@link LinkedTransferQueue} {@code transfer} /
 *       {@code take} (also a hand-off: {@code transfer} waits for the receiver).</li>
 * </ul>
 *
 * <p>Run: {@code java -jar go4j-bench/target/benchmarks.jar B12Sieve} (on JDK 21/22 add
 * {@code -jvmArgsAppend -Djmh.executor=VIRTUAL}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {Util.EXECUTOR, Util.UNSAFE})
public class B12Sieve {

    /** Primes per sieve run (per invocation). */
    static final int PRIMES = 2_000;
    /** The first {@value #PRIMES} primes (trial division), each received prime is checked. */
    static final int[] EXPECTED = firstPrimes(PRIMES);

    /**
     * Pre-boxed numbers for the generator (Go sends plain ints; allocation is not measured). The
     * {@value #PRIMES}th prime is 17,389; the generator runs a little past it (values in flight).
     */
    private static final Integer[] NUMBERS = new Integer[1 << 15];

    static {
        for (int i = 0; i < NUMBERS.length; i++) {
            NUMBERS[i] = i;
        }
    }

    static Integer box(int i) {
        return i < NUMBERS.length ? NUMBERS[i] : Integer.valueOf(i);
    }

    static int[] firstPrimes(int n) {
        int[] ps = new int[n];
        int k = 0;
        for (int c = 2; k < n; c++) {
            boolean prime = true;
            for (int j = 0; j < k && ps[j] * ps[j] <= c; j++) {
                if (c % ps[j] == 0) {
                    prime = false;
                    break;
                }
            }
            if (prime) {
                ps[k++] = c;
            }
        }
        return ps;
    }

    private static int check(int index, int prime) {
        if (prime != EXPECTED[index]) {
            throw new IllegalStateException("B12: prime " + index + " is " + prime + ", expected " + EXPECTED[index]);
        }
        return prime;
    }

    // ---------------------------------------------------------------- go4j

    /** One run's goroutines and its done channel, stopped and joined after the invocation. */
    @State(Scope.Thread)
    public static class Go4jRun {
        Chan<Object> done;
        Goroutine sieve;
        /** Started and filled by the Sieve goroutine; read after joining it. */
        List<Goroutine> started;

        @Setup(Level.Trial)
        public void check() {
            Util.requireVirtual();
        }

        @TearDown(Level.Invocation)
        public void stop() {
            if (done == null) {
                return;
            }
            done.close();
            Util.join(sieve); // it ends once the close has travelled down the chain
            Util.joinGoroutines(started);
            done = null;
        }
    }

    @Benchmark
    public long go4j(Go4jRun s) {
        Chan<Object> done = Chan.make();
        Chan<Integer> primes = Chan.make();
        List<Goroutine> started = new ArrayList<>(PRIMES + 1);
        s.done = done;
        s.started = started;
        s.sieve = Go.go(() -> go4jSieve(primes, done, started));
        long sum = 0;
        for (int i = 0; i < PRIMES; i++) {
            sum += check(i, primes.recv());
        }
        return sum;
    }

    /** sieve1's Sieve, bounded to {@value #PRIMES} primes, then: wait for done, drain. */
    private static void go4jSieve(SendChan<Integer> primes, RecvChan<Object> done, List<Goroutine> started) {
        Chan<Integer> ch = Chan.make();
        Chan<Integer> gen = ch;
        started.add(Go.go(() -> go4jGenerate(gen, done)));
        for (int k = 0; k < PRIMES; k++) {
            Integer prime = ch.recv();
            primes.send(prime);
            Chan<Integer> ch1 = Chan.make();
            Chan<Integer> in = ch;
            int p = prime;
            started.add(Go.go(() -> go4jFilter(in, ch1, p)));
            ch = ch1;
        }
        done.recv();
        for (Integer ignored : ch) {
            // drain until the close reaches the end of the chain
        }
    }

    private static final Supplier<Boolean> SENT = () -> Boolean.TRUE;

    /** sieve1's Generate, with a done case (Go twin: the same select). */
    private static void go4jGenerate(Chan<Integer> ch, RecvChan<Object> done) {
        for (int i = 2; ; i++) {
            if (!Select.select(send(ch, box(i), SENT), recv(done, x -> Boolean.FALSE))) {
                ch.close();
                return;
            }
        }
    }

    /** sieve1's Filter, closing its output when its input is closed. */
    private static void go4jFilter(RecvChan<Integer> in, SendChan<Integer> out, int prime) {
        for (Integer i : in) {
            if (i % prime != 0) {
                out.send(i);
            }
        }
        out.close();
    }

    // ---------------------------------------------------------------- jox

    @State(Scope.Thread)
    public static class JoxRun {
        Channel<Object> done;
        Thread sieve;
        List<Thread> started;

        @Setup(Level.Trial)
        public void check() {
            Util.requireVirtual();
        }

        @TearDown(Level.Invocation)
        public void stop() {
            if (done == null) {
                return;
            }
            done.done();
            Util.join(sieve);
            Util.joinAll(started);
            done = null;
        }
    }

    @Benchmark
    public long jox(JoxRun s) throws InterruptedException {
        Channel<Object> done = Channel.newRendezvousChannel();
        Channel<Integer> primes = Channel.newRendezvousChannel();
        List<Thread> started = new ArrayList<>(PRIMES + 1);
        s.done = done;
        s.started = started;
        s.sieve = Util.virtual(() -> joxSieve(primes, done, started));
        long sum = 0;
        for (int i = 0; i < PRIMES; i++) {
            sum += check(i, primes.receive());
        }
        return sum;
    }

    private static void joxSieve(Channel<Integer> primes, Channel<Object> done, List<Thread> started)
            throws InterruptedException {
        Channel<Integer> ch = Channel.newRendezvousChannel();
        Channel<Integer> gen = ch;
        started.add(Util.virtual(() -> joxGenerate(gen, done)));
        for (int k = 0; k < PRIMES; k++) {
            Integer prime = ch.receive();
            primes.send(prime);
            Channel<Integer> ch1 = Channel.newRendezvousChannel();
            Channel<Integer> in = ch;
            int p = prime;
            started.add(Util.virtual(() -> joxFilter(in, ch1, p)));
            ch = ch1;
        }
        done.receiveOrClosed(); // returns once done() is called
        while (!(ch.receiveOrClosed() instanceof ChannelClosed)) {
            // drain until the close reaches the end of the chain
        }
    }

    private static void joxGenerate(Channel<Integer> ch, Channel<Object> done) throws InterruptedException {
        for (int i = 2; ; i++) {
            if (com.softwaremill.jox.Select.selectOrClosed(ch.sendClause(box(i)), done.receiveClause())
                    instanceof ChannelClosed) {
                ch.done();
                return;
            }
        }
    }

    private static void joxFilter(Channel<Integer> in, Channel<Integer> out, int prime) throws InterruptedException {
        for (;;) {
            Object v = in.receiveOrClosed();
            if (v instanceof ChannelClosed) {
                break;
            }
            if ((Integer) v % prime != 0) {
                out.send((Integer) v);
            }
        }
        out.done();
    }

    // ---------------------------------------------------------------- JDK

    @State(Scope.Thread)
    public static class JdkRun {
        CountDownLatch done;
        Thread sieve;
        Thread generator;
        List<Thread> started;

        @Setup(Level.Trial)
        public void check() {
            Util.requireVirtual();
        }

        @TearDown(Level.Invocation)
        public void stop() {
            if (done == null) {
                return;
            }
            done.countDown(); // the Sieve thread interrupts the generator and drains
            Util.join(sieve);
            Util.joinAll(started);
            done = null;
        }
    }

    @Benchmark
    public long jdkSynchronousQueue(JdkRun s) throws InterruptedException {
        return jdk(s, SynchronousQueue::new);
    }

    @Benchmark
    public long jdkTransferQueue(JdkRun s) throws InterruptedException {
        return jdk(s, LinkedTransferQueue::new);
    }

    private static long jdk(JdkRun s, Supplier<BlockingQueue<Object>> queue) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        BlockingQueue<Object> primes = queue.get();
        List<Thread> started = new ArrayList<>(PRIMES + 1);
        s.done = done;
        s.started = started;
        s.sieve = Util.virtual(() -> jdkSieve(primes, done, started, queue));
        long sum = 0;
        for (int i = 0; i < PRIMES; i++) {
            sum += check(i, (Integer) primes.take());
        }
        return sum;
    }

    /** A hand-off: {@code transfer} on a {@link TransferQueue} (whose {@code put} does not wait), else {@code put}. */
    private static void handOff(BlockingQueue<Object> q, Object v) throws InterruptedException {
        if (q instanceof TransferQueue<Object> t) {
            t.transfer(v);
        } else {
            q.put(v);
        }
    }

    private static void jdkSieve(BlockingQueue<Object> primes, CountDownLatch done, List<Thread> started,
                                 Supplier<BlockingQueue<Object>> queue) throws InterruptedException {
        BlockingQueue<Object> ch = queue.get();
        BlockingQueue<Object> gen = ch;
        Thread generator = Util.virtual(() -> jdkGenerate(gen));
        started.add(generator);
        for (int k = 0; k < PRIMES; k++) {
            Object prime = ch.take();
            handOff(primes, prime);
            BlockingQueue<Object> ch1 = queue.get();
            BlockingQueue<Object> in = ch;
            int p = (Integer) prime;
            started.add(Util.virtual(() -> jdkFilter(in, ch1, p)));
            ch = ch1;
        }
        done.await();
        generator.interrupt(); // its put() throws: it puts the end marker, which every filter passes on
        while (ch.take() != Util.END) {
            // drain until the end marker reaches the end of the chain
        }
    }

    /** Runs until interrupted (the JDK's cancellation), then puts the end marker. */
    private static void jdkGenerate(BlockingQueue<Object> ch) throws InterruptedException {
        try {
            for (int i = 2; ; i++) {
                handOff(ch, box(i));
            }
        } catch (InterruptedException stop) {
            handOff(ch, Util.END); // the interrupt status is clear again
        }
    }

    private static void jdkFilter(BlockingQueue<Object> in, BlockingQueue<Object> out, int prime)
            throws InterruptedException {
        Object v;
        while ((v = in.take()) != Util.END) {
            if ((Integer) v % prime != 0) {
                handOff(out, v);
            }
        }
        handOff(out, Util.END);
    }
}
