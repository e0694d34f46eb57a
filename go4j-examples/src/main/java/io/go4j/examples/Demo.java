package io.go4j.examples;

import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.RecvChan;
import io.go4j.SendChan;
import io.go4j.sync.WaitGroup;
import io.go4j.time.Time;

import java.io.PrintStream;
import java.time.Duration;

/**
 * go4j's first demo: three Go programs from the seed tutorial
 * ({@code 000_3c56ebd39b2b79d2.txt}, "Concurrencia en Go"), ported line by line.
 *
 * <ol>
 *   <li>{@link #waitGroup}: goroutines joined with a {@code sync.WaitGroup};</li>
 *   <li>{@link #workerPool}: a worker pool — a jobs channel, a results channel, N workers;</li>
 *   <li>{@link #pipeline}: a pipeline of stages connected by channels.</li>
 * </ol>
 *
 * Run it with {@code ./mvnw -q -pl go4j-examples -am -DskipTests package exec:exec}.
 *
 * <p>The output is translated from Spanish, and the simulated work ({@code time.Sleep} in
 * the seed) is ten times shorter. Where Go leaves the order of lines free (1 and 2), so
 * does this demo; the pipeline's output is deterministic, as in Go. Each part prints to the
 * {@link PrintStream} it is given, so tests can call it without {@link Go#main}, which ends
 * the JVM.
 */
public final class Demo {

    private Demo() {
    }

    /** Go's {@code func main()}: runs the three parts as a Go program. */
    public static void main(String[] args) {
        Go.main(() -> run(System.out));
    }

    /** Prints each part under a section header. */
    static void run(PrintStream out) {
        out.println("== 1. Goroutines joined with a WaitGroup ==");
        waitGroup(out);
        out.println();
        out.println("== 2. Worker pool: 3 workers, 10 tasks ==");
        workerPool(out);
        out.println();
        out.println("== 3. Pipeline: generate 1..10 -> square -> keep the even ones ==");
        pipeline(out);
    }

    // ---- 1. goroutines and a WaitGroup

    /**
     * Starts five workers and waits for all of them. Ports seed 000, section
     * "Esperar a que las Goroutines Terminen":
     * <pre>{@code
     * func trabajador(id int, wg *sync.WaitGroup) {
     *     defer wg.Done()
     *     fmt.Printf("Trabajador %d iniciando\n", id)
     *     time.Sleep(time.Second)
     *     fmt.Printf("Trabajador %d terminado\n", id)
     * }
     *
     * func main() {
     *     var wg sync.WaitGroup
     *     for i := 1; i <= 5; i++ {
     *         wg.Add(1)
     *         go trabajador(i, &wg)
     *     }
     *     wg.Wait()
     *     fmt.Println("Todos los trabajadores han terminado")
     * }
     * }</pre>
     */
    static void waitGroup(PrintStream out) {
        WaitGroup wg = new WaitGroup();               // var wg sync.WaitGroup
        for (int i = 1; i <= 5; i++) {
            int id = i;                               // go evaluates i now
            wg.add(1);                                // wg.Add(1)
            Go.go(() -> worker(id, wg, out));         // go trabajador(i, &wg)
        }
        wg.await();                                   // wg.Wait()
        out.println("all workers done");
    }

    private static void worker(int id, WaitGroup wg, PrintStream out) {
        try {                                         // defer wg.Done()
            out.printf("worker %d starting%n", id);
            sleep(100);
            out.printf("worker %d done%n", id);
        } finally {
            wg.done();
        }
    }

    // ---- 2. worker pool

    /** A task: its number and how long it takes (ms). Go: {@code type Tarea struct { ID, Trabajo int }}. */
    record Task(int id, int work) {
    }

    /**
     * Three workers take ten tasks from one channel and send their results on another. Ports
     * seed 000, section "Patrón Worker Pool":
     * <pre>{@code
     * func trabajador(id int, tareas <-chan Tarea, resultados chan<- string, wg *sync.WaitGroup) {
     *     defer wg.Done()
     *     for tarea := range tareas {
     *         fmt.Printf("Trabajador %d iniciando tarea %d\n", id, tarea.ID)
     *         time.Sleep(time.Duration(tarea.Trabajo) * time.Millisecond)
     *         resultados <- fmt.Sprintf("Tarea %d completada por trabajador %d", tarea.ID, id)
     *     }
     * }
     *
     * func main() {
     *     numTrabajadores, numTareas := 3, 10
     *     tareas := make(chan Tarea, numTareas)
     *     resultados := make(chan string, numTareas)
     *     var wg sync.WaitGroup
     *     for w := 1; w <= numTrabajadores; w++ {
     *         wg.Add(1)
     *         go trabajador(w, tareas, resultados, &wg)
     *     }
     *     for t := 1; t <= numTareas; t++ {
     *         tareas <- Tarea{ID: t, Trabajo: 100 + t*50}
     *     }
     *     close(tareas)
     *     go func() {
     *         wg.Wait()
     *         close(resultados)
     *     }()
     *     for resultado := range resultados {
     *         fmt.Println(resultado)
     *     }
     * }
     * }</pre>
     */
    static void workerPool(PrintStream out) {
        int numWorkers = 3, numTasks = 10;
        Chan<Task> tasks = Chan.make(numTasks);       // make(chan Tarea, numTareas)
        Chan<String> results = Chan.make(numTasks);   // make(chan string, numTareas)
        WaitGroup wg = new WaitGroup();
        for (int w = 1; w <= numWorkers; w++) {
            int id = w;
            wg.add(1);
            Go.go(() -> poolWorker(id, tasks, results, wg, out));
        }
        for (int t = 1; t <= numTasks; t++) {
            tasks.send(new Task(t, 10 + t * 5));      // tareas <- Tarea{...}
        }
        tasks.close();                                // close(tareas)
        Go.go(() -> {                                 // go func() {
            wg.await();                               //     wg.Wait()
            results.close();                          //     close(resultados)
        });                                           // }()
        for (String result : results) {               // for resultado := range resultados
            out.println(result);
        }
    }

    /** Go: {@code func trabajador(id int, tareas <-chan Tarea, resultados chan<- string, wg *sync.WaitGroup)}. */
    private static void poolWorker(int id, RecvChan<Task> tasks, SendChan<String> results,
                                   WaitGroup wg, PrintStream out) {
        try {
            for (Task task : tasks) {                 // for tarea := range tareas
                out.printf("worker %d starting task %d%n", id, task.id());
                sleep(task.work());
                results.send("task " + task.id() + " done by worker " + id);
            }
        } finally {
            wg.done();
        }
    }

    // ---- 3. pipeline

    /**
     * Three stages, each a goroutine that owns its output channel and closes it when done;
     * the signatures use the direction types, as Go's {@code <-chan int}. Prints
     * 4, 16, 36, 64, 100 in that order. Ports seed 000, section "Patrón Pipeline": the
     * squares pipeline of the Go blog's "Pipelines and Cancellation" (gen, sq), plus a filter:
     * <pre>{@code
     * func generador(n int) <-chan int {
     *     out := make(chan int)
     *     go func() {
     *         for i := 1; i <= n; i++ {
     *             out <- i
     *         }
     *         close(out)
     *     }()
     *     return out
     * }
     *
     * func cuadrado(in <-chan int) <-chan int {
     *     out := make(chan int)
     *     go func() {
     *         for n := range in {
     *             out <- n * n
     *         }
     *         close(out)
     *     }()
     *     return out
     * }
     *
     * func filtrarPares(in <-chan int) <-chan int {
     *     out := make(chan int)
     *     go func() {
     *         for n := range in {
     *             if n%2 == 0 {
     *                 out <- n
     *             }
     *         }
     *         close(out)
     *     }()
     *     return out
     * }
     *
     * func main() {
     *     numeros := generador(10)           // 1, 2, 3, ..., 10
     *     cuadrados := cuadrado(numeros)     // 1, 4, 9, ..., 100
     *     pares := filtrarPares(cuadrados)   // 4, 16, 36, 64, 100
     *     for n := range pares {
     *         fmt.Println(n)
     *     }
     * }
     * }</pre>
     */
    static void pipeline(PrintStream out) {
        RecvChan<Integer> numbers = gen(10);          // numeros := generador(10)
        RecvChan<Integer> squares = sq(numbers);      // cuadrados := cuadrado(numeros)
        RecvChan<Integer> even = evens(squares);      // pares := filtrarPares(cuadrados)
        for (int n : even) {                          // for n := range pares
            out.println(n);
        }
    }

    /** Go: {@code func generador(n int) <-chan int}. Sends 1..n, then closes. */
    static RecvChan<Integer> gen(int n) {
        Chan<Integer> out = Chan.make();
        Go.go(() -> {
            for (int i = 1; i <= n; i++) {
                out.send(i);
            }
            out.close();
        });
        return out;
    }

    /** Go: {@code func cuadrado(in <-chan int) <-chan int}. Sends the square of each value. */
    static RecvChan<Integer> sq(RecvChan<Integer> in) {
        Chan<Integer> out = Chan.make();
        Go.go(() -> {
            for (int n : in) {
                out.send(n * n);
            }
            out.close();
        });
        return out;
    }

    /** Go: {@code func filtrarPares(in <-chan int) <-chan int}. Passes on the even values. */
    static RecvChan<Integer> evens(RecvChan<Integer> in) {
        Chan<Integer> out = Chan.make();
        Go.go(() -> {
            for (int n : in) {
                if (n % 2 == 0) {
                    out.send(n);
                }
            }
            out.close();
        });
        return out;
    }

    // ---- helpers

    /** Simulated work: Go's {@code time.Sleep(millis * time.Millisecond)}. */
    private static void sleep(long millis) {
        Time.sleep(Duration.ofMillis(millis));
    }
}
