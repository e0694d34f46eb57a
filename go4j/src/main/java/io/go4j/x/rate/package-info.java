/**
 * Go's {@code golang.org/x/time/rate}: a token-bucket rate limiter, and {@code Sometimes}
 * (SEMANTICS.md §9.4). Time is read from the goroutine's clock ({@link io.go4j.time.Time#now()}),
 * so a limiter inside a synctest bubble runs on the bubble's fake clock.
 *
 * <table>
 * <caption>Go → go4j</caption>
 * <tr><th>Go</th><th>go4j</th></tr>
 * <tr><td>{@code rate.Limit}, {@code rate.Inf}, {@code rate.Every(d)}</td>
 *     <td>{@link io.go4j.x.rate.Limit} (a record of events per second), {@code Limit.INF}, {@code Limit.every(d)}</td></tr>
 * <tr><td>{@code rate.NewLimiter(r, b)}</td><td>{@code new Limiter(r, b)}</td></tr>
 * <tr><td>{@code lim.Allow()}, {@code AllowN(t, n)}</td><td>{@code allow()}, {@code allowN(t, n)}</td></tr>
 * <tr><td>{@code lim.Reserve()}, {@code ReserveN(t, n)}</td><td>{@code reserve()}, {@code reserveN(t, n)}
 *     → {@link io.go4j.x.rate.Reservation} ({@code ok}, {@code delay}, {@code delayFrom}, {@code cancel}, {@code cancelAt})</td></tr>
 * <tr><td>{@code lim.Wait(ctx)}, {@code WaitN(ctx, n)} returning {@code error}</td>
 *     <td>{@code await(ctx)}, {@code awaitN(ctx, n)} throwing {@link io.go4j.x.rate.RateException}
 *     or {@code ctx.err()}</td></tr>
 * <tr><td>{@code SetLimit}, {@code SetLimitAt}, {@code SetBurst}, {@code SetBurstAt},
 *     {@code Limit()}, {@code Burst()}, {@code Tokens()}, {@code TokensAt(t)}</td>
 *     <td>{@code setLimit}, {@code setLimitAt}, {@code setBurst}, {@code setBurstAt},
 *     {@code limit()}, {@code burst()}, {@code tokens()}, {@code tokensAt(t)}</td></tr>
 * <tr><td>{@code rate.InfDuration}</td><td>{@code Reservation.INF_DURATION}</td></tr>
 * <tr><td>{@code rate.Sometimes{First, Every, Interval}}, {@code s.Do(f)}</td>
 *     <td>{@link io.go4j.x.rate.Sometimes} (constructor or builder), {@code s.run(f)}</td></tr>
 * </table>
 */
package io.go4j.x.rate;
