package io.go4j.sync;

import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * Performs one action exactly once: Go's {@code sync.Once}, and the home of Go 1.21's
 * {@code sync.OnceFunc}, {@code sync.OnceValue} and {@code sync.OnceValues}.
 *
 * {@snippet :
 * Once once = new Once();                  // var once sync.Once
 * once.run(() -> config = load());         // once.Do(func() { config = load() })
 *
 * Supplier<Config> cfg = Once.value(() -> load());      // cfg := sync.OnceValue(load)
 * Callable<Conn> conn = Once.values(() -> dial());      // conn := sync.OnceValues(dial)  // (T, error)
 * }
 *
 * <p>{@link #run} runs its function only on the first call on this {@code Once}, even with
 * different functions; concurrent callers wait until that call returns. If the function
 * throws, the {@code Once} still counts it as done: the exception propagates to the caller
 * that ran it, and later calls return at once without running anything — Go's rule for a
 * panic in {@code f}.
 *
 * <p>Memory effects: the return of the one function run happens-before the return of every
 * {@code run} call. {@code Do} is named {@code run} because {@code do} is a Java keyword.
 * A caller waiting for another's function waits on a {@link Mutex} (not interruptible).
 */
public final class Once {

    private volatile boolean done;
    private final Mutex m = new Mutex();

    /** A {@code Once} that has not run: Go's {@code var once sync.Once}. */
    public Once() {
    }

    /** Go's {@code once.Do(f)}: runs {@code f} if and only if this is the first call. */
    public void run(Runnable f) {
        // The fast path: a volatile read. Reading false does not mean f has not run — only
        // that the slow path must decide, under the mutex, as Go's doSlow does.
        if (!done) {
            runSlow(f);
        }
    }

    private void runSlow(Runnable f) {
        m.lock();
        try {
            if (!done) {
                try {
                    f.run();
                } finally {
                    done = true;
                }
            }
        } finally {
            m.unlock();
        }
    }

    /**
     * Go's {@code sync.OnceFunc(f)}: a function that runs {@code f} on its first call only.
     * If {@code f} throws, every call throws that same throwable.
     */
    public static Runnable func(Runnable f) {
        Outcome<Object> o = new Outcome<>(() -> {
            f.run();
            return null;
        });
        return o::get;
    }

    /**
     * Go's {@code sync.OnceValue(f)}: a supplier that calls {@code f} on its first call only
     * and returns its value every time. If {@code f} throws, every call throws that same
     * throwable.
     */
    public static <T> Supplier<T> value(Supplier<T> f) {
        Outcome<T> o = new Outcome<>(f::get);
        return o::get;
    }

    /**
     * Go's {@code sync.OnceValues(f)} for its usual shape {@code func() (T, error)}: a callable
     * that calls {@code f} on its first call only and then returns its value, or throws its
     * exception, every time (the very same exception object, as Go returns the same error).
     */
    public static <T> Callable<T> values(Callable<T> f) {
        Outcome<T> o = new Outcome<>(f);
        return o::call;
    }

    /** The recorded result of a function run once: its value or its throwable. */
    private static final class Outcome<T> {
        private final Once once = new Once();
        private Callable<T> f;        // dropped once run, as Go sets f = nil
        private T value;              // published by Once's happens-before
        private Throwable failure;

        Outcome(Callable<T> f) {
            this.f = f;
        }

        T call() throws Exception {
            once.run(() -> {
                try {
                    value = f.call();
                } catch (Throwable t) {
                    failure = t;
                } finally {
                    f = null;
                }
            });
            if (failure != null) {
                if (failure instanceof Exception e) {
                    throw e;
                }
                throw (Error) failure;
            }
            return value;
        }

        T get() {
            try {
                return call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) { // only a Callable made from a Runnable/Supplier: cannot happen
                throw new IllegalStateException(e);
            }
        }
    }
}
