package io.go4j.runtime;

import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.Goroutine;
import io.go4j.Select;
import io.go4j.sync.Mutex;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import static io.go4j.Case.onRecv;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The JFR event {@code io.go4j.Goroutine} (docs/adr/0011, section 6): with the hook installed
 * by {@link GoRuntime#registerMBean()}, a recording holds one event per goroutine at each
 * chunk boundary — what {@code jcmd <pid> JFR.start} / {@code JFR.dump} would capture. The
 * recordings here run in-process and are read back with {@link RecordingFile}.
 */
@Timeout(60)
class GoroutineJfrEventTest {

    @TempDir
    Path dir;

    static void await(String what, BooleanSupplier cond) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting until " + what);
            }
            Thread.yield();
        }
    }

    private List<RecordedEvent> record(boolean enabled) throws Exception {
        Path file = dir.resolve(enabled ? "on.jfr" : "off.jfr");
        try (Recording r = new Recording()) {
            if (enabled) {
                r.enable("io.go4j.Goroutine");
            } else {
                r.disable("io.go4j.Goroutine");
            }
            r.start();
            r.stop();
            r.dump(file);
        }
        return RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().equals("io.go4j.Goroutine")).toList();
    }

    /**
     * Goroutines parked on a channel, in a select and on a mutex each get events with their
     * id, name, wait reason, since when, parent, creator and stack.
     */
    @Test
    void recordingHoldsParkedGoroutines() throws Exception {
        GoRuntime.registerMBean();
        Chan<Integer> release = Chan.make();
        Mutex mu = new Mutex();
        mu.lock();
        List<Goroutine> gs = new ArrayList<>();
        gs.add(Go.go("jfr-recv", () -> release.recv())); // a lambda: a frame of this class on the stack
        gs.add(Go.go("jfr-select", () -> Select.select(onRecv(release, v -> { }), onRecv(Chan.<Integer>nil(), v -> { }))));
        gs.add(Go.go("jfr-mutex", () -> {
            mu.lock();
            mu.unlock();
        }));
        String[] reasons = {"chan receive", "select", "sync.Mutex.Lock"};
        for (int i = 0; i < gs.size(); i++) {
            Goroutine g = gs.get(i);
            String r = reasons[i];
            await(g + " parks on " + r, () -> r.equals(g.waitReason()));
        }
        List<RecordedEvent> events;
        try {
            events = record(true);
        } finally {
            mu.unlock();
            release.close();
        }
        for (int i = 0; i < gs.size(); i++) {
            long id = gs.get(i).id();
            List<RecordedEvent> mine = events.stream().filter(e -> e.getLong("id") == id).toList();
            assertFalse(mine.isEmpty(), "no event for goroutine " + id + " in " + events);
            for (RecordedEvent e : mine) {
                assertEquals(gs.get(i).name(), e.getString("name"));
                assertEquals(reasons[i], e.getString("waitReason"));
                assertEquals(reasons[i], e.getString("state"));
                assertEquals(0L, e.getLong("parentId"), "started by the test's thread, not a goroutine");
                assertEquals(GoroutineJfrEventTest.class.getName(), e.getString("createdBy"));
                assertTrue(e.getDuration("waitingFor").compareTo(Duration.ZERO) >= 0);
                assertFalse(e.getInstant("waitingSince").isAfter(e.getStartTime()), "the wait began before the event");
                assertTrue(e.getString("stack").contains(GoroutineJfrEventTest.class.getName()), e.getString("stack"));
                assertNull(e.getStackTrace(), "JFR's own stack trace (its periodic thread's) is off");
            }
        }
        for (Goroutine g : gs) {
            await(g + " ends", () -> !g.isAlive());
        }
    }

    /** A recording with the event disabled holds none, goroutines or not. */
    @Test
    void disabledEventIsNotRecorded() throws Exception {
        GoRuntime.registerMBean();
        Chan<Integer> release = Chan.make();
        Goroutine g = Go.go(release::recv);
        await(g + " parks", () -> "chan receive".equals(g.waitReason()));
        try {
            assertEquals(List.of(), record(false));
        } finally {
            release.close();
        }
        await(g + " ends", () -> !g.isAlive());
    }
}
