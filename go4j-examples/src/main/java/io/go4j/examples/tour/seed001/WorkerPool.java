package io.go4j.examples.tour.seed001;

import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.RecvChan;
import io.go4j.SendChan;
import io.go4j.sync.WaitGroup;
import io.go4j.time.Time;

import java.io.PrintStream;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Seed 001, "El patrón Worker Pool": five workers take twenty tasks from a buffered channel;
 * each task is a function ({@code Job func() interface{}}) returning its id times two after
 * 10 ms of work (the seed's 100 ms divided by 10). A goroutine closes {@code results} once
 * every worker has finished, which ends the main goroutine's range.
 */
public final class WorkerPool {

    private WorkerPool() {
    }

    /** Go's {@code type Task struct { ID int; Job func() interface{} }}. */
    record Task(int id, Supplier<Object> job) {
    }

    /** Go's {@code type Result struct { TaskID int; Value interface{} }}. */
    record Result(int taskId, Object value) {
    }

    /** Go's {@code func workerPool(numWorkers int, tasks <-chan Task, results chan<- Result)}. */
    static void workerPool(PrintStream out, int numWorkers, RecvChan<Task> tasks, SendChan<Result> results) {
        WaitGroup wg = new WaitGroup();                         // var wg sync.WaitGroup
        wg.add(numWorkers);                                     // wg.Add(numWorkers)

        for (int i = 0; i < numWorkers; i++) {                  // for i := 0; i < numWorkers; i++ {
            int workerId = i;
            Go.go(() -> {                                       //     go func(workerID int) {
                try {                                           //         defer wg.Done()
                    for (Task task : tasks) {                   //         for task := range tasks {
                        out.printf("Worker %d procesando tarea %d%n", workerId, task.id());
                        Object value = task.job().get();        //             value := task.Job()
                        results.send(new Result(task.id(), value)); //         results <- Result{...}
                    }
                } finally {
                    wg.done();
                }
            });                                                 //     }(i)
        }

        Go.go(() -> {                                           // go func() {
            wg.await();                                         //     wg.Wait()
            results.close();                                    //     close(results)
        });                                                     // }()
    }

    /** Go's {@code main}. */
    public static void main(PrintStream out) {
        int numTasks = 20;                                      // numTasks := 20
        int numWorkers = 5;                                     // numWorkers := 5

        Chan<Task> tasks = Chan.make(numTasks);                 // tasks := make(chan Task, numTasks)
        Chan<Result> results = Chan.make(numTasks);             // results := make(chan Result, numTasks)

        workerPool(out, numWorkers, tasks, results);            // workerPool(numWorkers, tasks, results)

        for (int i = 0; i < numTasks; i++) {                    // for i := 0; i < numTasks; i++ {
            int taskId = i;                                     //     taskID := i
            tasks.send(new Task(taskId, () -> {                 //     tasks <- Task{ID: taskID, Job: func() interface{} {
                Time.sleep(Duration.ofMillis(10));              //         time.Sleep(100 * time.Millisecond)
                return taskId * 2;                              //         return taskID * 2
            }));                                                //     }}
        }
        tasks.close();                                          // close(tasks)

        for (Result result : results) {                         // for result := range results {
            out.printf("Resultado de tarea %d: %s%n", result.taskId(), result.value()); // %v
        }
    }
}
