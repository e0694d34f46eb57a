package io.go4j.examples.kv;

import io.go4j.examples.Main;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@link Main} as a program, in a child JVM (the java of {@code java.home}, this test's class
 * path): the KV server's start-up text, its graceful stop on SIGTERM ({@link ProcessHandle#destroy()})
 * and SIGINT, its exit statuses, and the {@code tour} dispatch.
 */
@Timeout(120)
class KvMainTest {

    private static final Pattern LISTENING = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)");

    /** A child JVM running Main, its output lines collected as they come. */
    private static final class Child implements AutoCloseable {
        /** Put on a queue when its stream ends (compared by identity). */
        static final String EOF = new String("EOF");

        final Process process;
        final LinkedBlockingQueue<String> out = new LinkedBlockingQueue<>();
        final LinkedBlockingQueue<String> err = new LinkedBlockingQueue<>();
        final List<String> outSeen = new ArrayList<>();
        final List<String> errSeen = new ArrayList<>();

        Child(String... args) throws IOException {
            List<String> cmd = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), Main.class.getName()));
            cmd.addAll(List.of(args));
            process = new ProcessBuilder(cmd).start();
            pump(process.getInputStream(), out);
            pump(process.getErrorStream(), err);
        }

        private static void pump(InputStream in, LinkedBlockingQueue<String> lines) {
            Thread.ofVirtual().start(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        lines.add(line);
                    }
                } catch (IOException ignored) {
                    // the stream was closed
                } finally {
                    lines.add(EOF);
                }
            });
        }

        /** Waits (up to 30 s) for a line matching {@code p}; keeps every line read in {@code seen}. */
        static Matcher await(LinkedBlockingQueue<String> lines, List<String> seen, Pattern p) throws InterruptedException {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            for (;;) {
                String line = lines.poll(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (line == null || line == EOF) {
                    throw new AssertionError("no line matching " + p + " within 30 s; saw " + seen);
                }
                seen.add(line);
                Matcher m = p.matcher(line);
                if (m.find()) {
                    return m;
                }
            }
        }

        /** Waits for the exit (up to 30 s) and the end of both streams; returns the status. */
        int exit() throws InterruptedException {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                // Say what the child was doing: its threads (jcmd, beside this JVM's java) and the
                // standard error it wrote so far.
                String threads;
                try {
                    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
                    Process p = new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "Thread.print")
                            .redirectErrorStream(true).start();
                    threads = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    threads = "(no thread dump: " + e + ")";
                }
                List<String> errLines = new ArrayList<>(errSeen);
                err.drainTo(errLines);
                throw new AssertionError("the child did not exit within 30 s; its stderr: " + errLines
                        + "\nits threads:\n" + threads);
            }
            return process.exitValue();
        }

        /** All the lines of a stream (waits for its end, up to 30 s). */
        static String rest(LinkedBlockingQueue<String> lines, List<String> seen) throws InterruptedException {
            for (;;) {
                String line = lines.poll(30, TimeUnit.SECONDS);
                if (line == null) {
                    throw new AssertionError("the stream did not end within 30 s; saw " + seen);
                }
                if (line == EOF) {
                    lines.add(EOF);                   // a second call returns at once
                    return String.join("\n", seen);
                }
                seen.add(line);
            }
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }

    @Test
    @DisplayName("No arguments but flags: Main runs the KV server and prints its address and the curl lines")
    void startsTheServerAndPrintsCurlLines() throws Exception {
        try (Child c = new Child("--port", "0")) {
            String url = Child.await(c.out, c.outSeen, LISTENING).group(1);
            Child.await(c.out, c.outSeen, Pattern.compile("Stop it with Ctrl-C"));
            String banner = String.join("\n", c.outSeen);
            assertTrue(banner.contains("curl -i '" + url + "/get?key=key1'"), banner);
            assertTrue(banner.contains("curl -i -X POST " + url + "/set -d '{\"key\":\"color\",\"value\":\"blue\"}'"), banner);
            assertTrue(banner.contains("curl -i " + url + "/keys"), banner);
            assertTrue(banner.contains("curl -i " + url + "/slow"), banner);
            try (HttpClient client = HttpClient.newHttpClient()) {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url + "/get?key=key1"))
                        .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals("{\"key\":\"key1\",\"value\":\"value1\"}\n", r.body());
            }
        }
    }

    @Test
    @DisplayName("SIGTERM (Process.destroy): the in-flight request completes, the server stops gracefully, the JVM exits with 143")
    void sigtermShutsDownGracefully() throws Exception {
        // ProcessHandle.destroy() sends the SIGTERM that Process.destroy() sends, without closing
        // our ends of the child's stdout and stderr (Process.destroy does, and the shutdown's
        // log lines would be lost).
        assertGracefulStopOnSignal(c -> assertTrue(c.process.toHandle().destroy()), 143);
    }

    @Test
    @DisplayName("SIGINT (kill -INT, Ctrl-C's signal): the same graceful stop, exit status 130")
    void sigintShutsDownGracefully() throws Exception {
        Path kill = Files.isExecutable(Path.of("/bin/kill")) ? Path.of("/bin/kill") : Path.of("/usr/bin/kill");
        assumeTrue(Files.isExecutable(kill), "no kill command to send SIGINT");
        assertGracefulStopOnSignal(c -> {
            // A shell runs background jobs with SIGINT ignored, the children inherit that, and a
            // JVM that starts with SIGINT ignored installs no handler for it (as `nohup` and
            // `cmd &` arrange): then there is nothing to test here.
            assumeTrue(catchesSignal(c.process.pid(), 2),
                    "the child JVM has no SIGINT handler: SIGINT was ignored when it started (a background job?)");
            Process k = new ProcessBuilder(kill.toString(), "-INT", Long.toString(c.process.pid())).start();
            assertEquals(0, k.waitFor());
        }, 130);
    }

    /**
     * Whether process {@code pid} has a handler for signal {@code sig} (Linux: the SigCgt mask of
     * /proc/PID/status); true where that cannot be read, so the test still runs.
     */
    private static boolean catchesSignal(long pid, int sig) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("SigCgt:")) {
                    long mask = Long.parseUnsignedLong(line.substring(7).trim(), 16);
                    return (mask & (1L << (sig - 1))) != 0;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or no /proc: try the signal anyway
        }
        return true;
    }

    private interface Signal {
        void send(Child c) throws Exception;
    }

    private static void assertGracefulStopOnSignal(Signal signal, int status) throws Exception {
        try (Child c = new Child("--port", "0", "--slow-delay", "1s", "--shutdown-timeout", "20s");
             HttpClient client = HttpClient.newHttpClient()) {
            String url = Child.await(c.out, c.outSeen, LISTENING).group(1);
            CompletableFuture<HttpResponse<String>> slow = client.sendAsync(
                    HttpRequest.newBuilder(URI.create(url + "/slow")).timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
            Child.await(c.err, c.errSeen, Pattern.compile("starting slow operation of 1s"));
            signal.send(c);
            HttpResponse<String> r = slow.get(30, TimeUnit.SECONDS);
            assertEquals(200, r.statusCode());
            assertEquals("{\"result\":\"operation completed after 1s\"}\n", r.body());
            assertEquals(status, c.exit());
            String err = Child.rest(c.err, c.errSeen);
            assertTrue(err.contains("signal received: shutting down the server..."), err);
            assertTrue(err.contains("shutting down the server (1 requests in flight, deadline 20s)..."), err);
            assertTrue(err.contains("all workers have finished (0 tasks done, 0 cut short)"), err);
            assertTrue(err.contains("server stopped gracefully in "), err);
        }
    }

    @Test
    @DisplayName("A flag Main does not know: Go's flag message and the usage on stderr, exit status 2")
    void unknownFlagIsAUsageError() throws Exception {
        try (Child c = new Child("--bogus", "1")) {
            assertEquals(2, c.exit());
            String err = Child.rest(c.err, c.errSeen);
            assertTrue(err.startsWith("flag provided but not defined: -bogus\nusage: kv [flags]"), err);
        }
    }

    @Test
    @DisplayName("A port already in use: the error is logged and the program exits with 1 (Go's log.Fatalf)")
    void portInUseExitsWithOne() throws Exception {
        KvServer taken = KvServer.start(Config.parse("--port", "0"), Log.discard());
        try (Child c = new Child("--port", Integer.toString(taken.address().getPort()))) {
            assertEquals(1, c.exit());
            String err = Child.rest(c.err, c.errSeen);
            assertTrue(err.contains("error starting the server on 127.0.0.1:" + taken.address().getPort()), err);
        } finally {
            taken.shutdown();
        }
    }

    @Test
    @DisplayName("\"tour ...\" goes to the tour: its usage error and exit status 2 for an unknown subcommand, no server")
    void tourIsDelegated() throws Exception {
        try (Child c = new Child("tour", "bogus")) {
            assertEquals(2, c.exit());
            assertEquals("usage: tour list | tour run NAME", Child.rest(c.err, c.errSeen));
            assertTrue(Child.rest(c.out, c.outSeen).isEmpty());
        }
    }
}
