package io.go4j.examples.tour.seed003;

import io.go4j.Go;
import io.go4j.sync.Mutex;
import io.go4j.sync.WaitGroup;
import io.go4j.time.Time;

import java.io.PrintStream;
import java.time.Duration;

/**
 * Seed 003, "O que é o sync.Mutex e para o que ele serve?": the bar's bathroom. Three people
 * queue for one lock; whoever holds it is alone inside until they unlock. Durations are a tenth
 * of Go's. Go's package-level {@code var bathroom sync.Mutex} is a field of one run of the
 * program, so that two runs never share it.
 */
public final class Bathroom {

    private final PrintStream out;
    private final Mutex bathroom = new Mutex();               // var bathroom sync.Mutex

    private Bathroom(PrintStream out) {
        this.out = out;
    }

    void useBathroom(int people, WaitGroup wg) {              // func useBathroom(people int, wg *sync.WaitGroup) {
        try {                                                 //     defer wg.Done()
            out.printf("Pessoa %d está esperando para usar o banheiro.%n", people);

            bathroom.lock();                                  //     bathroom.Lock()
            out.printf("Pessoa %d entrou no banheiro.%n", people);

            Time.sleep(Duration.ofMillis(200));               //     time.Sleep(2 * time.Second)

            out.printf("Pessoa %d saiu do banheiro.%n", people);
            bathroom.unlock();                                //     bathroom.Unlock()
        } finally {
            wg.done();
        }
    }

    void run() {                                              // func main() {
        WaitGroup wg = new WaitGroup();                       //     var wg sync.WaitGroup
        int numOfPeople = 3;                                  //     numOfPeople := 3

        wg.add(numOfPeople);                                  //     wg.Add(numOfPeople)

        for (int i = 1; i <= numOfPeople; i++) {              //     for i := 1; i <= numOfPeople; i++ {
            int people = i;
            Go.go(() -> useBathroom(people, wg));             //         go useBathroom(i, &wg)
        }

        wg.await();                                           //     wg.Wait()
        out.println("Todas as pessoas usaram o banheiro.");   //     fmt.Println("Todas as pessoas usaram o banheiro.")
    }

    /** Go's {@code func main()}. */
    public static void main(PrintStream out) {
        new Bathroom(out).run();
    }
}
