package io.go4j.examples.kv;

import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.context.CancelContext;
import io.go4j.context.Context;
import io.go4j.sync.WaitGroup;

import java.util.concurrent.atomic.AtomicLong;

import static io.go4j.Case.recv;
import static io.go4j.Case.send;

/**
 * The background worker pool of the seed's server: N goroutines take tasks from one unbuffered
 * channel (seed 000, "Ejemplo Práctico: Servidor Web Concurrente"):
 * <pre>{@code
 * tareasCh := make(chan func())
 * var wg sync.WaitGroup
 * wg.Add(numTrabajadores)
 * for i := 0; i < numTrabajadores; i++ {
 *     go func(id int) {
 *         defer wg.Done()
 *         for tarea := range tareasCh {
 *             log.Printf("Trabajador %d ejecutando tarea", id)
 *             tarea()
 *         }
 *         log.Printf("Trabajador %d terminando", id)
 *     }(i)
 * }
 * ...
 * close(tareasCh)   // at shutdown, once no handler can send any more
 * wg.Wait()
 * }</pre>
 *
 * <p>The channel is unbuffered, as in the seed: a submitter waits until a worker is free, so
 * the pool pushes back on the handlers instead of queueing without bound. Two departures from
 * the seed: {@link #submit} gives up when the request's context is done (the seed's
 * {@code tareasCh <- task} waits for ever), and a task receives the pool's context, which
 * {@link #stop} cancels when the shutdown deadline passes (the seed's {@code wg.Wait()} has no
 * deadline), so a task can stop early.
 */
final class Background {

    /**
     * A background task: the seed's {@code func()}, given a context that ends at a forced stop;
     * returns true if it completed, false if it stopped early because {@code ctx} was done.
     */
    @FunctionalInterface
    interface Task {
        boolean run(Context ctx);
    }

    private final Chan<Task> tasks = Chan.make();     // tareasCh := make(chan func())
    private final WaitGroup wg = new WaitGroup();     // var wg sync.WaitGroup
    private final CancelContext ctx = Context.withCancel(Context.background()); // cancelled at a forced stop
    private final AtomicLong submitted = new AtomicLong();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong cutShort = new AtomicLong();
    private final Log log;

    /** Starts {@code n} workers. */
    Background(int n, Log log) {
        this.log = log;
        wg.add(n);                                    // wg.Add(numTrabajadores)
        for (int i = 0; i < n; i++) {
            int id = i;
            Go.go("kv worker " + id, () -> work(id));  // go func(id int) { ... }(i)
        }
    }

    private void work(int id) {
        try {                                         // defer wg.Done()
            for (Task task : tasks) {                 // for tarea := range tareasCh
                log.printf("worker %d running a task", id);
                boolean done = false;
                try {
                    done = task.run(ctx);             // tarea()
                } catch (RuntimeException e) {
                    // Go would crash the program; a server's worker logs and goes on.
                    log.printf("worker %d: task failed: %s", id, e);
                }
                (done ? completed : cutShort).incrementAndGet();
            }
            log.printf("worker %d exiting", id);
        } finally {
            wg.done();
        }
    }

    /**
     * Hands {@code task} to a free worker, waiting at most until {@code reqCtx} is done:
     * {@code select { case tareasCh <- task: case <-ctx.Done(): }}. Returns whether a worker
     * took it. Must not be called after {@link #stop} has begun (it would panic with
     * {@code send on closed channel}); the server stops the pool only after its last handler.
     */
    boolean submit(Context reqCtx, Task task) {
        boolean taken = io.go4j.Select.select(
                send(tasks, task, () -> true),        // case tareasCh <- task:
                recv(reqCtx.done(), x -> false));     // case <-ctx.Done():
        if (taken) {
            submitted.incrementAndGet();
        }
        return taken;
    }

    /**
     * Closes the task channel and waits for the workers to finish the tasks they hold, until
     * {@code deadline} is done; then cancels the tasks' context and waits for the workers to
     * return. Returns true if they finished before the deadline. Call once.
     */
    boolean stop(Context deadline) {
        tasks.close();                                // close(tareasCh)
        Chan<Void> idle = Chan.make();
        Go.go("kv workers wait", () -> {              // go func() { wg.Wait(); close(idle) }()
            wg.await();
            idle.close();
        });
        boolean inTime = io.go4j.Select.select(
                recv(idle, x -> true),                // case <-idle:
                recv(deadline.done(), x -> false))    // case <-deadline.Done():
                || idle.tryRecv() instanceof io.go4j.TryRecv.Closed<Void>; // both ready: it was in time
        ctx.cancel();                                 // releases the context; cuts short what still runs
        idle.recv();                                  // the workers see ctx.Done() and return
        return inTime;
    }

    /** Tasks handed to a worker so far. */
    long submitted() {
        return submitted.get();
    }

    /** Tasks that completed. */
    long completed() {
        return completed.get();
    }

    /** Tasks that stopped early (a forced stop) or failed. */
    long cutShort() {
        return cutShort.get();
    }
}
