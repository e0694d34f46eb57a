package io.go4j.internal;

import io.go4j.FatalError;
import io.go4j.Panic;
import io.go4j.internal.park.G;

/**
 * Formats Go's report of an unrecovered panic:
 * <pre>
 * panic: send on closed channel
 *
 * goroutine 7 [running]:
 * com.example.Worker.run(...)
 * 	Worker.java:42
 * created by com.example.Main in goroutine 1
 * </pre>
 * A {@link FatalError} is reported as Go reports its fatal errors, {@code fatal error: msg}.
 * Go prints {@code panic: } and the value; for a {@link Panic} that is Go's own message, for any
 * other exception its {@code toString()} (class and message), so nothing is lost. Frames of the
 * JDK's virtual-thread machinery and of go4j's goroutine wrapper are left out, as Go leaves out
 * its runtime's frames; causes follow as {@code caused by:} sections.
 */
public final class PanicReport {

    private PanicReport() {
    }

    public static String format(G g, Throwable t) {
        StringBuilder b = new StringBuilder(512);
        if (t instanceof FatalError f) { // Go's runtime fatal errors are not panics
            b.append("fatal error: ").append(f.getMessage()).append("\n\n");
        } else {
            b.append("panic: ").append(valueOf(t)).append("\n\n");
        }
        b.append("goroutine ").append(g.id).append(" [running]:\n");
        frames(b, t);
        for (Throwable c = t.getCause(); c != null && c != t; c = c.getCause()) {
            b.append("caused by: ").append(c).append('\n');
            frames(b, c);
        }
        if (g.fnClass != null && g.id != 1) { // Go prints no "created by" for the main goroutine
            b.append("created by ").append(creator(g.fnClass));
            if (g.parentId != 0) {
                b.append(" in goroutine ").append(g.parentId);
            }
            b.append('\n');
        }
        return b.toString();
    }

    static String valueOf(Throwable t) {
        if (t instanceof Panic p) {
            return String.valueOf(p.value());
        }
        return t.toString();
    }

    private static void frames(StringBuilder b, Throwable t) {
        for (StackTraceElement e : t.getStackTrace()) {
            String cls = e.getClassName();
            if (cls.startsWith("io.go4j.internal.park.Park") || cls.equals("io.go4j.Go")
                    || cls.startsWith("java.lang.VirtualThread")
                    || cls.startsWith("jdk.internal.vm.Continuation") || cls.startsWith("java.lang.Thread")) {
                continue;
            }
            b.append(cls).append('.').append(e.getMethodName()).append("(...)\n\t")
                    .append(e.getFileName() == null ? "?" : e.getFileName()).append(':')
                    .append(e.getLineNumber()).append('\n');
        }
    }

    /** The class that defined the goroutine's function: a lambda's class name up to "$$Lambda". */
    public static String creator(Class<?> fnClass) {
        String n = fnClass.getName();
        int i = n.indexOf("$$Lambda");
        return i > 0 ? n.substring(0, i) : n;
    }
}
