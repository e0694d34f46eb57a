package io.go4j.x.singleflight;

import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.Panic;
import io.go4j.RecvChan;
import io.go4j.sync.Mutex;
import io.go4j.sync.WaitGroup;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * Duplicate call suppression: concurrent calls for one key share one execution of the function
 * and its result. Go's {@code singleflight.Group}, with generic keys and values.
 *
 * {@snippet :
 * Group<String, Page> pages = new Group<>();           // var pages singleflight.Group
 * Result<Page> r = pages.run(url, () -> fetch(url));   // v, err, shared := pages.Do(url, fetchURL)
 * if (r.err() != null) {
 *     throw r.err();
 * }
 * use(r.val(), r.shared());
 * }
 *
 * <h2>Rules (Go's)</h2>
 * While a call for a key is in flight, later callers for that key wait for it and get its
 * result (with {@code shared} true) instead of calling their own function; once it returns, the
 * key is free again, and the next call runs anew. {@link #forget} frees a key early. Keys are
 * compared with {@code equals}; null is a key like any other.
 *
 * <h2>Errors and panics</h2>
 * The function is Go's {@code func() (V, error)}: a value returned is {@code val}; an
 * {@link Exception} thrown (checked or unchecked, except {@link Panic}) is {@code err}, the same
 * object for every sharing caller. A {@link Panic} or an {@link Error} thrown is a Go panic:
 * it is rethrown — the very object — in every {@link #run} caller sharing the call, as Go
 * re-panics in every waiting {@code Do}; a {@link io.go4j.runtime.Goexit} likewise ends every
 * waiting {@code run} caller's goroutine. {@link #runChan} departs from Go here: see
 * {@link PanicError}.
 *
 * <h2>Memory effects</h2>
 * A call's function, and everything it did, happens-before every {@link #run} returning (or
 * throwing) its result and every receive of its result from a {@link #runChan} channel.
 * All methods are safe for use by many goroutines (and threads) at once.
 *
 * @param <K> the type of the keys
 * @param <V> the type of the values
 */
public final class Group<K, V> {

    /*
     * Implementation notes. Go's x/sync singleflight/singleflight.go:
     *
     *   mu guards m:  key -> Call{wg, val, err, panic, dups, chans}
     *
     * The first caller for a key puts a Call in m and runs fn (run: in its own thread;
     * runChan: in a new goroutine); the others find it, count themselves in dups (and add their
     * channel) under mu, and wait on its WaitGroup. When fn ends, the executor records the
     * outcome, then under mu: wg.done(), removes the Call from m if it is still the one mapped
     * (forget may have replaced it, go.dev/issue/31420), and sends the result to the channels,
     * each buffered for one, so sending never blocks.
     *
     * Invariants: a Call is in m only until its fn has ended; dups and chans change only while
     * it is in m, under mu, so after the executor's locked section they are final. val, err and
     * panic are written before wg.done() and read after wg.await() (WaitGroup's
     * happens-before).
     *
     * Departure from Go: a panic in a call with runChan callers. Go crashes the process from a
     * new goroutine ("go panic(e)") so that the channels never need an answer. Here the panic
     * is reported the same way (a new goroutine throws it: fatal under Go.main, else the panic
     * handler), and each channel also receives a PanicError, because go4j does not end JVMs it
     * does not own and a receiver must not block for ever (see PanicError).
     */

    private final Mutex mu = new Mutex();
    private final Map<K, Call<V>> m = new HashMap<>(); // guarded by mu

    /** An in-flight or finished call: Go's {@code call}. */
    private static final class Call<V> {
        final WaitGroup wg = new WaitGroup();
        V val;                      // written once before wg.done(), read after wg.await()
        Exception err;              // same
        Throwable panic;            // same: a Panic or an Error (including Goexit)
        int dups;                   // guarded by mu while in the map; final afterwards
        List<Chan<Result<V>>> chans; // same; null until a runChan caller comes
    }

    /** An empty group: Go's zero {@code singleflight.Group}. */
    public Group() {
    }

    /**
     * Runs {@code fn} and returns its result, unless a call for {@code key} is already in
     * flight: then waits for that call and returns its result, shared. Go's
     * {@code g.Do(key, fn)} ({@code do} is a Java keyword; go4j's {@code Once} also maps Go's
     * {@code Do} to {@code run}).
     *
     * <p>{@code fn} runs in the calling thread.
     *
     * @return {@code val} and {@code err} as {@code fn} returned or threw them; {@code shared}
     *         true if the result went to more than one caller
     * @throws Panic or {@link Error}: the panic of the shared call's {@code fn}, rethrown in
     *         every caller that shared it
     * @throws io.go4j.WaitInterruptedException if the caller is interrupted while waiting for
     *         another caller's call; the call itself goes on
     */
    public Result<V> run(K key, Callable<? extends V> fn) {
        Objects.requireNonNull(fn, "fn");
        mu.lock();
        Call<V> c = m.get(key);
        if (c != null) {
            c.dups++;
            mu.unlock();
            c.wg.await();
            if (c.panic != null) {
                throw rethrow(c.panic);
            }
            return new Result<>(c.val, c.err, true);
        }
        Call<V> mine = new Call<>();
        mine.wg.add(1);
        m.put(key, mine);
        mu.unlock();

        Throwable panic = execute(mine, key, fn, false);
        if (panic != null) {
            throw rethrow(panic);
        }
        return new Result<>(mine.val, mine.err, mine.dups > 0);
    }

    /**
     * Like {@link #run}, but returns at once a channel that will receive the result: Go's
     * {@code g.DoChan(key, fn)}. The channel is buffered for one value, receives exactly one,
     * and is never closed. If no call for {@code key} is in flight, {@code fn} runs in a new
     * goroutine.
     *
     * <p>If the shared call panics, the channel receives a result whose {@code err} is a
     * {@link PanicError} (a departure from Go, which crashes; see there).
     */
    public RecvChan<Result<V>> runChan(K key, Callable<? extends V> fn) {
        Objects.requireNonNull(fn, "fn");
        Chan<Result<V>> ch = Chan.make(1);
        mu.lock();
        Call<V> c = m.get(key);
        if (c != null) {
            c.dups++;
            if (c.chans == null) {
                c.chans = new ArrayList<>(1);
            }
            c.chans.add(ch);
            mu.unlock();
            return ch;
        }
        Call<V> mine = new Call<>();
        mine.chans = new ArrayList<>(1);
        mine.chans.add(ch);
        mine.wg.add(1);
        m.put(key, mine);
        mu.unlock();

        Go.go(() -> {
            Throwable panic = execute(mine, key, fn, true);
            if (panic != null) {
                throw rethrow(panic); // escapes this goroutine: reported as Go's crash is
            }
        });
        return ch;
    }

    /**
     * Forgets {@code key}: later calls for it run their function instead of waiting for the
     * call in flight, which still delivers its result to those already waiting: Go's
     * {@code g.Forget(key)}.
     */
    public void forget(K key) {
        mu.lock();
        m.remove(key);
        mu.unlock();
    }

    /**
     * Runs the call and publishes its outcome: Go's {@code doCall}. Returns the panic to be
     * rethrown by the executor (null if none).
     */
    private Throwable execute(Call<V> c, K key, Callable<? extends V> fn, boolean ownGoroutine) {
        try {
            c.val = fn.call();
        } catch (Panic e) {
            c.panic = e;
        } catch (Exception e) {
            c.err = e;
        } catch (Error e) {
            c.panic = e; // a Goexit too: every waiting run() caller rethrows it, as Go Goexits them
        }

        List<Chan<Result<V>>> chans;
        boolean shared;
        mu.lock();
        try {
            c.wg.done();
            if (m.get(key) == c) {
                m.remove(key);
            }
            chans = c.chans;
            shared = c.dups > 0;
        } finally {
            mu.unlock();
        }

        if (chans != null) {
            Result<V> r = c.panic == null
                    ? new Result<>(c.val, c.err, shared)
                    : new Result<>(null, new PanicError(c.panic), shared);
            for (Chan<Result<V>> ch : chans) {
                ch.send(r); // buffered for one and sent once: never blocks
            }
            if (c.panic != null && !ownGoroutine && !(c.panic instanceof io.go4j.runtime.Goexit)) {
                // Go makes this panic unrecoverable ("go panic(e)"): report it from a goroutine
                // of its own, in addition to rethrowing it to this run() caller.
                Throwable p = c.panic;
                Go.go(() -> {
                    throw rethrow(p);
                });
            }
        }
        return c.panic;
    }

    /** A Panic (a RuntimeException) or an Error, thrown as itself. */
    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        throw (Error) t;
    }
}
