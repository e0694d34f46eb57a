package io.go4j;

import io.go4j.internal.park.G;
import io.go4j.internal.park.Park;
import io.go4j.internal.park.Sysmon;
import io.go4j.internal.park.WaitReason;
import io.go4j.internal.park.Waiter;
import io.go4j.internal.PanicReport;

import java.io.PrintStream;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;

/**
 * Goroutines: Go's {@code go} statement and a Go program's life cycle.
 *
 * {@snippet :
 * public static void main(String[] args) {
 *     Go.main(() -> {                         // func main() {
 *         Chan<String> done = Chan.make();
 *         Go.go(() -> done.send("hello"));    //     go func() { done <- "hello" }()
 *         System.out.println(done.recv());    //     fmt.Println(<-done)
 *     });                                     // }
 * }
 * }
 *
 * <h2>Goroutines</h2>
 * {@link #go(Runnable)} starts the function on a new virtual thread and returns at once; the
 * start happens-before the function runs; the goroutine's end synchronizes with nothing.
 * Each goroutine gets an id, unique and increasing (1 is reserved for the main goroutine of
 * {@link #main}); live goroutines are counted by {@code runtime.NumGoroutine} and listed in
 * dumps. Arguments are evaluated by the caller, as Go evaluates {@code go f(x)}'s {@code x}:
 * capture them in effectively final variables.
 *
 * <h2>Panics — the policy</h2>
 * Under {@link #main}, a Go program: an exception that escapes <em>any</em> goroutine prints
 * Go's panic report ({@code panic: <value>}, a blank line, {@code goroutine N [running]:},
 * the stack) to standard error and ends the program with exit status 2. Without
 * {@link #main} — go4j used inside a server, a test, any Java program — go4j never ends the
 * JVM: an escaping exception ends only its goroutine and is passed to the handler set with
 * {@link #setPanicHandler}; if none is set, to the thread's default uncaught-exception handler
 * if one is installed; otherwise go4j prints the same Go panic report to standard error.
 * See docs/adr/0004-goroutine-panics.md.
 */
public final class Go {

    private Go() {
    }

    private static volatile BiConsumer<Goroutine, Throwable> userHandler;
    private static volatile boolean programMode;
    private static final AtomicBoolean PANICKING = new AtomicBoolean();

    static {
        Park.setPanicHandler(Go::onEscaped);
    }

    /**
     * Starts {@code f} in a new goroutine: Go's {@code go f()}.
     *
     * @return a handle on the new goroutine
     * @throws Panic {@code go of nil func value} if {@code f} is null
     */
    public static Goroutine go(Runnable f) {
        if (f == null) {
            throw new Panic("go of nil func value");
        }
        return new Goroutine(Park.spawn(0, null, f));
    }

    /**
     * Starts {@code f} in a new goroutine whose virtual thread is named {@code name}, which
     * shows in dumps and Java tools.
     *
     * @throws Panic {@code go of nil func value} if {@code f} is null
     */
    public static Goroutine go(String name, Runnable f) {
        if (f == null) {
            throw new Panic("go of nil func value");
        }
        return new Goroutine(Park.spawn(0, Objects.requireNonNull(name, "name"), f));
    }

    /** The id of the calling goroutine, or 0 if the caller is a thread that is not a goroutine. */
    public static long id() {
        G g = Park.currentGoroutineOrNull();
        return g == null ? 0 : g.id;
    }

    /**
     * Runs {@code main} as the main goroutine (goroutine 1) of a Go program, and never returns:
     * when {@code main} returns, the program exits with status 0 — whatever other goroutines
     * are still doing, as in Go; if an exception escapes any goroutine, the program prints
     * Go's panic report and exits with status 2.
     *
     * <p>Call it from a Java {@code main} method, once.
     */
    public static void main(Runnable main) {
        Objects.requireNonNull(main, "main");
        programMode = true;
        Sysmon.watch(Go::fatal, Go::fatal);
        io.go4j.internal.Diagnostics.registerInBackground(); // the dump's MBean and JFR event, off the start-up path (ADR 0011, 6)
        AtomicBoolean mainDone = new AtomicBoolean();
        AtomicReference<Waiter> waiting = new AtomicReference<>();
        Park.spawn(1, null, () -> {
            // Only a normal return ends the program with 0. An exception propagates to the
            // goroutine's panic handler, which prints the report and exits with 2; signalling
            // "main returned" first (in a finally) would race it to System.exit(0).
            main.run();
            mainDone.set(true);
            Waiter w = waiting.get();
            if (w != null && w.claim(0)) {
                Park.unpark(w);
            }
        });
        // The platform main thread waits for goroutine 1 through the park facility. It is
        // not a goroutine, and it ignores interrupts: a Go program ends when main returns.
        // Publish the waiter, then check the flag; the goroutine sets the flag, then reads
        // the waiter: one of the two sees the other (both are volatile).
        while (!mainDone.get()) {
            Waiter w = new Waiter(Park.current());
            waiting.set(w);
            if (mainDone.get()) {
                break;
            }
            if (Park.park(w, WaitReason.SEMACQUIRE, null) == Waiter.CANCELLED) {
                Thread.interrupted();
            }
        }
        if (PANICKING.get()) {
            waitForever(); // the panicking goroutine is printing and will exit with 2
        }
        System.out.flush();
        System.exit(0);
    }

    /** Go's fatal error under Go.main: {@code fatal error: msg} on stderr, exit status 2. */
    private static void fatal(String msg) {
        if (PANICKING.compareAndSet(false, true)) {
            System.out.flush();
            System.err.print("fatal error: " + msg + (msg.endsWith("\n") ? "" : "\n"));
            System.err.flush();
            System.exit(2);
        }
    }

    private static void waitForever() {
        Waiter w = new Waiter(Park.current());
        for (;;) {
            Park.park(w, WaitReason.SEMACQUIRE, null);
            Thread.interrupted();
        }
    }

    /**
     * Sets the handler told about exceptions that escape goroutines when the program was not
     * started with {@link #main}; null restores the default (see the class comment). The
     * handler runs on the dying goroutine's thread.
     */
    public static void setPanicHandler(BiConsumer<Goroutine, Throwable> handler) {
        userHandler = handler;
    }

    private static void onEscaped(G g, Throwable t) {
        if (programMode) {
            if (PANICKING.compareAndSet(false, true)) {
                PrintStream err = System.err;
                System.out.flush();
                err.print(PanicReport.format(g, t));
                err.flush();
                System.exit(2);
            }
            waitForever(); // another goroutine is already ending the program
            return;
        }
        BiConsumer<Goroutine, Throwable> h = userHandler;
        if (h != null) {
            h.accept(new Goroutine(g), t);
            return;
        }
        Thread.UncaughtExceptionHandler d = Thread.getDefaultUncaughtExceptionHandler();
        if (d != null) {
            d.uncaughtException(Thread.currentThread(), t);
            return;
        }
        System.err.print(PanicReport.format(g, t));
        System.err.flush();
    }
}
