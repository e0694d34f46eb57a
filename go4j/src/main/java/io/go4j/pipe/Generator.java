package io.go4j.pipe;

/**
 * The body of a generator goroutine: code that produces values one at a time through an
 * {@link Emitter}, for {@link Pipe#generate(io.go4j.context.Context, Generator)}.
 * {@snippet :
 * // Go:  func fib(ctx context.Context) <-chan int {
 * //          out := make(chan int)
 * //          go func() {
 * //              defer close(out)
 * //              for a, b := 0, 1; ; a, b = b, a+b {
 * //                  select {
 * //                  case out <- a:
 * //                  case <-ctx.Done():
 * //                      return
 * //                  }
 * //              }
 * //          }()
 * //          return out
 * //      }
 * RecvChan<Long> fib = Pipe.generate(ctx, emit -> {
 *     for (long a = 0, b = 1; emit.emit(a); ) {      // stops when ctx is done
 *         long c = a + b;
 *         a = b;
 *         b = c;
 *     }
 * });
 * }
 * <p>The generator runs in its own goroutine; when it returns, the output channel is closed.
 * It must return soon after {@link Emitter#emit} returns false: the context is done and
 * nobody will receive any more. An exception it throws is handled like a stage function's
 * (see {@link Fn}).
 * @param <T> the element type
 */
@FunctionalInterface
public interface Generator<T> {

    /** Produces the values, calling {@code emit} for each, and returns when done. */
    void generate(Emitter<T> emit) throws Exception;

    /**
     * Go's {@code select { case out <- v: ; case <-ctx.Done(): return }} as a function.
     * @param <T> the element type
     */
    @FunctionalInterface
    interface Emitter<T> {

        /**
         * Sends {@code value} downstream, blocking until a receiver takes it or the context is
         * done. Returns true if the value was sent; false if the context is done, in which
         * case the value was not sent, and every later call also returns false at once
         * without sending. The value's production happens-before its receipt downstream.
         * @throws io.go4j.WaitInterruptedException if the goroutine is interrupted while waiting
         */
        boolean emit(T value);
    }
}
