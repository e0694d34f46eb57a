package io.go4j.examples.tour.seed000;

import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.RecvChan;

import java.io.PrintStream;

/**
 * Seed 000, "Patrón Pipeline": three stages joined by unbuffered channels — generate 1..10,
 * square, keep the even squares — each closing its output when its input is exhausted. The
 * output is in order: 4, 16, 36, 64, 100.
 */
public final class Pipeline {

    private Pipeline() {
    }

    static RecvChan<Integer> generador(int n) {               // func generador(n int) <-chan int {
        Chan<Integer> out = Chan.make();                      //     out := make(chan int)
        Go.go(() -> {                                         //     go func() {
            for (int i = 1; i <= n; i++) {                    //         for i := 1; i <= n; i++ {
                out.send(i);                                  //             out <- i
            }
            out.close();                                      //         close(out)
        });                                                   //     }()
        return out;                                           //     return out
    }

    static RecvChan<Integer> cuadrado(RecvChan<Integer> in) { // func cuadrado(in <-chan int) <-chan int {
        Chan<Integer> out = Chan.make();                      //     out := make(chan int)
        Go.go(() -> {                                         //     go func() {
            for (int n : in) {                                //         for n := range in {
                out.send(n * n);                              //             out <- n * n
            }
            out.close();                                      //         close(out)
        });                                                   //     }()
        return out;
    }

    static RecvChan<Integer> filtrarPares(RecvChan<Integer> in) { // func filtrarPares(in <-chan int) <-chan int {
        Chan<Integer> out = Chan.make();                      //     out := make(chan int)
        Go.go(() -> {                                         //     go func() {
            for (int n : in) {                                //         for n := range in {
                if (n % 2 == 0) {                             //             if n%2 == 0 {
                    out.send(n);                              //                 out <- n
                }
            }
            out.close();                                      //         close(out)
        });                                                   //     }()
        return out;
    }

    /** Go's {@code func main()}. */
    public static void main(PrintStream out) {
        RecvChan<Integer> numeros = generador(10);            // numeros := generador(10)
        RecvChan<Integer> cuadrados = cuadrado(numeros);      // cuadrados := cuadrado(numeros)
        RecvChan<Integer> pares = filtrarPares(cuadrados);    // pares := filtrarPares(cuadrados)

        for (int n : pares) {                                 // for n := range pares {
            out.println(n);                                   //     fmt.Println(n)
        }
    }
}
