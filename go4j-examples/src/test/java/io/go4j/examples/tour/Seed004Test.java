package io.go4j.examples.tour;

import io.go4j.examples.tour.seed004.Gc;
import io.go4j.examples.tour.seed004.GoexitProgram;
import io.go4j.examples.tour.seed004.Gomaxprocs;
import io.go4j.examples.tour.seed004.Gosched;
import io.go4j.examples.tour.seed004.NumCpu;
import io.go4j.examples.tour.seed004.NumGoroutine;
import io.go4j.examples.tour.seed004.PerformanceMonitor;
import io.go4j.examples.tour.seed004.ReadMemStats;
import io.go4j.examples.tour.seed004.Stack;
import io.go4j.runtime.GoRuntime;
import io.go4j.testing.Leaks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.go4j.examples.tour.Seed001Test.assertRegisteredAndRunnable;
import static io.go4j.examples.tour.Seed001Test.lines;
import static io.go4j.examples.tour.Seed001Test.output;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The output of every tour program of seed 004, run in a synctest bubble (fake clock). The
 * runtime's numbers are checked by shape and range, against the runtime where they can be.
 * No goroutine survives a test.
 */
@Timeout(60)
class Seed004Test {

    private Leaks.Option before;

    @BeforeEach
    void snapshot() {
        before = Leaks.ignoreCurrent();
    }

    @AfterEach
    void noLeaks() {
        Leaks.verifyNone(before);
    }

    /** The number in {@code line}, which must match {@code regex} with one group. */
    private static long number(String regex, String line) {
        Matcher m = Pattern.compile(regex).matcher(line);
        assertTrue(m.matches(), () -> "'" + line + "' !~ " + regex);
        return Long.parseLong(m.group(1));
    }

    @Test
    @DisplayName("every seed-004 program is in Tour.byName() and runs to its end")
    void allRegisteredAndRunnable() {
        assertRegisteredAndRunnable(Seed004.programs(), "004");
        assertEquals(9, Seed004.programs().size());
    }

    @Test
    @DisplayName("runtime-numcpu: the JVM's processor count, at least 1")
    void numCpu() {
        List<String> lines = lines(NumCpu::main);
        assertEquals(1, lines.size());
        long n = number("Núcleos de CPU disponibles: (\\d+)", lines.get(0));
        assertTrue(n >= 1);
        assertEquals(Runtime.getRuntime().availableProcessors(), n);
    }

    @Test
    @DisplayName("runtime-gomaxprocs: prints the current value; GOMAXPROCS(4) is refused unless it is already 4")
    void gomaxprocs() {
        List<String> lines = lines(Gomaxprocs::main);
        int procs = GoRuntime.gomaxprocs(0);
        assertEquals("Configuración anterior de GOMAXPROCS: " + procs, lines.get(lines.size() - 1));
        if (procs == 4) {
            assertEquals(1, lines.size(), lines::toString);
        } else {
            assertEquals(2, lines.size(), lines::toString);
            assertTrue(lines.get(0).startsWith("No se puede cambiar en marcha: GOMAXPROCS(4)"), lines.get(0));
            assertTrue(lines.get(0).contains("-Djdk.virtualThreadScheduler.parallelism=4"), lines.get(0));
        }
    }

    @Test
    @DisplayName("runtime-gc: heap in use before and after a forced collection, as byte counts")
    void gc() {
        List<String> lines = lines(Gc::main);
        assertEquals(2, lines.size(), lines::toString);
        assertTrue(number("Memoria antes de GC: (\\d+)", lines.get(0)) > 0);
        assertTrue(number("Memoria después de GC: (\\d+)", lines.get(1)) > 0);
    }

    @Test
    @DisplayName("runtime-goexit: the goroutine's deferred call runs; the line after Goexit does not")
    void goexit() {
        assertEquals(List.of("Goroutine en ejecución", "Goroutine finalizada"), lines(GoexitProgram::main));
    }

    @Test
    @DisplayName("runtime-gosched: each goroutine prints 0, 1, 2 in order; the two interleave freely")
    void gosched() {
        List<String> lines = lines(Gosched::main);
        assertEquals(6, lines.size(), lines::toString);
        for (int g = 1; g <= 2; g++) {
            String p = "Goroutine " + g + ": ";
            assertEquals(List.of(p + 0, p + 1, p + 2), lines.stream().filter(l -> l.startsWith(p)).toList());
        }
    }

    @Test
    @DisplayName("runtime-numgoroutine: five sleepers plus main are 6 goroutines (on top of any already running)")
    void numGoroutine() {
        int already = GoRuntime.numGoroutine();
        assertEquals(List.of("Goroutines activas: " + (6 + already)), lines(NumGoroutine::main));
    }

    @Test
    @DisplayName("runtime-stack: a Go-format dump, the caller first as [running], cut to 1024 bytes")
    void stack() {
        String out = output(Stack::main);
        assertTrue(out.startsWith("Stack Trace:" + System.lineSeparator()), out);
        String dump = out.substring(("Stack Trace:" + System.lineSeparator()).length());
        assertTrue(dump.matches("(?s)goroutine \\d+ \\[running]:\n.*"), dump);
        assertTrue(dump.contains("io.go4j.examples.tour.seed004.Stack.main"), dump);
        int dumpBytes = dump.substring(0, dump.length() - System.lineSeparator().length())
                .getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        assertTrue(dumpBytes <= 1024, () -> dumpBytes + " bytes");
    }

    @Test
    @DisplayName("runtime-memstats: heap KB, total allocated KB (or unknown) and GC count, by shape")
    void memStats() {
        List<String> lines = lines(ReadMemStats::main);
        assertEquals(3, lines.size(), lines::toString);
        assertTrue(number("Memoria usada: (\\d+) KB", lines.get(0)) > 0);
        assertTrue(lines.get(1).matches("Memoria total asignada: (\\d+ KB|desconocida \\(la JVM no la cuenta\\))"),
                lines.get(1));
        assertTrue(number("Número de GC ejecutadas: (\\d+)", lines.get(2)) >= 0);
    }

    @Test
    @DisplayName("performance-monitor: a sample at once and every 50 ms; mid-run it counts main + monitor + 100")
    void performanceMonitor() {
        int already = GoRuntime.numGoroutine();
        List<String> lines = lines(PerformanceMonitor::main);
        // samples at 0, 50, ..., 550 ms and perhaps at 600 ms, when main stops the monitor
        assertTrue(lines.size() == 12 || lines.size() == 13, lines::toString);
        Pattern p = Pattern.compile("Goroutines: (\\d+) \\| Memoria: (\\d+) KB \\| GCs: (\\d+)");
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = p.matcher(lines.get(i));
            assertTrue(m.matches(), lines.get(i));
            if (i >= 1 && i <= 11) { // between the start and 600 ms every sleeper is alive
                assertEquals(already + 102, Integer.parseInt(m.group(1)), lines.get(i));
            }
        }
    }
}
