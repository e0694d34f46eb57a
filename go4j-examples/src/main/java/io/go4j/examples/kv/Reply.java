package io.go4j.examples.kv;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One HTTP response, built by a handler and written by the server's exchange goroutine (only
 * that goroutine touches the exchange, so a handler cut off by its deadline cannot write half
 * a response: Go's {@code http.TimeoutHandler} buffers the same way).
 *
 * @param status      the status code
 * @param contentType the {@code Content-Type}
 * @param body        the body (may be empty)
 * @param headers     further headers, e.g. {@code Allow}
 */
record Reply(int status, String contentType, byte[] body, Map<String, String> headers) {

    /** Shared, thread-safe once configured (Jackson's documented contract). */
    static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Go's {@code http.Error(w, msg, code)}: the message and a newline as plain text, with
     * {@code X-Content-Type-Options: nosniff}.
     */
    static Reply text(int status, String message) {
        return text(status, message, Map.of());
    }

    /** {@link #text(int, String)} with further headers. */
    static Reply text(int status, String message, Map<String, String> headers) {
        Map<String, String> h = new java.util.LinkedHashMap<>(headers);
        h.put("X-Content-Type-Options", "nosniff");
        return new Reply(status, "text/plain; charset=utf-8",
                (message + "\n").getBytes(StandardCharsets.UTF_8), Map.copyOf(h));
    }

    /**
     * Go's {@code w.Header().Set("Content-Type", "application/json"); w.WriteHeader(status);
     * json.NewEncoder(w).Encode(v)}: the JSON of {@code value} and a newline.
     */
    static Reply json(int status, Object value) {
        try {
            byte[] json = JSON.writeValueAsBytes(value);
            byte[] body = java.util.Arrays.copyOf(json, json.length + 1);
            body[json.length] = '\n';
            return new Reply(status, "application/json", body, Map.of());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + value, e);
        }
    }

    /** A reply thrown from deep inside a handler (a bad request found while decoding). */
    static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Reply reply;

        Failure(Reply reply) {
            super(new String(reply.body(), StandardCharsets.UTF_8).strip(), null, false, false);
            this.reply = reply;
        }

        Reply reply() {
            return reply;
        }
    }
}
