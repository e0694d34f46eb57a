package io.go4j.examples.tour;

import io.go4j.RecvChan;
import io.go4j.examples.tour.seed001.Barrier;
import io.go4j.examples.tour.seed001.Batching;
import io.go4j.examples.tour.seed001.ChannelCancellation;
import io.go4j.examples.tour.seed001.ComposedContexts;
import io.go4j.examples.tour.seed001.ContextCancellation;
import io.go4j.examples.tour.seed001.ControlledParallelism;
import io.go4j.examples.tour.seed001.FanOutFanIn;
import io.go4j.examples.tour.seed001.Generator;
import io.go4j.examples.tour.seed001.GoroutineErrors;
import io.go4j.examples.tour.seed001.LeakyFunction;
import io.go4j.examples.tour.seed001.MergeSplit;
import io.go4j.examples.tour.seed001.NonLeakyFunction;
import io.go4j.examples.tour.seed001.Pipeline;
import io.go4j.examples.tour.seed001.PipelineErrors;
import io.go4j.examples.tour.seed001.Rendezvous;
import io.go4j.examples.tour.seed001.ResourceManager;
import io.go4j.examples.tour.seed001.Semaphore;
import io.go4j.examples.tour.seed001.TestingConcurrentCode;
import io.go4j.examples.tour.seed001.WorkerPool;
import io.go4j.runtime.GoRuntime;
import io.go4j.testing.Leaks;
import io.go4j.testing.Synctest;
import io.go4j.time.Time;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The output of every tour program of seed 001, run in a synctest bubble (fake clock: the
 * programs' sleeps cost no real time). Exact where Go fixes the output; where Go leaves the
 * order of lines free, sets of lines plus the orders Go does guarantee. No goroutine survives
 * a test.
 */
@Timeout(60)
class Seed001Test {

    private Leaks.Option before;

    @BeforeEach
    void snapshot() {
        before = Leaks.ignoreCurrent();
    }

    @AfterEach
    void noLeaks() {
        Leaks.verifyNone(before);
    }

    // ---------------------------------------------------------------- helpers (Seed002Test, Seed004Test use them)

    /** Runs a program inside a synctest bubble and returns what it printed. */
    static String output(Program.Body body) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8)) {
            Synctest.test(() -> {
                try {
                    body.run(out);
                } catch (RuntimeException | Error e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    /** {@link #output}, as lines. */
    static List<String> lines(Program.Body body) {
        return output(body).lines().toList();
    }

    /** The lines 0..n-1 as text. */
    static List<String> numbers(int from, int to) {
        return IntStream.range(from, to).mapToObj(String::valueOf).toList();
    }

    static void assertSameLines(Set<String> expected, List<String> lines) {
        assertEquals(expected.size(), lines.size(), () -> "lines: " + lines);
        assertEquals(expected, new HashSet<>(lines));
    }

    /** Every program of a seed is in the tour under its name, and runs. */
    static void assertRegisteredAndRunnable(List<Program> programs, String seed) {
        Map<String, Program> byName = Tour.byName();
        assertFalse(programs.isEmpty());
        for (Program p : programs) {
            assertEquals(seed, p.seed());
            assertTrue(p.name().matches("[a-z0-9]+(-[a-z0-9]+)*"), p.name());
            assertSame(p.body(), byName.get(p.name()).body(), p.name());
            String out = output(p.body());
            assertFalse(out.isEmpty(), p.name() + " printed nothing");
        }
    }

    // ---------------------------------------------------------------- the programs

    @Test
    @DisplayName("every seed-001 program is in Tour.byName() and runs to its end")
    void allRegisteredAndRunnable() {
        assertRegisteredAndRunnable(Seed001.programs(), "001");
        assertEquals(20, Seed001.programs().size());
    }

    @Test
    @DisplayName("generator: 1 to 5 in order")
    void generator() {
        assertEquals(numbers(1, 6), lines(Generator::main));
    }

    @Test
    @DisplayName("fan-out-fan-in-001: the squares of 1..10, each once, in any order")
    void fanOutFanIn() {
        Set<String> squares = IntStream.rangeClosed(1, 10).mapToObj(n -> String.valueOf(n * n)).collect(Collectors.toSet());
        assertSameLines(squares, lines(FanOutFanIn::main));
    }

    @Test
    @DisplayName("pipeline-001: (2n+1)^2 for n = 1..5, in order")
    void pipeline() {
        assertEquals(List.of("9", "25", "49", "81", "121"), lines(Pipeline::main));
    }

    @Test
    @DisplayName("cancel-context-manual: five values, then the worker reports context canceled")
    void cancelContextManual() {
        List<String> expected = new ArrayList<>(numbers(0, 5));
        expected.add("Worker cancelado: context canceled");
        assertEquals(expected, lines(ContextCancellation::manualCancellation));
    }

    @Test
    @DisplayName("cancel-context-timeout: 0, 1, 2 ... (at least 0..4), then context deadline exceeded")
    void cancelContextTimeout() {
        List<String> lines = lines(ContextCancellation::timeoutCancellation);
        int n = lines.size() - 1;
        // Values every 10 ms, deadline at 50 ms: 0..4 come before it. From then on both cases of
        // the worker's select are ready at each turn (done is closed, main waits to receive), and
        // Go's select picks uniformly at random, so each further value comes with probability 1/2:
        // 5 + a geometric number of values, in order.
        assertTrue(n >= 5, () -> "lines: " + lines);
        assertEquals(numbers(0, n), lines.subList(0, n));
        assertEquals("Worker cancelado: context deadline exceeded", lines.get(n));
    }

    @Test
    @DisplayName("cancel-channel: five values, then the worker reports the closed done channel")
    void cancelChannel() {
        List<String> expected = new ArrayList<>(numbers(0, 5));
        expected.add("Worker cancelado con canal");
        assertEquals(expected, lines(ChannelCancellation::main));
    }

    @Test
    @DisplayName("semaphore-001: ten workers start and finish, never more than three at once")
    void semaphore() {
        List<String> lines = lines(Semaphore::main);
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            expected.add("Worker " + i + " iniciado");
            expected.add("Worker " + i + " finalizado");
        }
        assertSameLines(expected, lines);
        int running = 0;
        int max = 0;
        for (String l : lines) {
            running += l.endsWith("iniciado") ? 1 : -1;
            max = Math.max(max, running);
        }
        assertEquals(3, max); // the fake clock lets all three slots fill
        for (int i = 0; i < 10; i++) {
            assertTrue(lines.indexOf("Worker " + i + " iniciado") < lines.indexOf("Worker " + i + " finalizado"));
        }
    }

    @Test
    @DisplayName("worker-pool-001: each of 20 tasks processed once by a worker 0..4, result = 2 * id")
    void workerPool() {
        List<String> lines = lines(WorkerPool::main);
        assertEquals(40, lines.size(), () -> "lines: " + lines);
        Set<String> results = new HashSet<>();
        Set<Integer> processed = new HashSet<>();
        for (String l : lines) {
            if (l.startsWith("Resultado")) {
                results.add(l);
            } else {
                var m = java.util.regex.Pattern.compile("Worker ([0-4]) procesando tarea (\\d+)").matcher(l);
                assertTrue(m.matches(), l);
                assertTrue(processed.add(Integer.parseInt(m.group(2))), l);
            }
        }
        assertEquals(IntStream.range(0, 20).boxed().collect(Collectors.toSet()), processed);
        assertEquals(IntStream.range(0, 20).mapToObj(i -> "Resultado de tarea " + i + ": " + 2 * i)
                .collect(Collectors.toSet()), results);
    }

    @Test
    @DisplayName("goroutine-errors: jobs divisible by 3 fail, the others double, in job order")
    void goroutineErrors() {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            expected.add(i % 3 == 0 ? "Error: error en trabajo " + i : "Valor: " + 2 * i);
        }
        assertEquals(expected, lines(GoroutineErrors::main));
    }

    @Test
    @DisplayName("pipeline-errors: stage 1 rejects -3, stage 2 rejects 12, the rest are 2n+1")
    void pipelineErrors() {
        assertEquals(List.of("Valor: 3", "Valor: 5", "Error: número negativo: -3", "Valor: 9",
                "Error: valor demasiado grande: 12"), lines(PipelineErrors::main));
    }

    @Test
    @DisplayName("composed-contexts: the goroutine reads userID through the stacked contexts")
    void composedContexts() {
        assertEquals(List.of("UserID del contexto: 123"), lines(ComposedContexts::main));
    }

    @Test
    @DisplayName("merge-split: evens as Par, odds as Impar, each of 1..9 once")
    void mergeSplit() {
        Set<String> expected = new HashSet<>();
        for (int n = 1; n <= 9; n++) {
            expected.add((n % 2 == 0 ? "Par: " : "Impar: ") + n);
        }
        List<String> lines = lines(MergeSplit::main);
        assertSameLines(expected, lines);
        // each generator's numbers keep their order through merge and split
        for (int g = 1; g <= 3; g++) {
            int a = g;
            int b = g + 3;
            int c = g + 6;
            assertTrue(lines.indexOf(label(a)) < lines.indexOf(label(b)) || a % 2 != b % 2);
            assertTrue(lines.indexOf(label(b)) < lines.indexOf(label(c)) || b % 2 != c % 2);
        }
    }

    private static String label(int n) {
        return (n % 2 == 0 ? "Par: " : "Impar: ") + n;
    }

    @Test
    @DisplayName("batching: ten batches of ten, printed as Go prints a []int")
    void batching() {
        List<String> expected = new ArrayList<>();
        for (int b = 0; b < 10; b++) {
            expected.add("Procesando lote: " + IntStream.rangeClosed(b * 10 + 1, b * 10 + 10)
                    .mapToObj(String::valueOf).collect(Collectors.joining(" ", "[", "]")));
        }
        assertEquals(expected, lines(Batching::main));
    }

    @Test
    @DisplayName("controlled-parallelism: NumCPU workers; 100 items of 10 ms take ceil(100/NumCPU) * 10 ms of fake time")
    void controlledParallelism() {
        int cpus = GoRuntime.numCPU();
        Duration expected = Duration.ofMillis(10L * ((100 + cpus - 1) / cpus));
        assertEquals(List.of("Usando " + cpus + " workers (CPUs disponibles)",
                "Procesados 100 items en " + Time.format(expected)), lines(ControlledParallelism::main));
    }

    @Test
    @DisplayName("barrier: nobody passes a barrier before all five have reached it")
    void barrier() {
        List<String> lines = lines(Barrier::main);
        assertEquals(5 * 7 + 1, lines.size(), () -> "lines: " + lines);
        assertEquals("Todos los workers completaron todas las fases", lines.get(lines.size() - 1));
        for (int b = 1; b <= 2; b++) {
            int lastArrival = -1;
            int firstPass = Integer.MAX_VALUE;
            for (int id = 0; id < 5; id++) {
                lastArrival = Math.max(lastArrival, lines.indexOf("Worker " + id + " esperando en barrera " + b));
                firstPass = Math.min(firstPass, lines.indexOf("Worker " + id + " pasó barrera " + b));
            }
            assertTrue(lastArrival >= 0 && lastArrival < firstPass, "barrier " + b + ": " + lines);
        }
        for (int id = 0; id < 5; id++) {
            String w = "Worker " + id + " ";
            List<String> mine = lines.stream().filter(l -> l.startsWith(w)).toList();
            assertEquals(List.of(w + "completando fase 1", w + "esperando en barrera 1", w + "pasó barrera 1",
                    w + "completando fase 2", w + "esperando en barrera 2", w + "pasó barrera 2",
                    w + "completando fase 3"), mine);
        }
    }

    @Test
    @DisplayName("rendezvous: goroutine 2 arrives first, and both go on only after goroutine 1 arrives")
    void rendezvous() {
        List<String> lines = lines(Rendezvous::main);
        assertEquals(6, lines.size(), () -> "lines: " + lines);
        assertEquals(Set.of("Goroutine 1: Iniciando trabajo", "Goroutine 2: Iniciando trabajo"),
                Set.copyOf(lines.subList(0, 2)));
        assertEquals("Goroutine 2: Llegando al punto de encuentro", lines.get(2));
        assertEquals("Goroutine 1: Llegando al punto de encuentro", lines.get(3));
        assertEquals(Set.of("Goroutine 1: Continuando después del encuentro",
                "Goroutine 2: Continuando después del encuentro"), Set.copyOf(lines.subList(4, 6)));
    }

    @Test
    @DisplayName("leaky-function: one goroutine leaks, parked in chan send, until the program releases it")
    void leakyFunction() {
        assertEquals(List.of("0", "Goroutines filtradas: 1 (esperando en [chan send] para siempre)",
                "Tras liberarla: goroutines filtradas: 0"), lines(LeakyFunction::main));
    }

    @Test
    @DisplayName("leaky-function, outside a bubble: the same output, and no goroutine is left behind")
    void leakyFunctionRealTime() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        LeakyFunction.main(new PrintStream(buf, true, StandardCharsets.UTF_8));
        assertTrue(buf.toString(StandardCharsets.UTF_8).endsWith("Tras liberarla: goroutines filtradas: 0"
                + System.lineSeparator()));
    }

    @Test
    @DisplayName("non-leaky-function: one value, and cancel() ends the goroutine")
    void nonLeakyFunction() {
        assertEquals(List.of("0", "Goroutines filtradas: 0"), lines(NonLeakyFunction::main));
    }

    @Test
    @DisplayName("resource-manager: each goroutine reads back its own resource")
    void resourceManager() {
        Set<String> expected = IntStream.range(0, 10)
                .mapToObj(i -> "Recurso resource-" + i + ": data-" + i).collect(Collectors.toSet());
        assertSameLines(expected, lines(ResourceManager::main));
    }

    @Test
    @DisplayName("testing-concurrent-code: both of the seed's tests pass, reported as go test -v does")
    void testingConcurrentCode() {
        assertEquals(List.of("=== RUN   TestProcessItems", "--- PASS: TestProcessItems (0.00s)",
                "=== RUN   TestProcessItemsWithTimeout", "--- PASS: TestProcessItemsWithTimeout (0.00s)",
                "PASS"), lines(TestingConcurrentCode::main));
    }

    /** Seed 001's {@code TestProcessItems}, as a JUnit test: ProcessItems doubles 1..5 in order. */
    @Test
    @DisplayName("ProcessItems doubles every item, in order (seed 001's TestProcessItems)")
    void processItems() {
        Synctest.test(() -> {
            List<Integer> results = new ArrayList<>();
            for (int r : TestingConcurrentCode.processItems(1, 2, 3, 4, 5)) {
                results.add(r);
            }
            assertEquals(List.of(2, 4, 6, 8, 10), results);
        });
    }

    /** Seed 001's {@code TestProcessItemsWithTimeout}, as a JUnit test: five values, then closed. */
    @Test
    @DisplayName("ProcessItems sends five values and then closes its channel (seed 001's TestProcessItemsWithTimeout)")
    void processItemsWithTimeout() {
        Synctest.test(() -> {
            RecvChan<Integer> resultChan = TestingConcurrentCode.processItems(1, 2, 3, 4, 5);
            for (int i = 0; i < 5; i++) {
                assertTrue(resultChan.recvOk().ok(), "channel closed prematurely");
            }
            assertFalse(resultChan.recvOk().ok(), "channel should be closed");
        });
    }
}
