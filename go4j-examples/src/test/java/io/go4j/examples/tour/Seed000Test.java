package io.go4j.examples.tour;

import io.go4j.testing.Leaks;
import io.go4j.testing.Synctest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The output of every seed-000 tour program ({@link Seed000}), each run by its name through
 * {@link Tour#byName()}. Programs run in a {@link Synctest} bubble: their sleeps, timers and
 * timeouts take no real time and fire in the order of their fake times, so the tests can check
 * which lines come before which. What Go leaves free (the order of lines printed at the same
 * instant by different goroutines) is compared as sets. Go ends a program when main returns, so
 * "the output" is what had been printed when the body returned; the bubble then lets any
 * leftover goroutine finish. After each test no goroutine is left.
 *
 * <p>The static helpers are shared with {@link Seed003Test}.
 */
@Timeout(60)
class Seed000Test {

    @AfterEach
    void noGoroutineLeft() {
        Leaks.verifyNone(Leaks.ignoreCurrent());
    }

    // ------------------------------------------------------------------ helpers

    /** The lines of a run: those printed when main returned (Go's output) and all of them. */
    record Output(List<String> atExit, List<String> all) {
    }

    /** The program registered under {@code name} in the tour. */
    static Program program(String name) {
        Program p = Tour.byName().get(name);
        assertNotNull(p, () -> "no tour program named " + name);
        return p;
    }

    /** Runs the named program in a synctest bubble (fake time) and returns what it printed. */
    static Output runInBubble(String name) {
        Program p = program(name);
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
        AtomicReference<String> atExit = new AtomicReference<>();
        Synctest.test(() -> {
            try {
                p.body().run(out);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            atExit.set(buf.toString(StandardCharsets.UTF_8)); // main returned: Go's program ends here
        });
        return new Output(atExit.get().lines().toList(), buf.toString(StandardCharsets.UTF_8).lines().toList());
    }

    /** Runs the named program in real time on the calling thread and returns its lines. */
    static List<String> runReal(String name) throws Exception {
        Program p = program(name);
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8)) {
            p.body().run(out);
        }
        return buf.toString(StandardCharsets.UTF_8).lines().toList();
    }

    /** Go's output of the named program when it is fully deterministic. */
    static List<String> bubbleLines(String name) {
        Output o = runInBubble(name);
        assertEquals(o.atExit(), o.all(), "nothing is printed after main returns");
        return o.all();
    }

    /**
     * Asserts that the lines came out in the order of the fake times at which they were printed:
     * {@code time(key, n)} is the time of the n-th (from 0) line whose {@code key} is {@code key}.
     * Lines printed at the same instant may come in any order.
     */
    static void assertTimeOrder(List<String> lines, Function<String, String> key, BiFunction<String, Integer, Long> time) {
        Map<String, Integer> seen = new HashMap<>();
        long last = Long.MIN_VALUE;
        for (String line : lines) {
            String k = key.apply(line);
            int n = seen.merge(k, 1, Integer::sum) - 1;
            Long t = time.apply(k, n);
            assertNotNull(t, () -> "unexpected line: " + line + " in " + lines);
            assertTrue(t >= last, () -> "'" + line + "' (at " + t + " ms) printed after a line of a later time: " + lines);
            last = t;
        }
    }

    static int count(List<String> lines, String line) {
        return Collections.frequency(lines, line);
    }

    // ------------------------------------------------------------------ registration

    @Test
    @DisplayName("Seed 000's programs are registered in the tour, in the seed's order, under unique names")
    void registered() {
        List<String> names = Seed000.programs().stream().map(Program::name).toList();
        assertEquals(List.of("goroutines", "anonymous-goroutines", "waitgroup", "channel", "buffered-channel",
                "closing-channel", "channel-direction", "select", "select-timeout", "select-default",
                "mutex-counter", "rwmutex-map", "once", "cond", "worker-pool", "pipeline", "fan-out-fan-in",
                "cancellation", "timeout", "context", "context-values", "context-cancel"), names);
        Map<String, Program> byName = Tour.byName(); // throws on a duplicate name across all seeds
        for (Program p : Seed000.programs()) {
            Program registered = byName.get(p.name());
            assertNotNull(registered, p.name());
            assertEquals(List.of(p.seed(), p.section(), p.summary()),
                    List.of(registered.seed(), registered.section(), registered.summary()), p.name());
            assertEquals("000", p.seed());
            assertTrue(p.name().matches("[a-z0-9]+(-[a-z0-9]+)*"), p.name());
            assertFalse(p.section().isBlank(), p.name());
            assertFalse(p.summary().isBlank(), p.name());
        }
    }

    // ------------------------------------------------------------------ goroutines

    @Test
    @DisplayName("goroutines: hola and mundo alternate tick by tick; main's 5 holas end it, with 4 or 5 mundos")
    void goroutines() {
        List<String> out = runInBubble("goroutines").atExit();
        assertEquals(5, count(out, "hola"), () -> "" + out);
        int mundos = count(out, "mundo");
        assertTrue(mundos == 4 || mundos == 5, () -> "" + out);
        assertEquals(5 + mundos, out.size(), () -> "" + out);
        assertTimeOrder(out, l -> l, (k, n) -> 100L * (n + 1));
    }

    @Test
    @DisplayName("anonymous-goroutines: at main's return, 5 hola, 4-5 mundo and 3 goroutine (every 150 ms), in time order")
    void anonymousGoroutines() {
        List<String> out = runInBubble("anonymous-goroutines").atExit();
        assertEquals(5, count(out, "hola"), () -> "" + out);
        assertTrue(count(out, "mundo") >= 4, () -> "" + out);
        assertEquals(3, count(out, "goroutine"), () -> "" + out);
        assertEquals(out.size(), count(out, "hola") + count(out, "mundo") + count(out, "goroutine"), () -> "" + out);
        assertTimeOrder(out, l -> l, (k, n) -> (k.equals("goroutine") ? 150L : 100L) * (n + 1));
    }

    @Test
    @DisplayName("waitgroup: five workers start, then finish, then main's line comes last")
    void waitGroup() {
        List<String> out = bubbleLines("waitgroup");
        assertEquals(11, out.size(), () -> "" + out);
        Set<String> starts = new HashSet<>(), ends = new HashSet<>();
        for (int i = 1; i <= 5; i++) {
            starts.add("Trabajador " + i + " iniciando");
            ends.add("Trabajador " + i + " terminado");
        }
        assertEquals(starts, new HashSet<>(out.subList(0, 5)));
        assertEquals(ends, new HashSet<>(out.subList(5, 10)));
        assertEquals("Todos los trabajadores han terminado", out.get(10));
    }

    // ------------------------------------------------------------------ channels

    @Test
    @DisplayName("channel: main receives and prints 42")
    void channel() {
        assertEquals(List.of("42"), bubbleLines("channel"));
    }

    @Test
    @DisplayName("buffered-channel: 1, 2, 3 in FIFO order")
    void bufferedChannel() {
        assertEquals(List.of("1", "2", "3"), bubbleLines("buffered-channel"));
    }

    @Test
    @DisplayName("closing-channel: 0..4 read with v, ok until closed, then 0..4 again with range")
    void closingChannel() {
        assertEquals(List.of("0", "1", "2", "3", "4", "0", "1", "2", "3", "4"), bubbleLines("closing-channel"));
    }

    @Test
    @DisplayName("channel-direction: the consumer prints 0..4, then signals done")
    void channelDirection() {
        assertEquals(List.of("0", "1", "2", "3", "4"), bubbleLines("channel-direction"));
    }

    @Test
    @DisplayName("select: uno (after 1 unit) is received before dos (after 2)")
    void select() {
        assertEquals(List.of("Recibido uno", "Recibido dos"), bubbleLines("select"));
    }

    @Test
    @DisplayName("select-timeout: time.After fires before the answer")
    void selectTimeout() {
        Output o = runInBubble("select-timeout");
        assertEquals(List.of("Timeout después de 1 segundo"), o.atExit());
        assertEquals(o.atExit(), o.all(), "the late sender prints nothing");
    }

    @Test
    @DisplayName("select-default: nothing to receive, so default runs")
    void selectDefault() {
        assertEquals(List.of("No hay mensajes disponibles"), bubbleLines("select-default"));
    }

    // ------------------------------------------------------------------ sync

    @Test
    @DisplayName("mutex-counter: 1000 increments under the mutex give 1000")
    void mutexCounter() {
        assertEquals(List.of("Contador final: 1000"), bubbleLines("mutex-counter"));
    }

    private static final Pattern READER = Pattern.compile("Lector ([0-2]): datos = map\\[(.*)]");

    @Test
    @DisplayName("rwmutex-map: 5 writes and 30 reads in time order; every read shows exactly the keys written so far")
    void rwMutexMap() {
        List<String> out = bubbleLines("rwmutex-map");
        assertEquals(35, out.size(), () -> "" + out);
        int written = 0;
        int[] reads = new int[3];
        for (String line : out) {
            Matcher m = READER.matcher(line);
            if (line.startsWith("Escritor")) {
                assertEquals("Escritor: añadida clave " + written, line);
                written++;
            } else {
                assertTrue(m.matches(), () -> "unexpected line: " + line);
                reads[Integer.parseInt(m.group(1))]++;
                String keys = String.join(" ", IntStream.range(0, written).mapToObj(i -> "clave" + i + ":valor" + i).toList());
                assertEquals(keys, m.group(2), () -> "a read under RLock must see every write announced before it: " + out);
            }
        }
        assertEquals(5, written);
        assertArrayEquals(new int[] {10, 10, 10}, reads);
        // the writer writes at 0, 100, ... 400 ms; each reader reads at 0, 50, ... 450 ms
        assertTimeOrder(out, l -> l.startsWith("Lector") ? l.substring(0, 8) : "Escritor",
                (k, n) -> (k.equals("Escritor") ? 100L : 50L) * n);
    }

    @Test
    @DisplayName("once: initialization printed once, after some goroutine tried and before any goroutine finished")
    void once() {
        List<String> out = bubbleLines("once");
        assertEquals(21, out.size(), () -> "" + out);
        assertEquals(1, count(out, "Inicialización realizada"), () -> "" + out);
        int init = out.indexOf("Inicialización realizada");
        boolean someTriedBefore = false;
        for (int i = 0; i < 10; i++) {
            int tried = out.indexOf("Goroutine " + i + " intentando inicializar");
            int done = out.indexOf("Goroutine " + i + " terminada");
            assertTrue(tried >= 0 && tried < done, () -> "" + out);
            assertTrue(init < done, () -> "Do returned before inicializar finished: " + out);
            someTriedBefore |= tried < init;
        }
        assertTrue(someTriedBefore, () -> "" + out);
    }

    @Test
    @DisplayName("cond: all three wait once, then all three see the condition after the broadcast")
    void cond() {
        List<String> out = bubbleLines("cond");
        assertEquals(6, out.size(), () -> "" + out);
        assertEquals(Set.of("Goroutine 0: esperando...", "Goroutine 1: esperando...", "Goroutine 2: esperando..."),
                new HashSet<>(out.subList(0, 3)));
        assertEquals(Set.of("Goroutine 0: ¡condición cumplida!", "Goroutine 1: ¡condición cumplida!",
                "Goroutine 2: ¡condición cumplida!"), new HashSet<>(out.subList(3, 6)));
    }

    // ------------------------------------------------------------------ patterns

    private static final Pattern STARTS = Pattern.compile("Trabajador ([1-3]) iniciando tarea (\\d+)");
    private static final Pattern DONE = Pattern.compile("Tarea (\\d+) completada por trabajador ([1-3])");

    @Test
    @DisplayName("worker-pool: each task started and completed once by one worker, in fake-time order; chains 1-4-7-10, 2-5-8, 3-6-9")
    void workerPool() {
        List<String> out = bubbleLines("worker-pool");
        assertEquals(20, out.size(), () -> "" + out);
        Map<Integer, Integer> startedBy = new HashMap<>(), doneBy = new HashMap<>();
        for (String line : out) {
            Matcher s = STARTS.matcher(line), d = DONE.matcher(line);
            if (s.matches()) {
                assertNull(startedBy.put(Integer.parseInt(s.group(2)), Integer.parseInt(s.group(1))), line);
            } else {
                assertTrue(d.matches(), () -> "unexpected line: " + line);
                assertNull(doneBy.put(Integer.parseInt(d.group(1)), Integer.parseInt(d.group(2))), line);
            }
        }
        assertEquals(startedBy, doneBy, "every task reported by the worker that started it");
        assertEquals(10, startedBy.size());
        // task t takes 100+50t ms; a worker takes the next task when it finishes one
        int[][] chains = {{1, 4, 7, 10}, {2, 5, 8}, {3, 6, 9}};
        Set<Integer> workers = new HashSet<>();
        for (int[] chain : chains) {
            for (int t : chain) {
                assertEquals(startedBy.get(chain[0]), startedBy.get(t), () -> "chains of one worker: " + out);
            }
            workers.add(startedBy.get(chain[0]));
        }
        assertEquals(Set.of(1, 2, 3), workers);
        long[] start = new long[11];
        long[] end = new long[11];
        for (int[] chain : chains) {
            long t0 = 0;
            for (int t : chain) {
                start[t] = t0;
                t0 += 100 + 50L * t;
                end[t] = t0;
            }
        }
        assertTimeOrder(out, l -> l, (k, n) -> {
            Matcher s = STARTS.matcher(k), d = DONE.matcher(k);
            return s.matches() ? start[Integer.parseInt(s.group(2))] : d.matches() ? end[Integer.parseInt(d.group(1))] : null;
        });
    }

    @Test
    @DisplayName("pipeline: 4, 16, 36, 64, 100 in order")
    void pipeline() {
        assertEquals(List.of("4", "16", "36", "64", "100"), bubbleLines("pipeline"));
    }

    @Test
    @DisplayName("fan-out-fan-in: every square of 1..10 once, in waves of three processors: {1,4,9} {16,25,36} {49,64,81} {100}")
    void fanOutFanIn() {
        List<String> out = bubbleLines("fan-out-fan-in");
        assertEquals(10, out.size(), () -> "" + out);
        assertEquals(Set.of("1", "4", "9"), new HashSet<>(out.subList(0, 3)), () -> "" + out);
        assertEquals(Set.of("16", "25", "36"), new HashSet<>(out.subList(3, 6)), () -> "" + out);
        assertEquals(Set.of("49", "64", "81"), new HashSet<>(out.subList(6, 9)), () -> "" + out);
        assertEquals("100", out.get(9));
    }

    @Test
    @DisplayName("cancellation: steps 1-4 complete; cancelled at step 5, or at 6 if step 5's timer won the tie")
    void cancellation() {
        List<String> out = bubbleLines("cancellation");
        String request = "Solicitando cancelación...";
        assertEquals(1, count(out, request), () -> "" + out);
        int at = out.indexOf(request);
        List<String> task = new ArrayList<>(out);
        task.remove(request);
        List<String> stoppedAt5 = List.of("Paso 1 completado", "Paso 2 completado", "Paso 3 completado",
                "Paso 4 completado", "Tarea cancelada en el paso 5: context canceled");
        List<String> stoppedAt6 = List.of("Paso 1 completado", "Paso 2 completado", "Paso 3 completado",
                "Paso 4 completado", "Paso 5 completado", "Tarea cancelada en el paso 6: context canceled");
        assertTrue(task.equals(stoppedAt5) || task.equals(stoppedAt6), () -> "" + out);
        assertTrue(at > out.indexOf("Paso 4 completado") && at < out.size() - 1, () -> "cancel requested at 1 s: " + out);
    }

    @Test
    @DisplayName("timeout: the 1-unit context times out before the 2-unit operation")
    void timeout() {
        Output o = runInBubble("timeout");
        assertEquals(List.of("Error: context deadline exceeded"), o.atExit());
        assertEquals(o.atExit(), o.all());
    }

    // ------------------------------------------------------------------ context

    @Test
    @DisplayName("context: the operation is cancelled by the context's deadline")
    void context() {
        Output o = runInBubble("context");
        assertEquals(List.of("Operación cancelada: context deadline exceeded"), o.atExit());
        assertEquals(o.atExit(), o.all());
    }

    @Test
    @DisplayName("context-values: both values are found under their typed keys")
    void contextValues() {
        assertEquals(List.of("Procesando para usuario: user123", "ID de seguimiento: trace456"),
                bubbleLines("context-values"));
    }

    @Test
    @DisplayName("context-cancel: steps 1-3, the cancel request at 500 ms between 2 and 3, stop before step 4")
    void contextCancel() {
        assertEquals(List.of("Paso 1 completado", "Paso 2 completado", "Solicitando cancelación...",
                "Paso 3 completado", "Cancelado en paso 4: context canceled"), bubbleLines("context-cancel"));
    }
}
