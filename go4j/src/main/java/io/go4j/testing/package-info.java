/**
 * Testing tools for concurrent code: goroutine-leak checks in goleak's spirit (and, later,
 * synctest's bubbles with virtual time). The JUnit 5 extension lives in the {@code go4j-junit}
 * module; this package has the engine, usable from any test framework.
 */
package io.go4j.testing;
