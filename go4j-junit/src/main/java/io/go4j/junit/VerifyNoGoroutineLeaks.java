package io.go4j.junit;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Fails a test that leaves goroutines running: the JUnit form of Go's
 * {@code defer goleak.VerifyNone(t, goleak.IgnoreCurrent())}.
 *
 * {@snippet :
 * @VerifyNoGoroutineLeaks                       // every test of the class
 * class WorkerTest {
 *     @Test
 *     void stops() {
 *         Worker w = Worker.start();
 *         w.stop();                             // fails if w's goroutines are still alive after
 *     }
 * }
 * }
 *
 * <p>Before each test (or, with {@code scope = CLASS}, before the class's first test) the live
 * goroutines are noted; after it, {@link io.go4j.testing.Leaks#verifyNone} fails the test if
 * others are still alive once a short grace has passed (goroutines on their way out are waited
 * for, up to {@link #maxWaitMillis()}). The failure is an {@link AssertionError} whose message
 * starts with goleak's {@code found unexpected goroutines:} followed by each leaked goroutine's
 * block in the format of Go's goroutine dumps, e.g. {@code goroutine 7 [chan receive]:}.
 * The check runs after the test's {@code @AfterEach} methods (and, for a class, after its
 * {@code @AfterAll} methods), so cleanup there counts.
 *
 * <p>On a class it covers every test of the class and of its {@code @Nested} classes; on a
 * method, that test only (for that test's own check, the method's options replace the class's).
 * Goroutines
 * can only be told apart by when they were started, so tests that run in parallel and start
 * goroutines can fail each other: use {@code scope = CLASS} on classes that run in parallel, or
 * run such classes in the same thread.
 *
 * <p>For options built in code, register {@link GoroutineLeakExtension} with
 * {@code @RegisterExtension} and its {@linkplain GoroutineLeakExtension#builder() builder}.
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(GoroutineLeakExtension.class)
public @interface VerifyNoGoroutineLeaks {

    /** When the goroutines are noted and checked. */
    enum Scope {
        /** Around each test: leaks are charged to the test that made them. */
        TEST,
        /** Around the whole class (before all, after all): only on a class. */
        CLASS
    }

    /** Around each test (default) or around the class. */
    Scope scope() default Scope.TEST;

    /**
     * Goroutines whose top function is one of these are not leaks: goleak's
     * {@code IgnoreTopFunction}. See {@link io.go4j.testing.Leaks#ignoreTopFunction(String)}:
     * {@code "com.example.Worker"}, {@code "com.example.Worker#run"} or
     * {@code "com.example.Worker.run"}.
     */
    String[] ignoreTopFunctions() default {};

    /**
     * Goroutines with one of these functions anywhere on their stack are not leaks: goleak's
     * {@code IgnoreAnyFunction}. See {@link io.go4j.testing.Leaks#ignoreAnyFunction(String)}.
     */
    String[] ignoreAnyFunctions() default {};

    /**
     * Goroutines whose function one of these classes defined are not leaks: goleak's
     * {@code IgnoreCreatedBy}. See {@link io.go4j.testing.Leaks#ignoreCreatedBy(String)}.
     */
    String[] ignoreCreatedBy() default {};

    /** How long to wait for goroutines on their way out before reporting them, in milliseconds. */
    long maxWaitMillis() default 1000;

    /** How many times to look again at most; -1 (default): as often as {@link #maxWaitMillis()} allows. */
    int maxRetries() default -1;
}
