package io.go4j.junit;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a test method's body inside a synctest bubble: the JUnit form of Go's
 * {@code synctest.Test(t, func(t *testing.T) { ... })} ({@link io.go4j.testing.Synctest#test}).
 *
 * {@snippet :
 * class CacheTest {
 *     @Test
 *     @InBubble
 *     void entriesExpire() {
 *         Cache c = new Cache(Duration.ofMinutes(10));
 *         c.put("k", "v");
 *         Time.sleep(Duration.ofMinutes(10));   // instant: the bubble's clock is fake
 *         Synctest.await();                     // the cache's goroutines are idle
 *         assertNull(c.get("k"));
 *     }
 * }
 * }
 *
 * <p>The body runs in the root goroutine of a new bubble whose clock starts at
 * 2000-01-01T00:00:00Z; the test ends when every goroutine of the bubble has ended. A bubble
 * whose goroutines are all durably blocked with no timer pending fails the test with Go's
 * {@code deadlock: all goroutines in bubble are blocked} (or {@code deadlock: main bubble
 * goroutine has exited but blocked goroutines remain}) as an {@link io.go4j.Panic}. Whatever
 * the body throws — assertion failures, checked exceptions, aborted assumptions — fails the test
 * as it would outside the bubble.
 *
 * <p>On a class it applies to every test method of the class (and of its {@code @Nested}
 * classes), including {@code @RepeatedTest} and {@code @ParameterizedTest} invocations. Only the
 * test method runs in the bubble: {@code @BeforeEach}, {@code @AfterEach} and the other
 * lifecycle methods run outside it, on real time, and objects they create (channels, timers)
 * are not the bubble's. A JUnit {@code @Timeout} in its default same-thread mode cannot cut a
 * bubble short (it reports the overrun when the test ends); use
 * {@code threadMode = SEPARATE_THREAD} for a hard limit.
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(SynctestExtension.class)
public @interface InBubble {
}
