package io.go4j.examples.kv;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.TryRecv;
import io.go4j.context.CancelContext;
import io.go4j.context.Context;
import io.go4j.sync.WaitGroup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static io.go4j.Case.recv;
import static io.go4j.Select.select;

/**
 * The concurrent key-value web server of seed 000 ("Ejemplo Práctico: Servidor Web
 * Concurrente"): {@code GET /get?key=K}, {@code POST /set}, {@code GET /keys},
 * {@code GET /slow} over HTTP/1.1, a store guarded by an {@code RWMutex} ({@link Store}), a
 * pool of background workers fed by a channel ({@link Background}), a deadline on every
 * request ({@code context.WithTimeout}) and a graceful shutdown ({@code servidor.Shutdown(ctx)},
 * then {@code close(tareasCh); wg.Wait()}).
 *
 * {@snippet :
 * KvServer server = KvServer.start(Config.parse("--port", "0"), new Log(System.err));
 * System.out.println(server.url());                  // http://127.0.0.1:41234
 * // ...
 * KvServer.ShutdownReport r = server.shutdown();     // servidor.Shutdown(ctx); close(tareasCh); wg.Wait()
 * }
 */
public final class KvServer {

    /*
     * Implementation notes.
     *
     * The HTTP/1.1 protocol is the JDK's com.sun.net.httpserver (docs/adr/0015): one platform
     * dispatcher thread accepts connections and reads request lines, and hands each exchange
     * to the executor — here Go.go, so every request runs in its own goroutine, as in Go's
     * net/http. Inside it, serve() routes, checks the method, reads the body within
     * --max-body, derives the request's context and runs the endpoint in a second goroutine,
     * racing it against the context (Go's http.TimeoutHandler):
     *
     *   dispatcher ──Go.go──▶ exchange goroutine ──go──▶ handler goroutine ──go──▶ (lookup)
     *                          select {                      │   submit ─▶ tasks chan ─▶ workers
     *                          case r := <-done:  ◀──────────┘ done (cap 1)
     *                          case <-ctx.Done(): 503 }
     *                          writes the one response
     *
     * Contexts: base (cancelled only by a shutdown that runs out of time) ─▶ one
     * WithTimeout(base, --request-timeout) per request, cancelled when the exchange ends.
     *
     * Invariants.
     * - Only the exchange goroutine touches its HttpExchange; a handler returns a Reply. So a
     *   handler that outlives its deadline cannot write into a response already sent.
     * - Every goroutine started for a request (exchange, handler, lookup) is counted in
     *   `handlers` from before it starts until it ends. Adds come from the dispatcher thread
     *   or from a goroutine already counted, so once the dispatcher has stopped, await() sees
     *   every request goroutine: no Add can race the Wait (Go's WaitGroup rule).
     * - The task channel is closed only after handlers.await() returned: no handler can be
     *   sending on it then, so "send on closed channel" cannot happen.
     * - Every handler wait selects on its context (or is a short RLock/Lock), so once base
     *   is cancelled every request goroutine ends promptly.
     *
     * Shutdown (Go's Server.Shutdown, then the seed's close(tareasCh); wg.Wait()):
     *   1. shuttingDown = true: responses say "Connection: close", so keep-alive clients
     *      reconnect, and the closed listener refuses them.
     *   2. HttpServer.stop closes the listener and waits until no exchange is active; if the
     *      deadline passes first, base is cancelled: every request still running answers 503
     *      "... context canceled (server shutting down)" at once. Then the request goroutines
     *      are awaited.
     *   3. close(tasks); the workers finish what they hold; past the deadline their context is
     *      cancelled and the tasks stop early.
     * HttpServer.stop's own delay is whole seconds and only a backstop (deadline + 2 s) for a
     * client that stops reading; the deadline itself is the context's.
     */

    /**
     * Counts at one moment.
     *
     * @param requests       requests received (every exchange, bad ones included)
     * @param inFlight       requests being served now
     * @param tasksSubmitted background tasks a worker has taken (one per successful set)
     * @param tasksCompleted background tasks that completed
     * @param tasksCutShort  background tasks cut short by a forced stop (or failed)
     */
    public record Stats(long requests, int inFlight, long tasksSubmitted, long tasksCompleted,
                        long tasksCutShort) {
    }

    /**
     * What a shutdown did.
     *
     * @param requestsInTime  whether the in-flight requests finished before the deadline (else
     *                        they were cancelled and answered 503)
     * @param tasksInTime     whether the background tasks finished before the deadline (else
     *                        the rest were cut short)
     * @param inFlightAtStart requests being served when the shutdown began
     * @param took            how long the shutdown took
     * @param stats           the counts once stopped
     */
    public record ShutdownReport(boolean requestsInTime, boolean tasksInTime, int inFlightAtStart,
                                 Duration took, Stats stats) {
        /** Whether everything finished within the deadline. */
        public boolean graceful() {
            return requestsInTime && tasksInTime;
        }
    }

    private record Endpoint(String method, boolean readsBody, Api.Handler handler) {
    }

    /** The listen backlog: room for a burst of new connections (the default is 50). */
    private static final int BACKLOG = 1024;

    private final Config config;
    private final Log log;
    private final HttpServer http;
    private final Store store = new Store();
    private final Background background;
    private final Map<String, Endpoint> routes;
    private final CancelContext base = Context.withCancel(Context.background()); // parent of every request's context
    private final WaitGroup handlers = new WaitGroup();      // the request goroutines (see the invariants)
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicBoolean shutdownStarted = new AtomicBoolean();
    private final Chan<Void> stopped = Chan.make();          // closed when the shutdown is over
    private volatile boolean shuttingDown;                   // written once by shutdown()
    private volatile ShutdownReport report;                  // written once, before stopped is closed

    private KvServer(Config config, Log log, HttpServer http) {
        this.config = config;
        this.log = log;
        this.http = http;
        this.background = new Background(config.workers(), log);
        Api api = new Api(store, background, config, log, this::go);
        this.routes = Map.of(
                "/get", new Endpoint("GET", false, api::get),
                "/set", new Endpoint("POST", true, api::set),
                "/keys", new Endpoint("GET", false, api::keys),
                "/slow", new Endpoint("GET", false, api::slow));
    }

    /**
     * Binds {@code config.addr():config.port()}, starts the workers and serves; the store holds
     * the seed's two keys ({@code key1}, {@code key2}).
     *
     * @throws IOException if the address cannot be bound (e.g. the port is taken)
     */
    public static KvServer start(Config config, Log log) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(config.addr(), config.port()), BACKLOG);
        KvServer s = new KvServer(config, log, http);
        s.store.set("key1", "value1");                // almacen.Establecer("clave1", "valor1")
        s.store.set("key2", "value2");                // almacen.Establecer("clave2", "valor2")
        http.createContext("/", s::serve);
        http.setExecutor(s::dispatch);                // every exchange in its own goroutine
        http.start();
        log.printf("server started on %s", s.url()); // log.Printf("Servidor iniciado en http://localhost%s\n", puerto)
        return s;
    }

    /** The bound address (the real port when {@code --port 0}). */
    public InetSocketAddress address() {
        return http.getAddress();
    }

    /** {@code http://HOST:PORT}. */
    public String url() {
        InetSocketAddress a = address();
        String host = a.getAddress().getHostAddress();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    /** The store (tests compare it with what the clients were told). */
    public Store store() {
        return store;
    }

    /** The settings. */
    public Config config() {
        return config;
    }

    /** The counts now. */
    public Stats stats() {
        return new Stats(requests.get(), inFlight.get(), background.submitted(), background.completed(),
                background.cutShort());
    }

    /** Blocks until a {@link #shutdown} has finished. */
    public void awaitStopped() {
        stopped.recv();
    }

    // ---- serving

    /** The executor: the exchange runs in a new goroutine, counted in {@code handlers}. */
    private void dispatch(Runnable exchange) {
        go("kv exchange", exchange);
    }

    /** Starts a request goroutine counted in {@code handlers} (see the invariants). */
    private void go(String name, Runnable body) {
        handlers.add(1);
        Go.go(name, () -> {
            try {
                body.run();
            } finally {
                handlers.done();
            }
        });
    }

    /** One exchange, in its own goroutine: route, run, write the one response. */
    private void serve(HttpExchange ex) {
        inFlight.incrementAndGet();
        requests.incrementAndGet();
        try {
            Reply reply;
            try {
                reply = route(ex);
            } catch (Reply.Failure e) {
                reply = e.reply();
            } catch (RuntimeException e) {            // Go's net/http recovers a handler's panic
                log.printf("http: panic serving %s: %s", ex.getRemoteAddress(), e);
                reply = Reply.text(500, "internal server error");
            }
            write(ex, reply);
        } catch (IOException e) {                     // the client went away
            log.printf("http: %s %s: %s", ex.getRequestMethod(), ex.getRequestURI(), e);
        } finally {
            ex.close();
            inFlight.decrementAndGet();
        }
    }

    private Reply route(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getRawPath();
        Endpoint ep = routes.get(path);
        if (ep == null) {
            return Reply.text(404, "404 page not found");          // Go's http.NotFound
        }
        if (!ep.method().equals(ex.getRequestMethod())) {          // if r.Method != http.MethodPost
            return Reply.text(405, "method not allowed: " + path + " accepts " + ep.method(),
                    Map.of("Allow", ep.method()));
        }
        byte[] body = ep.readsBody() ? readBody(ex) : new byte[0];
        Api.Request req = new Api.Request(ex.getRequestMethod(), ex.getRequestURI(), body);
        // ctx, cancelar := context.WithTimeout(r.Context(), timeout); defer cancelar()
        try (CancelContext ctx = Context.withTimeout(base, config.requestTimeout())) {
            return runWithin(ctx, ep.handler(), req);
        }
    }

    /**
     * Go's {@code http.TimeoutHandler}: runs the handler in its own goroutine and returns its
     * reply, or 503 when {@code ctx} is done first. {@code done} has room for one reply, so a
     * handler that finishes late never blocks (it has seen {@code ctx.done()} and returns).
     */
    private Reply runWithin(CancelContext ctx, Api.Handler handler, Api.Request req) {
        Chan<Reply> done = Chan.make(1);
        go("kv handler " + req.uri().getRawPath(), () -> {
            Reply r;
            try {
                r = handler.handle(ctx, req);
            } catch (Reply.Failure e) {
                r = e.reply();
            } catch (RuntimeException e) {
                log.printf("http: panic serving %s: %s", req.uri(), e);
                r = Reply.text(500, "internal server error");
            }
            done.send(r);
        });
        return select(
                recv(done, r -> r),
                recv(ctx.done(), x -> {
                    // Both may be ready: a reply that made it counts.
                    if (done.tryRecv() instanceof TryRecv.Value<Reply> v) {
                        return v.value();
                    }
                    return Reply.text(503, "request not finished in time: " + ctx.err().getMessage()
                            + (ctx.err() == Context.DEADLINE_EXCEEDED
                            ? " (request timeout " + io.go4j.time.Time.format(config.requestTimeout()) + ")"
                            : " (server shutting down)"));
                }));
    }

    /**
     * The body, at most {@code --max-body} bytes (Go's {@code http.MaxBytesReader}): 413 when a
     * declared {@code Content-Length} is larger (without reading it) or when more arrives.
     */
    private byte[] readBody(HttpExchange ex) throws IOException {
        long max = config.maxBody();
        String declared = ex.getRequestHeaders().getFirst("Content-Length");
        if (declared != null) {
            long n;
            try {
                n = Long.parseLong(declared.strip());
            } catch (NumberFormatException e) {
                throw new Reply.Failure(Reply.text(400, "invalid Content-Length: " + declared));
            }
            if (n > max) {
                throw tooLarge(max);
            }
        }
        InputStream in = ex.getRequestBody();         // closed with the exchange
        byte[] body = in.readNBytes((int) Math.min(max + 1, Integer.MAX_VALUE - 16));
        if (body.length > max) {
            throw tooLarge(max);
        }
        return body;
    }

    private static Reply.Failure tooLarge(long max) {
        return new Reply.Failure(Reply.text(413, "http: request body too large (limit " + max + " bytes)"));
    }

    private void write(HttpExchange ex, Reply r) throws IOException {
        Headers h = ex.getResponseHeaders();
        h.set("Content-Type", r.contentType());
        r.headers().forEach(h::set);
        if (shuttingDown) {
            h.set("Connection", "close");             // Go's Shutdown turns keep-alives off
        }
        byte[] body = r.body();
        ex.sendResponseHeaders(r.status(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    // ---- shutdown

    /**
     * Shuts the server down gracefully within {@code --shutdown-timeout}: stops accepting,
     * lets the requests in flight finish, then closes the task channel and lets the workers
     * finish their tasks (see the implementation notes for what happens past the deadline).
     * Blocks until done. A second call (from any thread) waits for the first and returns
     * its report.
     */
    public ShutdownReport shutdown() {
        if (!shutdownStarted.compareAndSet(false, true)) {
            stopped.recv();
            return report;
        }
        long t0 = System.nanoTime();
        shuttingDown = true;
        int atStart = inFlight.get();
        log.printf("shutting down the server (%d requests in flight, deadline %s)...", atStart,
                io.go4j.time.Time.format(config.shutdownTimeout()));
        boolean requestsInTime, tasksInTime;
        // ctx, cancelar := context.WithTimeout(context.Background(), 5*time.Second); defer cancelar()
        try (CancelContext deadline = Context.withTimeout(Context.background(), config.shutdownTimeout())) {
            // servidor.Shutdown(ctx)
            Chan<Void> httpStopped = Chan.make();
            int backstop = (int) Math.min(Integer.MAX_VALUE - 2, config.shutdownTimeout().toSeconds()) + 2;
            Go.go("kv http stop", () -> {
                http.stop(backstop);
                httpStopped.close();
            });
            requestsInTime = awaitOrCancel(httpStopped, deadline);
            Chan<Void> idle = Chan.make();
            Go.go("kv handlers wait", () -> {         // the dispatcher has stopped: no more Adds
                handlers.await();
                idle.close();
            });
            requestsInTime &= awaitOrCancel(idle, deadline);
            if (!requestsInTime) {
                log.printf("shutdown deadline passed: requests still running were cancelled");
            }
            // close(tareasCh); wg.Wait()
            tasksInTime = background.stop(deadline);
            if (!tasksInTime) {
                log.printf("shutdown deadline passed: background tasks still running were cut short");
            }
        } finally {
            base.cancel();
        }
        Stats s = stats();
        report = new ShutdownReport(requestsInTime, tasksInTime, atStart, Duration.ofNanos(System.nanoTime() - t0), s);
        log.printf("all workers have finished (%d tasks done, %d cut short)", s.tasksCompleted(), s.tasksCutShort());
        stopped.close();
        return report;
    }

    /**
     * Waits for {@code ch} to be closed; if {@code deadline} is done first, cancels every
     * request's context and then waits (the requests end promptly). True if in time.
     */
    private boolean awaitOrCancel(Chan<Void> ch, Context deadline) {
        boolean inTime = select(
                recv(ch, x -> true),
                recv(deadline.done(), x -> false))
                || ch.tryRecv() instanceof TryRecv.Closed<Void>; // both ready: it was in time
        if (!inTime) {
            base.cancel();
            ch.recv();
        }
        return inTime;
    }
}
