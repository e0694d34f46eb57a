package io.go4j.examples;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The observable output of each part of {@link Demo}. Where Go leaves the order of lines free,
 * the tests compare sets of lines and check only the orders Go guarantees (a goroutine's own
 * lines in program order; a {@code Done} before the {@code Wait} it releases returns; a send
 * before the receive that gets its value).
 */
@Timeout(30)
class DemoTest {

    /** Runs a part with a PrintStream on a buffer and returns its lines. */
    private static List<String> linesOf(Consumer<PrintStream> part) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8)) {
            part.accept(out);
        }
        return buf.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    @DisplayName("WaitGroup: each of the 5 workers starts then finishes, and 'all workers done' comes last")
    void waitGroupPart() {
        List<String> lines = linesOf(Demo::waitGroup);
        assertEquals(11, lines.size(), () -> "lines: " + lines);
        assertEquals("all workers done", lines.get(10));
        Set<String> expected = new HashSet<>();
        for (int id = 1; id <= 5; id++) {
            expected.add("worker " + id + " starting");
            expected.add("worker " + id + " done");
            assertTrue(lines.indexOf("worker " + id + " starting") < lines.indexOf("worker " + id + " done"),
                    () -> "worker's own lines out of order: " + lines);
        }
        assertEquals(expected, new HashSet<>(lines.subList(0, 10)));
    }

    private static final Pattern STARTING = Pattern.compile("worker ([1-3]) starting task (\\d+)");
    private static final Pattern RESULT = Pattern.compile("task (\\d+) done by worker ([1-3])");

    @Test
    @DisplayName("Worker pool: every task 1..10 is started once and reported once, by the worker that started it")
    void workerPoolPart() {
        List<String> lines = linesOf(Demo::workerPool);
        assertEquals(20, lines.size(), () -> "lines: " + lines);
        Map<Integer, Integer> startedBy = new HashMap<>();
        List<Integer> reported = new ArrayList<>();
        for (String line : lines) {
            Matcher s = STARTING.matcher(line);
            Matcher r = RESULT.matcher(line);
            if (s.matches()) {
                int task = Integer.parseInt(s.group(2));
                assertNull(startedBy.put(task, Integer.parseInt(s.group(1))), "task started twice: " + task);
            } else if (r.matches()) {
                int task = Integer.parseInt(r.group(1));
                // null if the result came before the task's start line
                assertEquals(startedBy.get(task), Integer.parseInt(r.group(2)),
                        "not reported after its start by the same worker: " + line);
                reported.add(task);
            } else {
                fail("unexpected line: " + line);
            }
        }
        Set<Integer> all = Set.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertEquals(all, startedBy.keySet());
        assertEquals(10, reported.size());
        assertEquals(all, new HashSet<>(reported));
    }

    @Test
    @DisplayName("Pipeline: prints the even squares of 1..10 in order, as Go's does")
    void pipelinePart() {
        assertEquals(List.of("4", "16", "36", "64", "100"), linesOf(Demo::pipeline));
    }

    @Test
    @DisplayName("Pipeline stages: gen sends 1..n in order and closes; sq squares in order")
    void pipelineStages() {
        List<Integer> got = new ArrayList<>();
        for (int v : Demo.sq(Demo.gen(4))) {
            got.add(v);
        }
        assertEquals(List.of(1, 4, 9, 16), got);
        assertNull(Demo.gen(0).recv(), "gen(0) closes at once: receive yields the zero value");
    }

    @Test
    @DisplayName("The whole demo prints the three section headers in order, each followed by its part")
    void wholeDemo() {
        List<String> lines = linesOf(Demo::run);
        int h1 = indexOfPrefix(lines, "== 1.");
        int h2 = indexOfPrefix(lines, "== 2.");
        int h3 = indexOfPrefix(lines, "== 3.");
        assertTrue(h1 == 0 && h1 < h2 && h2 < h3, () -> "headers out of place: " + lines);
        assertEquals(1 + 11 + 1, h2, "part 1's 11 lines and a blank line come before header 2");
        assertEquals(h2 + 1 + 20 + 1, h3, "part 2's 20 lines and a blank line come before header 3");
        assertEquals(List.of("4", "16", "36", "64", "100"), lines.subList(h3 + 1, lines.size()));
    }

    private static int indexOfPrefix(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }
}
