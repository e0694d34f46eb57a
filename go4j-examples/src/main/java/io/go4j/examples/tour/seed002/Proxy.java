package io.go4j.examples.tour.seed002;

import io.go4j.Chan;
import io.go4j.SendChan;
import io.go4j.sync.WaitGroup;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Seed 002, "Proxy": the pattern of google/tcpproxy that the seed links — two goroutines copy
 * between the client's connection and the server's, one per direction, and report on the same
 * channel when they end; at the first report the proxy closes both connections (its deferred
 * closes), which ends the other copy too. Everything is real TCP on 127.0.0.1: an echo server,
 * the proxy in front of it, and main as the client. The client sends two lines, reads the
 * echoes, and closes its sending side: the client-to-server copy ends first, with no error.
 */
public final class Proxy {

    private Proxy() {
    }

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    /** tcpproxy's {@code proxyCopy(errc chan<- error, dst, src net.Conn)}: {@code io.Copy}, then report. */
    static void proxyCopy(SendChan<Exception> errc, Socket dst, Socket src) {
        Exception err = null;
        try {
            src.getInputStream().transferTo(dst.getOutputStream()); // _, err := io.Copy(dst, src)
        } catch (IOException e) {
            err = e;
        }
        errc.send(err);                                         // errc <- err
    }

    /** The proxy: takes one client and copies both ways to the server at {@code backendPort}. */
    static void proxy(PrintStream out, ServerSocket ln, int backendPort, WaitGroup wg) {
        try (Socket src = ln.accept();                          // src, _ := ln.Accept(); defer src.Close()
             Socket dst = new Socket(LOOPBACK, backendPort)) {  // dst, _ := net.Dial(...); defer dst.Close()
            Chan<Exception> errc = Chan.make(1);                // errc := make(chan error, 1)
            wg.go(() -> proxyCopy(errc, dst, src));             // go proxyCopy(errc, dst, src)
            wg.go(() -> proxyCopy(errc, src, dst));             // go proxyCopy(errc, src, dst)
            Exception err = errc.recv();                        // <-errc: the first copy to end
            out.println("proxy: una copia ha terminado (err=" + (err == null ? "<nil>" : err.getMessage())
                    + "); cierra ambas conexiones");
        } catch (IOException e) {                               // the deferred closes end the other copy
            throw new UncheckedIOException(e);
        }
    }

    /** The server behind the proxy: echoes each line of one connection as {@code eco: line}. */
    static void echoServer(ServerSocket ln) {
        try (Socket c = ln.accept();
             BufferedReader in = new BufferedReader(new InputStreamReader(c.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter w = new PrintWriter(c.getOutputStream(), true, StandardCharsets.UTF_8)) {
            for (String line; (line = in.readLine()) != null; ) {
                w.println("eco: " + line);
            }
        } catch (IOException e) {
            // the proxy closed the connection: done
        }
    }

    /** The client. */
    public static void main(PrintStream out) throws IOException {
        try (ServerSocket backend = new ServerSocket(0, 1, LOOPBACK);
             ServerSocket proxy = new ServerSocket(0, 1, LOOPBACK)) {
            WaitGroup wg = new WaitGroup();
            wg.go(() -> echoServer(backend));                   // go echoServer(backend)
            wg.go(() -> proxy(out, proxy, backend.getLocalPort(), wg)); // go proxy(ln, backendAddr)

            try (Socket c = new Socket(LOOPBACK, proxy.getLocalPort());
                 BufferedReader in = new BufferedReader(new InputStreamReader(c.getInputStream(), StandardCharsets.UTF_8));
                 PrintWriter w = new PrintWriter(c.getOutputStream(), true, StandardCharsets.UTF_8)) {
                for (String msg : List.of("hola", "adiós")) {
                    w.println(msg);
                    out.println("cliente: envía \"" + msg + "\", recibe \"" + in.readLine() + "\"");
                }
                c.shutdownOutput();                             // the client has no more to send: EOF
                out.println("cliente: conexión cerrada por el proxy: " + (in.readLine() == null));
            }
            wg.await();                                         // the server, the proxy and both copies have ended
        }
    }
}
