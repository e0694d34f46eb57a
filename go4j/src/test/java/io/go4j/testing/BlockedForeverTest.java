package io.go4j.testing;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The finder of goroutines blocked for ever ({@link BlockedForever}). Its scenarios need a JVM
 * started with {@code -Dgo4j.findUnreachable=true -Djdk.trackAllThreads=false}, so they run in
 * one child JVM ({@link BlockedForeverProgram}); this class reads its output.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BlockedForeverTest {

    private static String output;
    private static final Map<String, String> SECTIONS = new LinkedHashMap<>();

    @BeforeAll
    static void runChild() throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Path out = Files.createTempFile("go4j-blocked-", ".out");
        try {
            Process p = new ProcessBuilder(List.of(java, "-XX:TieredStopAtLevel=1",
                    "-Dgo4j.findUnreachable=true", "-Djdk.trackAllThreads=false",
                    "-cp", System.getProperty("java.class.path"), BlockedForeverProgram.class.getName()))
                    .redirectErrorStream(true).redirectOutput(out.toFile()).start();
            p.getOutputStream().close();
            boolean ended = p.waitFor(60, TimeUnit.SECONDS);
            if (!ended) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            output = Files.readString(out, StandardCharsets.UTF_8);
            assertTrue(ended, "the child did not end:\n" + output);
            assertEquals(0, p.exitValue(), output);
        } finally {
            Files.deleteIfExists(out);
        }
        String name = null;
        StringBuilder body = new StringBuilder();
        for (String line : output.split("\n", -1)) {
            if (line.startsWith("=== ")) {
                if (name != null) {
                    SECTIONS.put(name, body.toString().replaceAll("\n+$", "\n"));
                }
                name = line.substring(4);
                body.setLength(0);
            } else if (name != null) {
                body.append(line).append('\n');
            }
        }
        if (name != null) {
            SECTIONS.put(name, body.toString().replaceAll("\n+$", "\n"));
        }
    }

    private static String section(String name) {
        String s = SECTIONS.get(name);
        if (s == null) {
            throw new AssertionError("no scenario " + name + " in:\n" + output);
        }
        return s;
    }

    /** The child ran with the finder on, and printed nothing unexpected (no panic report). */
    @Test
    void childRanWithTheFinderOn() {
        assertTrue(output.startsWith("enabled: true\n"), output);
        assertFalse(output.contains("panic:"), output);
    }

    /** A goroutine sending on a channel nobody else can reach is reported, with Go's dump block, and reclaimed. */
    @Test
    void sendOnUnreachableChannelIsReported() {
        String s = section("send");
        assertTrue(s.startsWith(BlockedForever.HEADER + "\ngoroutine "), s);
        assertTrue(s.contains(" [chan send (leaked)]:\n"), s);
        assertTrue(s.contains("BlockedForeverProgram.lambda$leakSend$"), s);
        assertTrue(s.contains("created by io.go4j.testing.BlockedForeverProgram"), s);
        assertTrue(s.endsWith("goroutines: 0\n"), s);
    }

    /** A goroutine is reported once: the next search finds nothing. */
    @Test
    void reportedOnce() {
        assertEquals("NONE\ngoroutines: 0\n", section("again"));
    }

    /** A select over channels nobody can reach is reported. */
    @Test
    void selectOverUnreachableChannelsIsReported() {
        String s = section("select");
        assertTrue(s.contains(" [select (leaked)]:\n"), s);
        assertTrue(s.endsWith("goroutines: 0\n"), s);
    }

    /** A mutex holder blocked for ever and a goroutine waiting for that mutex: both found. */
    @Test
    void mutexWaiterBehindALeakIsReported() {
        String s = section("mutex");
        assertTrue(s.contains(" [chan receive (leaked)]:\n"), s);
        assertTrue(s.contains(" [sync.Mutex.Lock (leaked)]:\n"), s);
        assertTrue(s.endsWith("goroutines: 0\n"), s);
    }

    /** Go's classic leak: waiting on ctx.Done() of a context whose cancel function was dropped. */
    @Test
    void contextWithDroppedCancelIsReported() {
        String s = section("contextDropped");
        assertTrue(s.contains(" [chan receive (leaked)]:\n"), s);
        assertTrue(s.contains("lambda$leakContext$"), s);
    }

    /** A channel held by a static field can still be used: not reported, the goroutine stays. */
    @Test
    void channelInStaticFieldIsNotReported() {
        assertEquals("NONE\ngoroutines: 1\n", section("static"));
    }

    /** A pending timer in the select can still wake the goroutine: not reported. */
    @Test
    void pendingTimerIsNotReported() {
        assertEquals("NONE\ngoroutines: 1\n", section("timer"));
    }

    /** A held Goroutine handle can interrupt the goroutine: not reported, and the interrupt ends it. */
    @Test
    void heldHandleIsNotReported() {
        assertEquals("NONE\ngoroutines: 0\n", section("handle").substring(0, "NONE\ngoroutines: 0\n".length()));
        assertTrue(output.contains("check: handle interrupted and ended\n"), output);
    }

    /** A channel only a platform thread still holds is not reported; the thread then feeds it. */
    @Test
    void platformThreadFeedingIsNotReported() {
        String s = section("platformThread");
        assertTrue(s.startsWith("NONE\ngoroutines: 0\n"), s);
        assertTrue(s.contains("check: received 7\n"), s);
    }

    /** A goroutine the program's own collection reclaimed is still reported, without its stack. */
    @Test
    void collectedBeforeTheFinderIsReportedWithoutStack() {
        String s = section("collectedEarly");
        assertTrue(s.contains(" [chan send (leaked)]:\n(stack unavailable: collected before the finder ran)\n"), s);
        assertTrue(s.endsWith("goroutines: 0\n"), s);
    }

    /** In a JVM without the options the finder refuses, naming them. */
    @Test
    void refusesWithoutTheOptions() {
        assertFalse(BlockedForever.enabled());
        IllegalStateException e = assertThrows(IllegalStateException.class, BlockedForever::find);
        assertTrue(e.getMessage().contains("-Dgo4j.findUnreachable=true -Djdk.trackAllThreads=false"), e.getMessage());
    }

    /** The header gains "(leaked)" after the wait reason, before any duration. */
    @Test
    void leakedMarksTheHeader() {
        assertEquals("goroutine 7 [chan send (leaked)]:\nf(...)\n", BlockedForever.leaked("goroutine 7 [chan send]:\nf(...)\n"));
        assertEquals("goroutine 7 [chan send (leaked), 3 minutes]:\n",
                BlockedForever.leaked("goroutine 7 [chan send, 3 minutes]:\n"));
    }
}
