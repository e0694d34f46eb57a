package io.go4j.examples.tour.seed002;

import io.go4j.Chan;

import java.io.PrintStream;
import java.util.List;

/**
 * Seed 002, "Extraer un valor de un canal tipo X para meterlo en un canal tipo []X":
 * {@code output <- []int{<-input}} receives from a {@code chan int} and sends a one-element
 * slice on a {@code chan []int}. Prints {@code [1] [2]}, as Go prints slices.
 */
public final class ChanToSlice {

    private ChanToSlice() {
    }

    /** Go's {@code main}. */
    public static void main(PrintStream out) {
        Chan<Integer> input = Chan.make(100);                   // input := make(chan int, 100)
        input.send(1);                                          // input <- 1
        input.send(2);                                          // input <- 2
        Chan<List<Integer>> output = Chan.make(100);            // output := make(chan []int, 100)
        output.send(List.of(input.recv()));                     // output <- []int{<-input}
        output.send(List.of(input.recv()));                     // output <- []int{<-input}
        out.println(goSlice(output.recv()) + " " + goSlice(output.recv())); // fmt.Println(<-output, <-output)
    }

    /** Go's {@code %v} of a {@code []int}: {@code [1 2]}. */
    static String goSlice(List<Integer> s) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < s.size(); i++) {
            b.append(i == 0 ? "" : " ").append(s.get(i));
        }
        return b.append(']').toString();
    }
}
