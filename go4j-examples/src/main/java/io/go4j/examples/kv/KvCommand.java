package io.go4j.examples.kv;

import io.go4j.Go;

import java.io.IOException;
import java.io.PrintStream;

/**
 * The KV server as a program: parses the flags ({@link Config}), starts the server, prints its
 * address and curl lines to try it, and shuts it down gracefully on SIGTERM or SIGINT (Ctrl-C).
 * Ports the {@code main} of seed 000's "Ejemplo Práctico: Servidor Web Concurrente", whose
 * shutdown goroutine only sleeps 30 seconds ("En una aplicación real, aquí manejaríamos
 * señales del sistema operativo"); this one does handle the signals.
 *
 * <p>Go would write {@code signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)}. Java has
 * no public signal API (jdk.internal.misc.Signal is internal), so the shutdown runs in a JVM
 * shutdown hook, which the JVM starts on SIGTERM, SIGINT and SIGHUP. The hook returns when the
 * shutdown is over, and the JVM then exits with its usual status for the signal: 143 for
 * SIGTERM, 130 for SIGINT (a Go program that returns from main after a graceful shutdown
 * exits with 0). Usage errors exit with 2, as Go's {@code flag} package; a port already in use
 * exits with 1, as {@code log.Fatalf}.
 */
public final class KvCommand {

    private KvCommand() {
    }

    /** Runs the server with these flags until SIGTERM or SIGINT. */
    public static void main(String... args) {
        Config config;
        try {
            config = Config.parse(args);
        } catch (Config.UsageException e) {
            if (e.getMessage().equals("help requested")) {
                Config.printUsage(System.out);
                System.exit(0);
            }
            System.err.println(e.getMessage());
            Config.printUsage(System.err);
            System.exit(2);
            return;
        }
        Log log = new Log(System.err);                // Go's log writes to standard error
        Go.main(() -> serve(config, System.out, log));
    }

    /** Go's {@code func main()}: start, print how to try it, wait for the signal's shutdown. */
    static void serve(Config config, PrintStream out, Log log) {
        KvServer server;
        try {
            server = KvServer.start(config, log);
        } catch (IOException e) {
            // log.Fatalf("Error al iniciar el servidor: %v\n", err)
            log.printf("error starting the server on %s:%d: %s", config.addr(), config.port(), e);
            System.exit(1);
            return;
        }
        printBanner(out, server);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.printf("signal received: shutting down the server...");
            KvServer.ShutdownReport r = server.shutdown();
            log.printf("server stopped %s in %s", r.graceful() ? "gracefully" : "after its deadline",
                    io.go4j.time.Time.format(r.took()));  // log.Println("Servidor detenido correctamente")
            System.err.flush();
        }, "kv-shutdown"));
        server.awaitStopped();
    }

    /** The address and the curl lines to try each endpoint. */
    static void printBanner(PrintStream out, KvServer server) {
        String u = server.url();
        Config c = server.config();
        out.println("go4j KV server (seed 000) listening on " + u);
        out.println("Try it:");
        out.println("  curl -i '" + u + "/get?key=key1'");
        out.println("  curl -i -X POST " + u + "/set -d '{\"key\":\"color\",\"value\":\"blue\"}'");
        out.println("  curl -i '" + u + "/get?key=color'");
        out.println("  curl -i " + u + "/keys");
        out.println("  curl -i " + u + "/slow      # works " + io.go4j.time.Time.format(c.slowDelay())
                + ", within the " + io.go4j.time.Time.format(c.requestTimeout()) + " request timeout");
        out.println("Stop it with Ctrl-C (SIGINT) or SIGTERM: in-flight requests and background tasks finish (up to "
                + io.go4j.time.Time.format(c.shutdownTimeout()) + ").");
        out.flush();
    }
}
