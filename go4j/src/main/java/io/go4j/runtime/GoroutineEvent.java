package io.go4j.runtime;

import io.go4j.internal.GoroutineSnapshot;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;
import jdk.jfr.Timestamp;

import java.util.stream.Collectors;

/**
 * The JFR event {@value #NAME}: one per live goroutine, written by a periodic hook at the
 * start and end of every recording chunk ({@code @Period("everyChunk")}; a recording's
 * settings may set another period, e.g.
 * {@code jcmd <pid> JFR.start +io.go4j.Goroutine#period=10s}). The event's
 * own stack trace is off (it would be JFR's periodic thread's); the goroutine's stack is the
 * field {@code stack}, one frame a line.
 *
 * <p>The hook is installed by {@link GoRuntime#registerMBean()} through a
 * {@link jdk.jfr.FlightRecorderListener}: registering an event with JFR initialises JFR's
 * metadata (a tenth of a second and more), which a program that never records should not
 * pay; a listener costs about a millisecond, and JFR calls it when it starts — at once if it
 * already runs. Cost while recording: one snapshot and one stack walk per goroutine per
 * chunk boundary.
 */
@Name(GoroutineEvent.NAME)
@Label("Goroutine")
@Category({"go4j"})
@Description("A live goroutine: what it waits on, since when, and its stack (go4j's goroutine dump)")
@Period("everyChunk")
@StackTrace(false)
@Enabled
final class GoroutineEvent extends Event {

    static final String NAME = "io.go4j.Goroutine";

    @Label("Goroutine Id")
    long id;

    @Label("Name")
    String name;

    @Label("State")
    @Description("The dump's status: the wait reason, or runnable when not parked in go4j")
    String state;

    @Label("Wait Reason")
    @Description("Go's wait reason (chan receive, select, sync.Mutex.Lock, ...); null if not parked in go4j")
    String waitReason;

    @Label("Waiting Since")
    @Description("When the wait began, to within a second")
    @Timestamp(Timestamp.MILLISECONDS_SINCE_EPOCH)
    long waitingSince;

    @Label("Waiting For")
    @Description("How long the goroutine has waited, to within a second")
    @Timespan(Timespan.NANOSECONDS)
    long waitingFor;

    @Label("Parent Goroutine Id")
    long parentId;

    @Label("Created By")
    String createdBy;

    @Label("Stack")
    String stack;

    /** The periodic hook: one event per live goroutine. */
    static void emit() {
        long nowNanos = System.nanoTime();
        long nowMillis = System.currentTimeMillis();
        for (GoroutineSnapshot s : GoroutineSnapshot.all(true)) {
            GoroutineEvent e = new GoroutineEvent();
            e.id = s.id();
            e.name = s.name();
            e.state = s.state();
            e.waitReason = s.waitReason();
            if (s.waitReason() != null) {
                long waited = Math.max(0L, nowNanos - s.waitSinceNanos());
                e.waitingFor = waited;
                e.waitingSince = nowMillis - waited / 1_000_000L;
            }
            e.parentId = s.parentId();
            e.createdBy = s.createdBy();
            e.stack = s.frames().stream().map(StackTraceElement::toString).collect(Collectors.joining("\n"));
            e.commit();
        }
    }

    /** Installs the periodic hook when JFR starts (at once if it runs); false if JFR is absent. */
    static boolean hook() {
        if (!FlightRecorder.isAvailable()) {
            return false;
        }
        FlightRecorder.addListener(new jdk.jfr.FlightRecorderListener() {
            @Override
            public void recorderInitialized(FlightRecorder recorder) {
                FlightRecorder.addPeriodicEvent(GoroutineEvent.class, GoroutineEvent::emit);
            }
        });
        return true;
    }
}
