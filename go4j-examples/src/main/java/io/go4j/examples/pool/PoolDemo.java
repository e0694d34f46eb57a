package io.go4j.examples.pool;

import io.go4j.Go;
import io.go4j.context.CancelContext;
import io.go4j.context.Context;
import io.go4j.sync.WaitGroup;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A demo of the {@link ConnPool connection pool} (seed 001, exercise 5):
 * <pre>
 * pool-demo [--workers N] [--queries M] [--max-open K] [--url JDBC_URL]
 * </pre>
 * N goroutines (default 50) each run M inserts (default 100) through a pool of K connections
 * (default 5) to an H2 in-memory database (or {@code --url}), each query under a 5-second
 * deadline; then it prints the rows written, the most sessions the database saw at once
 * and the pool's stats. Exit status 0, or 1 if a query failed, 2 for a usage error.
 */
public final class PoolDemo {

    private PoolDemo() {
    }

    /** Go's {@code func main()}. */
    public static void main(String[] args) {
        Go.main(() -> {
            int code = run(args, System.out, System.err);
            if (code != 0) {
                System.exit(code);
            }
        });
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        int workers = 50;
        int queries = 100;
        int maxOpen = 5;
        String url = "jdbc:h2:mem:pooldemo;DB_CLOSE_DELAY=-1";
        try {
            for (int i = 0; i < args.length; i += 2) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(args[i] + " needs a value");
                }
                String v = args[i + 1];
                switch (args[i]) {
                    case "--workers" -> workers = positive(args[i], v);
                    case "--queries" -> queries = positive(args[i], v);
                    case "--max-open" -> maxOpen = positive(args[i], v);
                    case "--url" -> url = v;
                    default -> throw new IllegalArgumentException("unknown flag " + args[i]);
                }
            }
        } catch (IllegalArgumentException e) {
            err.println("pool-demo: " + e.getMessage());
            err.println("usage: pool-demo [--workers N] [--queries M] [--max-open K] [--url JDBC_URL]");
            return 2;
        }
        String jdbcUrl = url;
        AtomicLong failures = new AtomicLong();
        AtomicInteger peakSessions = new AtomicInteger();
        try (ConnPool pool = new ConnPool(() -> DriverManager.getConnection(jdbcUrl, "sa", ""),
                ConnPool.Options.defaults().withMaxOpen(maxOpen).withHealthCheckInterval(Duration.ofSeconds(10)))) {
            try (Connection c = pool.get(Context.background()); Statement st = c.createStatement()) {
                st.execute("DROP TABLE IF EXISTS demo_hits");
                st.execute("CREATE TABLE demo_hits(worker INT, i INT, PRIMARY KEY (worker, i))");
            }
            WaitGroup wg = new WaitGroup();                                // var wg sync.WaitGroup
            int m = queries;
            for (int w = 0; w < workers; w++) {
                int worker = w;
                wg.go(() -> {                                              // wg.Go(func() {
                    for (int i = 0; i < m; i++) {
                        try (CancelContext ctx = Context.withTimeout(Context.background(), Duration.ofSeconds(5));
                             Connection c = pool.get(ctx);                 //   conn, err := db.Conn(ctx)
                             PreparedStatement ps = c.prepareStatement("INSERT INTO demo_hits VALUES (?, ?)")) {
                            ps.setInt(1, worker);
                            ps.setInt(2, i);
                            ps.executeUpdate();
                            try (Statement st = c.createStatement();
                                 ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS")) {
                                rs.next();
                                peakSessions.accumulateAndGet(rs.getInt(1), Math::max);
                            }
                        } catch (SQLException | RuntimeException e) {
                            failures.incrementAndGet();
                            err.println("pool-demo: worker " + worker + ": " + e);
                        }
                    }
                });
            }
            wg.await();                                                     // wg.Wait()
            try (Connection c = pool.get(Context.background()); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM demo_hits")) {
                rs.next();
                out.printf("%d workers x %d queries through a pool of %d: %d rows, %d failed%n",
                        workers, queries, maxOpen, rs.getLong(1), failures.get());
            }
            out.printf("most sessions the database saw at once: %d%n", peakSessions.get());
            ConnPool.Stats s = pool.stats();
            out.printf("pool: opened %d, open %d, idle %d, in use %d, waits %d (%d ms), timeouts %d, broken %d%n",
                    s.opened(), s.openConnections(), s.idle(), s.inUse(), s.waitCount(),
                    s.waitDuration().toMillis(), s.timeouts(), s.closedBroken());
        } catch (SQLException e) {
            err.println("pool-demo: " + e);
            return 1;
        }
        return failures.get() == 0 ? 0 : 1;
    }

    private static int positive(String flag, String v) {
        try {
            int n = Integer.parseInt(v);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new IllegalArgumentException(flag + " " + v + ": want a positive number");
    }
}
