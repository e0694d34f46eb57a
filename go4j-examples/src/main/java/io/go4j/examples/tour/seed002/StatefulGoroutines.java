package io.go4j.examples.tour.seed002;

import io.go4j.Chan;
import io.go4j.Select;
import io.go4j.context.CancelContext;
import io.go4j.context.Context;
import io.go4j.sync.WaitGroup;
import io.go4j.time.Time;

import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import static io.go4j.Case.recv;
import static io.go4j.Case.send;

/**
 * Seed 002, "Stateful goroutines": Go by Example's stateful goroutines, which the seed links —
 * one goroutine owns a map and serves reads and writes that other goroutines send it as
 * requests with a reply channel; 100 readers and 10 writers run for 100 ms (the example's
 * second divided by 10), then the counts of operations are printed. Departure: Go by Example's
 * goroutines run until the process exits; here a context stops them, and main waits for them
 * before printing the final counts.
 */
public final class StatefulGoroutines {

    private StatefulGoroutines() {
    }

    /** Go's {@code type readOp struct { key int; resp chan int }}. */
    record ReadOp(int key, Chan<Integer> resp) {
    }

    /** Go's {@code type writeOp struct { key, val int; resp chan bool }}. */
    record WriteOp(int key, int val, Chan<Boolean> resp) {
    }

    /** Go's {@code main}. */
    public static void main(PrintStream out) {
        AtomicLong readOps = new AtomicLong();                  // var readOps uint64
        AtomicLong writeOps = new AtomicLong();                 // var writeOps uint64

        Chan<ReadOp> reads = Chan.make();                       // reads := make(chan readOp)
        Chan<WriteOp> writes = Chan.make();                     // writes := make(chan writeOp)

        CancelContext ctx = Context.withCancel(Context.background()); // not in Go by Example: the stop signal
        WaitGroup wg = new WaitGroup();

        wg.go(() -> {                                           // go func() {
            Map<Integer, Integer> state = new HashMap<>();      //     var state = make(map[int]int)
            for (boolean more = true; more; ) {                 //     for {
                more = Select.select(                           //         select {
                        recv(reads, read -> {                   //         case read := <-reads:
                            read.resp().send(state.getOrDefault(read.key(), 0)); // read.resp <- state[read.key]
                            return true;
                        }),
                        recv(writes, write -> {                 //         case write := <-writes:
                            state.put(write.key(), write.val()); //            state[write.key] = write.val
                            write.resp().send(true);            //             write.resp <- true
                            return true;
                        }),
                        recv(ctx.done(), x -> false));
            }
        });

        for (int r = 0; r < 100; r++) {                         // for r := 0; r < 100; r++ {
            wg.go(() -> {                                       //     go func() {
                for (;;) {                                      //         for {
                    ReadOp read = new ReadOp(ThreadLocalRandom.current().nextInt(5), Chan.make()); // read := readOp{...}
                    boolean sent = Select.select(
                            send(reads, read, () -> true),      //             reads <- read
                            recv(ctx.done(), x -> false));
                    if (!sent) {
                        return;
                    }
                    read.resp().recv();                         //             <-read.resp
                    readOps.incrementAndGet();                  //             atomic.AddUint64(&readOps, 1)
                    Time.sleep(Duration.ofMillis(1));           //             time.Sleep(time.Millisecond)
                }
            });
        }

        for (int w = 0; w < 10; w++) {                          // for w := 0; w < 10; w++ {
            wg.go(() -> {                                       //     go func() {
                for (;;) {                                      //         for {
                    WriteOp write = new WriteOp(ThreadLocalRandom.current().nextInt(5),
                            ThreadLocalRandom.current().nextInt(100), Chan.make()); // write := writeOp{...}
                    boolean sent = Select.select(
                            send(writes, write, () -> true),    //             writes <- write
                            recv(ctx.done(), x -> false));
                    if (!sent) {
                        return;
                    }
                    write.resp().recv();                        //             <-write.resp
                    writeOps.incrementAndGet();                 //             atomic.AddUint64(&writeOps, 1)
                    Time.sleep(Duration.ofMillis(1));           //             time.Sleep(time.Millisecond)
                }
            });
        }

        Time.sleep(Duration.ofMillis(100));                     // time.Sleep(time.Second)
        ctx.cancel();
        wg.await();

        out.println("readOps: " + readOps.get());               // fmt.Println("readOps:", readOpsFinal)
        out.println("writeOps: " + writeOps.get());             // fmt.Println("writeOps:", writeOpsFinal)
    }
}
