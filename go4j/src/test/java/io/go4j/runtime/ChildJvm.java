package io.go4j.runtime;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Runs one program of {@link io.go4j.programs.RuntimePrograms} in a child JVM (Go's
 * {@code runTestProg}): {@code java -cp <test class path> io.go4j.programs.RuntimePrograms NAME}.
 * Output goes to files, so a chatty child never blocks on a full pipe; a child that outlives
 * {@link #LIMIT_SECONDS} (a deadlock the detector missed) is killed and reported as such.
 *
 * <p>A test names its program with {@link Program}; {@link #startAll} launches the programs of
 * a class's enabled tests at once (three children at a time), and {@link #result} waits for
 * one: a class of twenty programs takes a few seconds instead of twenty JVM start-ups in a row.
 */
final class ChildJvm {

    private ChildJvm() {
    }

    /** How long a child may run; the programs take well under a second when go4j is right. */
    static final long LIMIT_SECONDS = 20;

    /** What a child did: its exit status (-1 if it had to be killed), stdout and stderr. */
    record Run(String program, int exit, String out, String err) {

        boolean killed() {
            return exit == -1;
        }

        /** For assertion messages: everything the child said. */
        String describe() {
            return program + (killed() ? " (killed after " + LIMIT_SECONDS + " s: still running)" : " exited " + exit)
                    + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
        }
    }

    /** The program a test runs in a child JVM (its name in RuntimePrograms). */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @interface Program {
        String value();
    }

    private static final ConcurrentHashMap<String, CompletableFuture<Run>> RUNS = new ConcurrentHashMap<>();

    /** Launches the program of every enabled {@link Test} of {@code testClass} that names one. */
    static void startAll(Class<?> testClass) {
        for (Method m : testClass.getDeclaredMethods()) {
            Program p = m.getAnnotation(Program.class);
            if (p != null && m.isAnnotationPresent(Test.class) && !m.isAnnotationPresent(Disabled.class)) {
                RUNS.computeIfAbsent(p.value(), ChildJvm::start);
            }
        }
    }

    /** The run of {@code program}, launched now if {@link #startAll} did not; waits for its end. */
    static Run result(String program) {
        try {
            return RUNS.computeIfAbsent(program, ChildJvm::start).get(2 * LIMIT_SECONDS + 30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new AssertionError("could not run " + program, e);
        }
    }

    /** At most this many children at once: the machine may have 2 cores. */
    private static final ExecutorService LAUNCHER = Executors.newFixedThreadPool(3, r -> {
        Thread t = new Thread(r, "child-jvm-launcher");
        t.setDaemon(true);
        return t;
    });

    /** Starts {@code program} in a child JVM soon (at most 3 at once); completes when it has ended. */
    private static CompletableFuture<Run> start(String program) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return run(program);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }, LAUNCHER);
    }

    /** Runs {@code program} in a child JVM and waits for it. */
    static Run run(String program) throws IOException, InterruptedException {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        List<String> cmd = List.of(java,
                // start-up only: the child runs for a fraction of a second
                "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"),
                "io.go4j.programs.RuntimePrograms", program);
        Path out = Files.createTempFile("go4j-child-", ".out");
        Path err = Files.createTempFile("go4j-child-", ".err");
        try {
            Process p = new ProcessBuilder(cmd)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            p.getOutputStream().close(); // no input
            int exit;
            if (p.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS)) {
                exit = p.exitValue();
            } else {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
                exit = -1;
            }
            return new Run(program, exit, Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
