package io.go4j;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The policy for exceptions escaping goroutines outside {@link Go#main} (ADR 0004): never end
 * the JVM; tell the panic handler, else the default uncaught-exception handler, else print
 * Go's report.
 */
@Timeout(30)
class PanicPolicyTest {

    @AfterEach
    void reset() {
        Go.setPanicHandler(null);
        Thread.setDefaultUncaughtExceptionHandler(null);
    }

    /** The handler gets the goroutine and the exception; the other goroutines go on. */
    @Test
    void handlerIsTold() {
        Chan<String> told = Chan.make(1);
        Go.setPanicHandler((g, t) -> told.send(g.id() + ":" + t.getMessage()));
        Goroutine g = Go.go(() -> {
            throw new Panic("bad", null);
        });
        assertEquals(g.id() + ":bad", told.recv());
    }

    /** Without a go4j handler, the application's default uncaught-exception handler is used. */
    @Test
    void defaultUncaughtHandlerIsUsed() {
        Chan<Throwable> told = Chan.make(1);
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> told.send(e));
        IllegalStateException boom = new IllegalStateException("boom");
        Go.go(() -> {
            throw boom;
        });
        assertSame(boom, told.recv());
    }

    /** With no handler at all, Go's panic report is printed to standard error. */
    @Test
    void reportIsPrintedOtherwise() {
        PrintStream saved = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Chan<Integer> ch = Chan.make();
        ch.close();
        Goroutine g;
        try {
            System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
            g = Go.go(() -> ch.send(1));
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (g.isAlive() && System.nanoTime() < deadline) {
                Thread.yield();
            }
        } finally {
            System.setErr(saved);
        }
        String report = buf.toString(StandardCharsets.UTF_8);
        assertTrue(report.startsWith("panic: send on closed channel\n\ngoroutine " + g.id() + " [running]:\n"), report);
    }
}
