package io.go4j.examples.tour.seed004;

import io.go4j.runtime.GoRuntime;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Seed 004, "7. Obtener un Stack Trace ({@code runtime.Stack()})": the dump of every goroutine in
 * Go's format ({@code goroutine 1 [running]:}, its frames, then the others), cut to the seed's
 * 1024-byte buffer as Go's {@code runtime.Stack} cuts it.
 */
public final class Stack {

    private Stack() {
    }

    /** Go's {@code runtime.Stack(buf, all)}: fills {@code buf} with as much of the dump as fits; returns the bytes written. */
    static int stack(byte[] buf, boolean all) {
        byte[] dump = GoRuntime.stack(all).getBytes(StandardCharsets.UTF_8);
        int n = Math.min(buf.length, dump.length);
        System.arraycopy(dump, 0, buf, 0, n);
        return n;
    }

    /** Go's {@code main}. */
    public static void main(PrintStream out) {
        byte[] buf = new byte[1024];                            // buf := make([]byte, 1024)
        int n = stack(buf, true);                               // n := runtime.Stack(buf, true)
        out.printf("Stack Trace:%n%s%n", new String(buf, 0, n, StandardCharsets.UTF_8)); // fmt.Printf("Stack Trace:\n%s\n", buf[:n])
    }
}
