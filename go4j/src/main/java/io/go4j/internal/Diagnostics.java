package io.go4j.internal;

import io.go4j.runtime.GoRuntime;

/**
 * Registers the dumps readable from outside the process — the MBean
 * {@code io.go4j:type=Goroutines} and the JFR event {@code io.go4j.Goroutine}
 * ({@link GoRuntime#registerMBean()}) — for {@code Go.main}, off its start-up path: creating
 * the platform MBean server costs a tenth of a second and more (class loading), which a Go
 * program's start should not wait for. {@code -Dgo4j.diagnostics=false} turns it off.
 *
 * <p>The work runs on a daemon platform thread named {@value #THREAD_NAME}; it never touches
 * a channel, a lock or a goroutine, so it cannot end a deadlock, and the deadlock detector
 * must not count it among the threads that still could (docs/adr/0011, decision 5), or a
 * program deadlocked in its first moments would hang instead of dying with Go's message.
 */
public final class Diagnostics {

    private Diagnostics() {
    }

    /** The name of the registering thread, which the deadlock detector leaves out. */
    public static final String THREAD_NAME = "go4j-diagnostics";

    /** Starts the registration in the background, unless {@code -Dgo4j.diagnostics=false}. */
    public static void registerInBackground() {
        if ("false".equals(System.getProperty("go4j.diagnostics"))) {
            return;
        }
        Thread.ofPlatform().daemon().name(THREAD_NAME).start(GoRuntime::registerMBean);
    }
}
