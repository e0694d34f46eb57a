package io.go4j.jcstress;

import static io.go4j.Case.onRecvOk;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.go4j.Chan;
import io.go4j.Select;
import io.go4j.TryRecv;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * SEMANTICS.md §4 rule 2: a close happens-before a receive that returns because the channel is
 * closed.
 *
 * <p>Go: "The closing of a channel is synchronized before a receive that returns because the
 * channel is closed" (The Go Memory Model). The closer writes a plain field, then closes; the
 * receiver's receive reports {@code ok == false}, and then it must see the write. Nothing is ever
 * sent, so every receive returns because of the close.
 */
public final class CloseHappensBeforeClosedRecv {

    private CloseHappensBeforeClosedRecv() {
    }

    /** Unbuffered, blocking {@code recvOk}: the close may wake a parked receiver. */
    @JCStressTest
    @Description("unbuffered: x = 1; ch.close()  ||  r1 = ch.recvOk().ok() ? 1 : 0; r2 = x")
    @Outcome(id = "0, 1", expect = ACCEPTABLE, desc = "returned because closed, the write before close is visible")
    @Outcome(id = "0, 0", expect = FORBIDDEN, desc = "returned because closed, but the write before close is not visible")
    @Outcome(expect = FORBIDDEN, desc = "ok == true: nothing was sent")
    @State
    public static class Unbuffered {
        final Chan<Integer> ch = Chan.make();
        int x;

        @Actor
        public void closer() {
            x = 1;
            ch.close();
        }

        @Actor
        public void receiver(II_Result r) {
            r.r1 = ch.recvOk().ok() ? 1 : 0;
            r.r2 = x;
        }
    }

    /** Capacity 1 (empty buffer), blocking {@code recvOk}. */
    @JCStressTest
    @Description("cap 1: x = 1; ch.close()  ||  r1 = ch.recvOk().ok() ? 1 : 0; r2 = x")
    @Outcome(id = "0, 1", expect = ACCEPTABLE, desc = "returned because closed, the write before close is visible")
    @Outcome(id = "0, 0", expect = FORBIDDEN, desc = "returned because closed, but the write before close is not visible")
    @Outcome(expect = FORBIDDEN, desc = "ok == true: nothing was sent")
    @State
    public static class Buffered {
        final Chan<Integer> ch = Chan.make(1);
        int x;

        @Actor
        public void closer() {
            x = 1;
            ch.close();
        }

        @Actor
        public void receiver(II_Result r) {
            r.r1 = ch.recvOk().ok() ? 1 : 0;
            r.r2 = x;
        }
    }

    /** One non-blocking receive racing the close: when it sees the channel closed, it sees x. */
    @JCStressTest
    @Description("unbuffered: x = 1; ch.close()  ||  r1 = (ch.tryRecv() is Closed) ? 1 : 0; r2 = x")
    @Outcome(id = {"0, 0", "0, 1"}, expect = ACCEPTABLE, desc = "not closed yet (would block); x may be either")
    @Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "saw closed, the write before close is visible")
    @Outcome(id = "1, 0", expect = FORBIDDEN, desc = "saw closed, but the write before close is not visible")
    @State
    public static class TryRecvClosed {
        final Chan<Integer> ch = Chan.make();
        int x;

        @Actor
        public void closer() {
            x = 1;
            ch.close();
        }

        @Actor
        public void receiver(II_Result r) {
            r.r1 = ch.tryRecv() instanceof TryRecv.Closed<Integer> ? 1 : 0;
            r.r2 = x;
        }
    }

    /** The receive in a two-case select (the other case on a channel that is never ready). */
    @JCStressTest
    @Description("unbuffered: x = 1; ch.close()  ||  select(recvOk(ch) sets r1 = ok ? 1 : 0, recvOk(idle)); r2 = x")
    @Outcome(id = "0, 1", expect = ACCEPTABLE, desc = "returned because closed, the write before close is visible")
    @Outcome(id = "0, 0", expect = FORBIDDEN, desc = "returned because closed, but the write before close is not visible")
    @Outcome(expect = FORBIDDEN, desc = "ok == true, or the idle case chosen: neither can happen")
    @State
    public static class InSelect {
        final Chan<Integer> ch = Chan.make();
        final Chan<Integer> idle = Chan.make(); // no sender ever: never ready
        int x;

        @Actor
        public void closer() {
            x = 1;
            ch.close();
        }

        @Actor
        public void receiver(II_Result r) {
            r.r1 = 2; // stays 2 only if the idle case were chosen
            Select.select(onRecvOk(ch, (v, ok) -> r.r1 = ok ? 1 : 0), onRecvOk(idle, (v, ok) -> { }));
            r.r2 = x;
        }
    }
}
