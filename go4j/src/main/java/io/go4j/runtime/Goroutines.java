package io.go4j.runtime;

import io.go4j.internal.Dump;
import io.go4j.internal.GoroutineSnapshot;
import io.go4j.internal.park.Park;

import javax.management.InstanceAlreadyExistsException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The {@link GoroutinesMXBean} and its registration, with the JFR hook
 * ({@link GoroutineEvent}); see {@link GoRuntime#registerMBean()}.
 *
 * <p>Registration is idempotent without waiting: concurrent callers each try, the MBean
 * server lets one name be registered once, and the losers find it registered. No caller
 * parks in go4j for another (a {@code Once} would): the caller may be go4j's start-up
 * thread, which the deadlock detector does not count, and a goroutine parked for it would be
 * taken for deadlocked.
 */
final class Goroutines implements GoroutinesMXBean {

    private static final AtomicBoolean JFR_HOOKED = new AtomicBoolean(); // CAS only

    private Goroutines() {
    }

    /** See {@link GoRuntime#registerMBean()}. */
    static boolean register() {
        if (JFR_HOOKED.compareAndSet(false, true)) {
            try {
                GoroutineEvent.hook();
            } catch (RuntimeException | LinkageError e) {
                // JFR absent or refusing: the MBean still works
            }
        }
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName name = new ObjectName(OBJECT_NAME);
            if (!server.isRegistered(name)) {
                try {
                    server.registerMBean(new Goroutines(), name);
                } catch (InstanceAlreadyExistsException e) {
                    // a concurrent caller won
                }
            }
            return true;
        } catch (JMException | RuntimeException | LinkageError e) {
            return false;
        }
    }

    @Override
    public String dump() {
        return Dump.stack(true);
    }

    @Override
    public String dumpJson() {
        long now = System.nanoTime();
        StringBuilder b = new StringBuilder(256);
        b.append('[');
        boolean first = true;
        for (GoroutineSnapshot s : GoroutineSnapshot.all(true)) {
            b.append(first ? "\n" : ",\n");
            first = false;
            b.append("{\"id\":").append(s.id());
            b.append(",\"name\":");
            string(b, s.name());
            b.append(",\"state\":");
            string(b, s.state());
            b.append(",\"waitReason\":");
            string(b, s.waitReason());
            b.append(",\"waitingSeconds\":").append(String.format(Locale.ROOT, "%.3f", s.waitingSeconds(now)));
            b.append(",\"createdBy\":");
            string(b, s.createdBy());
            b.append(",\"parentId\":").append(s.parentId());
            b.append(",\"stack\":[");
            for (int i = 0; i < s.frames().size(); i++) {
                if (i > 0) {
                    b.append(',');
                }
                string(b, s.frames().get(i).toString());
            }
            b.append("]}");
        }
        return b.append(first ? "]" : "\n]").toString();
    }

    @Override
    public int getNumGoroutine() {
        return Park.numGoroutine();
    }

    /** A JSON string literal (RFC 8259), or {@code null}. */
    private static void string(StringBuilder b, String s) {
        if (s == null) {
            b.append("null");
            return;
        }
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }
}
