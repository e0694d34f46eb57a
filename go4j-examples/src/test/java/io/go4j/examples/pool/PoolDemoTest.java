package io.go4j.examples.pool;

import io.go4j.testing.Leaks;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/** {@link PoolDemo}'s command line: its arguments, exit status and output. */
@Timeout(60)
class PoolDemoTest {

    @Test
    @DisplayName("20 workers x 25 queries through a pool of 3: 500 rows, no failure, at most 3 sessions, then none left")
    void demoRuns() throws Exception {
        Leaks.Option before = Leaks.ignoreCurrent();
        String url = "jdbc:h2:mem:pooldemotest;DB_CLOSE_DELAY=-1";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = PoolDemo.run(new String[] {"--workers", "20", "--queries", "25", "--max-open", "3", "--url", url}, o, e);
        }
        assertEquals(0, code, () -> err.toString(StandardCharsets.UTF_8));
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(3, lines.size(), lines::toString);
        assertEquals("20 workers x 25 queries through a pool of 3: 500 rows, 0 failed", lines.get(0));
        Matcher m = Pattern.compile("most sessions the database saw at once: (\\d+)").matcher(lines.get(1));
        assertTrue(m.matches(), lines.get(1));
        int peak = Integer.parseInt(m.group(1));
        assertTrue(peak >= 1 && peak <= 3, lines.get(1));
        assertTrue(Pattern.matches("pool: opened [123], open [123], idle [123], in use 0, waits \\d+ \\(\\d+ ms\\), "
                + "timeouts 0, broken 0", lines.get(2)), lines.get(2));
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement st = c.createStatement()) {
            var rs = st.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS");
            rs.next();
            assertEquals(1, rs.getInt(1), "only this session: the pool closed its connections");
            st.execute("SHUTDOWN");
        }
        Leaks.verifyNone(before);
    }

    @Test
    @DisplayName("a bad flag is a usage error: exit 2")
    void usage() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            assertEquals(2, PoolDemo.run(new String[] {"--workers", "0"}, o, e));
        }
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("pool-demo: --workers 0: want a positive number"));
    }
}
