package io.go4j.examples.tour;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/TOUR.md and {@code tour list} name exactly the programs of {@link Tour}, under the right seeds. */
@Timeout(30)
class TourDocTest {

    private static final Pattern SEED = Pattern.compile("^## Seed (\\d{3}):");
    private static final Pattern ROW = Pattern.compile("^\\| `([a-z0-9-]+)` \\|");

    /** The programs docs/TOUR.md lists, with the seed heading each sits under. */
    private static Map<String, String> documented() throws IOException {
        Path doc = Path.of("..", "docs", "TOUR.md");
        if (!Files.exists(doc)) {
            doc = Path.of("docs", "TOUR.md"); // run from the repository root
        }
        Map<String, String> names = new LinkedHashMap<>();
        String seed = null;
        for (String line : Files.readAllLines(doc, StandardCharsets.UTF_8)) {
            Matcher s = SEED.matcher(line);
            if (s.find()) {
                seed = s.group(1);
            }
            Matcher r = ROW.matcher(line);
            if (r.find()) {
                assertTrue(names.put(r.group(1), seed) == null, "listed twice in TOUR.md: " + r.group(1));
            }
        }
        return names;
    }

    /** Every program of the tour is in TOUR.md under its seed, and TOUR.md lists nothing else. */
    @Test
    void tourMdListsEveryProgram() throws IOException {
        Map<String, String> doc = documented();
        Map<String, String> code = new LinkedHashMap<>();
        Tour.byName().forEach((name, p) -> code.put(name, p.seed()));
        assertEquals(new java.util.TreeMap<>(code), new java.util.TreeMap<>(doc));
    }

    /** {@code tour list} prints one line per program, in the registry's order, with its seed. */
    @Test
    void tourListNamesEveryProgram() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Tour.list(new PrintStream(buf, true, StandardCharsets.UTF_8));
        List<String> lines = buf.toString(StandardCharsets.UTF_8).lines().toList();
        List<Program> all = Tour.all();
        assertEquals(all.size(), lines.size());
        for (int i = 0; i < all.size(); i++) {
            Program p = all.get(i);
            assertTrue(lines.get(i).startsWith(p.name() + " "), lines.get(i));
            assertTrue(lines.get(i).contains("seed " + p.seed() + ", " + p.section() + ": " + p.summary()), lines.get(i));
        }
    }
}
