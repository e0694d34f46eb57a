package io.go4j.examples.kv;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.go4j.Chan;
import io.go4j.context.Context;
import io.go4j.context.ContextException;
import io.go4j.time.Time;
import io.go4j.time.Timer;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

import static io.go4j.Case.recv;
import static io.go4j.Select.select;

/**
 * The four endpoints of the seed's server (seed 000, "Ejemplo Práctico: Servidor Web
 * Concurrente"), each a function of the request's context and the request. Each runs in its
 * own goroutine (see {@link KvServer}) and returns the {@link Reply} to write; when its context
 * is done first, the server answers 503 without waiting for it, and the handler notices
 * {@code ctx.done()} and returns soon after.
 *
 * <p>Messages are the seed's, translated: {@code "Parámetro 'key' requerido"} is
 * {@code parameter 'key' required}, and so on. Departures: the seed's {@code /get} adds a random
 * latency of up to one second against a 500 ms timeout (half of its reads fail); this one reads
 * at once under the server-wide request timeout. The seed's {@code /slow} works 1 or 2 seconds
 * at random; this one works {@code --slow-delay}. A timeout is 503 (Go's
 * {@code http.TimeoutHandler}), where the seed answers 408 on {@code /get} and 500 on
 * {@code /slow}.
 */
final class Api {

    /** A request as the handlers see it: the body is already read (within {@code --max-body}). */
    record Request(String method, URI uri, byte[] body) {
    }

    /** An endpoint's code. */
    @FunctionalInterface
    interface Handler {
        Reply handle(Context ctx, Request req);
    }

    private final Store store;
    private final Background background;
    private final Config config;
    private final Log log;
    private final BiConsumer<String, Runnable> go; // starts a goroutine the server waits for at shutdown

    Api(Store store, Background background, Config config, Log log, BiConsumer<String, Runnable> go) {
        this.store = store;
        this.background = background;
        this.config = config;
        this.log = log;
        this.go = go;
    }

    // ---- GET /get?key=K

    /** What the lookup goroutine sends back: the seed's {@code struct{ valor string; existe bool; err error }}. */
    private record Lookup(String value) {
    }

    /**
     * {@code GET /get?key=K}: 200 and {@code {"key":K,"value":V}}, 404 if the key is absent,
     * 400 without a key. The lookup runs in its own goroutine and the handler selects on its
     * result and on the request's context, as the seed does:
     * <pre>{@code
     * resultado := make(chan struct{...})
     * go func() { valor, existe := almacen.Obtener(clave); resultado <- struct{...}{valor, existe, nil} }()
     * select {
     * case res := <-resultado: ...
     * case <-ctx.Done(): http.Error(w, "Timeout al obtener el valor", http.StatusRequestTimeout)
     * }
     * }</pre>
     * The seed's {@code resultado} is unbuffered, so when the timeout wins its goroutine blocks
     * for ever on the send — a goroutine leak. Here it has room for the one result.
     */
    Reply get(Context ctx, Request req) {
        String key = query(req.uri(), "key");         // clave := r.URL.Query().Get("key")
        if (key.isEmpty()) {
            return Reply.text(400, "parameter 'key' required");
        }
        Chan<Lookup> result = Chan.make(1);
        go.accept("kv lookup", () -> result.send(new Lookup(store.get(key))));
        return select(
                recv(result, res -> res.value() == null // case res := <-resultado:
                        ? Reply.text(404, "key not found")
                        : Reply.json(200, ordered("key", key, "value", res.value()))),
                recv(ctx.done(), x -> unavailable(ctx, "timeout getting the value"))); // case <-ctx.Done():
    }

    // ---- POST /set {"key":K,"value":V}

    /**
     * {@code POST /set} with {@code {"key":K,"value":V}}: 201 and {@code {"status":"success"}}
     * for a new key, 200 for a replaced value; 400 for a body that is not such an object (the
     * value may be absent: it is then {@code ""}, as Go decodes it) or an empty key. Then, as
     * the seed, it hands a background task to a worker:
     * <pre>{@code
     * almacen.Establecer(datos.Clave, datos.Valor)
     * tareasCh <- func() {
     *     log.Printf("Procesando en segundo plano para clave: %s", datos.Clave)
     *     time.Sleep(2 * time.Second) // Simular trabajo
     *     log.Printf("Procesamiento en segundo plano completado para clave: %s", datos.Clave)
     * }
     * }</pre>
     * The order is reversed here: the task is handed over first, waiting at most until the
     * request's deadline, and the store changes only once a worker has taken it — so a 503
     * ("no background worker free") leaves the store as it was, and every acknowledged set
     * has its task. The task carries the key and value it was given, not a read of the store.
     */
    Reply set(Context ctx, Request req) {
        JsonNode body = decode(req.body());
        String key = text(body, "key");
        String value = text(body, "value");
        if (key.isEmpty()) {
            return Reply.text(400, "key must not be empty"); // "Clave no puede estar vacía"
        }
        Duration work = config.taskDelay();
        Background.Task task = tctx -> {              // tareasCh <- func() { ... }
            log.printf("processing in background for key: %s", key);
            if (!sleep(tctx, work)) {                 // time.Sleep(2 * time.Second), cut short at a forced stop
                log.printf("background processing cut short for key: %s", key);
                return false;
            }
            log.printf("background processing done for key: %s", key);
            return true;
        };
        if (!background.submit(ctx, task)) {
            return unavailable(ctx, "no background worker free");
        }
        boolean created = store.set(key, value);      // almacen.Establecer(datos.Clave, datos.Valor)
        return Reply.json(created ? 201 : 200, Map.of("status", "success"));
    }

    /** Go's {@code json.NewDecoder(r.Body).Decode(&datos)}: one JSON object. */
    private static JsonNode decode(byte[] body) {
        JsonNode node;
        try {
            node = Reply.JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw bad("error decoding JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw bad("error decoding JSON: " + e.getMessage());
        }
        if (node == null || node.isMissingNode()) {
            throw bad("error decoding JSON: empty body");
        }
        if (!node.isObject()) {
            throw bad("error decoding JSON: want an object {\"key\": ..., \"value\": ...}, got " + node.getNodeType());
        }
        return node;
    }

    /** A string field of the body: absent or null is {@code ""}, as Go decodes it; another type is an error. */
    private static String text(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return "";
        }
        if (!n.isTextual()) {
            throw bad("error decoding JSON: field \"" + field + "\" must be a string, got " + n.getNodeType());
        }
        return n.textValue();
    }

    // ---- GET /keys

    /** {@code GET /keys}: 200 and {@code {"keys":[...]}}, sorted. */
    Reply keys(Context ctx, Request req) {
        return Reply.json(200, Map.of("keys", store.keys()));
    }

    // ---- GET /slow

    /**
     * {@code GET /slow}: works {@code --slow-delay} and answers 200 and
     * {@code {"result":"operation completed after 2s"}}, unless the request's context ends
     * first: then 503 {@code operation canceled: context deadline exceeded ...}. Go:
     * <pre>{@code
     * func operacionLenta(ctx context.Context, duracion time.Duration) (string, error) {
     *     select {
     *     case <-time.After(duracion):
     *         return fmt.Sprintf("Operación completada después de %v", duracion), nil
     *     case <-ctx.Done():
     *         return "", ctx.Err()
     *     }
     * }
     * }</pre>
     */
    Reply slow(Context ctx, Request req) {
        Duration d = config.slowDelay();
        log.printf("starting slow operation of %s", Time.format(d));
        if (!sleep(ctx, d)) {                         // case <-ctx.Done(): return "", ctx.Err()
            return unavailable(ctx, "operation canceled");
        }
        return Reply.json(200, Map.of("result", "operation completed after " + Time.format(d)));
    }

    // ---- helpers

    /**
     * Waits {@code d} or until {@code ctx} is done, whichever comes first; true if the time
     * passed. Go: {@code select { case <-time.After(d): case <-ctx.Done(): }}, with a timer
     * that is stopped on the way out instead of left to fire.
     */
    static boolean sleep(Context ctx, Duration d) {
        if (d.isZero()) {
            return true;
        }
        try (Timer t = Time.newTimer(d)) {
            return select(
                    recv(t.c(), x -> true),
                    recv(ctx.done(), x -> false));
        }
    }

    /**
     * 503 for a request whose context ended: {@code what: context deadline exceeded (request
     * timeout 5s)}, or {@code what: context canceled (server shutting down)} when a shutdown
     * ran out of time and cancelled every request.
     */
    Reply unavailable(Context ctx, String what) {
        ContextException err = ctx.err();
        String why = err == Context.DEADLINE_EXCEEDED
                ? " (request timeout " + Time.format(config.requestTimeout()) + ")"
                : " (server shutting down)";
        return Reply.text(503, what + ": " + err.getMessage() + why);
    }

    private static Reply.Failure bad(String message) {
        return new Reply.Failure(Reply.text(400, message));
    }

    /**
     * Go's {@code r.URL.Query().Get(name)}: the first value of {@code name} in the query, or
     * {@code ""}; a malformed escape is a 400 (Go drops such pairs silently).
     */
    static String query(URI uri, String name) {
        String raw = uri.getRawQuery();
        if (raw == null) {
            return "";
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                if (URLDecoder.decode(k, StandardCharsets.UTF_8).equals(name)) {
                    return URLDecoder.decode(v, StandardCharsets.UTF_8);
                }
            } catch (IllegalArgumentException e) {
                throw bad("invalid query: " + e.getMessage());
            }
        }
        return "";
    }

    private static Map<String, String> ordered(String k1, String v1, String k2, String v2) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return m;
    }
}
