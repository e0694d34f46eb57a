package io.go4j.examples.pool;

import io.go4j.Go;
import io.go4j.Goroutine;
import io.go4j.context.CancelContext;
import io.go4j.context.Context;
import io.go4j.context.ContextException;
import io.go4j.sync.WaitGroup;
import io.go4j.testing.Leaks;
import io.go4j.testing.Synctest;
import io.go4j.time.Time;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The connection pool of seed 001's exercise 5 against a real database through JDBC: an
 * embedded H2 in-memory database per test. The database's own view
 * ({@code INFORMATION_SCHEMA.SESSIONS}, {@code SESSION_ID()}, {@code ABORT_SESSION}) checks
 * what the pool claims. Timeouts and the background checker run under {@link Synctest}'s fake
 * clock. After each test no goroutine is left.
 */
@Timeout(60)
class ConnPoolTest {

    private static final AtomicInteger DB = new AtomicInteger();

    private String url;
    /** Every raw connection the pool's connector opened, in order. */
    private final ConcurrentLinkedDeque<Connection> raws = new ConcurrentLinkedDeque<>();
    private Leaks.Option before;

    @BeforeEach
    void setUp() {
        before = Leaks.ignoreCurrent();
        url = "jdbc:h2:mem:pool" + DB.incrementAndGet() + ";DB_CLOSE_DELAY=-1";
    }

    @AfterEach
    void tearDown() throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement st = c.createStatement()) {
            st.execute("SHUTDOWN");
        }
        Leaks.verifyNone(before);
    }

    private ConnPool.Connector connector() {
        return () -> {
            Connection c = DriverManager.getConnection(url, "sa", "");
            raws.add(c);
            return c;
        };
    }

    /** The sessions of this database, counted by the database, seen through {@code c}. */
    private static int sessions(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static int sessionId(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT SESSION_ID()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Sessions counted through a connection of its own, outside the pool (minus that one). */
    private int sessionsOutsidePool() throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            return sessions(c) - 1;
        }
    }

    private static void awaitBlocked(Goroutine g) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (g.waitReason() == null) {
            assertTrue(System.nanoTime() < deadline, "goroutine never blocked");
            Thread.yield();
        }
    }

    /** A test body that may throw. */
    interface Body {
        void run() throws Exception;
    }

    /**
     * Runs {@code body} in a {@link Synctest} bubble and rethrows what it threw — ahead of the
     * bubble's deadlock report, which a failed assertion that leaves a connection borrowed
     * (so that the pool's close waits for ever) would otherwise hide.
     */
    private static void bubble(Body body) throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try {
            Synctest.test(() -> {
                try {
                    body.run();
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
        } catch (RuntimeException e) {
            if (failure.get() == null) {
                throw e;
            }
            failure.get().addSuppressed(e);
        }
        if (failure.get() instanceof Exception e) {
            throw e;
        }
        if (failure.get() instanceof Error e) {
            throw e;
        }
    }

    @Test
    @DisplayName("queries run through pooled connections; idle connections are reused oldest first (FIFO)")
    void queriesAndFifoReuse() throws SQLException {
        try (ConnPool pool = new ConnPool(connector(), ConnPool.Options.defaults().withMaxOpen(3))) {
            Context ctx = Context.background();
            try (Connection c = pool.get(ctx); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE t(id INT PRIMARY KEY, name VARCHAR(20))");
                st.execute("INSERT INTO t VALUES (1, 'one'), (2, 'two')");
            }
            Connection a = pool.get(ctx);
            Connection b = pool.get(ctx);
            int sa = sessionId(a);
            int sb = sessionId(b);
            assertNotEquals(sa, sb);
            try (PreparedStatement ps = b.prepareStatement("SELECT name FROM t WHERE id = ?")) {
                ps.setInt(1, 2);
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals("two", rs.getString(1));
                }
            }
            assertEquals(new ConnPool.Stats(3, 2, 2, 0, 0, Duration.ZERO, 0, 2, 0), pool.stats());
            assertEquals(2, sessions(a), "the database sees the pool's two sessions");
            b.close();                                   // b returned first, then a
            a.close();
            assertTrue(a.isClosed(), "a returned handle reads as closed");
            assertThrows(SQLException.class, a::createStatement, "a returned handle is unusable");
            a.close();                                   // closing twice does nothing
            assertEquals(new ConnPool.Stats(3, 2, 0, 2, 0, Duration.ZERO, 0, 2, 0), pool.stats());

            Connection first = pool.get(ctx);
            Connection second = pool.get(ctx);
            assertEquals(sb, sessionId(first), "the connection idle the longest comes first");
            assertEquals(sa, sessionId(second));
            assertEquals(2, pool.stats().opened(), "no new connection while idle ones exist");
            first.close();
            second.close();
        }
        assertTrue(raws.stream().allMatch(c -> isClosed(c)), "close() closed every connection");
        assertEquals(0, sessionsOutsidePool());
    }

    private static boolean isClosed(Connection c) {
        try {
            return c.isClosed();
        } catch (SQLException e) {
            return false;
        }
    }

    @Test
    @DisplayName("50 goroutines x 100 queries on a pool of 5: all succeed, never more than 5 connections (pool and database agree)")
    void concurrentBorrowersWithinBound() throws SQLException {
        int max = 5;
        int workers = 50;
        int queries = 100;
        try (ConnPool pool = new ConnPool(connector(), ConnPool.Options.defaults().withMaxOpen(max))) {
            try (Connection c = pool.get(Context.background()); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE hits(worker INT, i INT, PRIMARY KEY (worker, i))");
            }
            AtomicInteger peakPool = new AtomicInteger();
            AtomicInteger peakDb = new AtomicInteger();
            ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
            WaitGroup wg = new WaitGroup();
            for (int w = 0; w < workers; w++) {
                int worker = w;
                wg.go(() -> {
                    for (int i = 0; i < queries; i++) {
                        try (CancelContext ctx = Context.withTimeout(Context.background(), Duration.ofSeconds(30));
                             Connection c = pool.get(ctx);
                             PreparedStatement ps = c.prepareStatement("INSERT INTO hits VALUES (?, ?)")) {
                            peakPool.accumulateAndGet(pool.stats().openConnections(), Math::max);
                            ps.setInt(1, worker);
                            ps.setInt(2, i);
                            assertEquals(1, ps.executeUpdate());
                            if (i % 10 == 0) {
                                peakDb.accumulateAndGet(sessions(c), Math::max);
                            }
                        } catch (Throwable t) {
                            failures.add(t);
                        }
                    }
                });
            }
            wg.await();
            assertEquals(List.of(), List.copyOf(failures));
            try (Connection c = pool.get(Context.background()); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT COUNT(*), COUNT(DISTINCT worker) FROM hits")) {
                rs.next();
                assertEquals(workers * queries, rs.getInt(1));
                assertEquals(workers, rs.getInt(2));
            }
            assertTrue(peakPool.get() <= max, () -> "pool had " + peakPool + " open");
            assertTrue(peakDb.get() >= 1 && peakDb.get() <= max, () -> "database saw " + peakDb + " sessions");
            ConnPool.Stats s = pool.stats();
            assertTrue(s.opened() <= max, s::toString);
            assertEquals(0, s.inUse());
            assertEquals(s.openConnections(), s.idle());
            assertEquals(0, s.timeouts());
        }
        assertEquals(0, sessionsOutsidePool(), "close() closed every session");
    }

    @Test
    @DisplayName("an exhausted pool times out a get at its context's deadline (fake clock); a return hands the connection to a waiter")
    void acquireTimeoutWhenExhausted() throws Exception {
        bubble(() -> {
            try (ConnPool pool = new ConnPool(connector(), ConnPool.Options.defaults().withMaxOpen(2))) {
                Connection a = pool.get(Context.background());
                Connection b = pool.get(Context.background());
                try (CancelContext ctx = Context.withTimeout(Context.background(), Duration.ofSeconds(3))) {
                    ContextException e = assertThrows(ContextException.class, () -> pool.get(ctx));
                    assertSame(Context.DEADLINE_EXCEEDED, e);
                }
                assertEquals(new ConnPool.Stats(2, 2, 2, 0, 1, Duration.ofSeconds(3), 1, 2, 0), pool.stats());

                // A waiter gets the connection a returns, without a new one being opened.
                int sa = sessionId(a);
                AtomicInteger got = new AtomicInteger();
                WaitGroup wg = new WaitGroup();
                wg.go(() -> {
                    try (CancelContext ctx = Context.withTimeout(Context.background(), Duration.ofMinutes(1));
                         Connection c = pool.get(ctx)) {
                        got.set(sessionId(c));
                    } catch (SQLException e) {
                        throw new AssertionError(e);
                    }
                });
                Time.sleep(Duration.ofSeconds(5));           // the waiter waits 5 s on the fake clock
                Synctest.await();
                assertEquals(2, pool.stats().waitCount());
                a.close();
                wg.await();
                assertEquals(sa, got.get());
                ConnPool.Stats s = pool.stats();
                assertEquals(Duration.ofSeconds(8), s.waitDuration(), "3 s + 5 s of waiting, exactly");
                assertEquals(2, s.opened());
                b.close();

                // A cancelled context fails at once and counts as a timeout.
                try (CancelContext ctx = Context.withCancel(Context.background())) {
                    ctx.cancel();
                    assertSame(Context.CANCELED, assertThrows(ContextException.class, () -> pool.get(ctx)));
                }
                assertEquals(2, pool.stats().timeouts());
            }
        });
    }

    @Test
    @DisplayName("a connection killed by the database (ABORT_SESSION) or closed underneath is detected on borrow and replaced")
    void brokenConnectionReplacedOnBorrow() throws SQLException {
        try (ConnPool pool = new ConnPool(connector(), ConnPool.Options.defaults().withMaxOpen(1))) {
            Context ctx = Context.background();
            int s1;
            try (Connection c = pool.get(ctx)) {
                s1 = sessionId(c);
            }
            try (Connection admin = DriverManager.getConnection(url, "sa", "");
                 Statement st = admin.createStatement();
                 ResultSet rs = st.executeQuery("SELECT ABORT_SESSION(" + s1 + ")")) {
                rs.next();
                assertTrue(rs.getBoolean(1), "the database closed the session");
            }
            int s2;
            try (Connection c = pool.get(ctx)) {
                s2 = sessionId(c);                       // works: a new session
                assertEquals(1, sessions(c));
            }
            assertNotEquals(s1, s2);
            assertEquals(new ConnPool.Stats(1, 1, 0, 1, 0, Duration.ZERO, 0, 2, 1), pool.stats());

            raws.peekLast().close();                     // closed underneath, while idle
            try (Connection c = pool.get(ctx)) {
                assertNotEquals(s2, sessionId(c));
            }
            assertEquals(3, pool.stats().opened());
            assertEquals(2, pool.stats().closedBroken());
            assertEquals(1, pool.stats().openConnections());
        }
        assertEquals(0, sessionsOutsidePool());
    }

    @Test
    @DisplayName("the checker goroutine, on its ticker (fake clock), evicts a broken idle connection; close() ends it")
    void checkerEvictsBrokenIdle() throws Exception {
        bubble(() -> {
            {
                ConnPool pool = new ConnPool(connector(), ConnPool.Options.defaults().withMaxOpen(3)
                        .withValidateOnBorrow(false).withHealthCheckInterval(Duration.ofSeconds(30)));
                Connection a = pool.get(Context.background());
                Connection b = pool.get(Context.background());
                a.close();
                b.close();
                Connection rawA = raws.peek();
                rawA.close();                            // broken while idle
                assertEquals(2, pool.stats().idle());
                Time.sleep(Duration.ofSeconds(29));
                Synctest.await();
                assertEquals(2, pool.stats().idle(), "no check before the first tick");
                Time.sleep(Duration.ofSeconds(1));       // the first tick
                Synctest.await();                        // the checker has done its pass and waits again
                assertEquals(new ConnPool.Stats(3, 1, 0, 1, 0, Duration.ZERO, 0, 2, 1), pool.stats());
                pool.close();
                assertEquals(new ConnPool.Stats(3, 0, 0, 0, 0, Duration.ZERO, 0, 2, 1), pool.stats());
                assertTrue(raws.stream().allMatch(ConnPoolTest::isClosed));
                // Synctest.test returns only when every goroutine of the bubble, the checker too, has ended.
            }
        });
    }

    @Test
    @DisplayName("close() fails waiting and new gets, waits for the borrowed connection, then every session is gone")
    void closeWaitsForBorrowed() throws Exception {
        ConnPool pool = new ConnPool(connector(), ConnPool.Options.defaults().withMaxOpen(1));
        Connection c = pool.get(Context.background());
        AtomicReference<Throwable> waiterError = new AtomicReference<>();
        Goroutine waiter = Go.go(() -> {
            try {
                pool.get(Context.background());
            } catch (Throwable t) {
                waiterError.set(t);
            }
        });
        awaitBlocked(waiter);
        Goroutine closer = Go.go(pool::close);
        while (waiter.isAlive()) {
            Thread.yield();                              // close() wakes the waiter
        }
        assertInstanceOf(ConnPool.PoolClosedException.class, waiterError.get());
        assertEquals("sql: database is closed", waiterError.get().getMessage());
        awaitBlocked(closer);
        assertTrue(closer.isAlive(), "close() waits for the borrowed connection");
        assertThrows(ConnPool.PoolClosedException.class, () -> pool.get(Context.background()));
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT 1")) {
            assertTrue(rs.next(), "the borrowed connection still works while close() waits");
        }
        assertEquals(1, sessionsOutsidePool());
        c.close();
        closer.thread().join();
        assertEquals(0, sessionsOutsidePool());
        assertEquals(0, pool.stats().openConnections());
    }

    @Test
    @DisplayName("shutdown with a deadline (fake clock) closes a connection never returned underneath and reports the deadline")
    void shutdownDeadlineForcesClose() throws Exception {
        bubble(() -> {
            {
                ConnPool pool = new ConnPool(connector(), ConnPool.Options.defaults().withMaxOpen(2));
                Connection kept = pool.get(Context.background());
                pool.get(Context.background()).close();  // one idle connection
                try (CancelContext ctx = Context.withTimeout(Context.background(), Duration.ofSeconds(10))) {
                    assertSame(Context.DEADLINE_EXCEEDED, assertThrows(ContextException.class, () -> pool.shutdown(ctx)));
                }
                assertTrue(raws.stream().allMatch(ConnPoolTest::isClosed), "both closed");
                assertThrows(SQLException.class, () -> kept.createStatement().execute("SELECT 1"));
                kept.close();                            // returning it afterwards is harmless
                assertEquals(0, pool.stats().openConnections());
            }
        });
    }

    @Test
    @DisplayName("a connector that fails gives its slot back: the error reaches get, and the bound is not eaten")
    void connectorFailureFreesSlot() throws SQLException {
        AtomicInteger calls = new AtomicInteger();
        ConnPool.Connector flaky = () -> {
            if (calls.incrementAndGet() % 2 == 1) {
                throw new SQLException("connection refused");
            }
            return connector().connect();
        };
        try (ConnPool pool = new ConnPool(flaky, ConnPool.Options.defaults().withMaxOpen(1))) {
            for (int i = 0; i < 3; i++) {
                assertEquals("connection refused",
                        assertThrows(SQLException.class, () -> pool.get(Context.background())).getMessage());
                Connection c = pool.get(Context.background());
                assertEquals(1, pool.stats().openConnections());
                c.close();
                c = pool.get(Context.background());      // the idle one; no new connect
                c.close();
                raws.peekLast().close();                 // so the next round must connect again
            }
        }
    }
}
