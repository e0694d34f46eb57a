package io.go4j.internal;

import io.go4j.internal.park.G;
import io.go4j.internal.park.Park;
import io.go4j.internal.park.WaitReason;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Go's goroutine dump ({@code runtime.Stack(buf, true)}, {@code SIGQUIT}, a deadlock's report):
 * <pre>
 * goroutine 7 [chan receive, 2 minutes]:
 * com.example.Worker.run(...)
 * 	Worker.java:42
 * created by com.example.Main in goroutine 1
 * </pre>
 * One block per goroutine, separated by blank lines, the calling goroutine first. The status
 * is the wait reason, with the wait's duration from one minute up (Go writes
 * {@code 1 minutes} too); {@code running} for the caller, {@code runnable} for a goroutine that
 * is not parked in go4j (running, ready to run, or blocked outside go4j — in I/O, in a JDK
 * lock). Frames of go4j's internals and of the JDK's virtual-thread machinery are left out, as
 * Go leaves out its runtime's frames. "created by" names the class that defined the
 * goroutine's function (docs/adr/0011-runtime-introspection.md).
 */
public final class Dump {

    private Dump() {
    }

    /** The dump of every live goroutine (all) or of the calling goroutine only. */
    public static String stack(boolean all) {
        G self = Park.currentGoroutineOrNull();
        StringBuilder b = new StringBuilder(1024);
        if (self != null) {
            goroutine(b, self, true);
        }
        if (all) {
            List<G> gs = new ArrayList<>(Park.goroutines());
            gs.sort(Comparator.comparingLong(g -> g.id));
            for (G g : gs) {
                if (g == self) {
                    continue;
                }
                if (!b.isEmpty()) {
                    b.append('\n');
                }
                goroutine(b, g, false);
            }
        }
        return b.toString();
    }

    /** One goroutine's block: header, frames, "created by". */
    public static void goroutine(StringBuilder b, G g, boolean current) {
        StackTraceElement[] frames = current
                ? new Throwable().getStackTrace()
                : g.thread() == null ? new StackTraceElement[0] : g.thread().getStackTrace();
        b.append(header(g, current, System.nanoTime())).append('\n');
        for (StackTraceElement e : frames) {
            if (hidden(e.getClassName())) {
                continue;
            }
            b.append(e.getClassName()).append('.').append(e.getMethodName()).append("(...)\n\t")
                    .append(e.getFileName() == null ? "?" : e.getFileName()).append(':')
                    .append(e.getLineNumber()).append('\n');
        }
        if (g.fnClass != null && g.id != 1) {
            b.append("created by ").append(PanicReport.creator(g.fnClass));
            if (g.parentId != 0) {
                b.append(" in goroutine ").append(g.parentId);
            }
            b.append('\n');
        }
    }

    /** {@code goroutine 7 [chan receive, 2 minutes]:} */
    public static String header(G g, boolean current, long nowNanos) {
        String status;
        WaitReason r = g.waitReason();
        if (current) {
            status = "running";
        } else if (r == null) {
            status = "runnable";
        } else {
            long minutes = (nowNanos - g.waitSinceNanos()) / 60_000_000_000L;
            status = minutes >= 1 ? r.text() + ", " + minutes + " minutes" : r.text();
        }
        return "goroutine " + g.id + " [" + status + "]:";
    }

    /**
     * Whether frames of this class are left out of dumps: go4j's machinery and the JDK's
     * virtual-thread parking, as Go leaves out its runtime's frames. Shared by every dump form.
     */
    public static boolean hidden(String c) {
        return c.startsWith("io.go4j.internal") || c.equals("io.go4j.Go")
                || c.startsWith("java.lang.VirtualThread") || c.startsWith("jdk.internal.")
                || c.equals("java.lang.Thread") || c.startsWith("java.util.concurrent.locks.LockSupport")
                || c.startsWith("java.lang.System$")
                || c.equals("io.go4j.runtime.GoRuntime") || c.equals("io.go4j.runtime.Goroutines");
    }
}
