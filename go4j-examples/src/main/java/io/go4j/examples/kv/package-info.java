/**
 * The concurrent key-value web server of seed 000 ("Ejemplo Práctico: Servidor Web
 * Concurrente"), go4j's main program: goroutines per request, an {@code RWMutex}-guarded store,
 * a worker pool fed by a channel, a {@code context} deadline on every request, and a graceful
 * shutdown on SIGTERM/SIGINT.
 *
 * <p>Run it with {@code ./mvnw -q -pl go4j-examples -am -DskipTests package exec:exec}; flags
 * with {@code -Dargs="--port 9090 --request-timeout 1s"}. Endpoints:
 * <ul>
 *   <li>{@code GET /get?key=K}: 200 {@code {"key":K,"value":V}}; 404 unknown key; 400 no key;</li>
 *   <li>{@code POST /set} {@code {"key":K,"value":V}}: 201 new key, 200 replaced; 400 bad JSON
 *       or empty key; 413 body over {@code --max-body};</li>
 *   <li>{@code GET /keys}: 200 {@code {"keys":[...]}};</li>
 *   <li>{@code GET /slow}: works {@code --slow-delay}, 200; 503 if the request's deadline
 *       ({@code --request-timeout}) passes first.</li>
 * </ul>
 * Any other path is 404, a wrong method 405 with {@code Allow}. Why the JDK's HTTP server and
 * Jackson: docs/adr/0015-kv-server-http-and-json.md.
 */
package io.go4j.examples.kv;
