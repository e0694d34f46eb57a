/**
 * Go's {@code golang.org/x/sync/semaphore}: a weighted semaphore with strictly FIFO,
 * context-aware acquisition (SEMANTICS.md §9.3).
 */
package io.go4j.x.semaphore;
