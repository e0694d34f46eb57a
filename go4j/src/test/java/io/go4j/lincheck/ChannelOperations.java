package io.go4j.lincheck;

import io.go4j.Case;
import io.go4j.Chan;
import io.go4j.Panic;
import io.go4j.Recv;
import io.go4j.Select;
import io.go4j.TryRecv;
import org.jetbrains.lincheck.datastructures.Operation;

/**
 * The operations Lincheck runs: every channel operation of go4j on two channels, {@code a}
 * (index 0) and {@code b} (index 1), each returning its outcome as a string that
 * {@link GoChannelModel} predicts (see {@link Outcomes}). A panic is an outcome too
 * ({@code "panic: send on closed channel"}), so Lincheck compares panics like any other result.
 *
 * <p>Lincheck creates a fresh instance for every invocation; the scenario's first operation,
 * {@link #make}, creates the channels with the capacities the scenario uses. Scenarios come from
 * {@link ClosingScenarioGenerator}, which guarantees that every blocking operation terminates;
 * results are checked by {@link DualLinearizabilityVerifier}. Lincheck needs this class to be
 * public.
 */
public class ChannelOperations {

    /** The two channels; index 0 is {@code a}, 1 is {@code b}. Set by {@link #make}. */
    private Chan<Integer>[] chans;

    /**
     * {@code a := make(chan int, capA); b := make(chan int, capB)}: the first operation of every
     * scenario (in its init part), so that one Lincheck run covers every pair of capacities.
     * Not an {@code @Operation}: only {@link ClosingScenarioGenerator} places it.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public String make(int capA, int capB) {
        chans = new Chan[] {Chan.<Integer>make(capA), Chan.<Integer>make(capB)};
        return Outcomes.MADE;
    }

    // ---------------------------------------------------------------- blocking operations

    /** {@code ch <- v}. */
    @Operation(blocking = true)
    public String send(int ch, int v) {
        try {
            chans[ch].send(v);
            return Outcomes.SENT;
        } catch (Panic p) {
            return Outcomes.panic(p);
        }
    }

    /** {@code v := <-ch} (null when closed and drained). */
    @Operation(blocking = true)
    public String recv(int ch) {
        return String.valueOf(chans[ch].recv());
    }

    /** {@code v, ok := <-ch}. */
    @Operation(blocking = true)
    public String recvOk(int ch) {
        Recv<Integer> r = chans[ch].recvOk();
        return Outcomes.recvOk(r.value(), r.ok());
    }

    /** {@code select { case v, ok := <-c0: ... case v, ok := <-c1: ... }} (c0 may equal c1). */
    @Operation(blocking = true)
    public String selectRecvRecv(int c0, int c1) {
        return Select.select(
                Case.recvOk(chans[c0], (v, ok) -> Outcomes.selectRecv(c0, v, ok)),
                Case.recvOk(chans[c1], (v, ok) -> Outcomes.selectRecv(c1, v, ok)));
    }

    /** {@code select { case c0 <- v: ... case v, ok := <-c1: ... }} (c0 may equal c1). */
    @Operation(blocking = true)
    public String selectSendRecv(int c0, int v, int c1) {
        try {
            return Select.select(
                    Case.send(chans[c0], v, () -> Outcomes.selectSent(c0)),
                    Case.recvOk(chans[c1], (x, ok) -> Outcomes.selectRecv(c1, x, ok)));
        } catch (Panic p) {
            return Outcomes.panic(p);
        }
    }

    // ---------------------------------------------------------------- non-blocking operations

    /** {@code select { case ch <- v: true; default: false }} (panics if closed). */
    @Operation
    public String trySend(int ch, int v) {
        try {
            return String.valueOf(chans[ch].trySend(v));
        } catch (Panic p) {
            return Outcomes.panic(p);
        }
    }

    /** {@code select { case v, ok := <-ch: ...; default: ... }}. */
    @Operation
    public String tryRecv(int ch) {
        TryRecv<Integer> r = chans[ch].tryRecv();
        return switch (r) {
            case TryRecv.Value<Integer>(Integer v) -> Outcomes.tryValue(v);
            case TryRecv.Closed<Integer> c -> Outcomes.TRY_CLOSED;
            case TryRecv.WouldBlock<Integer> w -> Outcomes.TRY_WOULD_BLOCK;
        };
    }

    /** {@code close(ch)}. */
    @Operation
    public String close(int ch) {
        try {
            chans[ch].close();
            return Outcomes.CLOSED;
        } catch (Panic p) {
            return Outcomes.panic(p);
        }
    }

    /** {@code select { case <-c0: ... case <-c1: ... default: ... }}. */
    @Operation
    public String selectRecvRecvDefault(int c0, int c1) {
        return Select.select(
                Case.recvOk(chans[c0], (v, ok) -> Outcomes.selectRecv(c0, v, ok)),
                Case.recvOk(chans[c1], (v, ok) -> Outcomes.selectRecv(c1, v, ok)),
                Case.otherwise(() -> Outcomes.DEFAULT));
    }

    /** {@code select { case c0 <- v: ... case <-c1: ... default: ... }}. */
    @Operation
    public String selectSendRecvDefault(int c0, int v, int c1) {
        try {
            return Select.select(
                    Case.send(chans[c0], v, () -> Outcomes.selectSent(c0)),
                    Case.recvOk(chans[c1], (x, ok) -> Outcomes.selectRecv(c1, x, ok)),
                    Case.otherwise(() -> Outcomes.DEFAULT));
        } catch (Panic p) {
            return Outcomes.panic(p);
        }
    }
}
