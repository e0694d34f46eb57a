package io.go4j.examples.chat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A test's chat client over a real {@link Socket}: sends lines, reads lines. Reads block (no
 * polling, no sleeps); the socket's read timeout is only a safety net that turns a missing line
 * into a failure instead of a hang.
 */
final class LineClient implements AutoCloseable {

    static final int READ_TIMEOUT_MS = 20_000;

    final Socket socket;
    private final BufferedReader in;
    private final PrintWriter out;

    LineClient(int port) {
        this(port, 0);
    }

    /** {@code receiveBuffer > 0}: a small socket receive buffer (set before connecting). */
    LineClient(int port, int receiveBuffer) {
        try {
            socket = new Socket();
            if (receiveBuffer > 0) {
                socket.setReceiveBufferSize(receiveBuffer);
            }
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            socket.setSoTimeout(READ_TIMEOUT_MS);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out = new PrintWriter(new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Connects and reads the welcome line; returns the client. */
    static LineClient connect(int port, String expectedGuest) {
        LineClient c = new LineClient(port);
        c.expect("* welcome, you are " + expectedGuest + " (" + ChatServer.HELP + ")");
        return c;
    }

    void send(String line) {
        out.print(line + "\n");
        out.flush();
    }

    /** The next line; null at end of stream. */
    String read() {
        try {
            return in.readLine();
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no line within " + READ_TIMEOUT_MS + " ms", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void expect(String line) {
        assertEquals(line, read());
    }

    /** Reads lines up to and including the first that matches; returns the lines before it. */
    List<String> readUntil(Predicate<String> last) {
        List<String> before = new ArrayList<>();
        for (;;) {
            String line = read();
            if (line == null) {
                fail("end of stream before the expected line; read: " + before);
            }
            if (last.test(line)) {
                return before;
            }
            before.add(line);
        }
    }

    /** Reads until the server closes the connection (a reset counts as closed); returns what came. */
    List<String> readToEnd() {
        List<String> lines = new ArrayList<>();
        try {
            for (String line; (line = in.readLine()) != null; ) {
                lines.add(line);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("connection still open after " + READ_TIMEOUT_MS + " ms; read: " + lines, e);
        } catch (IOException e) {
            // connection reset: closed too
        }
        return lines;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing to do
        }
    }
}
