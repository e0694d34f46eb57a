package io.go4j.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.go4j.Chan;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;
import org.openjdk.jcstress.infra.results.I_Result;

/**
 * SEMANTICS.md §4 rule 4: the k-th receive on a channel of capacity C happens-before the
 * (k+C)-th send completes (a buffered channel is a counting semaphore).
 *
 * <p>Go: "The kth receive on a channel with capacity C is synchronized before the completion of
 * the k+Cth send from that channel completes" (The Go Memory Model). The receiver writes a plain
 * field, then makes receive #1; the sender makes sends #1 .. #(1+C) — the last one can complete
 * only once receive #1 has made room — and then must see the write.
 */
public final class BufferedRecvHappensBeforeSend {

    private BufferedRecvHappensBeforeSend() {
    }

    /** C = 1: send #2 blocks until receive #1 has taken element #1. */
    @JCStressTest
    @Description("cap 1: x = 1; ch.recv()  ||  ch.send(1); ch.send(2); r1 = x")
    @Outcome(id = "1", expect = ACCEPTABLE, desc = "send #2 completed, the write before receive #1 is visible")
    @Outcome(id = "0", expect = FORBIDDEN, desc = "send #2 completed, but the write before receive #1 is not visible")
    @State
    public static class Cap1 {
        final Chan<Integer> ch = Chan.make(1);
        int x;

        @Actor
        public void receiver() {
            x = 1;
            ch.recv();
        }

        @Actor
        public void sender(I_Result r) {
            ch.send(1); // fills the buffer
            ch.send(2); // completes only after receive #1
            r.r1 = x;
        }
    }

    /** C = 2: send #3 blocks until receive #1 has taken element #1. */
    @JCStressTest
    @Description("cap 2: x = 1; ch.recv()  ||  ch.send(1); ch.send(2); ch.send(3); r1 = x")
    @Outcome(id = "1", expect = ACCEPTABLE, desc = "send #3 completed, the write before receive #1 is visible")
    @Outcome(id = "0", expect = FORBIDDEN, desc = "send #3 completed, but the write before receive #1 is not visible")
    @State
    public static class Cap2 {
        final Chan<Integer> ch = Chan.make(2);
        int x;

        @Actor
        public void receiver() {
            x = 1;
            ch.recv();
        }

        @Actor
        public void sender(I_Result r) {
            ch.send(1);
            ch.send(2); // the buffer is full now
            ch.send(3); // completes only after receive #1
            r.r1 = x;
        }
    }

    /** C = 1, send #2 non-blocking: if it succeeds, receive #1 has happened, and x is visible. */
    @JCStressTest
    @Description("cap 1: x = 1; ch.recv()  ||  ch.send(1); r1 = ch.trySend(2) ? 1 : 0; r2 = x")
    @Outcome(id = {"0, 0", "0, 1"}, expect = ACCEPTABLE, desc = "buffer still full (no receive yet); x may be either")
    @Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "send #2 completed, the write before receive #1 is visible")
    @Outcome(id = "1, 0", expect = FORBIDDEN, desc = "send #2 completed, but the write before receive #1 is not visible")
    @State
    public static class Cap1TrySend {
        final Chan<Integer> ch = Chan.make(1);
        int x;

        @Actor
        public void receiver() {
            x = 1;
            ch.recv(); // element #1 is always sent, so this always returns
        }

        @Actor
        public void sender(II_Result r) {
            ch.send(1);
            r.r1 = ch.trySend(2) ? 1 : 0;
            r.r2 = x;
        }
    }
}
