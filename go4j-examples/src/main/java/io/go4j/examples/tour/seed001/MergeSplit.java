package io.go4j.examples.tour.seed001;

import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.RecvChan;
import io.go4j.sync.WaitGroup;

import java.io.PrintStream;
import java.util.function.IntPredicate;

import static io.go4j.examples.tour.seed001.Generator.generator;

/**
 * Seed 001, "Composición de Canales": {@code merge} multiplexes three generators into one
 * channel, {@code split} sorts that channel into evens and odds; a goroutine prints the evens
 * while the main goroutine prints the odds. The lines come in any order. As in Go, the main
 * goroutine may return before the even goroutine has printed its last line.
 */
public final class MergeSplit {

    private MergeSplit() {
    }

    /** Two channels, as Go's {@code (trueCh, falseCh <-chan int)}. */
    record Split(RecvChan<Integer> trueCh, RecvChan<Integer> falseCh) {
    }

    /** Go's {@code func merge(channels ...<-chan int) <-chan int}. */
    @SafeVarargs
    static RecvChan<Integer> merge(RecvChan<Integer>... channels) {
        Chan<Integer> out = Chan.make();                        // out := make(chan int)
        WaitGroup wg = new WaitGroup();                         // var wg sync.WaitGroup
        wg.add(channels.length);                                // wg.Add(len(channels))

        for (RecvChan<Integer> c : channels) {                  // for _, c := range channels {
            Go.go(() -> {                                       //     go func(ch <-chan int) {
                try {                                           //         defer wg.Done()
                    for (int n : c) {                           //         for n := range ch {
                        out.send(n);                            //             out <- n
                    }
                } finally {
                    wg.done();
                }
            });                                                 //     }(c)
        }

        Go.go(() -> {                                           // go func() {
            wg.await();                                         //     wg.Wait()
            out.close();                                        //     close(out)
        });                                                     // }()
        return out;
    }

    /** Go's {@code func split(in <-chan int, predicate func(int) bool) (trueCh, falseCh <-chan int)}. */
    static Split split(RecvChan<Integer> in, IntPredicate predicate) {
        Chan<Integer> outTrue = Chan.make();                    // outTrue := make(chan int)
        Chan<Integer> outFalse = Chan.make();                   // outFalse := make(chan int)

        Go.go(() -> {                                           // go func() {
            try {                                               //     defer close(outTrue)
                try {                                           //     defer close(outFalse)
                    for (int n : in) {                          //     for n := range in {
                        if (predicate.test(n)) {                //         if predicate(n) {
                            outTrue.send(n);                    //             outTrue <- n
                        } else {
                            outFalse.send(n);                   //             outFalse <- n
                        }
                    }
                } finally {
                    outFalse.close();
                }
            } finally {
                outTrue.close();
            }
        });
        return new Split(outTrue, outFalse);                    // return outTrue, outFalse
    }

    /** Go's {@code main}. */
    public static void main(PrintStream out) {
        RecvChan<Integer> gen1 = generator(1, 4, 7);            // gen1 := generator(1, 4, 7)
        RecvChan<Integer> gen2 = generator(2, 5, 8);            // gen2 := generator(2, 5, 8)
        RecvChan<Integer> gen3 = generator(3, 6, 9);            // gen3 := generator(3, 6, 9)

        RecvChan<Integer> merged = merge(gen1, gen2, gen3);     // merged := merge(gen1, gen2, gen3)

        IntPredicate isEven = n -> n % 2 == 0;                  // isEven := func(n int) bool { return n%2 == 0 }
        Split s = split(merged, isEven);                        // evenCh, oddCh := split(merged, isEven)
        RecvChan<Integer> evenCh = s.trueCh();
        RecvChan<Integer> oddCh = s.falseCh();

        Go.go(() -> {                                           // go func() {
            for (int n : evenCh) {                              //     for n := range evenCh {
                out.printf("Par: %d%n", n);                     //         fmt.Printf("Par: %d\n", n)
            }
        });                                                     // }()

        for (int n : oddCh) {                                   // for n := range oddCh {
            out.printf("Impar: %d%n", n);                       //     fmt.Printf("Impar: %d\n", n)
        }
    }
}
