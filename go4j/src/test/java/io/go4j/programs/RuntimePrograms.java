package io.go4j.programs;

import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.Panic;
import io.go4j.Select;
import io.go4j.context.CancelContext;
import io.go4j.context.Context;
import io.go4j.internal.park.G;
import io.go4j.internal.park.Park;
import io.go4j.internal.park.Waiter;
import io.go4j.runtime.GoRuntime;
import io.go4j.sync.Cond;
import io.go4j.sync.Mutex;
import io.go4j.sync.WaitGroup;
import io.go4j.time.Time;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;

import static io.go4j.Case.recv;

/**
 * Go programs run in a child JVM by the tests of {@code io.go4j.runtime} (Go's
 * {@code runtime/testdata/testprog}): {@code java ... RuntimePrograms NAME}. Each one either
 * ends normally (exit 0, its output on stdout) or must die as Go dies (exit 2, Go's message on
 * stderr). Programs that must not be reported as deadlocked wait for their partner with a
 * handshake on the main goroutine's wait reason, never with a sleep.
 */
public final class RuntimePrograms {

    private RuntimePrograms() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            // ---- ports of runtime/testdata/testprog/deadlock.go ----
            case "SimpleDeadlock" -> Go.main(Select::forever);
            case "ChanReceiveDeadlock" -> Go.main(() -> Chan.<Integer>make().recv());
            case "GoexitDeadlock" -> Go.main(RuntimePrograms::goexitDeadlock);
            case "GoexitExit" -> Go.main(RuntimePrograms::goexitExit);
            case "GoexitInPanic" -> Go.main(RuntimePrograms::goexitInPanic);
            case "PanicAfterGoexit" -> Go.main(RuntimePrograms::panicAfterGoexit);
            case "RecoveredPanicAfterGoexit" -> Go.main(RuntimePrograms::recoveredPanicAfterGoexit);
            case "GoexitWithBlockedGoroutine" -> Go.main(RuntimePrograms::goexitWithBlockedGoroutine);
            case "GoNil" -> Go.main(RuntimePrograms::goNil);
            case "MainGoroutineID" -> Go.main(() -> {
                throw new Panic("test");
            });
            case "NoHelperGoroutines" -> Go.main(RuntimePrograms::noHelperGoroutines);
            case "NumGoroutine" -> Go.main(() -> System.out.println(GoRuntime.numGoroutine()));

            // ---- true deadlocks: exit 2 with Go's message ----
            case "MutexLockedTwice" -> Go.main(() -> {
                Mutex mu = new Mutex();
                mu.lock();
                mu.lock();
            });
            case "WaitGroupNeverDone" -> Go.main(() -> {
                WaitGroup wg = new WaitGroup();
                wg.add(1);
                wg.await();
            });
            case "CondNeverSignalled" -> Go.main(() -> {
                Mutex mu = new Mutex();
                Cond c = new Cond(mu);
                mu.lock();
                c.await();
            });
            case "DeadlockAfterTimersAndSleeps" -> Go.main(RuntimePrograms::deadlockAfterTimersAndSleeps);
            case "DeadlockAfterSocketIo" -> Go.main(RuntimePrograms::deadlockAfterSocketIo);

            // ---- no false positive: exit 0 with the expected output ----
            case "PlatformThreadFeeds" -> Go.main(RuntimePrograms::platformThreadFeeds);
            case "HttpRequestFeeds" -> Go.main(() -> httpRequestFeeds(false));
            case "HttpRequestOnVirtualThreadFeeds" -> Go.main(() -> httpRequestFeeds(true));
            case "SocketReadTimesOut" -> Go.main(RuntimePrograms::socketReadTimesOut);
            case "PipeReadFeeds" -> Go.main(RuntimePrograms::pipeReadFeeds);
            case "TimeSleepFeeds" -> Go.main(() -> sleeperFeeds(() -> Time.sleep(Duration.ofMillis(200))));
            case "ThreadSleepFeeds" -> Go.main(() -> sleeperFeeds(() -> threadSleep(200)));
            case "AfterFuncFeeds" -> Go.main(RuntimePrograms::afterFuncFeeds);
            case "TimeAfterWakes" -> Go.main(RuntimePrograms::timeAfterWakes);
            case "SelectWithTimeoutWakes" -> Go.main(RuntimePrograms::selectWithTimeoutWakes);
            case "ContextTimeoutWakes" -> Go.main(RuntimePrograms::contextTimeoutWakes);
            case "VirtualThreadFeeds" -> Go.main(RuntimePrograms::virtualThreadFeeds);

            // ---- GoRuntime.setDeadlockHandler outside Go.main ----
            case "HandlerGoroutineParksLast" -> handlerGoroutineParksLast();
            case "HandlerThreadParksLast" -> handlerThreadParksLast();
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    // ---- deadlock.go ----

    /** deadlock.go GoexitDeadlock: main Goexits; two goroutines end after a short loop. */
    private static void goexitDeadlock() {
        Runnable f = () -> {
            long sum = 0;
            for (int i = 0; i < 10; i++) {
                sum += i;
            }
            if (sum < 0) {
                throw new AssertionError();
            }
        };
        Go.go(f);
        Go.go(f);
        GoRuntime.goexit();
    }

    /**
     * deadlock.go GoexitExit: a goroutine that sleeps a millisecond, a GC, then main Goexits.
     * (Go also sets a finalizer, to show the finalizer goroutine does not count; the JVM's
     * finalizer and cleaner threads are not goroutines at all.)
     */
    private static void goexitExit() {
        Go.go(() -> Time.sleep(Duration.ofMillis(1)));
        GoRuntime.gc();
        GoRuntime.goexit();
    }

    /** deadlock.go GoexitInPanic: a goroutine whose deferred call Goexits while it panics. */
    @SuppressWarnings("finally")
    private static void goexitInPanic() {
        Go.go(() -> {
            try {
                throw new Panic("hello");
            } finally {
                GoRuntime.goexit(); // Goexit replaces the panic: the goroutine ends quietly
            }
        });
        GoRuntime.goexit();
    }

    /** deadlock.go PanicAfterGoexit: a deferred call panics while main Goexits. */
    @SuppressWarnings("finally")
    private static void panicAfterGoexit() {
        try {
            GoRuntime.goexit();
        } finally {
            throw new Panic("hello");
        }
    }

    /** deadlock.go RecoveredPanicAfterGoexit: that panic is recovered; the Goexit goes on. */
    private static void recoveredPanicAfterGoexit() {
        try {
            GoRuntime.goexit();
        } finally {
            try {
                throw new Panic("hello");
            } catch (Exception r) { // recover()
                if (!(r instanceof Panic p) || !"hello".equals(p.value())) {
                    throw new Panic("bad recover");
                }
            }
        }
    }

    /** runtime/proc.go checkdead: main Goexits while another goroutine is blocked for ever. */
    private static void goexitWithBlockedGoroutine() {
        Chan<Integer> never = Chan.make();
        Go.go(never::recv);
        GoRuntime.goexit();
    }

    /** deadlock.go GoNil, without its recover (go4j's "go of nil func value" is a panic). */
    private static void goNil() {
        Runnable f = null;
        Go.go(f);
        Select.forever();
    }

    /** deadlock.go NoHelperGoroutines: a pending AfterFunc timer, then a panic. */
    private static void noHelperGoroutines() {
        Time.afterFunc(Duration.ofHours(1), () -> {
        });
        throw new Panic("oops");
    }

    // ---- true deadlocks ----

    /**
     * Sleeps (go4j's and the JDK's, on goroutines and a plain virtual thread) and a timer that
     * fired leave helper threads behind in the JVM; then main blocks for ever with nothing left
     * to wake it.
     */
    private static void deadlockAfterTimersAndSleeps() {
        Time.sleep(Duration.ofMillis(5));
        Chan<String> fired = Chan.make();
        Time.afterFunc(Duration.ofMillis(5), () -> fired.send("fired"));
        fired.recv();
        WaitGroup wg = new WaitGroup();
        wg.go(() -> threadSleep(5));
        wg.await();
        try {
            Thread.ofVirtual().start(() -> threadSleep(5)).join();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        Chan.<Integer>make().recv();
    }

    /** Socket I/O on goroutines (which starts the JDK's pollers), then main blocks for ever. */
    private static void deadlockAfterSocketIo() {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Chan<String> got = Chan.make();
            Go.go(() -> {
                try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                    got.send(new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            try (Socket peer = server.accept()) {
                peer.getOutputStream().write("hi".getBytes(StandardCharsets.UTF_8));
            }
            if (!got.recv().equals("hi")) {
                throw new AssertionError();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Chan.<Integer>make().recv();
    }

    // ---- no false positive ----

    /** (a) A plain platform thread sends, after main has parked and it has worked a while. */
    private static void platformThreadFeeds() {
        Chan<String> ch = Chan.make();
        Thread t = new Thread(() -> {
            awaitMainParked("chan receive");
            long sum = work(100);
            ch.send("from a platform thread (" + (sum != 0) + ")");
        }, "feeder");
        t.start();
        System.out.println(ch.recv());
    }

    /**
     * (b) An HTTP request feeds main: the JDK's HttpServer (com.sun.net.httpserver) on
     * 127.0.0.1, port 0, whose handler sends on the channel; a client thread makes the request
     * once main has parked. The server is driven through reflection: the tests are compiled
     * inside module io.go4j, which does not read jdk.httpserver; at run time the class path
     * sees every JDK module.
     */
    private static void httpRequestFeeds(boolean virtualHandlers) {
        Chan<String> ch = Chan.make();
        Object server = HttpServerReflect.start(exchangePath -> ch.send("request for " + exchangePath),
                virtualHandlers);
        int port = HttpServerReflect.port(server);
        Thread client = new Thread(() -> {
            awaitMainParked("chan receive");
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/feed")
                        .toURL().openConnection();
                if (c.getResponseCode() != 200) {
                    throw new AssertionError("HTTP status " + c.getResponseCode());
                }
                c.getInputStream().readAllBytes();
                c.disconnect();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, "http-client");
        client.start();
        String got = ch.recv();
        joinQuietly(client);
        HttpServerReflect.stop(server);
        System.out.println(got);
    }

    /**
     * (c) The only other goroutine is blocked in a socket read (in I/O, not parked in go4j)
     * that nobody will ever feed: it ends when its read times out, then sends.
     */
    @SuppressWarnings("try") // the peer socket is only held open
    private static void socketReadTimesOut() {
        Chan<String> ch = Chan.make();
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Go.go(() -> {
                try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                    s.setSoTimeout(200);
                    awaitMainParked("chan receive");
                    try {
                        ch.send("read returned " + s.getInputStream().read());
                    } catch (SocketTimeoutException e) {
                        ch.send("read timed out");
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            try (Socket peer = server.accept()) { // open and silent: the read can only time out
                System.out.println(ch.recv());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * (c) A goroutine blocked reading a pipe sends what it read; a platform thread writes into
     * the pipe once main has parked and the reader is blocked in its read.
     */
    private static void pipeReadFeeds() {
        try {
            Pipe pipe = Pipe.open();
            Chan<String> ch = Chan.make();
            var reader = Go.go(() -> {
                try (InputStream in = java.nio.channels.Channels.newInputStream(pipe.source())) {
                    ch.send("read " + new String(in.readNBytes(4), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            Thread writer = new Thread(() -> {
                awaitMainParked("chan receive");
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (reader.thread().getState() != Thread.State.WAITING) { // blocked in read
                    if (System.nanoTime() - deadline > 0) {
                        fail("reader did not block in its read");
                    }
                    Thread.yield();
                }
                work(50);
                try (OutputStream out = java.nio.channels.Channels.newOutputStream(pipe.sink())) {
                    out.write("pipe".getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, "pipe-writer");
            writer.start();
            System.out.println(ch.recv());
            joinQuietly(writer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** (d) A goroutine sleeps (go4j's sleep or Thread.sleep) once main has parked, then sends. */
    private static void sleeperFeeds(Runnable sleep) {
        Chan<String> ch = Chan.make();
        Go.go(() -> {
            awaitMainParked("chan receive");
            sleep.run();
            ch.send("slept");
        });
        System.out.println(ch.recv());
    }

    /** (e) A timer's function sends: Go's time.AfterFunc. */
    private static void afterFuncFeeds() {
        Chan<String> ch = Chan.make();
        Time.afterFunc(Duration.ofMillis(200), () -> ch.send("after func"));
        System.out.println(ch.recv());
    }

    /** (e) Main waits on Go's time.After itself. */
    private static void timeAfterWakes() {
        Time.after(Duration.ofMillis(200)).recv();
        System.out.println("after");
    }

    /** (e) Main selects on a channel nobody feeds and a timeout. */
    private static void selectWithTimeoutWakes() {
        Chan<String> never = Chan.make();
        String got = Select.select(recv(never, v -> v), recv(Time.after(Duration.ofMillis(200)), t -> "timeout"));
        System.out.println(got);
    }

    /** (e) Main waits for a context's deadline: Go's context.WithTimeout. */
    private static void contextTimeoutWakes() {
        try (CancelContext ctx = Context.withTimeout(Context.background(), Duration.ofMillis(200))) {
            ctx.done().recvOk();
            System.out.println(ctx.err());
        }
    }

    /** (f) A virtual thread that is not a goroutine sleeps once main has parked, then sends. */
    private static void virtualThreadFeeds() {
        Chan<String> ch = Chan.make();
        Thread.ofVirtual().name("plain-virtual").start(() -> {
            awaitMainParked("chan receive");
            threadSleep(200);
            ch.send("from a plain virtual thread");
        });
        System.out.println(ch.recv());
    }

    // ---- setDeadlockHandler outside Go.main ----

    /**
     * No Go.main: the program's main thread (not a goroutine) sets a deadlock handler and
     * blocks on a channel; then a goroutine blocks for ever, completing the deadlock. The
     * handler prints the report's first lines and closes the channel, which wakes main.
     */
    private static void handlerGoroutineParksLast() {
        Chan<Integer> wake = Chan.make();
        GoRuntime.setDeadlockHandler(report -> {
            System.out.println("handler: " + report.lines().limit(3).toList());
            wake.close();
        });
        Thread main = Thread.currentThread();
        Chan<Integer> never = Chan.make();
        Go.go(() -> {
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!(main.getState() == Thread.State.WAITING && LockSupport.getBlocker(main) instanceof Waiter)) {
                if (System.nanoTime() - deadline > 0) {
                    fail("main thread did not park in go4j");
                }
                Thread.yield();
            }
            never.recv();
        });
        System.out.println("main woke, ok=" + wake.recvOk().ok());
        GoRuntime.setDeadlockHandler(null);
    }

    /**
     * No Go.main: a goroutine blocks for ever first, while the program's main thread (not a
     * goroutine) still runs, so there is no deadlock yet and no report; then main blocks on a
     * channel, completing the deadlock. The handler closes the channel.
     */
    private static void handlerThreadParksLast() {
        Chan<Integer> wake = Chan.make();
        GoRuntime.setDeadlockHandler(report -> {
            System.out.println("handler: " + report.lines().limit(3).toList());
            wake.close();
        });
        Chan<Integer> never = Chan.make();
        var g = Go.go(never::recv);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!"chan receive".equals(g.waitReason())) {
            if (System.nanoTime() - deadline > 0) {
                fail("goroutine did not park");
            }
            Thread.yield();
        }
        work(200); // a report now would be a false positive: main can still act
        System.out.println("main ran");
        System.out.println("main woke, ok=" + wake.recvOk().ok());
        GoRuntime.setDeadlockHandler(null);
    }

    // ---- helpers ----

    /** Waits (spinning, never sleeping) until goroutine 1 is parked with Go's wait reason. */
    static void awaitMainParked(String reason) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        for (;;) {
            G main = Park.goroutine(1);
            if (main != null && main.waitReason() != null && main.waitReason().text().equals(reason)) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                fail("main did not park with '" + reason + "'");
            }
            Thread.yield();
        }
    }

    /** Busy work for about {@code millis} ms: the thread is running, not waiting. */
    static long work(long millis) {
        long end = System.nanoTime() + millis * 1_000_000L;
        long x = 1;
        while (System.nanoTime() - end < 0) {
            for (int i = 0; i < 1000; i++) {
                x = x * 6364136223846793005L + 1442695040888963407L;
            }
        }
        return x | 1;
    }

    /**
     * {@code Thread.sleep} as the subject of the ThreadSleepFeeds scenario, not as
     * synchronization: the false-positive corpus must show that a goroutine sleeping outside
     * go4j (while main is parked, which the caller has already waited for) is not taken for
     * deadlocked. Whatever the timing, main receives the value; only the detector is tested.
     */
    private static void threadSleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void joinQuietly(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The program cannot go on: say why and exit with a status no test expects. */
    private static void fail(String why) {
        System.err.println("program failed: " + why);
        System.err.flush();
        Runtime.getRuntime().halt(3);
    }

    /** The JDK's HttpServer, through reflection (see {@link #httpRequestFeeds}). */
    private static final class HttpServerReflect {

        private HttpServerReflect() {
        }

        /** Starts a server whose every request calls {@code onRequest} with its path, then answers 200. */
        static Object start(java.util.function.Consumer<String> onRequest, boolean virtualHandlers) {
            try {
                Class<?> serverClass = Class.forName("com.sun.net.httpserver.HttpServer");
                Class<?> handlerClass = Class.forName("com.sun.net.httpserver.HttpHandler");
                Class<?> exchangeClass = Class.forName("com.sun.net.httpserver.HttpExchange");
                Method getRequestURI = exchangeClass.getMethod("getRequestURI");
                Method sendResponseHeaders = exchangeClass.getMethod("sendResponseHeaders", int.class, long.class);
                Method close = exchangeClass.getMethod("close");
                Object server = serverClass.getMethod("create", InetSocketAddress.class, int.class)
                        .invoke(null, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
                Object handler = Proxy.newProxyInstance(RuntimePrograms.class.getClassLoader(),
                        new Class<?>[] {handlerClass}, (proxy, m, a) -> {
                            if (!m.getName().equals("handle")) {
                                return m.getName().equals("hashCode") ? 0 : m.getName().equals("equals")
                                        ? proxy == a[0] : "handler";
                            }
                            Object exchange = a[0];
                            onRequest.accept(String.valueOf(getRequestURI.invoke(exchange)));
                            sendResponseHeaders.invoke(exchange, 200, -1L);
                            close.invoke(exchange);
                            return null;
                        });
                serverClass.getMethod("createContext", String.class, handlerClass).invoke(server, "/", handler);
                if (virtualHandlers) {
                    serverClass.getMethod("setExecutor", java.util.concurrent.Executor.class)
                            .invoke(server, Executors.newVirtualThreadPerTaskExecutor());
                }
                serverClass.getMethod("start").invoke(server);
                return server;
            } catch (ClassNotFoundException | NoSuchMethodException | IllegalAccessException e) {
                throw new IllegalStateException(e);
            } catch (InvocationTargetException e) {
                throw new IllegalStateException(e.getCause());
            }
        }

        static int port(Object server) {
            try {
                InetSocketAddress a = (InetSocketAddress) Class.forName("com.sun.net.httpserver.HttpServer")
                        .getMethod("getAddress").invoke(server);
                return a.getPort();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }

        static void stop(Object server) {
            try {
                Class.forName("com.sun.net.httpserver.HttpServer").getMethod("stop", int.class).invoke(server, 0);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
