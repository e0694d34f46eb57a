package io.go4j.jcstress;

import static io.go4j.Case.onRecv;
import static io.go4j.Case.onSend;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.go4j.Chan;
import io.go4j.Select;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.I_Result;

/**
 * SEMANTICS.md §4 rule 3: on an unbuffered channel the receive happens-before the send completes.
 *
 * <p>Go: "A receive from an unbuffered channel is synchronized before the completion of the
 * corresponding send on that channel" (The Go Memory Model). The direction is reversed: the
 * <em>receiver</em> writes a plain field, then receives; the sender's send returns, and then the
 * sender must see the write.
 */
public final class UnbufferedRecvHappensBeforeSend {

    private UnbufferedRecvHappensBeforeSend() {
    }

    /** Blocking send and receive; either side may be the one that parks. */
    @JCStressTest
    @Description("unbuffered: x = 1; ch.recv()  ||  ch.send(1); r1 = x")
    @Outcome(id = "1", expect = ACCEPTABLE, desc = "send completed, the write before the receive is visible")
    @Outcome(id = "0", expect = FORBIDDEN, desc = "send completed, but the write before the receive is not visible")
    @State
    public static class Blocking {
        final Chan<Integer> ch = Chan.make();
        int x;

        @Actor
        public void receiver() {
            x = 1;
            ch.recv();
        }

        @Actor
        public void sender(I_Result r) {
            ch.send(1);
            r.r1 = x;
        }
    }

    /** Both sides in a two-case select (the other cases on channels that are never ready). */
    @JCStressTest
    @Description("unbuffered: x = 1; select(recv(ch), recv(idleR))  ||  select(send(ch, 1), send(idleS, 0)); r1 = x")
    @Outcome(id = "1", expect = ACCEPTABLE, desc = "send completed, the write before the receive is visible")
    @Outcome(id = "0", expect = FORBIDDEN, desc = "send completed, but the write before the receive is not visible")
    @State
    public static class InSelect {
        final Chan<Integer> ch = Chan.make();
        final Chan<Integer> idleR = Chan.make(); // no sender ever: never ready
        final Chan<Integer> idleS = Chan.make(); // no receiver ever: never ready
        int x;

        @Actor
        public void receiver() {
            x = 1;
            Select.select(onRecv(ch, v -> { }), onRecv(idleR, v -> { }));
        }

        @Actor
        public void sender(I_Result r) {
            Select.select(onSend(ch, 1), onSend(idleS, 0));
            r.r1 = x;
        }
    }
}
