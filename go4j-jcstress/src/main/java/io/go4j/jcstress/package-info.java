/**
 * jcstress tests of go4j's memory model: the happens-before rules of SEMANTICS.md §4 (§4.1–§4.5), which are
 * Go's (<a href="https://go.dev/ref/mem">The Go Memory Model</a>, "Channel communication" and
 * "Locks"/sync).
 *
 * <p>Each file holds the tests of one rule, one nested {@code @JCStressTest} per variant
 * (capacity, blocking or non-blocking operation, select). The pattern is always the same: one
 * actor writes a plain (non-volatile) field and then performs a channel operation; the other
 * actor performs the matching operation (a lock, a wait) and then reads the field. The outcome in which the
 * operation completed but the write is not visible is {@code FORBIDDEN}.
 *
 * <ol>
 *   <li>{@link io.go4j.jcstress.SendHappensBeforeRecv}: a send happens-before the matching
 *       receive completes.</li>
 *   <li>{@link io.go4j.jcstress.CloseHappensBeforeClosedRecv}: a close happens-before a receive
 *       that returns because the channel is closed.</li>
 *   <li>{@link io.go4j.jcstress.UnbufferedRecvHappensBeforeSend}: on an unbuffered channel the
 *       receive happens-before the send completes.</li>
 *   <li>{@link io.go4j.jcstress.BufferedRecvHappensBeforeSend}: the k-th receive on a channel of
 *       capacity C happens-before the (k+C)-th send completes.</li>
 *   <li>{@link io.go4j.jcstress.WaitGroupDoneHappensBeforeWait}: {@code Done} happens-before the
 *       {@code Wait} it releases.</li>
 *   <li>{@link io.go4j.jcstress.MutexUnlockHappensBeforeLock}: {@code Unlock} happens-before the
 *       next {@code Lock} (or successful {@code TryLock}) returns.</li>
 *   <li>{@link io.go4j.jcstress.RWMutexUnlockHappensBeforeLock}: a writer's {@code Unlock}
 *       happens-before later {@code RLock}s return; an {@code RUnlock} happens-before the next
 *       {@code Lock} returns.</li>
 *   <li>{@link io.go4j.jcstress.OnceFuncHappensBeforeReturn}: {@code once.Do(f)}'s {@code f}
 *       returns before any {@code Do} returns.</li>
 *   <li>{@link io.go4j.jcstress.CondSignalHappensBeforeWaitReturn}: a {@code Signal} or
 *       {@code Broadcast} happens-before the return of the {@code Wait} it wakes.</li>
 * </ol>
 *
 * <p>Actors run on platform threads (go4j channels work from any thread). Blocking operations are
 * used only where both actors always finish: jcstress runs the two actors over the same states in
 * the same order, so a blocked operation always meets its partner. No actor spins.
 *
 * <p>Run: {@code ./mvnw verify} (a trimmed "quick" mode, about 2.5 minutes on 2 cores),
 * {@code ./mvnw verify -Pstress} (jcstress's whole "quick" preset), {@code -Pstress-long} (its
 * "default" preset), or by hand {@code java -jar go4j-jcstress/target/jcstress.jar -m quick -c 2}.
 * The build fails on a {@code FORBIDDEN} outcome, an actor exception, a timeout or a VM error.
 */
package io.go4j.jcstress;
