package io.go4j;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The one rule of ARCHITECTURE.md, checked on the library's sources: every blocking wait goes
 * through the park facility, so no other file may use {@code synchronized}, {@code Object.wait},
 * a {@code BlockingQueue}, {@code LockSupport.park} or {@code Thread.sleep}.
 */
class ArchitectureTest {

    private static final Path MAIN = Path.of("src/main/java");

    private static final List<Pattern> FORBIDDEN = List.of(
            Pattern.compile("\\bsynchronized\\b"),
            Pattern.compile("\\.wait\\("),
            Pattern.compile("BlockingQueue"),
            Pattern.compile("LockSupport\\.park"),
            Pattern.compile("Thread\\.sleep"),
            Pattern.compile("\\.notify(All)?\\("));

    /** Only Park.java may call LockSupport.park; nothing may use the other constructs at all. */
    @Test
    void noWaitOutsideTheParkFacility() throws IOException {
        List<String> offences = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(MAIN)) {
            files = s.filter(p -> p.toString().endsWith(".java")).toList();
        }
        assertTrue(files.size() > 10, "sources found at " + MAIN.toAbsolutePath());
        for (Path f : files) {
            List<String> lines = Files.readAllLines(f);
            for (int i = 0; i < lines.size(); i++) {
                String code = stripComment(lines.get(i));
                for (Pattern p : FORBIDDEN) {
                    if (!p.matcher(code).find()) {
                        continue;
                    }
                    boolean allowed = p.pattern().startsWith("LockSupport")
                            && f.endsWith(Path.of("io/go4j/internal/park/Park.java"));
                    if (!allowed) {
                        offences.add(MAIN.relativize(f) + ":" + (i + 1) + ": " + code.trim());
                    }
                }
            }
        }
        assertEquals(List.of(), offences);
    }

    /** The internal packages stay out of module-info's exports. */
    @Test
    void internalsAreNotExported() throws IOException {
        String moduleInfo = Files.readString(MAIN.resolve("module-info.java"));
        assertTrue(moduleInfo.contains("exports io.go4j;"));
        assertTrue(!moduleInfo.contains("exports io.go4j.internal"), moduleInfo);
    }

    private static String stripComment(String line) {
        String t = line.trim();
        if (t.startsWith("*") || t.startsWith("/*") || t.startsWith("//")) {
            return "";
        }
        int c = line.indexOf("//");
        return c >= 0 ? line.substring(0, c) : line;
    }
}
