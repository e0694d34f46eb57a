package io.go4j.examples.kv;

import io.go4j.time.Time;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The KV server's settings and their command-line flags, parsed as Go's {@code flag} package
 * does: {@code -name value}, {@code --name value}, {@code -name=value}; durations in Go's
 * notation ({@code 2s}, {@code 500ms}, {@code 1m30s}: Go's {@code time.ParseDuration}).
 *
 * @param addr            the address to bind ({@code --addr}, default {@code 127.0.0.1})
 * @param port            the port ({@code --port}, default 8080; 0 picks a free one)
 * @param maxBody         the largest request body accepted, in bytes ({@code --max-body},
 *                        default 1 MiB); a larger one gets 413
 * @param requestTimeout  each request's deadline ({@code --request-timeout}, default 5s);
 *                        a request still running then gets 503
 * @param shutdownTimeout how long a graceful shutdown may take ({@code --shutdown-timeout},
 *                        default 5s, the seed's)
 * @param workers         background workers ({@code --workers}, default 3, the seed's
 *                        {@code numTrabajadores})
 * @param slowDelay       how long {@code GET /slow} works ({@code --slow-delay}, default 2s)
 * @param taskDelay       how long each background task works ({@code --task-delay}, default
 *                        2s, the seed's {@code time.Sleep(2 * time.Second)})
 */
public record Config(String addr, int port, long maxBody, Duration requestTimeout,
                     Duration shutdownTimeout, int workers, Duration slowDelay, Duration taskDelay) {

    /** The defaults: {@code 127.0.0.1:8080}, 1 MiB, 5s, 5s, 3 workers, 2s, 2s. */
    public static Config defaults() {
        return new Config("127.0.0.1", 8080, 1 << 20, Duration.ofSeconds(5), Duration.ofSeconds(5),
                3, Duration.ofSeconds(2), Duration.ofSeconds(2));
    }

    /** Checks the ranges; throws {@link UsageException} with the flag's name on a bad value. */
    public Config {
        if (addr == null || addr.isEmpty()) {
            throw new UsageException("invalid value for flag -addr: empty");
        }
        if (port < 0 || port > 65535) {
            throw new UsageException("invalid value \"" + port + "\" for flag -port: out of range 0-65535");
        }
        if (maxBody < 1) {
            throw new UsageException("invalid value \"" + maxBody + "\" for flag -max-body: must be at least 1");
        }
        positive("request-timeout", requestTimeout);
        positive("shutdown-timeout", shutdownTimeout);
        if (workers < 1) {
            throw new UsageException("invalid value \"" + workers + "\" for flag -workers: must be at least 1");
        }
        notNegative("slow-delay", slowDelay);
        notNegative("task-delay", taskDelay);
    }

    /** A bad command line: Go's {@code flag} package prints the message and the usage, exit 2. */
    public static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public UsageException(String message) {
            super(message);
        }
    }

    /** The flags, one per line, as Go's {@code flag.PrintDefaults}. */
    public static void printUsage(PrintStream out) {
        Config d = defaults();
        out.println("usage: kv [flags]   (or: tour list | tour run NAME)");
        out.println("  --addr string              address to bind (default \"" + d.addr + "\")");
        out.println("  --port int                 port, 0 for any free one (default " + d.port + ")");
        out.println("  --max-body int             largest request body in bytes (default " + d.maxBody + ")");
        out.println("  --request-timeout duration deadline of each request (default " + Time.format(d.requestTimeout) + ")");
        out.println("  --shutdown-timeout duration time allowed for a graceful shutdown (default " + Time.format(d.shutdownTimeout) + ")");
        out.println("  --workers int              background workers (default " + d.workers + ")");
        out.println("  --slow-delay duration      how long GET /slow works (default " + Time.format(d.slowDelay) + ")");
        out.println("  --task-delay duration      how long each background task works (default " + Time.format(d.taskDelay) + ")");
    }

    /**
     * Parses the flags over the defaults. {@code -h}/{@code --help} throws a
     * {@link UsageException} with the message {@code help requested}, as Go's
     * {@code flag.ErrHelp}.
     */
    public static Config parse(String... args) {
        Config c = defaults();
        String addr = c.addr;
        int port = c.port;
        long maxBody = c.maxBody;
        Duration requestTimeout = c.requestTimeout, shutdownTimeout = c.shutdownTimeout;
        int workers = c.workers;
        Duration slowDelay = c.slowDelay, taskDelay = c.taskDelay;
        List<String> rest = new ArrayList<>(List.of(args));
        while (!rest.isEmpty()) {
            String arg = rest.remove(0);
            if (!arg.startsWith("-") || arg.equals("-") || arg.equals("--")) {
                throw new UsageException("unexpected argument: " + arg);
            }
            String name = arg.substring(arg.startsWith("--") ? 2 : 1);
            if (name.equals("h") || name.equals("help")) {
                throw new UsageException("help requested");
            }
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (!rest.isEmpty()) {
                value = rest.remove(0);
            } else {
                throw new UsageException(known(name) ? "flag needs an argument: -" + name
                        : "flag provided but not defined: -" + name);
            }
            switch (name) {
                case "addr" -> addr = value;
                case "port" -> port = (int) integer(name, value);
                case "max-body" -> maxBody = integer(name, value);
                case "request-timeout" -> requestTimeout = duration(name, value);
                case "shutdown-timeout" -> shutdownTimeout = duration(name, value);
                case "workers" -> workers = (int) integer(name, value);
                case "slow-delay" -> slowDelay = duration(name, value);
                case "task-delay" -> taskDelay = duration(name, value);
                default -> throw new UsageException("flag provided but not defined: -" + name);
            }
        }
        return new Config(addr, port, maxBody, requestTimeout, shutdownTimeout, workers, slowDelay, taskDelay);
    }

    private static boolean known(String name) {
        return List.of("addr", "port", "max-body", "request-timeout", "shutdown-timeout", "workers",
                "slow-delay", "task-delay").contains(name);
    }

    private static long integer(String flag, String value) {
        try {
            long v = Long.parseLong(value);
            if (v > Integer.MAX_VALUE && !flag.equals("max-body")) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new UsageException("invalid value \"" + value + "\" for flag -" + flag + ": parse error");
        }
    }

    private static Duration duration(String flag, String value) {
        try {
            return parseDuration(value);
        } catch (IllegalArgumentException e) {
            throw new UsageException("invalid value \"" + value + "\" for flag -" + flag + ": " + e.getMessage());
        }
    }

    private static void positive(String flag, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new UsageException("invalid value for flag -" + flag + ": must be positive");
        }
    }

    private static void notNegative(String flag, Duration d) {
        if (d == null || d.isNegative()) {
            throw new UsageException("invalid value for flag -" + flag + ": must not be negative");
        }
    }

    /**
     * Go's {@code time.ParseDuration}: a possibly signed sequence of decimal numbers, each with
     * a unit ({@code ns}, {@code us}/{@code µs}, {@code ms}, {@code s}, {@code m}, {@code h}),
     * e.g. {@code 300ms}, {@code 1.5h}, {@code 2h45m}; {@code 0} alone needs no unit.
     *
     * @throws IllegalArgumentException with Go's message {@code time: invalid duration "x"}
     */
    public static Duration parseDuration(String s) {
        String orig = s;
        IllegalArgumentException invalid = new IllegalArgumentException("time: invalid duration \"" + orig + "\"");
        boolean neg = false;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            neg = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        if (s.isEmpty()) {
            throw invalid;
        }
        BigDecimal nanos = BigDecimal.ZERO;
        int i = 0;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            String num = s.substring(start, i);
            if (num.isEmpty() || num.equals(".") || num.indexOf('.') != num.lastIndexOf('.')) {
                throw invalid;
            }
            int ustart = i;
            while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
                i++;
            }
            long unit = switch (s.substring(ustart, i)) {
                case "ns" -> 1L;
                case "us", "µs", "μs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                case "h" -> 3_600_000_000_000L;
                case "" -> throw new IllegalArgumentException("time: missing unit in duration \"" + orig + "\"");
                default -> throw new IllegalArgumentException("time: unknown unit \"" + s.substring(ustart, i)
                        + "\" in duration \"" + orig + "\"");
            };
            nanos = nanos.add(new BigDecimal(num).multiply(BigDecimal.valueOf(unit)));
        }
        if (nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw invalid;
        }
        long n = nanos.longValue();
        return Duration.ofNanos(neg ? -n : n);
    }
}
