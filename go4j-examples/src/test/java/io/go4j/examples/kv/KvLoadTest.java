package io.go4j.examples.kv;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The KV server under load, over real HTTP: 10,000 requests from 100 concurrent clients (each
 * a virtual thread), and a graceful shutdown in the middle of such a load. Figures (requests,
 * time) are printed, never asserted.
 */
@Timeout(180)
class KvLoadTest {

    private static final int CLIENTS = 100;

    @Test
    @DisplayName("10,000 requests from 100 concurrent clients: no error, every read sees the client's own write, the final store is exactly what was written, one task per set")
    void tenThousandRequestsFromAHundredClients() throws Exception {
        int setsPerClient = 50;                       // 50 sets + 50 gets = 100 requests per client
        int keysPerClient = 10;                       // each key written 5 times
        ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        AtomicInteger created = new AtomicInteger(), replaced = new AtomicInteger();
        try (KvHarness h = new KvHarness("--workers", "8", "--task-delay", "0", "--request-timeout", "60s")) {
            long t0 = System.nanoTime();
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                clients.add(Thread.ofVirtual().name("client-" + c).start(() -> {
                    for (int j = 0; j < setsPerClient; j++) {
                        String key = "c" + client + "-k" + (j % keysPerClient), value = "v" + j;
                        try {
                            HttpResponse<String> set = h.post("/set", "{\"key\":\"" + key + "\",\"value\":\"" + value + "\"}");
                            int want = j < keysPerClient ? 201 : 200;
                            if (set.statusCode() != want) {
                                errors.add("set " + key + ": " + set.statusCode() + " " + set.body());
                            }
                            (set.statusCode() == 201 ? created : replaced).incrementAndGet();
                            HttpResponse<String> get = h.get("/get?key=" + key);
                            String body = "{\"key\":\"" + key + "\",\"value\":\"" + value + "\"}\n";
                            if (get.statusCode() != 200 || !get.body().equals(body)) {
                                errors.add("get " + key + ": " + get.statusCode() + " " + get.body());
                            }
                        } catch (IOException | InterruptedException e) {
                            errors.add(key + ": " + e);
                        }
                    }
                }));
            }
            for (Thread t : clients) {
                assertTrue(t.join(Duration.ofSeconds(150)), "a client hung: " + t.getName());
            }
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            assertEquals(List.of(), List.copyOf(errors));

            Map<String, String> expected = new HashMap<>(Map.of("key1", "value1", "key2", "value2"));
            for (int c = 0; c < CLIENTS; c++) {
                for (int k = 0; k < keysPerClient; k++) {
                    expected.put("c" + c + "-k" + k, "v" + (setsPerClient - keysPerClient + k)); // the last write
                }
            }
            assertEquals(expected, h.server.store().snapshot());
            assertEquals(CLIENTS * keysPerClient, created.get());
            assertEquals(CLIENTS * (setsPerClient - keysPerClient), replaced.get());
            HttpResponse<String> keys = h.get("/keys");
            assertEquals(Reply.json(200, Map.of("keys", new TreeSet<>(expected.keySet()))).body().length,
                    keys.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
            assertEquals(new String(Reply.json(200, Map.of("keys", new TreeSet<>(expected.keySet()))).body(),
                    java.nio.charset.StandardCharsets.UTF_8), keys.body());

            KvServer.ShutdownReport report = h.shutdown();
            assertTrue(report.graceful(), report.toString());
            assertEquals(CLIENTS * setsPerClient * 2 + 1, report.stats().requests());
            assertEquals(CLIENTS * setsPerClient, report.stats().tasksSubmitted());
            assertEquals(CLIENTS * setsPerClient, report.stats().tasksCompleted());
            System.out.printf("KV load: %d requests from %d clients in %s, 0 errors, %d keys; shutdown %s%n",
                    CLIENTS * setsPerClient * 2, CLIENTS, took, expected.size(), report);
        }
    }

    @Test
    @DisplayName("Shutdown under load: acknowledged sets stay readable until the stop, in-flight requests complete, no request hangs, background tasks drain")
    void gracefulShutdownUnderLoad() throws Exception {
        int slowClients = 10;
        int ackedBeforeStop = 2_000;
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        ConcurrentHashMap<String, String> acked = new ConcurrentHashMap<>();
        AtomicInteger requestsOk = new AtomicInteger(), readsOk = new AtomicInteger();
        AtomicInteger connectionErrorsAfterStop = new AtomicInteger();
        CountDownLatch enoughAcked = new CountDownLatch(ackedBeforeStop);
        CountDownLatch[] stopping = {new CountDownLatch(1)}; // released when the shutdown begins
        try (KvHarness h = new KvHarness("--workers", "8", "--task-delay", "2ms", "--slow-delay", "1s",
                "--request-timeout", "60s", "--shutdown-timeout", "60s")) {
            long t0 = System.nanoTime();
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                clients.add(Thread.ofVirtual().name("client-" + c).start(() -> {
                    List<String> mine = new ArrayList<>();
                    for (int i = 0; ; i++) {
                        String key = "c" + client + "-" + i, value = "v" + i;
                        try {
                            HttpResponse<String> set = h.post("/set", "{\"key\":\"" + key + "\",\"value\":\"" + value + "\"}");
                            if (set.statusCode() != 201) {
                                failures.add("set " + key + ": " + set.statusCode() + " " + set.body());
                                return;
                            }
                            acked.put(key, value);
                            mine.add(key);
                            requestsOk.incrementAndGet();
                            enoughAcked.countDown();
                            // Read back one of this client's acknowledged keys (the newest every other time).
                            String old = mine.get(i % 2 == 0 ? mine.size() - 1 : (i * 7919) % mine.size());
                            HttpResponse<String> get = h.get("/get?key=" + old);
                            String body = "{\"key\":\"" + old + "\",\"value\":\"" + acked.get(old) + "\"}\n";
                            if (get.statusCode() != 200 || !get.body().equals(body)) {
                                failures.add("acknowledged " + old + " read back as " + get.statusCode() + " " + get.body());
                                return;
                            }
                            requestsOk.incrementAndGet();
                            readsOk.incrementAndGet();
                        } catch (HttpTimeoutException e) {
                            failures.add("request hung: " + key + ": " + e);
                            return;
                        } catch (IOException e) {
                            if (stopping[0].getCount() != 0) {
                                failures.add("connection error before the shutdown: " + key + ": " + e);
                            } else {
                                connectionErrorsAfterStop.incrementAndGet();
                            }
                            return;                   // the server is going away: this client stops
                        } catch (InterruptedException e) {
                            failures.add("interrupted: " + e);
                            return;
                        }
                    }
                }));
            }
            assertTrue(enoughAcked.await(120, TimeUnit.SECONDS), "clients too slow to get " + ackedBeforeStop + " sets acknowledged");

            // Ten slow requests in flight when the shutdown begins: they must complete.
            List<HttpResponse<String>> slowResponses = java.util.Collections.synchronizedList(new ArrayList<>());
            List<Thread> slow = new ArrayList<>();
            for (int s = 0; s < slowClients; s++) {
                slow.add(Thread.ofVirtual().start(() -> {
                    try {
                        slowResponses.add(h.get("/slow"));
                    } catch (IOException | InterruptedException e) {
                        failures.add("in-flight /slow failed: " + e);
                    }
                }));
            }
            for (int s = 0; s < slowClients; s++) {
                h.awaitLog("starting slow operation of 1s");
            }
            stopping[0].countDown();
            KvServer.ShutdownReport report = h.shutdown();

            for (Thread t : slow) {
                assertTrue(t.join(Duration.ofSeconds(30)), "a /slow request hung");
            }
            for (Thread t : clients) {
                assertTrue(t.join(Duration.ofSeconds(30)), "a client hung: " + t.getName());
            }
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            assertEquals(List.of(), List.copyOf(failures));
            assertEquals(slowClients, slowResponses.size());
            for (HttpResponse<String> r : slowResponses) {
                assertEquals(200, r.statusCode(), r.body());
                assertEquals("{\"result\":\"operation completed after 1s\"}\n", r.body());
            }
            assertTrue(report.graceful(), report.toString());
            assertTrue(report.inFlightAtStart() >= slowClients, report.toString());

            // Every acknowledged set is in the store with its value; each set ran its task.
            Map<String, String> store = h.server.store().snapshot();
            for (Map.Entry<String, String> e : acked.entrySet()) {
                assertEquals(e.getValue(), store.get(e.getKey()), "acknowledged " + e.getKey());
            }
            KvServer.Stats stats = report.stats();
            assertTrue(stats.tasksSubmitted() >= acked.size(), stats.toString());
            assertEquals(stats.tasksSubmitted(), stats.tasksCompleted(), "background tasks drained: " + stats);
            assertEquals(0, stats.tasksCutShort());
            assertEquals(store.size() - 2, stats.tasksSubmitted(), "one task per new key, none for a failed set");
            System.out.printf("KV shutdown under load: %d requests ok (%d sets acknowledged, %d read back), "
                            + "%d in flight at the stop, %d clients saw the closed port, %d slow requests completed; "
                            + "%d tasks drained; shutdown took %s, whole run %s%n",
                    requestsOk.get(), acked.size(), readsOk.get(), report.inFlightAtStart(),
                    connectionErrorsAfterStop.get(), slowResponses.size(), stats.tasksCompleted(), report.took(), took);
        }
    }
}
