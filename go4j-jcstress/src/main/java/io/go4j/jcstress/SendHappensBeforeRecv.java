package io.go4j.jcstress;

import static io.go4j.Case.onRecv;
import static io.go4j.Case.onSend;
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
import org.openjdk.jcstress.infra.results.I_Result;

/**
 * SEMANTICS.md §4 rule 1: a send happens-before the matching receive completes.
 *
 * <p>Go: "A send on a channel is synchronized before the completion of the corresponding receive
 * from that channel" (The Go Memory Model). The sender writes a plain field, then sends; the
 * receiver receives, then reads the field: having received, it must see the write.
 */
public final class SendHappensBeforeRecv {

    private SendHappensBeforeRecv() {
    }

    /** A plain object with non-final fields: sending it must publish its fields safely. */
    static final class Box {
        int a;
        int b;
    }

    /** Unbuffered channel, blocking send and receive (a direct hand-off either way round). */
    @JCStressTest
    @Description("unbuffered: x = 1; ch.send(1)  ||  ch.recv(); r1 = x")
    @Outcome(id = "1", expect = ACCEPTABLE, desc = "received, the write before the send is visible")
    @Outcome(id = "0", expect = FORBIDDEN, desc = "received, but the write before the send is not visible")
    @State
    public static class Unbuffered {
        final Chan<Integer> ch = Chan.make();
        int x;

        @Actor
        public void sender() {
            x = 1;
            ch.send(1);
        }

        @Actor
        public void receiver(I_Result r) {
            ch.recv();
            r.r1 = x;
        }
    }

    /** Capacity 1, blocking receive: the receiver may park and be handed the element by the sender. */
    @JCStressTest
    @Description("cap 1: x = 1; ch.send(1)  ||  ch.recv(); r1 = x")
    @Outcome(id = "1", expect = ACCEPTABLE, desc = "received, the write before the send is visible")
    @Outcome(id = "0", expect = FORBIDDEN, desc = "received, but the write before the send is not visible")
    @State
    public static class Buffered {
        final Chan<Integer> ch = Chan.make(1);
        int x;

        @Actor
        public void sender() {
            x = 1;
            ch.send(1);
        }

        @Actor
        public void receiver(I_Result r) {
            ch.recv();
            r.r1 = x;
        }
    }

    /** Capacity 1, one non-blocking receive racing the send: the element comes from the buffer. */
    @JCStressTest
    @Description("cap 1: x = 1; ch.send(1)  ||  r1 = (ch.tryRecv() is Value) ? 1 : 0; r2 = x")
    @Outcome(id = {"0, 0", "0, 1"}, expect = ACCEPTABLE, desc = "nothing received yet; x may be either")
    @Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "received, the write before the send is visible")
    @Outcome(id = "1, 0", expect = FORBIDDEN, desc = "received, but the write before the send is not visible")
    @State
    public static class BufferedTryRecv {
        final Chan<Integer> ch = Chan.make(1);
        int x;

        @Actor
        public void sender() {
            x = 1;
            ch.send(1); // never blocks: the buffer is empty
        }

        @Actor
        public void receiver(II_Result r) {
            r.r1 = ch.tryRecv() instanceof TryRecv.Value<Integer> ? 1 : 0;
            r.r2 = x;
        }
    }

    /** The element itself: an object built with plain writes and sent is seen fully built. */
    @JCStressTest
    @Description("cap 1: b = new Box(); b.a = 1; b.b = 2; ch.send(b)  ||  b = ch.recv(); r1 = b.a; r2 = b.b")
    @Outcome(id = "1, 2", expect = ACCEPTABLE, desc = "the received object is fully initialised")
    @Outcome(expect = FORBIDDEN, desc = "the received object is seen partly initialised")
    @State
    public static class Publication {
        final Chan<Box> ch = Chan.make(1);

        @Actor
        public void sender() {
            Box b = new Box();
            b.a = 1;
            b.b = 2;
            ch.send(b);
        }

        @Actor
        public void receiver(II_Result r) {
            Box b = ch.recv();
            r.r1 = b.a;
            r.r2 = b.b;
        }
    }

    /**
     * Unbuffered, both sides in a two-case select (the other case on a channel of its own that is
     * never ready), so the select path rather than the single-channel path carries the element.
     */
    @JCStressTest
    @Description("unbuffered: x = 1; select(send(ch, 1), send(idleS, 0))  ||  select(recv(ch), recv(idleR)); r1 = x")
    @Outcome(id = "1", expect = ACCEPTABLE, desc = "received, the write before the send is visible")
    @Outcome(id = "0", expect = FORBIDDEN, desc = "received, but the write before the send is not visible")
    @State
    public static class InSelect {
        final Chan<Integer> ch = Chan.make();
        final Chan<Integer> idleS = Chan.make(); // no receiver ever: never ready
        final Chan<Integer> idleR = Chan.make(); // no sender ever: never ready
        int x;

        @Actor
        public void sender() {
            x = 1;
            Select.select(onSend(ch, 1), onSend(idleS, 0));
        }

        @Actor
        public void receiver(I_Result r) {
            Select.select(onRecv(ch, v -> { }), onRecv(idleR, v -> { }));
            r.r1 = x;
        }
    }
}
