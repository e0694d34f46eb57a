/**
 * JUnit 5 support for go4j: {@link io.go4j.junit.VerifyNoGoroutineLeaks} and
 * {@link io.go4j.junit.GoroutineLeakExtension}, the JUnit face of {@link io.go4j.testing.Leaks}
 * (Go's {@code defer goleak.VerifyNone(t)}).
 */
package io.go4j.junit;
