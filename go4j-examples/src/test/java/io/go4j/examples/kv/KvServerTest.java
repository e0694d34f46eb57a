package io.go4j.examples.kv;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The KV server's endpoints, bad inputs, request timeouts and forced shutdowns, over real HTTP
 * (java.net.http) against a server on 127.0.0.1 and an ephemeral port. Each test stops its
 * server and checks that no goroutine leaked ({@link KvHarness}).
 */
@Timeout(60)
class KvServerTest {

    private static final Map<String, String> SEED_DATA = Map.of("key1", "value1", "key2", "value2");

    // ---- the endpoints

    @Test
    @DisplayName("GET /get?key=K answers 200 and {\"key\":K,\"value\":V} for the seed's data")
    void getReturnsTheValue() throws Exception {
        try (KvHarness h = new KvHarness()) {
            HttpResponse<String> r = h.get("/get?key=key1");
            assertEquals(200, r.statusCode());
            assertEquals("application/json", r.headers().firstValue("Content-Type").orElseThrow());
            assertEquals("{\"key\":\"key1\",\"value\":\"value1\"}\n", r.body());
        }
    }

    @Test
    @DisplayName("GET /get of an absent key answers 404 \"key not found\"")
    void getOfAMissingKeyIs404() throws Exception {
        try (KvHarness h = new KvHarness()) {
            HttpResponse<String> r = h.get("/get?key=nope");
            assertEquals(404, r.statusCode());
            assertEquals("key not found\n", r.body());
            assertEquals(SEED_DATA, h.server.store().snapshot());
        }
    }

    @Test
    @DisplayName("POST /set answers 201 for a new key and 200 for a replaced one; GET sees each value; each set runs one background task")
    void setCreatesThenReplaces() throws Exception {
        try (KvHarness h = new KvHarness("--task-delay", "0")) {
            HttpResponse<String> created = h.post("/set", "{\"key\":\"color\",\"value\":\"blue\"}");
            assertEquals(201, created.statusCode());
            assertEquals("{\"status\":\"success\"}\n", created.body());
            assertEquals("{\"key\":\"color\",\"value\":\"blue\"}\n", h.get("/get?key=color").body());

            HttpResponse<String> replaced = h.post("/set", "{\"key\":\"color\",\"value\":\"red\"}");
            assertEquals(200, replaced.statusCode());
            assertEquals("{\"key\":\"color\",\"value\":\"red\"}\n", h.get("/get?key=color").body());

            KvServer.ShutdownReport report = h.shutdown();
            assertTrue(report.graceful(), report.toString());
            assertEquals(2, report.stats().tasksSubmitted());
            assertEquals(2, report.stats().tasksCompleted());
            assertEquals(0, report.stats().tasksCutShort());
        }
    }

    @Test
    @DisplayName("A value may be absent (it is then \"\", as Go decodes it); keys and values may be any UTF-8 text, escaped in the query")
    void setAndGetOddKeys() throws Exception {
        try (KvHarness h = new KvHarness("--task-delay", "0")) {
            assertEquals(201, h.post("/set", "{\"key\":\"empty\"}").statusCode());
            assertEquals("{\"key\":\"empty\",\"value\":\"\"}\n", h.get("/get?key=empty").body());

            String key = "clé & 1=2 ✓";
            assertEquals(201, h.post("/set", "{\"key\":\"clé & 1=2 ✓\",\"value\":\"sí\"}").statusCode());
            HttpResponse<String> r = h.get("/get?key=" + URLEncoder.encode(key, StandardCharsets.UTF_8));
            assertEquals(200, r.statusCode());
            assertEquals("{\"key\":\"clé & 1=2 ✓\",\"value\":\"sí\"}\n", r.body());
        }
    }

    @Test
    @DisplayName("GET /keys answers 200 and {\"keys\":[...]} with every key, sorted")
    void keysListsEveryKey() throws Exception {
        try (KvHarness h = new KvHarness("--task-delay", "0")) {
            assertEquals("{\"keys\":[\"key1\",\"key2\"]}\n", h.get("/keys").body());
            h.post("/set", "{\"key\":\"b\",\"value\":\"2\"}");
            h.post("/set", "{\"key\":\"a\",\"value\":\"1\"}");
            HttpResponse<String> r = h.get("/keys");
            assertEquals(200, r.statusCode());
            assertEquals("{\"keys\":[\"a\",\"b\",\"key1\",\"key2\"]}\n", r.body());
        }
    }

    @Test
    @DisplayName("GET /slow works --slow-delay and answers 200 with the seed's result")
    void slowCompletesWithinTheTimeout() throws Exception {
        try (KvHarness h = new KvHarness("--slow-delay", "50ms", "--request-timeout", "30s")) {
            HttpResponse<String> r = h.get("/slow");
            assertEquals(200, r.statusCode());
            assertEquals("{\"result\":\"operation completed after 50ms\"}\n", r.body());
        }
    }

    @Test
    @DisplayName("A body of exactly --max-body bytes is accepted")
    void bodyAtTheLimitIsAccepted() throws Exception {
        String body = paddedSet(256);
        assertEquals(256, body.getBytes(StandardCharsets.UTF_8).length);
        try (KvHarness h = new KvHarness("--max-body", "256", "--task-delay", "0")) {
            assertEquals(201, h.post("/set", body).statusCode());
        }
    }

    // ---- bad input: the right 4xx, a clear message, nothing changed

    static Stream<Arguments> badRequests() {
        return Stream.of(
                // name, method, path, body (null: none), status, message (prefix), Allow
                Arguments.of("no key parameter", "GET", "/get", null, 400, "parameter 'key' required", null),
                Arguments.of("empty key parameter", "GET", "/get?key=", null, 400, "parameter 'key' required", null),
                Arguments.of("malformed JSON", "POST", "/set", "{\"key\": \"a\", ", 400, "error decoding JSON: ", null),
                Arguments.of("not JSON at all", "POST", "/set", "key=a&value=b", 400, "error decoding JSON: ", null),
                Arguments.of("empty body", "POST", "/set", "", 400, "error decoding JSON: empty body", null),
                Arguments.of("a JSON array", "POST", "/set", "[\"a\",\"b\"]", 400,
                        "error decoding JSON: want an object {\"key\": ..., \"value\": ...}, got ARRAY", null),
                Arguments.of("missing key", "POST", "/set", "{\"value\":\"v\"}", 400, "key must not be empty", null),
                Arguments.of("empty key", "POST", "/set", "{\"key\":\"\",\"value\":\"v\"}", 400, "key must not be empty", null),
                Arguments.of("a number as value", "POST", "/set", "{\"key\":\"k\",\"value\":5}", 400,
                        "error decoding JSON: field \"value\" must be a string, got NUMBER", null),
                Arguments.of("an object as key", "POST", "/set", "{\"key\":{},\"value\":\"v\"}", 400,
                        "error decoding JSON: field \"key\" must be a string, got OBJECT", null),
                Arguments.of("GET /set", "GET", "/set", null, 405, "method not allowed: /set accepts POST", "POST"),
                Arguments.of("POST /get", "POST", "/get?key=key1", "{}", 405, "method not allowed: /get accepts GET", "GET"),
                Arguments.of("DELETE /keys", "DELETE", "/keys", null, 405, "method not allowed: /keys accepts GET", "GET"),
                Arguments.of("PUT /slow", "PUT", "/slow", "x", 405, "method not allowed: /slow accepts GET", "GET"),
                Arguments.of("unknown path", "GET", "/nope", null, 404, "404 page not found", null),
                Arguments.of("the root", "GET", "/", null, 404, "404 page not found", null),
                Arguments.of("a path below an endpoint", "GET", "/get/key1", null, 404, "404 page not found", null),
                Arguments.of("a body over --max-body", "POST", "/set", paddedSet(257), 413,
                        "http: request body too large (limit 256 bytes)", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    @DisplayName("Bad input gets the right 4xx and a clear message, and changes neither the store nor the task count")
    void badInputChangesNothing(String name, String method, String path, String body, int status,
                                String message, String allow) throws Exception {
        try (KvHarness h = new KvHarness("--max-body", "256", "--task-delay", "0")) {
            HttpRequest.BodyPublisher publisher = body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body);
            HttpResponse<String> r = h.send(HttpRequest.newBuilder(h.uri(path)).method(method, publisher));
            assertEquals(status, r.statusCode(), r.body());
            assertTrue(r.body().startsWith(message), "message: " + r.body());
            assertTrue(r.body().endsWith("\n"));
            assertEquals("text/plain; charset=utf-8", r.headers().firstValue("Content-Type").orElseThrow());
            assertEquals(allow, r.headers().firstValue("Allow").orElse(null));
            assertEquals(SEED_DATA, h.server.store().snapshot());
            assertEquals(0, h.server.stats().tasksSubmitted());
        }
    }

    @Test
    @DisplayName("A body over --max-body sent without a Content-Length (chunked) gets 413 too, and changes nothing")
    void chunkedBodyOverTheLimitIs413() throws Exception {
        byte[] body = paddedSet(300).getBytes(StandardCharsets.UTF_8);
        try (KvHarness h = new KvHarness("--max-body", "256", "--task-delay", "0")) {
            HttpRequest.BodyPublisher chunked = HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body));
            HttpResponse<String> r = h.send(HttpRequest.newBuilder(h.uri("/set")).POST(chunked));
            assertEquals(413, r.statusCode());
            assertEquals("http: request body too large (limit 256 bytes)\n", r.body());
            assertEquals(SEED_DATA, h.server.store().snapshot());
            assertEquals(0, h.server.stats().tasksSubmitted());
        }
    }

    // ---- per-request timeouts

    @Test
    @DisplayName("GET /slow past --request-timeout answers 503 saying the deadline passed; its goroutines end")
    void slowPastTheRequestTimeoutIs503() throws Exception {
        try (KvHarness h = new KvHarness("--slow-delay", "1h", "--request-timeout", "100ms")) {
            HttpResponse<String> r = h.get("/slow");
            assertEquals(503, r.statusCode());
            assertTrue(r.body().endsWith(": context deadline exceeded (request timeout 100ms)\n"), r.body());
            KvServer.ShutdownReport report = h.shutdown();
            assertTrue(report.graceful(), report.toString());
        }
    }

    @Test
    @DisplayName("POST /set with no worker free before the deadline answers 503 and leaves the store unchanged")
    void setWithNoFreeWorkerIs503AndChangesNothing() throws Exception {
        try (KvHarness h = new KvHarness("--workers", "1", "--task-delay", "1h", "--request-timeout", "200ms",
                "--shutdown-timeout", "200ms")) {
            assertEquals(201, h.post("/set", "{\"key\":\"first\",\"value\":\"1\"}").statusCode());
            h.awaitLog("processing in background for key: first"); // the only worker is busy for an hour
            HttpResponse<String> r = h.post("/set", "{\"key\":\"second\",\"value\":\"2\"}");
            assertEquals(503, r.statusCode());
            assertTrue(r.body().endsWith(": context deadline exceeded (request timeout 200ms)\n"), r.body());
            assertEquals(Map.of("key1", "value1", "key2", "value2", "first", "1"), h.server.store().snapshot());

            // The shutdown cannot wait an hour: past its deadline it cuts the task short.
            KvServer.ShutdownReport report = h.shutdown();
            assertTrue(report.requestsInTime());
            assertFalse(report.tasksInTime());
            assertEquals(1, report.stats().tasksSubmitted());
            assertEquals(0, report.stats().tasksCompleted());
            assertEquals(1, report.stats().tasksCutShort());
        }
    }

    @Test
    @DisplayName("A shutdown whose deadline passes cancels the requests still running: they answer 503 \"server shutting down\"")
    void shutdownPastItsDeadlineCancelsRequests() throws Exception {
        try (KvHarness h = new KvHarness("--slow-delay", "1h", "--request-timeout", "1h", "--shutdown-timeout", "200ms")) {
            CompletableFuture<HttpResponse<String>> slow = h.client.sendAsync(
                    HttpRequest.newBuilder(h.uri("/slow")).timeout(KvHarness.CLIENT_TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString());
            h.awaitLog("starting slow operation of 1h0m0s");
            KvServer.ShutdownReport report = h.shutdown();
            assertFalse(report.requestsInTime());
            assertEquals(1, report.inFlightAtStart());
            HttpResponse<String> r = slow.get();
            assertEquals(503, r.statusCode());
            assertTrue(r.body().endsWith(": context canceled (server shutting down)\n"), r.body());
        }
    }

    // ---- goroutines

    @Test
    @DisplayName("Requests run in goroutines: while GET /slow works, the goroutine dump shows its handler in select, started by the exchange's goroutine")
    void requestsRunInGoroutines() throws Exception {
        try (KvHarness h = new KvHarness("--slow-delay", "1h", "--request-timeout", "1h", "--shutdown-timeout", "100ms")) {
            CompletableFuture<HttpResponse<String>> slow = h.client.sendAsync(
                    HttpRequest.newBuilder(h.uri("/slow")).timeout(KvHarness.CLIENT_TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString());
            h.awaitLog("starting slow operation of 1h0m0s");
            // The handler logs before it blocks, and its parent, the exchange goroutine that
            // started it, may not have reached its select yet: wait for both (deadline 10 s).
            String dump = io.go4j.runtime.GoRuntime.dump();
            for (long end = System.nanoTime() + 10_000_000_000L;
                 !(blocked(dump, "KvServer.runWithin(") && blocked(dump, "io.go4j.examples.kv.Api.slow("))
                         && System.nanoTime() < end; ) {
                Thread.onSpinWait();
                dump = io.go4j.runtime.GoRuntime.dump();
            }
            String finalDump = dump;
            // goroutine 6 [select]: ... Api.slow(...) ... created by ...KvServer in goroutine 5
            // goroutine 5 [select]: ... KvServer.runWithin(...) ... KvServer.serve(...)
            String handler = Stream.of(finalDump.split("\n\n"))
                    .filter(b -> b.contains("io.go4j.examples.kv.Api.slow(")).findFirst().orElseThrow(() -> new AssertionError(finalDump));
            assertTrue(handler.startsWith("goroutine ") && handler.contains(" [select]:"), handler);
            java.util.regex.Matcher parent = java.util.regex.Pattern
                    .compile("created by io\\.go4j\\.examples\\.kv\\.KvServer in goroutine (\\d+)").matcher(handler);
            assertTrue(parent.find(), handler);
            String exchange = Stream.of(finalDump.split("\n\n"))
                    .filter(b -> b.startsWith("goroutine " + parent.group(1) + " [select]:")).findFirst().orElseThrow(() -> new AssertionError(finalDump));
            assertTrue(exchange.contains("io.go4j.examples.kv.KvServer.runWithin("), exchange);
            assertTrue(exchange.contains("io.go4j.examples.kv.KvServer.serve("), exchange);
            h.shutdown();
            assertEquals(503, slow.get().statusCode());
        }
    }

    // ---- helpers

    /** Whether a goroutine of {@code dump} whose stack contains {@code frame} waits in a select. */
    static boolean blocked(String dump, String frame) {
        return Stream.of(dump.split("\n\n")).anyMatch(b -> b.contains(" [select]:") && b.contains(frame));
    }

    /** {@code {"key":"big","value":"xxx..."}} of exactly {@code size} bytes. */
    static String paddedSet(int size) {
        String head = "{\"key\":\"big\",\"value\":\"", tail = "\"}";
        return head + "x".repeat(size - head.length() - tail.length()) + tail;
    }
}
