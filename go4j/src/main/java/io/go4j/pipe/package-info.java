/**
 * The concurrency patterns of Go built on channels — generator, pipeline stages, fan-out,
 * fan-in, broadcast, pub/sub, batching, worker pools, barriers, rendezvous — ready, cancellable
 * through a {@link io.go4j.context.Context} and leak-free: every stage's goroutines exit and
 * close their output when the context is done. Built only on go4j's public API.
 */
package io.go4j.pipe;
