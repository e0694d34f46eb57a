package io.go4j.pipe;

/**
 * How a stage ({@link Pipe#map}, {@link Pipe#filter}, {@link Pipe#flatMap},
 * {@link Pipe#mapResult} and their {@link Pipeline} twins) runs: how many goroutines apply
 * the function, whether the output keeps the input's order, and the output's buffer.
 * {@snippet :
 * // Go:  out := make(chan R, 16)
 * //      var wg sync.WaitGroup
 * //      for i := 0; i < 4; i++ {
 * //          wg.Add(1)
 * //          go func() { defer wg.Done(); for v := range in { out <- f(v) } }()
 * //      }
 * //      go func() { wg.Wait(); close(out) }()
 * RecvChan<R> out = Pipe.map(ctx, in, f, Stage.parallel(4).buffer(16));
 * RecvChan<R> inOrder = Pipe.map(ctx, in, f, Stage.parallel(4).ordered());
 * }
 * <ul>
 * <li>{@link #sequential()} (the default): one goroutine; the output is in input order.
 * <li>{@link #parallel(int) parallel(n)}: n goroutines apply the function, each taking the
 *     next input value when it is free. Unordered by default: a value is sent as soon as it
 *     is ready, so outputs may overtake one another.
 * <li>{@link #ordered()}: the output is in input order. A dispatcher numbers the inputs and
 *     a collector emits results in that order, holding back those that finish early; at most
 *     {@link #window()} + 2 input values are between the input and the output at once (the
 *     bounded reorder window, 2n by default), so one slow element stalls the stage once the
 *     window is full, and memory stays bounded.
 * <li>{@link #buffer(int) buffer(k)}: the output channel has a buffer of k (Go's
 *     {@code make(chan R, k)}); 0, unbuffered, by default.
 * </ul>
 * <p>Immutable: each method returns a new {@code Stage}. Safe to share.
 */
public final class Stage {

    private static final Stage SEQUENTIAL = new Stage(1, false, 0, 0);

    private final int parallelism;
    private final boolean ordered;
    private final int window; // 0: the default, 2 * parallelism
    private final int buffer;

    private Stage(int parallelism, boolean ordered, int window, int buffer) {
        this.parallelism = parallelism;
        this.ordered = ordered;
        this.window = window;
        this.buffer = buffer;
    }

    /** One goroutine, unbuffered output: the default of the stages without a {@code Stage}. */
    public static Stage sequential() {
        return SEQUENTIAL;
    }

    /**
     * {@code n} goroutines apply the function, output unordered, unbuffered.
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public static Stage parallel(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1: " + n);
        }
        return new Stage(n, false, 0, 0);
    }

    /** This stage, keeping the input's order, with the default reorder window (2 × parallelism). */
    public Stage ordered() {
        return new Stage(parallelism, true, 0, buffer);
    }

    /**
     * This stage, keeping the input's order, with a reorder window of {@code window} values.
     * A window smaller than the parallelism leaves goroutines idle.
     * @throws IllegalArgumentException if {@code window < 1}
     */
    public Stage ordered(int window) {
        if (window < 1) {
            throw new IllegalArgumentException("window must be at least 1: " + window);
        }
        return new Stage(parallelism, true, window, buffer);
    }

    /** This stage, sending each result as soon as it is ready (the default). */
    public Stage unordered() {
        return new Stage(parallelism, false, window, buffer);
    }

    /**
     * This stage with an output buffer of {@code n} (Go's {@code make(chan R, n)}).
     * @throws IllegalArgumentException if {@code n < 0}
     */
    public Stage buffer(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("buffer must not be negative: " + n);
        }
        return new Stage(parallelism, ordered, window, n);
    }

    /** How many goroutines apply the function. */
    public int parallelism() {
        return parallelism;
    }

    /** Whether the output keeps the input's order (always true with parallelism 1). */
    public boolean isOrdered() {
        return ordered || parallelism == 1;
    }

    /** The reorder window of an ordered parallel stage. */
    public int window() {
        return window != 0 ? window : 2 * parallelism;
    }

    /** The output channel's buffer. */
    public int bufferSize() {
        return buffer;
    }

    @Override
    public String toString() {
        return "Stage[parallel=" + parallelism + (isOrdered() ? ", ordered, window=" + window() : ", unordered")
                + ", buffer=" + buffer + "]";
    }
}
