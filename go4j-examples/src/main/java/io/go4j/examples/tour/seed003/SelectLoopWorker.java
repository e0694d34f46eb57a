package io.go4j.examples.tour.seed003;

import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.RecvChan;
import io.go4j.Select;
import io.go4j.time.Time;

import java.io.PrintStream;
import java.time.Duration;

import static io.go4j.Case.recv;

/**
 * Seed 003, "Select em loops": a worker loops on a select over a jobs channel and a quit
 * channel; it does the three queued jobs one by one and returns when main signals quit — the
 * way to end such a loop without leaking the goroutine. Durations are a tenth of Go's.
 */
public final class SelectLoopWorker {

    private SelectLoopWorker() {
    }

    static void worker(PrintStream out, RecvChan<Integer> jobs, RecvChan<Boolean> quit) { // func worker(jobs <-chan int, quit <-chan bool) {
        for (;;) {                                            //     for {
            boolean sair = Select.select(                     //         select {
                    recv(jobs, job -> {                       //         case job := <-jobs:
                        out.printf("Iniciando trabalho %d%n", job); //       fmt.Printf("Iniciando trabalho %d\n", job)
                        Time.sleep(Duration.ofMillis(100));   //             time.Sleep(1 * time.Second)
                        out.printf("Finalizou trabalho %d%n", job); //       fmt.Printf("Finalizou trabalho %d\n", job)
                        return false;
                    }),
                    recv(quit, q -> {                         //         case <-quit:
                        out.printf("Recebido sinal para sair.%n"); //        fmt.Printf("Recebido sinal para sair.\n")
                        return true;                          //             return
                    }));
            if (sair) {
                return;
            }
        }
    }

    /** Go's {@code func main()}. */
    public static void main(PrintStream out) {
        Chan<Integer> jobs = Chan.make(5);                    // jobs := make(chan int, 5)
        Chan<Boolean> quit = Chan.make();                     // quit := make(chan bool)

        Go.go(() -> worker(out, jobs, quit));                 // go worker(jobs, quit)

        for (int i = 1; i <= 3; i++) {                        // for i := 1; i <= 3; i++ {
            out.printf("Main: enviando trabalho %d%n", i);    //     fmt.Printf("Main: enviando trabalho %d\n", i)
            jobs.send(i);                                     //     jobs <- i
        }

        out.println("Main: esperando o worker processar..."); // fmt.Println("Main: esperando o worker processar...")
        Time.sleep(Duration.ofMillis(400));                   // time.Sleep(4 * time.Second)

        out.println("Main: enviando sinal para o worker parar..."); // fmt.Println("Main: enviando sinal para o worker parar...")
        quit.send(true);                                      // quit <- true

        Time.sleep(Duration.ofMillis(100));                   // time.Sleep(1 * time.Second)
        out.println("Main: programa finalizado.");            // fmt.Println("Main: programa finalizado.")
    }
}
