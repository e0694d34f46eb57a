package io.go4j.examples.tour;

import io.go4j.examples.tour.seed002.Broadcast;
import io.go4j.examples.tour.seed002.ChanToSlice;
import io.go4j.examples.tour.seed002.ChannelBasics;
import io.go4j.examples.tour.seed002.ClosingChannels;
import io.go4j.examples.tour.seed002.Drain;
import io.go4j.examples.tour.seed002.FanIn;
import io.go4j.examples.tour.seed002.FanOut;
import io.go4j.examples.tour.seed002.MutexProgram;
import io.go4j.examples.tour.seed002.NonBlocking;
import io.go4j.examples.tour.seed002.OnceProgram;
import io.go4j.examples.tour.seed002.PipelineProgram;
import io.go4j.examples.tour.seed002.Proxy;
import io.go4j.examples.tour.seed002.SearchParallel;
import io.go4j.examples.tour.seed002.SelectLoop;
import io.go4j.examples.tour.seed002.SemaphoreProgram;
import io.go4j.examples.tour.seed002.SingleExecution;
import io.go4j.examples.tour.seed002.Singleflight;
import io.go4j.examples.tour.seed002.StatefulGoroutines;
import io.go4j.examples.tour.seed002.Sum;
import io.go4j.examples.tour.seed002.TimeoutProgram;
import io.go4j.examples.tour.seed002.WaitGroupProgram;
import io.go4j.testing.Leaks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.go4j.examples.tour.Seed001Test.assertRegisteredAndRunnable;
import static io.go4j.examples.tour.Seed001Test.assertSameLines;
import static io.go4j.examples.tour.Seed001Test.lines;
import static io.go4j.examples.tour.Seed001Test.output;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The output of every tour program of seed 002, run in a synctest bubble (fake clock), except
 * the TCP proxy, which runs outside (real sockets; it never sleeps). Exact where Go fixes the
 * output; sets of lines plus the orders Go guarantees where it does not. No goroutine survives
 * a test.
 */
@Timeout(60)
class Seed002Test {

    private Leaks.Option before;

    @BeforeEach
    void snapshot() {
        before = Leaks.ignoreCurrent();
    }

    @AfterEach
    void noLeaks() {
        Leaks.verifyNone(before);
    }

    /** Whether {@code a} comes before {@code b} in {@code lines} (both present). */
    private static void assertBefore(List<String> lines, String a, String b) {
        int i = lines.indexOf(a);
        int j = lines.indexOf(b);
        assertTrue(i >= 0 && j >= 0 && i < j, () -> "'" + a + "' before '" + b + "' in " + lines);
    }

    @Test
    @DisplayName("every seed-002 program is in Tour.byName() and runs to its end")
    void allRegisteredAndRunnable() {
        assertRegisteredAndRunnable(Seed002.programs(), "002");
        assertEquals(21, Seed002.programs().size());
    }

    @Test
    @DisplayName("sum-002: the two sums, 6 and 10, in either order, then 16")
    void sum() {
        List<String> lines = lines(Sum::main);
        assertTrue(lines.equals(List.of("6 10 16")) || lines.equals(List.of("10 6 16")), lines::toString);
    }

    @Test
    @DisplayName("channel-basics-002: len/cap before and after close, FIFO, then (0, false)")
    void channelBasics() {
        assertEquals(List.of("len: 0 cap: 20", "len: 3 cap: 20", "cerrado; len: 3 cap: 20", "1 true", "2", "3",
                "0 false"), lines(ChannelBasics::main));
    }

    @Test
    @DisplayName("select-loop-002: the first ten Fibonacci numbers, then quit")
    void selectLoop() {
        assertEquals(List.of("0", "1", "1", "2", "3", "5", "8", "13", "21", "34", "quit"), lines(SelectLoop::main));
    }

    @Test
    @DisplayName("search-parallel-002: one result from each of the three searches, in any order")
    void searchParallel() {
        assertSameLines(Set.of("web result for \"golang\"", "image result for \"golang\"",
                "video result for \"golang\""), lines(SearchParallel::main));
    }

    @Test
    @DisplayName("non-blocking-002: with nobody on the other side, all three selects take default")
    void nonBlocking() {
        assertEquals(List.of("no message received", "no message sent", "no activity"), lines(NonBlocking::main));
    }

    @Test
    @DisplayName("drain-002: a full buffer of 10 is emptied by the draining goroutine")
    void drain() {
        assertEquals(List.of("len(c) antes de vaciar: 10", "len(c) después de vaciar: 0"), lines(Drain::main));
    }

    @Test
    @DisplayName("closing-channels-002: three jobs sent and received in order, then all jobs, then ok == false")
    void closingChannels() {
        List<String> lines = lines(ClosingChannels::main);
        assertSameLines(Set.of("sent job 1", "sent job 2", "sent job 3", "sent all jobs", "received job 1",
                "received job 2", "received job 3", "received all jobs", "received more jobs: false"), lines);
        assertEquals("received more jobs: false", lines.get(lines.size() - 1));
        assertBefore(lines, "sent job 1", "sent job 2");
        assertBefore(lines, "sent job 2", "sent job 3");
        assertBefore(lines, "sent job 3", "sent all jobs");
        assertBefore(lines, "received job 1", "received job 2");
        assertBefore(lines, "received job 2", "received job 3");
        assertBefore(lines, "received job 3", "received all jobs");
    }

    @Test
    @DisplayName("timeout-002: the fast job's link, then the timeout message with no newline")
    void timeout() {
        assertEquals("Link: https://example.com/jobs/42" + System.lineSeparator() + "Mucho tiempo esperando",
                output(TimeoutProgram::main));
    }

    @Test
    @DisplayName("stateful-goroutines-002: readers and writers both got answers from the state goroutine")
    void statefulGoroutines() {
        List<String> lines = lines(StatefulGoroutines::main);
        assertEquals(2, lines.size(), lines::toString);
        Matcher r = Pattern.compile("readOps: (\\d+)").matcher(lines.get(0));
        Matcher w = Pattern.compile("writeOps: (\\d+)").matcher(lines.get(1));
        assertTrue(r.matches() && w.matches(), lines::toString);
        // 100 readers and 10 writers, one operation per fake millisecond each, for 100 ms
        long reads = Long.parseLong(r.group(1));
        long writes = Long.parseLong(w.group(1));
        assertTrue(reads >= 100 && writes >= 10, lines::toString);
        assertTrue(reads > writes, lines::toString);
    }

    @Test
    @DisplayName("waitgroup-002: three routines in any order, and Wait returns after all of them")
    void waitGroup() {
        List<String> lines = lines(WaitGroupProgram::main);
        assertEquals(4, lines.size(), lines::toString);
        assertEquals(Set.of("rutina 1 terminada", "rutina 2 terminada", "rutina 3 terminada"),
                Set.copyOf(lines.subList(0, 3)));
        assertEquals("wg.Wait() ha vuelto: todas las rutinas han terminado", lines.get(3));
    }

    @Test
    @DisplayName("chan-to-slice-002: each int arrives as a one-element slice")
    void chanToSlice() {
        assertEquals(List.of("[1] [2]"), lines(ChanToSlice::main));
    }

    @Test
    @DisplayName("mutex-002: the guarded counter is exactly 10000, and Lock waits for main's Unlock")
    void mutex() {
        assertEquals(List.of("count: 10000", "main: Unlock()", "goroutine: Lock() ha vuelto"),
                lines(MutexProgram::main));
    }

    @Test
    @DisplayName("once-002: ten goroutines, one 'Only once'")
    void once() {
        assertEquals(List.of("Only once"), lines(OnceProgram::main));
    }

    @Test
    @DisplayName("singleflight-002: five concurrent callers share one execution; a later call runs anew")
    void singleflight() {
        List<String> lines = lines(Singleflight::main);
        assertEquals(7, lines.size(), lines::toString);
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            expected.add("goroutine " + i + ": v=datos err=<nil> shared=true");
        }
        assertEquals(expected, Set.copyOf(lines.subList(0, 5)));
        assertEquals("ejecuciones de la función: 1", lines.get(5));
        assertEquals("otra vez: v=datos shared=false; ejecuciones: 2", lines.get(6));
    }

    @Test
    @DisplayName("single-execution-002: requests 2 and 3 are ignored while the batch runs; request 4 starts it again")
    void singleExecution() {
        List<String> lines = lines(SingleExecution::main);
        List<String> requests = lines.stream().filter(l -> l.startsWith("petición")).toList();
        assertEquals(List.of("petición 1: batch arrancado", "petición 2: ya hay un batch en marcha, ignorada",
                "petición 3: ya hay un batch en marcha, ignorada", "petición 4: batch arrancado"), requests);
        List<String> batch = lines.stream().filter(l -> l.startsWith("batch")).toList();
        assertEquals(List.of("batch: procesando...", "batch: terminado", "batch: procesando...", "batch: terminado"),
                batch);
        assertEquals(8, lines.size(), lines::toString);
        // the first batch ends before request 4 starts the second
        assertTrue(lines.indexOf("batch: terminado") < lines.indexOf("petición 4: batch arrancado"), lines::toString);
    }

    @Test
    @DisplayName("proxy-002: echoes through the proxy; the client-to-server copy ends first, without error")
    void proxy() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Proxy.main(new PrintStream(buf, true, StandardCharsets.UTF_8)); // real sockets: outside a bubble
        assertEquals(List.of("cliente: envía \"hola\", recibe \"eco: hola\"",
                "cliente: envía \"adiós\", recibe \"eco: adiós\"",
                "proxy: una copia ha terminado (err=<nil>); cierra ambas conexiones",
                "cliente: conexión cerrada por el proxy: true"), buf.toString(StandardCharsets.UTF_8).lines().toList());
    }

    @Test
    @DisplayName("semaphore-002: six requests, never more than two at the server")
    void semaphore() {
        List<String> lines = lines(SemaphoreProgram::main);
        Set<String> expected = new HashSet<>();
        for (int i = 1; i <= 6; i++) {
            expected.add("petición " + i + ": enviada al servidor");
            expected.add("petición " + i + ": respondida");
        }
        assertSameLines(expected, lines);
        int running = 0;
        int max = 0;
        for (String l : lines) {
            running += l.endsWith("enviada al servidor") ? 1 : -1;
            max = Math.max(max, running);
        }
        assertEquals(2, max);
    }

    @Test
    @DisplayName("pipeline-002: sq(sq(gen(2, 3))) gives 16 then 81")
    void pipeline() {
        assertEquals(List.of("16", "81"), lines(PipelineProgram::main));
    }

    @Test
    @DisplayName("fan-out-002: each of the nine jobs goes to exactly one of workers 1..3")
    void fanOut() {
        List<String> lines = lines(FanOut::main);
        assertEquals(9, lines.size(), lines::toString);
        Set<Integer> jobs = new HashSet<>();
        Pattern p = Pattern.compile("worker [123]: trabajo (\\d)");
        for (String l : lines) {
            Matcher m = p.matcher(l);
            assertTrue(m.matches(), l);
            assertTrue(jobs.add(Integer.parseInt(m.group(1))), l);
        }
        assertEquals(Set.of(1, 2, 3, 4, 5, 6, 7, 8, 9), jobs);
    }

    @Test
    @DisplayName("fan-in-002: all nine values, each producer's in order, then 'all closed'")
    void fanIn() {
        List<String> lines = lines(FanIn::main);
        assertEquals(10, lines.size(), lines::toString);
        assertEquals("todas las entradas cerradas", lines.get(9));
        for (String p : List.of("a", "b", "c")) {
            assertEquals(List.of("recibido " + p + "-1", "recibido " + p + "-2", "recibido " + p + "-3"),
                    lines.stream().filter(l -> l.startsWith("recibido " + p + "-")).toList());
        }
    }

    @Test
    @DisplayName("broadcast-002: every worker starts and gets both messages, in order")
    void broadcast() {
        List<String> lines = lines(Broadcast::main);
        assertEquals(9, lines.size(), lines::toString);
        for (int i = 0; i < 3; i++) {
            String w = "worker " + i;
            assertEquals(List.of(w + ": arrancado", w + " recibió \"hola\"", w + " recibió \"adiós\""),
                    lines.stream().filter(l -> l.startsWith(w)).toList());
        }
    }
}
