package io.go4j.examples.kv;

import io.go4j.testing.Leaks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A KV server on 127.0.0.1 and an ephemeral port, an HTTP client for it, and the server's log
 * lines; closing it shuts the server down, closes the client and checks that no goroutine
 * leaked ({@link Leaks#verifyNone} with {@link Leaks#ignoreCurrent} taken before the start).
 */
final class KvHarness implements AutoCloseable {

    /** Each client request gives up after this long: a request that takes longer has hung. */
    static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(20);

    final KvServer server;
    final HttpClient client;
    final LinkedBlockingQueue<String> logLines = new LinkedBlockingQueue<>();
    private final Leaks.Option before;
    private KvServer.ShutdownReport report;

    /** Starts a server with {@code --port 0} and these flags. */
    KvHarness(String... flags) throws IOException {
        before = Leaks.ignoreCurrent();
        List<String> args = new ArrayList<>(List.of("--port", "0"));
        args.addAll(List.of(flags));
        server = KvServer.start(Config.parse(args.toArray(String[]::new)), new Log(logLines::add));
        client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    URI uri(String pathAndQuery) {
        return URI.create(server.url() + pathAndQuery);
    }

    HttpResponse<String> send(HttpRequest.Builder b) throws IOException, InterruptedException {
        return client.send(b.timeout(CLIENT_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)).GET());
    }

    HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Waits (up to 10 s) for a log line containing {@code text}; the lines before it are dropped. */
    String awaitLog(String text) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (;;) {
            String line = logLines.poll(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("no log line containing \"" + text + "\" within 10 s");
            }
            if (line.contains(text)) {
                return line;
            }
        }
    }

    /** Shuts the server down (once) and returns the report. */
    KvServer.ShutdownReport shutdown() {
        if (report == null) {
            report = server.shutdown();
        }
        return report;
    }

    @Override
    public void close() {
        try {
            shutdown();
            client.close();
        } finally {
            Leaks.verifyNone(before);
        }
    }
}
