package io.go4j.examples.crawler;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.context.CancelContext;
import io.go4j.context.Context;
import io.go4j.testing.Leaks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The crawler of seed 001's exercise 3 against a small site served by the test on 127.0.0.1
 * (a real HTTP server, {@code com.sun.net.httpserver}): the exact pages visited and errors
 * reported, the bound on concurrent requests seen from the server's side, cancellation, and no
 * goroutine left after any crawl.
 */
@Timeout(60)
class CrawlerTest {

    /** A test site: pages by path; "/slow*" pages answer only when the test ends; others 404. */
    private static final class Site implements AutoCloseable {
        final HttpServer server;
        final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        final Map<String, String> pages = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();
        final CountDownLatch release = new CountDownLatch(1);     // lets the slow pages answer
        volatile CountDownLatch slowArrived = new CountDownLatch(0);
        volatile int gateAt = 0;                                  // > 0: "/p*" pages wait for this many in flight
        final CountDownLatch gate = new CountDownLatch(1);

        Site() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setExecutor(executor);
            server.createContext("/", this::handle);
            server.start();
        }

        String base() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        void page(String path, String... links) {
            StringBuilder html = new StringBuilder("<html><body>");
            for (String l : links) {
                html.append("<a href=\"").append(l).append("\">").append(l).append("</a>\n");
            }
            pages.put(path, html.append("</body></html>").toString());
        }

        private void handle(HttpExchange ex) throws IOException {
            String path = ex.getRequestURI().toString();          // path and query
            requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            int now = inFlight.incrementAndGet();
            maxInFlight.accumulateAndGet(now, Math::max);
            String body;
            try {
                if (path.startsWith("/slow")) {
                    slowArrived.countDown();
                    release.await();
                }
                if (gateAt > 0 && path.startsWith("/p")) {
                    if (now >= gateAt) {
                        gate.countDown();
                    }
                    gate.await(10, TimeUnit.SECONDS);              // hold until the bound is reached
                }
                body = pages.get(path);
            } catch (InterruptedException e) {
                body = null;
            } finally {
                // Counted out before the response is sent: the server's count never runs ahead
                // of the crawler's own (a fetcher frees its slot only after the response).
                inFlight.decrementAndGet();
            }
            try (ex) {
                byte[] b = (body == null ? "not found" : body).getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().set("Content-Type", body == null ? "text/plain" : "text/html; charset=utf-8");
                ex.sendResponseHeaders(body == null ? 404 : 200, b.length);
                try (OutputStream os = ex.getResponseBody()) {
                    os.write(b);
                }
            } catch (IOException e) {
                // the crawler gave up on this request
            }
        }

        /** Paths requested, each with how many times. */
        Map<String, Integer> requested() {
            return requests.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get()));
        }

        @Override
        public void close() {
            release.countDown();
            gate.countDown();
            server.stop(0);
            executor.close();
        }
    }

    private Leaks.Option before;
    private Site site;

    @BeforeEach
    void setUp() throws IOException {
        before = Leaks.ignoreCurrent();
        site = new Site();
    }

    @AfterEach
    void tearDown() {
        site.close();
        Leaks.verifyNone(before);
    }

    private Set<String> paths(Crawler.Result r) {
        return r.pages().keySet().stream().map(u -> u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery()))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private Map<String, String> errors(Crawler.Result r) {
        Map<String, String> m = new HashMap<>();
        r.pages().forEach((u, p) -> {
            if (!p.ok()) {
                m.put(u.getRawPath(), p.error());
            }
        });
        return m;
    }

    @Test
    @DisplayName("A site with a cycle, a 404, a slow page, another host and a deep chain: exactly the pages within depth 3, each fetched once, with Go's errors")
    void crawlsTheSite() {
        String b = site.base();
        int port = site.server.getAddress().getPort();
        site.page("/", "/a", "b", "/dead", "http://localhost:" + port + "/other", "mailto:x@example.com", "/a#top");
        site.page("/a", "/", "/b", "c");                 // back to the start: a cycle
        site.page("/b", "/c", "/slow", "./b");           // ./b is itself
        site.page("/c", "/d", "/a?x=1");                    // a query makes another URL
        site.page("/d", "/e");                           // depth 3: /e (depth 4) is not fetched
        site.page("/e");
        site.page("/a?x=1", "/e");
        site.page("/other");
        try (Crawler crawler = new Crawler(new Crawler.Config(3, 3, Duration.ofMillis(300), true))) {
            Crawler.Result r = crawler.crawl(Context.background(), URI.create(b));
            assertNull(r.err());
            assertEquals(new TreeSet<>(List.of("/", "/a", "/b", "/dead", "/c", "/slow", "/d", "/a?x=1")), paths(r));
            Map<String, Integer> depth = new HashMap<>();
            r.pages().forEach((u, p) -> depth.put(u.toString().substring(b.length()), p.depth()));
            assertEquals(Map.of("/", 0, "/a", 1, "/b", 1, "/dead", 1, "/c", 2, "/slow", 2, "/d", 3, "/a?x=1", 3), depth);
            assertEquals(Map.of(
                    "/dead", "getting " + b + "/dead: 404 Not Found",
                    "/slow", "Get \"" + b + "/slow\": context deadline exceeded"), errors(r));
            assertEquals(404, r.pages().get(URI.create(b + "/dead")).status());
            assertEquals(0, r.pages().get(URI.create(b + "/slow")).status());
            assertEquals(List.of(b + "/a", b + "/b", b + "/dead", "http://localhost:" + port + "/other", "mailto:x@example.com"),
                    r.pages().get(URI.create(b + "/")).links());
            // Seen from the server: each page once (the cycle and the duplicate links did not
            // cause a second visit), nothing beyond the depth, nothing on the other host.
            assertEquals(Map.of("/", 1, "/a", 1, "/b", 1, "/dead", 1, "/c", 1, "/slow", 1, "/d", 1, "/a?x=1", 1), site.requested());
            assertTrue(site.maxInFlight.get() <= 3, "more than 3 requests in flight: " + site.maxInFlight.get());
        }
        Leaks.verifyNone(before);                        // nothing left after the crawl
    }

    @Test
    @DisplayName("Never more than maxConcurrency requests in flight, and the bound is reached")
    void concurrencyBound() {
        int bound = 3;
        String[] leaves = new String[12];
        for (int i = 0; i < leaves.length; i++) {
            leaves[i] = "/p" + i;
            site.page(leaves[i]);
        }
        site.page("/", leaves);
        site.gateAt = bound;                             // the first leaves wait until 3 are in flight together
        try (Crawler crawler = new Crawler(new Crawler.Config(bound, 1, Duration.ofSeconds(20), true))) {
            Crawler.Result r = crawler.crawl(Context.background(), URI.create(site.base() + "/"));
            assertNull(r.err());
            assertEquals(13, r.pages().size());
            assertEquals(Map.of(), errors(r));
        }
        assertEquals(bound, site.maxInFlight.get(), "the server saw this many requests at once");
    }

    @Test
    @DisplayName("Cancelling the crawl's context: the requests in flight are aborted, the queued URLs reported, crawl returns, no goroutine left")
    void cancelTheCrawl() throws InterruptedException {
        site.page("/", "/slow0", "/slow1", "/slow2", "/slow3", "/slow4");
        site.slowArrived = new CountDownLatch(2);
        CancelContext ctx = Context.withCancel(Context.background());
        try (Crawler crawler = new Crawler(new Crawler.Config(2, 5, Duration.ofSeconds(30), true))) {
            Chan<Crawler.Result> done = Chan.make(1);
            Go.go(() -> done.send(crawler.crawl(ctx, URI.create(site.base() + "/"))));
            assertTrue(site.slowArrived.await(20, TimeUnit.SECONDS), "two slow requests in flight");
            ctx.cancel();
            Crawler.Result r = done.recv();
            assertSame(Context.CANCELED, r.err());
            assertEquals(new TreeSet<>(List.of("/", "/slow0", "/slow1", "/slow2", "/slow3", "/slow4")), paths(r));
            Map<String, String> expected = new HashMap<>();
            for (int i = 0; i < 5; i++) {
                expected.put("/slow" + i, "Get \"" + site.base() + "/slow" + i + "\": context canceled");
            }
            assertEquals(expected, errors(r));
            // FIFO: the first two were started (and aborted), the other three never were.
            assertEquals(Map.of("/", 1, "/slow0", 1, "/slow1", 1), site.requested());
            Leaks.verifyNone(before);
        }
    }

    @Test
    @DisplayName("A crawl whose own context times out reports 'context deadline exceeded' for the unfinished pages")
    void crawlDeadline() {
        site.page("/", "/slow0", "/slow1", "/slow2");
        try (Crawler crawler = new Crawler(new Crawler.Config(2, 5, Duration.ofSeconds(30), true));
             CancelContext ctx = Context.withTimeout(Context.background(), Duration.ofMillis(300))) {
            Crawler.Result r = crawler.crawl(ctx, URI.create(site.base() + "/"));
            assertSame(Context.DEADLINE_EXCEEDED, r.err());
            assertTrue(r.pages().get(URI.create(site.base() + "/")).ok());
            for (int i = 0; i < 3; i++) {
                assertEquals("Get \"" + site.base() + "/slow" + i + "\": context deadline exceeded",
                        r.pages().get(URI.create(site.base() + "/slow" + i)).error());
            }
        }
    }

    @Test
    @DisplayName("A context cancelled before the crawl: no request at all, the start URL reported as cancelled")
    void cancelledBeforeStart() {
        site.page("/", "/a");
        CancelContext ctx = Context.withCancel(Context.background());
        ctx.cancel();
        try (Crawler crawler = new Crawler(new Crawler.Config(2, 5, Duration.ofSeconds(30), true))) {
            Crawler.Result r = crawler.crawl(ctx, URI.create(site.base()));
            assertSame(Context.CANCELED, r.err());
            assertEquals(Map.of("/", "Get \"" + site.base() + "/\": context canceled"), errors(r));
            assertEquals(Map.of(), site.requested());
        }
    }

    @Test
    @DisplayName("Link extraction: resolved against the page, fragments dropped, duplicates once, both quote styles")
    void links() {
        URI base = URI.create("http://h:1/dir/page");
        assertEquals(List.of("http://h:1/dir/x", "http://h:1/y", "http://other/", "http://h:1/dir/z?q=1", "http://h:1/"),
                Crawler.links(base, "<a href=\"x\">x</a><a HREF='/y#f'>y</a><a href=\"http://other\"><a href=\"x#again\">"
                        + "<a href = \"z?q=1\"><a href=\"../\">"));
    }
}
