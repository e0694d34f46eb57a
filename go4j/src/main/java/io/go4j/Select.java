package io.go4j;

import io.go4j.internal.chan.HChan;
import io.go4j.internal.chan.NilChan;
import io.go4j.internal.chan.SelectImpl;

/**
 * Go's {@code select} statement.
 *
 * {@snippet :
 * import static io.go4j.Case.*;
 *
 * String what = Select.select(                       // select {
 *     recv(results, r -> "result " + r),              // case r := <-results: ...
 *     send(requests, next, () -> "sent " + next),     // case requests <- next: ...
 *     otherwise(() -> "nothing ready"));              // default: ...
 *                                                     // }
 * Select.select(                                      // side effects only
 *     onRecv(quit, q -> running.set(false)),
 *     onRecvOk(data, (v, ok) -> handle(v, ok)));
 * }
 *
 * <p>Semantics, all Go's: if one or more cases can proceed, one of them is chosen uniformly
 * at random; otherwise the default case runs if there is one, or the select blocks until a
 * case can proceed. Exactly one case runs, and only its body. A case on a nil channel is never
 * ready; a receive case on a closed channel is always ready and yields (null, false); a send
 * case on a closed channel is ready and panics if chosen, even with a default. The same
 * channel may appear in several cases. A select never pairs with itself. A select that wakes
 * on one case withdraws from every other channel: no element is lost or delivered twice.
 * A select with no cases (or only nil cases and no default) blocks for ever.
 *
 * <p>Memory effects: those of the chosen channel operation (see {@link RecvChan}). Bodies run
 * on the calling thread after every channel lock is released; a body may use channels freely.
 * Blocking waits go through the park facility with wait reason {@code select}; an interrupt
 * while blocked cancels the select (no case ran) with {@link WaitInterruptedException}.
 */
public final class Select {

    private Select() {
    }

    /**
     * Runs the select and returns the chosen case's result (null for the side-effect family).
     *
     * @throws Panic {@code send on closed channel} if a chosen send case's channel is closed;
     *               {@code reflect.Select: multiple default cases} if two defaults are given
     * @throws WaitInterruptedException if the thread is interrupted while the select waits
     */
    @SafeVarargs
    @SuppressWarnings("varargs") // the array is only read, by selectOne and below
    public static <R> R select(Case<? extends R>... cases) {
        int n = cases.length;
        if (n == 2 || n == 1) {
            R r = selectOne(cases);
            if (r != NOT_HANDLED) {
                return r;
            }
        }
        HChan<?>[] chans = new HChan<?>[n];
        boolean[] sends = new boolean[n];
        Object[] values = new Object[n];
        int def = -1;
        int k = 0;
        int[] index = new int[n]; // internal case number -> caller's case number
        for (int i = 0; i < n; i++) {
            Case<? extends R> c = cases[i];
            if (c.kind == Case.DEFAULT) {
                if (def >= 0) {
                    throw new Panic("reflect.Select: multiple default cases");
                }
                def = i;
                continue;
            }
            chans[k] = channelOf(c.chan);
            sends[k] = c.kind == Case.SEND;
            values[k] = c.value;
            index[k] = i;
            k++;
        }
        SelectImpl.Result out = new SelectImpl.Result();
        SelectImpl.select(chans, sends, values, k, def >= 0, out);
        if (out.chosen == SelectImpl.DEFAULT) {
            return cases[def].run(null, false);
        }
        return cases[index[out.chosen]].run(out.value, out.ok);
    }

    private static final Object NOT_HANDLED = new Object();

    /**
     * One channel case, alone or with a default: Go compiles these to plain channel
     * operations ({@code chansend}/{@code chanrecv}, blocking or not) instead of
     * {@code selectgo}, and so does go4j — same semantics, the channel's lock-free fast
     * paths for "would block", and no select bookkeeping.
     *
     * @return the result, or {@link #NOT_HANDLED} if the cases are not of that shape
     */
    @SuppressWarnings("unchecked")
    private static <R> R selectOne(Case<? extends R>[] cases) {
        Case<? extends R> c;
        Case<? extends R> def = null;
        if (cases.length == 1) {
            c = cases[0];
            if (c.kind == Case.DEFAULT) {
                return c.run(null, false);
            }
        } else if (cases[1].kind == Case.DEFAULT && cases[0].kind != Case.DEFAULT) {
            c = cases[0];
            def = cases[1];
        } else if (cases[0].kind == Case.DEFAULT && cases[1].kind != Case.DEFAULT) {
            c = cases[1];
            def = cases[0];
        } else {
            return (R) NOT_HANDLED;
        }
        Object chan = c.chan == null ? NilChan.instance() : c.chan; // Java null is the nil channel
        if (!(chan instanceof HChan<?>) && !(chan instanceof NilChan<?>)) {
            return (R) NOT_HANDLED; // a foreign implementation: the general path rejects it
        }
        if (c.kind == Case.SEND) {
            SendChan<Object> ch = (SendChan<Object>) chan;
            if (def == null) {
                ch.send(c.value);
            } else if (!ch.trySend(c.value)) {
                return def.run(null, false);
            }
            return c.run(null, true);
        }
        RecvChan<Object> ch = (RecvChan<Object>) chan;
        if (def == null) {
            Recv<Object> r = ch.recvOk();
            return c.run(r.value(), r.ok());
        }
        TryRecv<Object> t = ch.tryRecv();
        if (t instanceof TryRecv.Value<Object> v) {
            return c.run(v.value(), true);
        }
        if (t instanceof TryRecv.Closed<Object>) {
            return c.run(null, false);
        }
        return def.run(null, false);
    }

    /**
     * Blocks for ever: {@code select {}}. Returns only by throwing
     * {@link WaitInterruptedException} when the thread is interrupted.
     */
    public static void forever() {
        select();
    }

    private static HChan<?> channelOf(Object ch) {
        if (ch == null) {
            return null; // a Java null channel is Go's nil channel
        }
        if (ch instanceof HChan<?> h) {
            return h;
        }
        if (ch instanceof RecvChan<?> r && r.isNil() || ch instanceof SendChan<?> s && s.isNil()) {
            return null;
        }
        throw new IllegalArgumentException("not a go4j channel: " + ch.getClass().getName());
    }
}
