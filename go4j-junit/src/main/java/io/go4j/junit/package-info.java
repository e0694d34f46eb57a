/**
 * JUnit 5 support for go4j: {@link io.go4j.junit.VerifyNoGoroutineLeaks} and
 * {@link io.go4j.junit.GoroutineLeakExtension}, the JUnit face of {@link io.go4j.testing.Leaks}
 * (Go's {@code defer goleak.VerifyNone(t)}); and {@link io.go4j.junit.InBubble} with
 * {@link io.go4j.junit.SynctestExtension}, which run a test method inside a synctest bubble
 * ({@link io.go4j.testing.Synctest}, Go's {@code synctest.Test(t, f)}).
 */
package io.go4j.junit;
