package io.go4j.examples.tour.seed000;

import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.RecvChan;
import io.go4j.sync.WaitGroup;
import io.go4j.time.Time;

import java.io.PrintStream;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Seed 000, "Patrón Fan-Out, Fan-In": three slow processors read from one source channel
 * (fan-out) and {@code combinar} merges their outputs into one channel (fan-in), closed when all
 * three are. Every square of 1..10 is printed once, in an order Go leaves free. Durations are
 * Go's.
 */
public final class FanOutFanIn {

    private FanOutFanIn() {
    }

    static RecvChan<Integer> generador(int... nums) {         // func generador(nums ...int) <-chan int {
        Chan<Integer> out = Chan.make();                      //     out := make(chan int)
        Go.go(() -> {                                         //     go func() {
            for (int n : nums) {                              //         for _, n := range nums {
                out.send(n);                                  //             out <- n
            }
            out.close();                                      //         close(out)
        });                                                   //     }()
        return out;
    }

    static RecvChan<Integer> procesador(RecvChan<Integer> in) { // func procesador(in <-chan int) <-chan int {
        Chan<Integer> out = Chan.make();                      //     out := make(chan int)
        Go.go(() -> {                                         //     go func() {
            for (int n : in) {                                //         for n := range in {
                Time.sleep(Duration.ofMillis(100));            //             time.Sleep(100 * time.Millisecond)
                out.send(n * n);                              //             out <- n * n
            }
            out.close();                                      //         close(out)
        });                                                   //     }()
        return out;
    }

    @SafeVarargs
    static RecvChan<Integer> combinar(RecvChan<Integer>... cs) { // func combinar(cs ...<-chan int) <-chan int {
        WaitGroup wg = new WaitGroup();                       //     var wg sync.WaitGroup
        Chan<Integer> out = Chan.make();                      //     out := make(chan int)

        Consumer<RecvChan<Integer>> output = c -> {           //     output := func(c <-chan int) {
            try {                                             //         defer wg.Done()
                for (int n : c) {                             //         for n := range c {
                    out.send(n);                              //             out <- n
                }
            } finally {
                wg.done();
            }
        };

        wg.add(cs.length);                                    //     wg.Add(len(cs))
        for (RecvChan<Integer> c : cs) {                      //     for _, c := range cs {
            Go.go(() -> output.accept(c));                    //         go output(c)
        }

        Go.go(() -> {                                         //     go func() {
            wg.await();                                       //         wg.Wait()
            out.close();                                      //         close(out)
        });                                                   //     }()

        return out;                                           //     return out
    }

    /** Go's {@code func main()}. */
    public static void main(PrintStream out) {
        RecvChan<Integer> origen = generador(1, 2, 3, 4, 5, 6, 7, 8, 9, 10); // origen := generador(1, 2, ..., 10)

        RecvChan<Integer> proc1 = procesador(origen);         // proc1 := procesador(origen)
        RecvChan<Integer> proc2 = procesador(origen);         // proc2 := procesador(origen)
        RecvChan<Integer> proc3 = procesador(origen);         // proc3 := procesador(origen)

        for (int resultado : combinar(proc1, proc2, proc3)) { // for resultado := range combinar(proc1, proc2, proc3) {
            out.println(resultado);                           //     fmt.Println(resultado)
        }
    }
}
