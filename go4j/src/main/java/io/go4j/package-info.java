/**
 * The core of go4j — Go's {@code go} statement, channels and {@code select}.
 *
 * <table>
 *   <caption>Go and go4j</caption>
 *   <tr><th>Go</th><th>go4j</th></tr>
 *   <tr><td>{@code go f()}</td><td>{@link io.go4j.Go#go(Runnable) Go.go(() -> f())}</td></tr>
 *   <tr><td>{@code make(chan T, n)}</td><td>{@link io.go4j.Chan#make(int) Chan.make(n)}</td></tr>
 *   <tr><td>{@code ch <- v}</td><td>{@link io.go4j.SendChan#send ch.send(v)}</td></tr>
 *   <tr><td>{@code v := <-ch}</td><td>{@link io.go4j.RecvChan#recv ch.recv()}</td></tr>
 *   <tr><td>{@code v, ok := <-ch}</td><td>{@link io.go4j.RecvChan#recvOk ch.recvOk()}</td></tr>
 *   <tr><td>{@code close(ch)}</td><td>{@link io.go4j.SendChan#close ch.close()}</td></tr>
 *   <tr><td>{@code for v := range ch}</td><td>{@code for (var v : ch)}</td></tr>
 *   <tr><td>{@code select}</td><td>{@link io.go4j.Select#select Select.select(cases...)}</td></tr>
 *   <tr><td>{@code chan<- T}, {@code <-chan T}</td><td>{@link io.go4j.SendChan}, {@link io.go4j.RecvChan}</td></tr>
 *   <tr><td>{@code var ch chan T} (nil)</td><td>{@link io.go4j.Chan#nil() Chan.nil()}</td></tr>
 *   <tr><td>{@code panic}/{@code recover}</td><td>{@link io.go4j.Panic} thrown/caught</td></tr>
 * </table>
 *
 * <p>Every blocking operation of go4j parks through one internal park facility that records
 * Go's wait reasons; an interrupt cancels a wait without effect
 * ({@link io.go4j.WaitInterruptedException}).
 */
package io.go4j;
