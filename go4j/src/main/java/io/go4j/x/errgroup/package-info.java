/**
 * Go's {@code golang.org/x/sync/errgroup}: a group of goroutines working on subtasks of one
 * task, with the first error cancelling the group's context (SEMANTICS.md §9.1).
 *
 * <p>{@link io.go4j.x.errgroup.Group} is Go's {@code errgroup.Group}: {@code new Group()} is
 * the zero group, {@link io.go4j.x.errgroup.Group#withContext} is {@code WithContext},
 * {@code go}/{@code tryGo}/{@code setLimit} are {@code Go}/{@code TryGo}/{@code SetLimit},
 * {@code await} is {@code Wait}. A task's thrown exception is its error; a
 * {@link io.go4j.Panic} or an {@link java.lang.Error} is a Go panic (see the class comment).
 */
package io.go4j.x.errgroup;
