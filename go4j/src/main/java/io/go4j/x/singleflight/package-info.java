/**
 * Go's {@code golang.org/x/sync/singleflight}: duplicate calls for one key share one
 * execution (SEMANTICS.md §9.2).
 */
package io.go4j.x.singleflight;
