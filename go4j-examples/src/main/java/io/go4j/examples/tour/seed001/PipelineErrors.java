package io.go4j.examples.tour.seed001;

import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.RecvChan;

import java.io.PrintStream;

import static io.go4j.examples.tour.seed001.Generator.generator;

/**
 * Seed 001, "Errores en Pipelines": every item carries a value or an error
 * ({@code Item{Value, Err}}); a stage passes an error on untouched and may add its own.
 * -3 fails in stage 1 (negative), 6 in stage 2 (6 * 2 = 12 is too large).
 */
public final class PipelineErrors {

    private PipelineErrors() {
    }

    /** Go's {@code type Item struct { Value int; Err error }}. */
    record Item(int value, Exception err) {
    }

    /** Go's {@code func stage1(in <-chan int) <-chan Item}. */
    static RecvChan<Item> stage1(RecvChan<Integer> in) {
        Chan<Item> out = Chan.make();                           // out := make(chan Item)
        Go.go(() -> {                                           // go func() {
            try {
                for (int n : in) {                              //     for n := range in {
                    if (n < 0) {                                //         if n < 0 {
                        // out <- Item{Err: fmt.Errorf("número negativo: %d", n)}
                        out.send(new Item(0, new Exception(String.format("número negativo: %d", n))));
                        continue;
                    }
                    out.send(new Item(n * 2, null));            //         out <- Item{Value: n * 2}
                }
            } finally {
                out.close();                                    //     defer close(out)
            }
        });
        return out;
    }

    /** Go's {@code func stage2(in <-chan Item) <-chan Item}. */
    static RecvChan<Item> stage2(RecvChan<Item> in) {
        Chan<Item> out = Chan.make();                           // out := make(chan Item)
        Go.go(() -> {                                           // go func() {
            try {
                for (Item item : in) {                          //     for item := range in {
                    if (item.err() != null) {                   //         if item.Err != nil {
                        out.send(item);                         //             out <- item
                        continue;
                    }
                    if (item.value() > 10) {                    //         if item.Value > 10 {
                        // out <- Item{Err: fmt.Errorf("valor demasiado grande: %d", item.Value)}
                        out.send(new Item(0, new Exception(String.format("valor demasiado grande: %d", item.value()))));
                        continue;
                    }
                    out.send(new Item(item.value() + 1, null)); //         out <- Item{Value: item.Value + 1}
                }
            } finally {
                out.close();                                    //     defer close(out)
            }
        });
        return out;
    }

    /** Go's {@code main}. */
    public static void main(PrintStream out) {
        RecvChan<Integer> in = generator(1, 2, -3, 4, 6);       // in := generator(1, 2, -3, 4, 6)
        RecvChan<Item> pipeline = stage2(stage1(in));           // pipeline := stage2(stage1(in))

        for (Item item : pipeline) {                            // for item := range pipeline {
            if (item.err() != null) {                           //     if item.Err != nil {
                out.printf("Error: %s%n", item.err().getMessage()); // fmt.Printf("Error: %v\n", item.Err)
            } else {
                out.printf("Valor: %d%n", item.value());        //     fmt.Printf("Valor: %v\n", item.Value)
            }
        }
    }
}
