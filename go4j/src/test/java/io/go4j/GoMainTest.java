package io.go4j;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Go's program semantics under {@link Go#main} (SEMANTICS §1.3), checked in a child JVM: the
 * program ends when main returns; an unrecovered panic in any goroutine prints Go's report
 * and exits with status 2.
 */
@Timeout(120)
class GoMainTest {

    record Run(int exit, String out, String err) {
    }

    static Run run(String program) throws IOException, InterruptedException {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                "io.go4j.programs.Programs", program)).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child JVM ended");
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    /** When main returns the program exits with 0, although a goroutine is still blocked; main is goroutine 1. */
    @Test
    void programEndsWhenMainReturns() throws Exception {
        Run r = run("mainReturns");
        assertEquals(0, r.exit(), r.err());
        assertEquals("main done in goroutine 1", r.out().strip());
    }

    /** A panic in another goroutine prints Go's report and exits with status 2. */
    @Test
    void panicInGoroutineExits2WithGoReport() throws Exception {
        Run r = run("panicInGoroutine");
        assertEquals(2, r.exit(), r.err());
        String[] lines = r.err().split("\n");
        assertEquals("panic: send on closed channel", lines[0]);
        assertEquals("", lines[1]);
        assertTrue(lines[2].matches("goroutine \\d+ \\[running]:"), lines[2]);
        assertNotEquals("goroutine 1 [running]:", lines[2], "not the main goroutine");
        assertTrue(r.err().contains("io.go4j.programs.Programs.lambda$"), r.err());
        assertTrue(r.err().contains("created by io.go4j.programs.Programs in goroutine 1"), r.err());
    }

    /** A panic in main reports goroutine 1 and its value. */
    @Test
    void panicInMainReportsGoroutine1() throws Exception {
        Run r = run("panicInMain");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().startsWith("panic: boom\n\ngoroutine 1 [running]:\n"), r.err());
    }

    /** Any exception escaping a goroutine is an unrecovered panic: its toString() is the value. */
    @Test
    void javaExceptionIsAPanic() throws Exception {
        Run r = run("exceptionInGoroutine");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().startsWith("panic: java.lang.ArrayIndexOutOfBoundsException: Index 2 out of bounds for length 1\n\ngoroutine "),
                r.err());
    }
}
