package io.go4j.bench;

import static io.go4j.bench.Util.MASK;
import static io.go4j.bench.Util.VALUES;

import com.softwaremill.jox.Channel;
import com.softwaremill.jox.ChannelClosed;
import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.Goroutine;
import java.util.concurrent.Exchanger;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * B1 ping-pong: two goroutines, one round trip over two unbuffered channels; the score is
 * <b>ns per round trip</b>. Go twin: {@code BenchmarkB1PingPong} in {@code go4j-bench/go}.
 *
 * <p>Shape (as the Go twin): the benchmark thread sends a value on {@code ping}; an echo
 * thread receives it and sends it back on {@code pong}; the benchmark thread receives it. The
 * echo thread is long-lived: started in the per-iteration setup and stopped (channel closed
 * or end marker sent, thread joined) in the per-iteration teardown, so no thread outlives an
 * iteration. Each invocation makes {@value #ROUND_TRIPS} round trips
 * ({@code @OperationsPerInvocation}). All threads are virtual: the echo threads, and the JMH
 * worker itself ({@code -Djmh.executor=VIRTUAL}).
 *
 * <p>Peers: go4j {@code Chan.make()}; jox {@code Channel.newRendezvousChannel()}; the JDK's
 * {@link SynchronousQueue} (two queues, as the two channels); the JDK's {@link Exchanger}
 * in two shapes — {@code jdkExchanger} makes two exchanges per round trip (one hand-off each
 * way, the same number of rendezvous as the channels) and {@code jdkExchangerSwap} makes one
 * exchange per round trip (both directions in one rendezvous: the echo thread hands back the
 * value it got in the previous round; half the hand-offs, so shown for information).
 *
 * <p>Run: {@code java -jar go4j-bench/target/benchmarks.jar B1PingPong} (JDK 23+; on JDK 21/22
 * add {@code -jvmArgsAppend -Djmh.executor=VIRTUAL}). Quick look:
 * {@code ... B1PingPong -f 1 -wi 1 -w 200ms -i 1 -r 200ms}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {Util.EXECUTOR, Util.UNSAFE})
public class B1PingPong {

    /** Round trips per invocation. */
    static final int ROUND_TRIPS = 1_000;

    @State(Scope.Thread)
    public static class Go4jEcho {
        Chan<Integer> ping;
        Chan<Integer> pong;
        Goroutine echo;

        @Setup(Level.Iteration)
        public void start() {
            Util.requireVirtual();
            Chan<Integer> in = Chan.make();
            Chan<Integer> out = Chan.make();
            ping = in;
            pong = out;
            echo = Go.go(() -> {
                for (Integer v : in) {
                    out.send(v);
                }
            });
        }

        @TearDown(Level.Iteration)
        public void stop() {
            ping.close();
            Util.join(echo);
        }
    }

    @State(Scope.Thread)
    public static class JoxEcho {
        Channel<Integer> ping;
        Channel<Integer> pong;
        Thread echo;

        @Setup(Level.Iteration)
        public void start() {
            Util.requireVirtual();
            Channel<Integer> in = Channel.newRendezvousChannel();
            Channel<Integer> out = Channel.newRendezvousChannel();
            ping = in;
            pong = out;
            echo = Util.virtual(() -> {
                for (;;) {
                    Object v = in.receiveOrClosed();
                    if (v instanceof ChannelClosed) {
                        return;
                    }
                    out.send((Integer) v);
                }
            });
        }

        @TearDown(Level.Iteration)
        public void stop() {
            ping.done();
            Util.join(echo);
        }
    }

    @State(Scope.Thread)
    public static class SynchronousQueueEcho {
        SynchronousQueue<Object> ping;
        SynchronousQueue<Object> pong;
        Thread echo;

        @Setup(Level.Iteration)
        public void start() {
            Util.requireVirtual();
            SynchronousQueue<Object> in = new SynchronousQueue<>();
            SynchronousQueue<Object> out = new SynchronousQueue<>();
            ping = in;
            pong = out;
            echo = Util.virtual(() -> {
                Object v;
                while ((v = in.take()) != Util.END) {
                    out.put(v);
                }
            });
        }

        @TearDown(Level.Iteration)
        public void stop() throws InterruptedException {
            ping.put(Util.END);
            Util.join(echo);
        }
    }

    /** One Exchanger, two exchanges per round trip: ping (value, null), pong (null, value). */
    @State(Scope.Thread)
    public static class ExchangerEcho {
        Exchanger<Object> exchanger;
        Thread echo;

        @Setup(Level.Iteration)
        public void start() {
            Util.requireVirtual();
            Exchanger<Object> ex = new Exchanger<>();
            exchanger = ex;
            echo = Util.virtual(() -> {
                Object v;
                while ((v = ex.exchange(null)) != Util.END) {
                    ex.exchange(v);
                }
            });
        }

        @TearDown(Level.Iteration)
        public void stop() throws InterruptedException {
            exchanger.exchange(Util.END);
            Util.join(echo);
        }
    }

    /** One Exchanger, one exchange per round trip: the echo returns the previous round's value. */
    @State(Scope.Thread)
    public static class ExchangerSwapEcho {
        Exchanger<Object> exchanger;
        Thread echo;

        @Setup(Level.Iteration)
        public void start() {
            Util.requireVirtual();
            Exchanger<Object> ex = new Exchanger<>();
            exchanger = ex;
            echo = Util.virtual(() -> {
                Object reply = VALUES[0];
                Object v;
                while ((v = ex.exchange(reply)) != Util.END) {
                    reply = v;
                }
            });
        }

        @TearDown(Level.Iteration)
        public void stop() throws InterruptedException {
            exchanger.exchange(Util.END);
            Util.join(echo);
        }
    }

    /** go4j: send on an unbuffered {@code Chan}, receive the echo on another. */
    @Benchmark
    @OperationsPerInvocation(ROUND_TRIPS)
    public int go4j(Go4jEcho s) {
        Chan<Integer> ping = s.ping;
        Chan<Integer> pong = s.pong;
        int sum = 0;
        for (int i = 0; i < ROUND_TRIPS; i++) {
            ping.send(VALUES[i & MASK]);
            sum += pong.recv();
        }
        return sum;
    }

    /** jox: the same over two rendezvous channels. */
    @Benchmark
    @OperationsPerInvocation(ROUND_TRIPS)
    public int jox(JoxEcho s) throws InterruptedException {
        Channel<Integer> ping = s.ping;
        Channel<Integer> pong = s.pong;
        int sum = 0;
        for (int i = 0; i < ROUND_TRIPS; i++) {
            ping.send(VALUES[i & MASK]);
            sum += pong.receive();
        }
        return sum;
    }

    /** JDK: the same over two SynchronousQueues. */
    @Benchmark
    @OperationsPerInvocation(ROUND_TRIPS)
    public int jdkSynchronousQueue(SynchronousQueueEcho s) throws InterruptedException {
        SynchronousQueue<Object> ping = s.ping;
        SynchronousQueue<Object> pong = s.pong;
        int sum = 0;
        for (int i = 0; i < ROUND_TRIPS; i++) {
            ping.put(VALUES[i & MASK]);
            sum += (Integer) pong.take();
        }
        return sum;
    }

    /** JDK: two exchanges on one Exchanger per round trip (one hand-off each way). */
    @Benchmark
    @OperationsPerInvocation(ROUND_TRIPS)
    public int jdkExchanger(ExchangerEcho s) throws InterruptedException {
        Exchanger<Object> ex = s.exchanger;
        int sum = 0;
        for (int i = 0; i < ROUND_TRIPS; i++) {
            ex.exchange(VALUES[i & MASK]);
            sum += (Integer) ex.exchange(null);
        }
        return sum;
    }

    /** JDK: one exchange per round trip (both directions in one rendezvous; for information). */
    @Benchmark
    @OperationsPerInvocation(ROUND_TRIPS)
    public int jdkExchangerSwap(ExchangerSwapEcho s) throws InterruptedException {
        Exchanger<Object> ex = s.exchanger;
        int sum = 0;
        for (int i = 0; i < ROUND_TRIPS; i++) {
            sum += (Integer) ex.exchange(VALUES[i & MASK]);
        }
        return sum;
    }
}
