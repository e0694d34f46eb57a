package io.go4j.junit;

import io.go4j.Panic;
import io.go4j.testing.Synctest;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

import java.lang.reflect.Method;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The extension behind {@link InBubble}: runs each test method invocation inside
 * {@link Synctest#test}. Register it directly ({@code @ExtendWith(SynctestExtension.class)}) to
 * run every test method of a class in a bubble; {@link InBubble} is the usual way.
 *
 * <p>What the test method throws is caught inside the bubble and rethrown unchanged (the same
 * object, checked or not) once the bubble has ended; a deadlocked bubble throws
 * {@link Synctest}'s {@link Panic} instead (with the test's own failure, if any, suppressed in it).
 */
public class SynctestExtension implements InvocationInterceptor {

    /** Used by JUnit (through {@link InBubble} or {@code @ExtendWith}). */
    public SynctestExtension() {
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation,
                                    ReflectiveInvocationContext<Method> invocationContext,
                                    ExtensionContext extensionContext) throws Throwable {
        inBubble(invocation);
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation,
                                            ReflectiveInvocationContext<Method> invocationContext,
                                            ExtensionContext extensionContext) throws Throwable {
        inBubble(invocation);
    }

    /** Runs {@code invocation} as the root goroutine of a new bubble; rethrows what it threw. */
    private static void inBubble(Invocation<Void> invocation) throws Throwable {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        try {
            Synctest.test(() -> {
                try {
                    invocation.proceed();
                } catch (Throwable t) {
                    thrown.set(t);
                }
            });
        } catch (Panic deadlock) {
            Throwable t = thrown.get();
            if (t != null && t != deadlock) {
                deadlock.addSuppressed(t); // the test failed, then its goroutines deadlocked
            }
            throw deadlock;
        }
        Throwable t = thrown.get();
        if (t != null) {
            throw t;
        }
    }
}
