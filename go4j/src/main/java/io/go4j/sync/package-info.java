/**
 * Go's {@code sync} package: {@link io.go4j.sync.WaitGroup} (more in later releases).
 * Waits go through go4j's park facility, with Go's wait reasons.
 */
package io.go4j.sync;
