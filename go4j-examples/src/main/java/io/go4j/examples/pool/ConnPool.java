package io.go4j.examples.pool;

import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.Select;
import io.go4j.TryRecv;
import io.go4j.context.Context;
import io.go4j.context.ContextException;
import io.go4j.sync.Mutex;
import io.go4j.time.Ticker;
import io.go4j.time.Time;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.go4j.Case.recv;
import static io.go4j.Case.send;

/**
 * A bounded pool of JDBC connections: seed 001's exercise 5 ("Crear un pool de conexiones a
 * base de datos": a limited number of connections, requested and released by many goroutines,
 * timeouts on requests, health checks), built the Go way from the seed's "El patrón Semáforo"
 * (a buffered channel as a counting semaphore) and "Manejo de Recursos", with the API of Go's
 * {@code database/sql} pool: {@code db.Conn(ctx)} is {@link #get(Context)}, {@code conn.Close()}
 * returns the connection, {@code db.Stats()} is {@link #stats()}, {@code db.Close()} is
 * {@link #close()}.
 *
 * {@snippet :
 * try (ConnPool pool = new ConnPool(() -> DriverManager.getConnection(url), ConnPool.Options.defaults());
 *      CancelContext ctx = Context.withTimeout(Context.background(), Duration.ofSeconds(2))) {
 *     try (Connection c = pool.get(ctx);                   // conn, err := db.Conn(ctx)
 *          var st = c.createStatement()) {                 // defer conn.Close()  (back to the pool)
 *         st.execute("...");
 *     }
 * }
 * }
 *
 * <h2>How it works</h2>
 * <pre>{@code
 * slots := make(chan struct{}, maxOpen)   // one token per open connection: the bound
 * idle  := make(chan *conn, maxOpen)      // the idle connections, oldest first
 * }</pre>
 * {@link #get} takes an idle connection if there is one, else a slot to open a new one (both
 * without waiting, Go's {@code select} with {@code default}), else it waits in a
 * {@code select} on the idle channel, the slots, {@code ctx.Done()} and the pool's closing.
 * A slot is taken before a connection is opened and given back after it is closed, so the
 * number of open connections never exceeds {@code maxOpen}. Returning a connection puts it on
 * the idle channel (it never blocks: the channel holds {@code maxOpen}), where a waiting
 * {@code get} receives it directly.
 *
 * <p><b>Reuse order: FIFO.</b> The idle channel is a queue, so the connection idle the longest
 * is reused first; every idle connection is used (and so checked) in turn.
 *
 * <h2>Health</h2>
 * With {@link Options#validateOnBorrow()}, {@code get} checks each idle connection with
 * {@link Connection#isValid(int)} before handing it out, closes a broken one and tries again
 * (another idle one, or a new one). With a {@link Options#healthCheckInterval()}, a checker
 * goroutine wakes on a {@link Ticker} and checks every idle connection, closing the broken
 * ones. A connection returned already closed, or whose rollback fails, is closed too, never
 * reused. The borrowed {@link Connection} is a proxy: {@code close()} returns it, and after
 * that every call but {@code close()} and {@code isClosed()} throws (the statements it made
 * are the driver's own).
 *
 * <h2>Closing</h2>
 * {@link #shutdown(Context)} stops new {@code get}s (waiting ones fail at once with
 * {@link PoolClosedException}), stops the checker, closes the idle connections and waits for
 * the borrowed ones to come back (each is closed as it returns); if {@code ctx} ends first, it
 * closes the still-borrowed connections underneath and throws {@code ctx}'s error.
 * {@link #close()} is {@code shutdown} without a deadline. When either returns normally, every
 * connection the pool opened is closed and its goroutine has ended.
 *
 * <p>Memory effects: a connection's return happens-before the {@code get} that receives it.
 * All methods are safe for use by many goroutines at once.
 */
public final class ConnPool implements AutoCloseable {

    /** Opens a new connection: Go's {@code driver.Connector}. */
    @FunctionalInterface
    public interface Connector {
        Connection connect() throws SQLException;
    }

    /**
     * The pool's settings: the bound, whether {@code get} validates idle connections, the
     * timeout given to {@link Connection#isValid(int)} (whole seconds, rounded up; zero: none),
     * and the interval of the background checker (zero: no checker).
     */
    public record Options(int maxOpen, boolean validateOnBorrow, Duration validationTimeout,
                          Duration healthCheckInterval) {
        public Options {
            if (maxOpen < 1) {
                throw new IllegalArgumentException("maxOpen must be at least 1: " + maxOpen);
            }
            Objects.requireNonNull(validationTimeout, "validationTimeout");
            Objects.requireNonNull(healthCheckInterval, "healthCheckInterval");
            if (validationTimeout.isNegative() || healthCheckInterval.isNegative()) {
                throw new IllegalArgumentException("negative duration");
            }
        }

        /** 10 connections, validated on borrow with a 1-second timeout, no background checker. */
        public static Options defaults() {
            return new Options(10, true, Duration.ofSeconds(1), Duration.ZERO);
        }

        public Options withMaxOpen(int n) {
            return new Options(n, validateOnBorrow, validationTimeout, healthCheckInterval);
        }

        public Options withValidateOnBorrow(boolean v) {
            return new Options(maxOpen, v, validationTimeout, healthCheckInterval);
        }

        public Options withHealthCheckInterval(Duration d) {
            return new Options(maxOpen, validateOnBorrow, validationTimeout, d);
        }
    }

    /**
     * A snapshot of the pool: Go's {@code sql.DBStats} (same names), with {@code timeouts}
     * (gets that ended because their context did: deadline or cancel), {@code opened} (ever)
     * and {@code closedBroken} (connections found broken and closed) added. An open
     * connection being opened, validated or checked is neither idle nor in use.
     */
    public record Stats(int maxOpenConnections, int openConnections, int inUse, int idle,
                        long waitCount, Duration waitDuration, long timeouts, long opened, long closedBroken) {
    }

    /** What {@link #get} throws once the pool is closed: Go's {@code sql: database is closed}. */
    public static final class PoolClosedException extends SQLException {
        private static final long serialVersionUID = 1L;

        PoolClosedException() {
            super("sql: database is closed");
        }
    }

    /** A connection of the pool. */
    private static final class Conn {
        final Connection raw;
        boolean discarded; // guarded by mu

        Conn(Connection raw) {
            this.raw = raw;
        }
    }

    private static final Object NEW = new Object();
    private static final Object CTX_DONE = new Object();
    private static final Object CLOSED = new Object();

    private final Connector connector;
    private final Options opt;
    private final int validationSeconds;
    private final Chan<Conn> idle;                      // idle := make(chan *conn, maxOpen)
    private final Chan<Void> slots;                     // slots := make(chan struct{}, maxOpen)
    private final Chan<Void> closing = Chan.make();     // closed when the pool closes
    private final Chan<Void> allClosed = Chan.make();   // closed when closed and no connection is open
    private final Chan<Void> checkerDone = Chan.make(); // closed when the checker goroutine has ended

    private final Mutex mu = new Mutex();
    // guarded by mu
    private boolean closed;
    private boolean allClosedSignalled;
    private int numOpen;                                // opening, idle, in use, being checked
    private final Set<Conn> borrowed = new HashSet<>();
    private long waitCount;
    private long waitNanos;
    private long timeouts;
    private long opened;
    private long closedBroken;

    /** A pool of at most {@code opt.maxOpen()} connections made by {@code connector}. */
    public ConnPool(Connector connector, Options opt) {
        this.connector = Objects.requireNonNull(connector, "connector");
        this.opt = Objects.requireNonNull(opt, "opt");
        long ms = opt.validationTimeout().toMillis();
        this.validationSeconds = (int) Math.min(Integer.MAX_VALUE, (ms + 999) / 1000);
        this.idle = Chan.make(opt.maxOpen());
        this.slots = Chan.make(opt.maxOpen());
        if (opt.healthCheckInterval().isZero()) {
            checkerDone.close();
        } else {
            Go.go("conn-pool-checker", () -> checker(opt.healthCheckInterval()));
        }
    }

    // ---------------------------------------------------------------- get

    /**
     * Borrows a connection, waiting while all {@code maxOpen} are in use: Go's
     * {@code db.Conn(ctx)}. Close the returned connection to give it back.
     *
     * @throws ContextException    {@code ctx} ended first (its error: deadline or cancel)
     * @throws PoolClosedException the pool is closed or closes while waiting
     * @throws SQLException        opening a new connection failed
     */
    public Connection get(Context ctx) throws SQLException {
        if (ctx.err() != null) {                                   // select { default: case <-ctx.Done(): return ctx.Err() }
            mu.lock();
            try {
                timeouts++;
            } finally {
                mu.unlock();
            }
            throw ctx.err();
        }
        for (;;) {
            if (closing.tryRecv() instanceof TryRecv.Closed) {      // select { case <-p.closing: return ErrClosed; default: }
                throw new PoolClosedException();
            }
            Conn c;
            if (idle.tryRecv() instanceof TryRecv.Value<Conn> v) {  // select { case c := <-p.idle: ...; default: }
                c = v.value();
                if (opt.validateOnBorrow() && !valid(c)) {
                    discard(c, true);                              // broken: close it and try again
                    continue;
                }
            } else if (slots.trySend(null)) {                      // select { case p.slots <- struct{}{}: ...; default: }
                c = open();
            } else {
                c = await(ctx);
                if (c == null) {
                    continue;                                      // a broken idle connection was discarded
                }
            }
            return borrow(c);
        }
    }

    /** Waits for an idle connection, a free slot, the end of {@code ctx} or the pool's closing. */
    private Conn await(Context ctx) throws SQLException {
        mu.lock();
        try {
            waitCount++;                                           // db.waitCount++ (counted as the wait starts, as Go does)
        } finally {
            mu.unlock();
        }
        Instant start = Time.now();                                // waitStart := nowFunc()
        Object got = Select.select(
                recv(idle, c -> (Object) c),                       // case c := <-p.idle:
                send(slots, null, () -> NEW),                      // case p.slots <- struct{}{}:
                recv(ctx.done(), x -> CTX_DONE),                   // case <-ctx.Done():
                recv(closing, x -> CLOSED));                       // case <-p.closing:
        long waited = Time.since(start).toNanos();
        mu.lock();
        try {
            waitNanos += waited;                                   // db.waitDuration.Add(time.Since(waitStart))
            if (got == CTX_DONE) {
                timeouts++;
            }
        } finally {
            mu.unlock();
        }
        if (got == CTX_DONE) {
            throw ctx.err();
        }
        if (got == CLOSED) {
            throw new PoolClosedException();
        }
        if (got == NEW) {
            return open();
        }
        Conn c = (Conn) got;
        if (opt.validateOnBorrow() && !valid(c)) {
            discard(c, true);
            return null;
        }
        return c;
    }

    /** Opens a connection; the caller holds the slot for it, which is given back on failure. */
    private Conn open() throws SQLException {
        mu.lock();
        try {
            if (closed) {
                slots.recv();
                throw new PoolClosedException();
            }
            numOpen++;                                             // counted while connecting
        } finally {
            mu.unlock();
        }
        Connection raw;
        try {
            raw = connector.connect();
            if (raw == null) {
                throw new SQLException("connector returned null");
            }
        } catch (SQLException | RuntimeException e) {
            mu.lock();
            try {
                numOpen--;
                signalIfAllClosed();
            } finally {
                mu.unlock();
            }
            slots.recv();                                          // <-p.slots
            throw e;
        }
        mu.lock();
        try {
            opened++;
        } finally {
            mu.unlock();
        }
        return new Conn(raw);
    }

    private Connection borrow(Conn c) throws SQLException {
        mu.lock();
        try {
            if (!closed) {
                borrowed.add(c);
                return handle(c);
            }
        } finally {
            mu.unlock();
        }
        discard(c, false);
        throw new PoolClosedException();
    }

    private boolean valid(Conn c) {
        try {
            return c.raw.isValid(validationSeconds);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /** Closes {@code c} for good (once) and gives its slot back. */
    private void discard(Conn c, boolean broken) {
        try {
            c.raw.close();
        } catch (SQLException | RuntimeException ignored) {
            // it is gone either way
        }
        mu.lock();
        try {
            if (c.discarded) {
                return;
            }
            c.discarded = true;
            numOpen--;
            if (broken) {
                closedBroken++;
            }
            signalIfAllClosed();
        } finally {
            mu.unlock();
        }
        slots.recv();                                              // <-p.slots: room for another
    }

    private void signalIfAllClosed() { // under mu
        if (closed && numOpen == 0 && !allClosedSignalled) {
            allClosedSignalled = true;
            allClosed.close();
        }
    }

    // ---------------------------------------------------------------- return

    /** Gives {@code c} back: to the idle channel, or closed if broken or the pool is closed. */
    private void release(Conn c) {
        boolean broken;
        try {
            broken = c.raw.isClosed();
            if (!broken && !c.raw.getAutoCommit()) {
                c.raw.rollback();                                  // no transaction leaks into the next user
                c.raw.setAutoCommit(true);
            }
        } catch (SQLException | RuntimeException e) {
            broken = true;
        }
        mu.lock();
        try {
            if (!borrowed.remove(c)) {
                return;                                            // closed underneath by shutdown
            }
            if (!broken && !closed) {
                boolean sent = idle.trySend(c);                    // p.idle <- c: never blocks
                assert sent : "idle channel full";
                return;
            }
        } finally {
            mu.unlock();
        }
        discard(c, broken);
    }

    /** The borrower's view of {@code c}: a Connection whose close() returns it. */
    private Connection handle(Conn c) {
        AtomicBoolean released = new AtomicBoolean();
        return (Connection) Proxy.newProxyInstance(ConnPool.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, m, args) -> {
                    switch (m.getName()) {
                        case "close" -> {
                            if (released.compareAndSet(false, true)) {
                                release(c);
                            }
                            return null;
                        }
                        case "isClosed" -> {
                            if (released.get()) {
                                return true;
                            }
                        }
                        case "equals" -> {
                            return proxy == args[0];
                        }
                        case "hashCode" -> {
                            return System.identityHashCode(proxy);
                        }
                        case "toString" -> {
                            return "pooled(" + c.raw + (released.get() ? ", returned)" : ")");
                        }
                        default -> {
                        }
                    }
                    if (released.get()) {
                        throw new SQLException("sql: connection is already closed"); // Go's sql.ErrConnDone
                    }
                    try {
                        return m.invoke(c.raw, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    // ---------------------------------------------------------------- health checker

    private void checker(Duration every) {
        try (Ticker ticker = Time.newTicker(every)) {               // ticker := time.NewTicker(every); defer ticker.Stop()
            for (;;) {
                boolean stop = Select.select(
                        recv(ticker.c(), t -> false),               // case <-ticker.C:
                        recv(closing, x -> true));                  // case <-p.closing: return
                if (stop) {
                    return;
                }
                checkIdle();
            }
        } finally {
            checkerDone.close();
        }
    }

    /** Checks each connection idle now, once; closes the broken ones, puts the others back. */
    void checkIdle() {
        for (int n = idle.len(); n > 0; n--) {
            if (!(idle.tryRecv() instanceof TryRecv.Value<Conn> v)) {
                return;                                            // borrowers took the rest
            }
            Conn c = v.value();
            if (!valid(c)) {
                discard(c, true);
                continue;
            }
            mu.lock();
            try {
                if (!closed) {
                    idle.trySend(c);                               // back at the end of the queue
                    continue;
                }
            } finally {
                mu.unlock();
            }
            discard(c, false);
        }
    }

    // ---------------------------------------------------------------- stats, close

    /** Go's {@code db.Stats()}. */
    public Stats stats() {
        mu.lock();
        try {
            return new Stats(opt.maxOpen(), numOpen, borrowed.size(), idle.len(), waitCount,
                    Duration.ofNanos(waitNanos), timeouts, opened, closedBroken);
        } finally {
            mu.unlock();
        }
    }

    /**
     * Closes the pool: new and waiting {@code get}s fail, the checker stops, idle connections
     * are closed, and this waits until every borrowed connection has been returned (and
     * closed) or {@code ctx} ends — then it closes the remaining ones underneath and throws
     * {@code ctx}'s error. Calling it again waits again.
     *
     * @throws ContextException {@code ctx} ended before every borrowed connection came back
     */
    public void shutdown(Context ctx) {
        mu.lock();
        try {
            if (!closed) {
                closed = true;
                closing.close();                                   // close(p.closing)
            }
        } finally {
            mu.unlock();
        }
        checkerDone.recv();                                        // the checker has ended
        while (idle.tryRecv() instanceof TryRecv.Value<Conn> v) {  // close the idle connections
            discard(v.value(), false);
        }
        mu.lock();
        try {
            signalIfAllClosed();
        } finally {
            mu.unlock();
        }
        boolean done = Select.select(
                recv(allClosed, x -> true),                        // case <-p.allClosed:
                recv(ctx.done(), x -> false));                     // case <-ctx.Done():
        if (done) {
            return;
        }
        List<Conn> still;
        mu.lock();
        try {
            still = new ArrayList<>(borrowed);
            borrowed.clear();
        } finally {
            mu.unlock();
        }
        for (Conn c : still) {
            discard(c, false);                                     // closed underneath its borrower
        }
        throw ctx.err();
    }

    /**
     * {@link #shutdown} with no deadline: waits until every borrowed connection has been
     * returned. Go's {@code db.Close()}.
     */
    @Override
    public void close() {
        shutdown(Context.background());
    }
}
