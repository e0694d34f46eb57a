package io.go4j.x.singleflight;

/**
 * The outcome of a call, as {@link Group#run} returns it and {@link Group#runChan} sends it:
 * Go's {@code singleflight.Result} (and the three results of Go's {@code g.Do}).
 *
 * {@snippet :
 * Result<User> r = users.run(id, () -> load(id));   // v, err, shared := g.Do(id, load)
 * if (r.err() != null) {
 *     throw r.err();
 * }
 * return r.val();
 * }
 *
 * @param val    the value {@code fn} returned; null if it threw
 * @param err    the exception {@code fn} threw (Go's returned error), the same object for every
 *               caller sharing the call; null if it returned normally. From
 *               {@link Group#runChan} only, it may be a {@link PanicError}: {@code fn} panicked
 * @param shared whether the result was given to more than one caller
 * @param <V>    the type of the value
 */
public record Result<V>(V val, Exception err, boolean shared) {
}
