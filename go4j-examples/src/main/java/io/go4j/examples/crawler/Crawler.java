package io.go4j.examples.crawler;

import io.go4j.Chan;
import io.go4j.Select;
import io.go4j.WaitInterruptedException;
import io.go4j.context.CancelContext;
import io.go4j.context.Context;
import io.go4j.context.ContextException;
import io.go4j.context.Interrupts;
import io.go4j.sync.WaitGroup;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.go4j.Case.onRecv;
import static io.go4j.Case.onSend;

/**
 * A concurrent web crawler: exercise 3 of seed 001 ("Ejercicios Prácticos": <em>Desarrollar un
 * crawler web concurrente</em> — visit URLs concurrently, limit the goroutines at work, detect
 * cycles, time out on slow sites). It combines the seed's "El patrón Semáforo" (a buffered
 * channel of tokens), "Cancelación con Context" (the crawl's context, and a per-request
 * timeout derived from it) and "Evitar Goroutine Leaks"; the crawl loop is that of
 * <i>The Go Programming Language</i> §8.6 ({@code gopl.io/ch8/crawl2}: tokens, a worklist, a
 * {@code seen} map owned by one goroutine), written with a {@code select} so that it never
 * blocks holding work.
 *
 * {@snippet :
 * try (Crawler crawler = new Crawler(new Crawler.Config(4, 3, Duration.ofSeconds(5), true))) {
 *     Crawler.Result r = crawler.crawl(ctx, URI.create("http://127.0.0.1:8080/"));
 *     r.pages().forEach((url, page) -> System.out.println(url + " " + page));
 * }
 * }
 *
 * <h2>Rules</h2>
 * <ul>
 * <li><b>Bound.</b> At most {@link Config#maxConcurrency()} fetches are in flight at once: the
 *     crawl loop puts a token into {@code sem := make(chan struct{}, n)} before it starts a
 *     fetcher goroutine, and the fetcher takes it back out when it has delivered its result.
 *     So at most {@code n} fetcher goroutines exist at any time (plus the caller's).</li>
 * <li><b>Cycles.</b> Each URL is fetched at most once: the crawl loop keeps the {@code seen}
 *     set (no lock: only it touches it). URLs are compared after resolving against the page,
 *     dropping the fragment ({@code /a#x} is {@code /a}) and an empty path ({@code http://h} is
 *     {@code http://h/}).</li>
 * <li><b>Depth.</b> The start page has depth 0, the pages it links to depth 1, and so on;
 *     pages of depth {@link Config#maxDepth()} are fetched but their links are not followed.</li>
 * <li><b>Same host.</b> With {@link Config#sameHost()}, only links to the start URL's scheme,
 *     host and port are followed ({@code localhost} and {@code 127.0.0.1} are different hosts).
 *     Only {@code http} and {@code https} links are followed in any case.</li>
 * <li><b>Timeouts.</b> Each request runs under {@code context.WithTimeout(ctx, requestTimeout)}:
 *     the HTTP call is tied to that context with {@link Interrupts#call} (the context being done
 *     interrupts the fetcher, which aborts the request), so both the per-request timeout and the
 *     crawl's own cancellation stop it.</li>
 * <li><b>Errors.</b> Every URL the crawl decided to visit is in the result, with its depth and
 *     either its status and links or an error, in Go's words: {@code getting URL: 404 Not Found}
 *     for a status other than 200 (gopl's {@code links.Extract}), {@code Get "URL": context
 *     deadline exceeded} for a request that timed out, {@code Get "URL": context canceled} for
 *     one stopped or never started because the crawl was cancelled, {@code Get "URL": ...} with
 *     the I/O error otherwise. Links are read only from {@code text/html} pages
 *     ({@code href="..."} or {@code href='...'}).</li>
 * <li><b>Cancellation.</b> When the crawl's context is done, no new fetch starts, the fetches
 *     in flight are interrupted, the URLs still waiting are reported with the context's error,
 *     and {@code crawl} returns once every fetcher goroutine is done ({@code wg.Wait()}); {@link Result#err()} is
 *     the context's error.</li>
 * </ul>
 */
public final class Crawler implements AutoCloseable {

    /**
     * Settings.
     *
     * @param maxConcurrency the most requests in flight at once (the semaphore's size)
     * @param maxDepth       the deepest level whose pages are fetched (the start page is 0)
     * @param requestTimeout each request's timeout (connecting, sending, reading the body)
     * @param sameHost       follow only links to the start URL's scheme, host and port
     */
    public record Config(int maxConcurrency, int maxDepth, Duration requestTimeout, boolean sameHost) {
        public Config {
            if (maxConcurrency < 1 || maxDepth < 0 || !requestTimeout.isPositive()) {
                throw new IllegalArgumentException("bad config: " + maxConcurrency + ", " + maxDepth + ", " + requestTimeout);
            }
        }
    }

    /**
     * What became of one URL.
     *
     * @param url    the URL (normalized)
     * @param depth  its depth (links from the start page: 1)
     * @param status the HTTP status; 0 if no response came
     * @param links  the links found on the page, normalized, in page order, without duplicates
     *               (empty unless fetched with status 200 and {@code text/html})
     * @param error  null, or the error in Go's words (see the class comment)
     */
    public record Page(URI url, int depth, int status, List<String> links, String error) {
        /** Whether the page was fetched successfully. */
        public boolean ok() {
            return error == null;
        }
    }

    /**
     * A crawl's outcome.
     *
     * @param pages every URL the crawl decided to visit, by URL (sorted)
     * @param err   null if the crawl ran to the end; the context's error if it was cancelled
     */
    public record Result(Map<URI, Page> pages, ContextException err) {
    }

    private final Config config;
    private final HttpClient http;

    /** A crawler with its own HTTP client (HTTP/1.1, no redirects followed). */
    public Crawler(Config config) {
        this.config = Objects.requireNonNull(config, "config");
        // No timeouts of its own: each request's context is its timeout (see fetch).
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** A URL to fetch and how deep it is. */
    private record Job(URI url, int depth) {
    }

    /**
     * Crawls from {@code start} until every reachable page within the limits has been visited
     * or {@code ctx} is done. Returns only when every goroutine it started is done.
     */
    public Result crawl(Context ctx, URI start) {
        URI root = normalize(start);
        Chan<Void> sem = Chan.make(config.maxConcurrency()); // sem := make(chan struct{}, n)
        Chan<Page> results = Chan.make();                     // results := make(chan Page)
        Set<URI> seen = new LinkedHashSet<>();                // seen := map[string]bool{}
        Deque<Job> queue = new ArrayDeque<>();                // worklist
        Map<URI, Page> pages = new TreeMap<>();
        WaitGroup wg = new WaitGroup();                       // var wg sync.WaitGroup
        int[] inFlight = {0};
        boolean[] cancelled = {false};

        seen.add(root);
        queue.add(new Job(root, 0));
        for (;;) {
            if (ctx.err() != null) {
                cancelled[0] = true;      // (a done context wins over a ready send, which select would pick at random)
            }
            if ((cancelled[0] || queue.isEmpty()) && inFlight[0] == 0) {
                break;                    // nothing in flight, and nothing (more) to start
            }
            Job next = queue.isEmpty() || cancelled[0] ? null : queue.peek();
            Select.select(
                    // case sem <- struct{}{}: go fetch(next)   (a nil channel when there is nothing to start)
                    onSend(next == null ? null : sem, null, () -> {
                        queue.poll();
                        inFlight[0]++;
                        wg.go(() -> {                             // wg.Go(func() {
                            try {
                                results.send(fetch(ctx, next));   //     results <- fetch(ctx, job)
                            } finally {
                                sem.recv();                       //     <-sem: release the token
                            }
                        });
                    }),
                    onRecv(results, page -> {                     // case page := <-results:
                        inFlight[0]--;
                        pages.put(page.url(), page);
                        if (page.ok() && page.depth() < config.maxDepth()) {
                            for (String link : page.links()) {
                                URI u = URI.create(link);
                                if (follow(root, u) && seen.add(u)) {   // if !seen[link] { seen[link] = true
                                    queue.add(new Job(u, page.depth() + 1));
                                }
                            }
                        }
                    }),
                    // case <-ctx.Done(): stop starting fetches (a nil channel once seen)
                    onRecv(cancelled[0] ? null : ctx.done(), x -> cancelled[0] = true));
        }
        wg.await();                   // every fetcher has delivered; wait until they have all returned
        ContextException err = ctx.err();
        if (cancelled[0]) {
            for (Job j : queue) {                                // never started
                pages.put(j.url(), new Page(j.url(), j.depth(), 0, List.of(),
                        "Get \"" + j.url() + "\": " + err.getMessage()));
            }
        }
        return new Result(pages, cancelled[0] ? err : null);
    }

    private boolean follow(URI root, URI u) {
        String scheme = u.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            return false;
        }
        return !config.sameHost()
                || (scheme.equals(root.getScheme())
                    && Objects.equals(u.getHost(), root.getHost())
                    && u.getPort() == root.getPort());
    }

    /** One request under its own timeout: a fetcher goroutine's work. Never throws. */
    private Page fetch(Context ctx, Job job) {
        try (CancelContext reqCtx = Context.withTimeout(ctx, config.requestTimeout())) { // defer cancel()
            HttpRequest req = HttpRequest.newBuilder(job.url()).GET().build();
            HttpResponse<String> resp;
            try {
                resp = Interrupts.call(reqCtx, () -> http.send(req, HttpResponse.BodyHandlers.ofString()));
            } catch (InterruptedException | WaitInterruptedException | IOException e) {
                // Done context first: a timeout or a cancellation, in Go's words.
                String why = reqCtx.err() != null ? reqCtx.err().getMessage() : describe(e);
                return new Page(job.url(), job.depth(), 0, List.of(), "Get \"" + job.url() + "\": " + why);
            } catch (Exception e) {
                return new Page(job.url(), job.depth(), 0, List.of(), "Get \"" + job.url() + "\": " + describe(e));
            }
            int status = resp.statusCode();
            if (status != 200) {                     // if resp.StatusCode != http.StatusOK {
                return new Page(job.url(), job.depth(), status, List.of(),
                        "getting " + job.url() + ": " + status + " " + statusText(status));
            }
            boolean html = resp.headers().firstValue("Content-Type").orElse("").startsWith("text/html");
            return new Page(job.url(), job.depth(), status, html ? links(job.url(), resp.body()) : List.of(), null);
        }
    }

    private static String describe(Exception e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private static final Pattern HREF = Pattern.compile("href\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)')", Pattern.CASE_INSENSITIVE);

    /** The page's links, resolved against its URL and normalized, in order, without duplicates. */
    static List<String> links(URI base, String body) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = HREF.matcher(body);
        while (m.find()) {
            String ref = m.group(1) != null ? m.group(1) : m.group(2);
            try {
                out.add(normalize(base.resolve(new URI(ref.trim()))).toString());
            } catch (URISyntaxException | IllegalArgumentException e) {
                // not a URL: skip it, as a browser would
            }
        }
        return List.copyOf(out);
    }

    /** Without the fragment, with "/" for an empty path, with "." and ".." segments resolved. */
    static URI normalize(URI u) {
        if (u.isOpaque() || u.getRawAuthority() == null) {
            return u;                                   // mailto:, a relative reference ...: not followed anyway
        }
        String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
        String query = u.getRawQuery() == null ? "" : "?" + u.getRawQuery();
        return URI.create(u.getScheme().toLowerCase() + "://" + u.getRawAuthority() + path + query).normalize();
    }

    /** Go's {@code http.StatusText} for the usual codes. */
    static String statusText(int code) {
        return switch (code) {
            case 301 -> "Moved Permanently";
            case 302 -> "Found";
            case 304 -> "Not Modified";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 410 -> "Gone";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "";
        };
    }

    /** Closes the HTTP client. */
    @Override
    public void close() {
        http.close();
    }
}
