package io.go4j.examples.tour.seed001;

import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.RecvChan;
import io.go4j.time.Time;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Seed 001, "Buffering y Batching": a generator buffered for all its data, and a batch processor
 * that groups the numbers 1..100 in slices of ten, sending the last partial batch too. Each
 * batch prints as Go's {@code %v} prints a slice ({@code [1 2 3 ...]}); processing one takes
 * 10 ms (the seed's 100 ms divided by 10).
 */
public final class Batching {

    private Batching() {
    }

    /** Go's {@code func bufferedGenerator(nums ...int) <-chan int}. */
    static RecvChan<Integer> bufferedGenerator(int... nums) {
        Chan<Integer> out = Chan.make(nums.length);             // out := make(chan int, len(nums))
        Go.go(() -> {                                           // go func() {
            try {
                for (int n : nums) {                            //     for _, n := range nums {
                    out.send(n);                                //         out <- n
                }
            } finally {
                out.close();                                    //     defer close(out)
            }
        });
        return out;
    }

    /** Go's {@code func batchProcessor(in <-chan int, batchSize int) <-chan []int}. */
    static RecvChan<List<Integer>> batchProcessor(RecvChan<Integer> in, int batchSize) {
        Chan<List<Integer>> out = Chan.make();                  // out := make(chan []int)
        Go.go(() -> {                                           // go func() {
            try {
                List<Integer> batch = new ArrayList<>(batchSize); // batch := make([]int, 0, batchSize)

                for (int n : in) {                              //     for n := range in {
                    batch.add(n);                               //         batch = append(batch, n)

                    if (batch.size() == batchSize) {            //         if len(batch) == batchSize {
                        out.send(batch);                        //             out <- batch
                        batch = new ArrayList<>(batchSize);     //             batch = make([]int, 0, batchSize)
                    }
                }

                if (!batch.isEmpty()) {                         //     if len(batch) > 0 {
                    out.send(batch);                            //         out <- batch
                }
            } finally {
                out.close();                                    //     defer close(out)
            }
        });
        return out;
    }

    /** Go's {@code %v} of a {@code []int}: {@code [1 2 3]}. */
    static String goSlice(List<Integer> s) {
        return s.stream().map(String::valueOf).collect(Collectors.joining(" ", "[", "]"));
    }

    /** Go's {@code main}. */
    public static void main(PrintStream out) {
        int[] nums = new int[100];                              // nums := make([]int, 100)
        for (int i = 0; i < nums.length; i++) {                 // for i := range nums {
            nums[i] = i + 1;                                    //     nums[i] = i + 1
        }

        RecvChan<Integer> in = bufferedGenerator(nums);         // in := bufferedGenerator(nums...)
        RecvChan<List<Integer>> batches = batchProcessor(in, 10); // batches := batchProcessor(in, 10)

        for (List<Integer> batch : batches) {                   // for batch := range batches {
            out.printf("Procesando lote: %s%n", goSlice(batch)); //    fmt.Printf("Procesando lote: %v\n", batch)
            Time.sleep(Duration.ofMillis(10));                  //     time.Sleep(100 * time.Millisecond)
        }
    }
}
