/**
 * Go's {@code golang.org/x/sync/errgroup}: a group of goroutines working on subtasks of one
 * task, with the first error cancelling the group's context (SEMANTICS.md §9.1).
 */
package io.go4j.x.errgroup;
