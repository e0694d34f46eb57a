package io.go4j.examples.tour.seed003;

import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.RecvChan;
import io.go4j.SendChan;
import io.go4j.time.Time;

import java.io.PrintStream;
import java.time.Duration;

/**
 * Seed 003, "Direcionalidade de channels": a producer with a send-only channel
 * ({@code chan<- int} = {@link SendChan}) and a consumer with a receive-only one
 * ({@code <-chan int} = {@link RecvChan}); sending on the consumer's end would not compile, as in
 * Go. Main simply sleeps long enough for both. (The seed shows this snippet without
 * {@code package main} and imports.) Durations are a tenth of Go's.
 */
public final class ProducerConsumer {

    private ProducerConsumer() {
    }

    static void producer(SendChan<Integer> dataOut) {         // func producer(dataOut chan<- int) {
        for (int i = 0; i < 10; i++) {                        //     for i := 0; i < 10; i++ {
            dataOut.send(i);                                  //         dataOut <- i
            Time.sleep(Duration.ofMillis(10));                //         time.Sleep(time.Millisecond * 100)
        }
        dataOut.close();                                      //     close(dataOut)
    }

    static void consumer(PrintStream out, RecvChan<Integer> dataIn) { // func consumer(dataIn <-chan int) {
        for (int data : dataIn) {                             //     for data := range dataIn {
            out.println("Processando: " + data);              //         fmt.Println("Processando:", data)
        }
    }

    /** Go's {@code func main()}. */
    public static void main(PrintStream out) {
        Chan<Integer> ch = Chan.make();                       // ch := make(chan int)
        Go.go(() -> producer(ch));                            // go producer(ch)
        Go.go(() -> consumer(out, ch));                       // go consumer(ch)
        Time.sleep(Duration.ofMillis(200));                   // time.Sleep(time.Second * 2)
    }
}
