package io.go4j.lincheck;

import org.jetbrains.kotlinx.lincheck.Actor;
import org.jetbrains.kotlinx.lincheck.CTestStructure;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionGenerator;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.lincheck.datastructures.CTestConfiguration;
import org.jetbrains.lincheck.datastructures.RandomProvider;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Generates Lincheck scenarios over {@link ChannelOperations} in which every operation
 * terminates, so that blocking operations on platform threads can be checked at all.
 *
 * <p>Lincheck treats a thread parked for ever as a deadlock (a failure), and a randomly
 * generated scenario over Go channels blocks for ever easily (a receive nobody sends to).
 * Shape of every scenario here:
 * <ul>
 *   <li>init part: {@code make(capA, capB)}, each capacity 0, 1 or 2 at random, then only
 *       non-blocking operations (nothing can wait before the threads start);</li>
 *   <li>parallel part, thread 0, the closer: non-blocking operations only, ending with
 *       {@code close(a)} and {@code close(b)} in random order. It never waits, so both channels
 *       do get closed in every interleaving; a close wakes every waiting operation and after it
 *       no operation waits (a send panics, a receive drains then reports closed, a select has a
 *       ready case);</li>
 *   <li>other threads: any operation, blocking ones included;</li>
 *   <li>post part: any operation (the channels are closed by then).</li>
 * </ul>
 * Values sent are unique in a scenario (1, 2, 3 ...), so a duplicated or lost value shows.
 * The number of threads, operations per thread, and init/post operations come from the
 * Lincheck options ({@code threads} counts the closer, {@code actorsBefore} does not count
 * {@code make}).
 */
public final class ClosingScenarioGenerator extends ExecutionGenerator {

    private final Random random;
    private final Class<?> testClass;
    private int nextValue;

    public ClosingScenarioGenerator(CTestConfiguration configuration, CTestStructure structure, RandomProvider rp) {
        super(configuration, structure);
        this.random = rp.createRandom();
        this.testClass = configuration.getTestClass();
    }

    /** The capacities each channel gets, at random: unbuffered, and buffers of one and two. */
    private static final int[] CAPACITIES = {0, 1, 2};

    private static final String[] NON_BLOCKING = {
        "trySend", "tryRecv", "selectRecvRecvDefault", "selectSendRecvDefault"
    };
    /** All operations, the blocking ones twice as likely. */
    private static final String[] ANY = {
        "send", "send", "recv", "recvOk", "selectRecvRecv", "selectRecvRecv", "selectSendRecv", "selectSendRecv",
        "trySend", "tryRecv", "close", "selectRecvRecvDefault", "selectSendRecvDefault"
    };

    @Override
    public ExecutionScenario nextExecution() {
        nextValue = 1;
        int threads = testConfiguration.getThreads();
        int perThread = testConfiguration.getActorsPerThread();
        List<Actor> init = new ArrayList<>();
        init.add(actor("make", CAPACITIES[random.nextInt(CAPACITIES.length)],
                CAPACITIES[random.nextInt(CAPACITIES.length)]));
        for (int i = 0; i < testConfiguration.getActorsBefore(); i++) {
            init.add(actor(pick(NON_BLOCKING)));
        }
        List<List<Actor>> parallel = new ArrayList<>();
        List<Actor> closer = new ArrayList<>();
        for (int i = 0; i < perThread - 2; i++) {
            closer.add(actor(pick(NON_BLOCKING)));
        }
        List<Actor> closes = new ArrayList<>(List.of(actor("close", 0), actor("close", 1)));
        Collections.shuffle(closes, random);
        closer.addAll(closes);
        parallel.add(closer);
        for (int t = 1; t < threads; t++) {
            List<Actor> ops = new ArrayList<>();
            for (int i = 0; i < perThread; i++) {
                ops.add(actor(pick(ANY)));
            }
            parallel.add(ops);
        }
        List<Actor> post = new ArrayList<>();
        for (int i = 0; i < testConfiguration.getActorsAfter(); i++) {
            post.add(actor(pick(ANY)));
        }
        return new ExecutionScenario(init, parallel, post, null);
    }

    private String pick(String[] names) {
        return names[random.nextInt(names.length)];
    }

    /** An actor for operation {@code name} with random channels and a fresh value. */
    private Actor actor(String name) {
        int c0 = random.nextInt(2);
        int c1 = random.nextInt(2);
        return switch (name) {
            case "send", "trySend" -> actor(name, c0, nextValue++);
            case "selectRecvRecv", "selectRecvRecvDefault" -> actor(name, c0, c1);
            case "selectSendRecv", "selectSendRecvDefault" -> actor(name, c0, nextValue++, c1);
            default -> actor(name, c0);
        };
    }

    private Actor actor(String name, Object... args) {
        Class<?>[] types = new Class<?>[args.length];
        java.util.Arrays.fill(types, int.class);
        Method m;
        try {
            m = testClass.getMethod(name, types);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
        boolean blocking = switch (name) {
            case "send", "recv", "recvOk", "selectRecvRecv", "selectSendRecv" -> true;
            default -> false;
        };
        return new Actor(m, new ArrayList<>(List.of(args)), false, blocking, false, false, false);
    }
}
