package io.go4j.examples.kv;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The KV server's flags (Go's flag syntax) and Go's duration notation. */
@Timeout(10)
class ConfigTest {

    @Test
    @DisplayName("No flags: the defaults (127.0.0.1:8080, 1 MiB, 5s, 5s, 3 workers, 2s, 2s)")
    void defaults() {
        assertEquals(new Config("127.0.0.1", 8080, 1 << 20, Duration.ofSeconds(5), Duration.ofSeconds(5), 3,
                Duration.ofSeconds(2), Duration.ofSeconds(2)), Config.parse());
    }

    @Test
    @DisplayName("Every flag, in the forms -name value, --name value and --name=value")
    void everyFlag() {
        Config c = Config.parse("--addr", "0.0.0.0", "-port=9090", "--max-body=10", "--request-timeout", "1.5s",
                "--shutdown-timeout", "1m30s", "-workers", "7", "--slow-delay=250ms", "--task-delay", "0");
        assertEquals(new Config("0.0.0.0", 9090, 10, Duration.ofMillis(1500), Duration.ofSeconds(90), 7,
                Duration.ofMillis(250), Duration.ZERO), c);
    }

    @Test
    @DisplayName("Go's durations: units ns, us/µs, ms, s, m, h, fractions, sequences, a bare 0; Go's messages otherwise")
    void durations() {
        assertEquals(Duration.ofNanos(5), Config.parseDuration("5ns"));
        assertEquals(Duration.ofNanos(1500), Config.parseDuration("1.5µs"));
        assertEquals(Duration.ofNanos(2000), Config.parseDuration("2us"));
        assertEquals(Duration.ofMinutes(165), Config.parseDuration("2h45m"));
        assertEquals(Duration.ofMillis(500), Config.parseDuration(".5s"));
        assertEquals(Duration.ofMillis(-300), Config.parseDuration("-300ms"));
        assertEquals(Duration.ZERO, Config.parseDuration("0"));
        assertEquals("time: missing unit in duration \"5\"",
                assertThrows(IllegalArgumentException.class, () -> Config.parseDuration("5")).getMessage());
        assertEquals("time: unknown unit \"d\" in duration \"3d\"",
                assertThrows(IllegalArgumentException.class, () -> Config.parseDuration("3d")).getMessage());
        assertEquals("time: invalid duration \"\"",
                assertThrows(IllegalArgumentException.class, () -> Config.parseDuration("")).getMessage());
        assertEquals("time: invalid duration \"s\"",
                assertThrows(IllegalArgumentException.class, () -> Config.parseDuration("s")).getMessage());
    }

    @Test
    @DisplayName("Bad command lines fail with Go's flag messages")
    void usageErrors() {
        assertEquals("flag provided but not defined: -nope", usage("--nope", "1"));
        assertEquals("flag needs an argument: -port", usage("--port"));
        assertEquals("invalid value \"x\" for flag -port: parse error", usage("--port", "x"));
        assertEquals("invalid value \"70000\" for flag -port: out of range 0-65535", usage("--port", "70000"));
        assertEquals("invalid value \"0\" for flag -workers: must be at least 1", usage("--workers", "0"));
        assertEquals("invalid value \"0\" for flag -max-body: must be at least 1", usage("--max-body", "0"));
        assertEquals("invalid value for flag -request-timeout: must be positive", usage("--request-timeout", "0"));
        assertEquals("invalid value \"2\" for flag -slow-delay: time: missing unit in duration \"2\"",
                usage("--slow-delay", "2"));
        assertEquals("unexpected argument: serve", usage("serve"));
        assertEquals("help requested", usage("-h"));
    }

    private static String usage(String... args) {
        return assertThrows(Config.UsageException.class, () -> Config.parse(args)).getMessage();
    }
}
