package io.go4j.lincheck;

import java.util.ArrayList;
import java.util.List;

/**
 * Go's channel semantics (SEMANTICS.md §2-§3) as a small state machine over two channels, with
 * waiting operations: the specification that {@link DualLinearizabilityVerifier} checks go4j
 * against.
 *
 * <p>Two channels, {@code a} and {@code b}, made by the first operation ({@code make}).
 * State per channel: the buffer (FIFO, at most {@code cap} values), the closed flag, and FIFO
 * queues of <em>waiting</em> receivers and senders — operations that could not complete when
 * they took effect and now wait for a partner or a close. A select waits with one entry per
 * case, on each case's channel; the first partner to reach any entry completes it and removes
 * all its entries (a select never pairs with itself: its entries are queued only after its own
 * cases were checked).
 *
 * <p>{@link #request} applies one operation: it either completes at once (with its outcome) or,
 * for a blocking operation that cannot proceed, starts waiting. Operations that complete a
 * waiting one (a send handing a value to a waiting receiver, a receive taking a waiting
 * sender's value, a close waking everyone) fix that one's outcome; the model checks it against
 * the outcome the real operation returned. Where Go leaves a choice — a select with several
 * ready cases — {@code request} returns one successor per choice.
 *
 * <p>Instances are immutable from the caller's side: {@code request} works on copies.
 */
final class GoChannelModel {

    /** One operation of a history: what was called, and what it returned. */
    record Op(int id, int thread, String method, List<Object> args, String actual, int[] clockOnStart) {
        int arg(int i) {
            return (Integer) args.get(i);
        }

        boolean blocking() {
            return switch (method) {
                case "send", "recv", "recvOk", "selectRecvRecv", "selectSendRecv" -> true;
                default -> false;
            };
        }

        @Override
        public String toString() {
            return method + args + " = " + actual;
        }
    }

    /** A successor of {@link #request}: the new state and what became of the operation. */
    record Step(GoChannelModel model, String result, boolean waiting, List<Integer> woken, boolean bad) {
    }

    /** A waiting entry: operation {@code op}, a send of {@code value} or a receive. */
    private record Entry(int op, boolean send, int value) {
    }

    private static final Object WOULD_BLOCK = new Object();
    private static final Object CLOSED = new Object();
    private static final Object PANIC = new Object();
    private static final Object SENT = new Object();

    private static final int CHANNELS = 2;

    private final Op[] ops;
    /** Set by the scenario's first operation, {@code make}. */
    private int[] caps;
    private final List<List<Integer>> buf = new ArrayList<>();
    private final boolean[] closed;
    private final List<List<Entry>> recvq = new ArrayList<>();
    private final List<List<Entry>> sendq = new ArrayList<>();

    // per request: the operations woken, and whether one of them got an outcome other than its actual one
    private List<Integer> woken = new ArrayList<>();
    private boolean bad;

    GoChannelModel(Op[] ops) {
        this.ops = ops;
        this.closed = new boolean[CHANNELS];
        for (int i = 0; i < CHANNELS; i++) {
            buf.add(new ArrayList<>());
            recvq.add(new ArrayList<>());
            sendq.add(new ArrayList<>());
        }
    }

    private GoChannelModel(GoChannelModel o) {
        this.ops = o.ops;
        this.caps = o.caps;
        this.closed = o.closed.clone();
        for (int i = 0; i < CHANNELS; i++) {
            buf.add(new ArrayList<>(o.buf.get(i)));
            recvq.add(new ArrayList<>(o.recvq.get(i)));
            sendq.add(new ArrayList<>(o.sendq.get(i)));
        }
    }

    /** A canonical description of the state, for memoization. */
    String key() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < CHANNELS; i++) {
            sb.append(buf.get(i)).append(closed[i] ? 'C' : 'O');
            for (Entry e : recvq.get(i)) {
                sb.append('r').append(e.op);
            }
            for (Entry e : sendq.get(i)) {
                sb.append('s').append(e.op).append(':').append(e.value);
            }
            sb.append('|');
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return key();
    }

    /** Applies {@code op}; returns one successor per outcome Go allows. */
    List<Step> request(Op op) {
        List<Step> out = new ArrayList<>(2);
        if (caps == null && !op.method().equals("make")) {
            throw new IllegalArgumentException("the first operation must be make: " + op);
        }
        switch (op.method()) {
            case "make" -> {
                GoChannelModel m = new GoChannelModel(this);
                m.caps = new int[] {op.arg(0), op.arg(1)};
                out.add(m.doneStep(Outcomes.MADE));
            }
            case "send" -> {
                GoChannelModel m = new GoChannelModel(this);
                int c = op.arg(0);
                Object r = m.put(c, op.arg(1));
                if (r == WOULD_BLOCK) {
                    m.sendq.get(c).add(new Entry(op.id(), true, op.arg(1)));
                    out.add(m.waitingStep());
                } else {
                    out.add(m.doneStep(r == SENT ? Outcomes.SENT : Outcomes.PANIC_SEND));
                }
            }
            case "trySend" -> {
                GoChannelModel m = new GoChannelModel(this);
                Object r = m.put(op.arg(0), op.arg(1));
                out.add(m.doneStep(r == SENT ? "true" : r == PANIC ? Outcomes.PANIC_SEND : "false"));
            }
            case "recv", "recvOk" -> {
                GoChannelModel m = new GoChannelModel(this);
                int c = op.arg(0);
                Object r = m.take(c);
                if (r == WOULD_BLOCK) {
                    m.recvq.get(c).add(new Entry(op.id(), false, 0));
                    out.add(m.waitingStep());
                } else {
                    out.add(m.doneStep(recvOutcome(op, c, r)));
                }
            }
            case "tryRecv" -> {
                GoChannelModel m = new GoChannelModel(this);
                Object r = m.take(op.arg(0));
                out.add(m.doneStep(r == WOULD_BLOCK ? Outcomes.TRY_WOULD_BLOCK
                        : r == CLOSED ? Outcomes.TRY_CLOSED : Outcomes.tryValue((Integer) r)));
            }
            case "close" -> {
                GoChannelModel m = new GoChannelModel(this);
                out.add(m.doneStep(m.close(op.arg(0))));
            }
            case "selectRecvRecv", "selectRecvRecvDefault" ->
                    select(op, new boolean[] {false, false}, new int[] {op.arg(0), op.arg(1)}, 0,
                            op.method().endsWith("Default"), out);
            case "selectSendRecv", "selectSendRecvDefault" ->
                    select(op, new boolean[] {true, false}, new int[] {op.arg(0), op.arg(2)}, op.arg(1),
                            op.method().endsWith("Default"), out);
            default -> throw new IllegalArgumentException("unknown operation " + op);
        }
        return out;
    }

    /** Go's select: any ready case may run; none ready: default, or wait on every case. */
    private void select(Op op, boolean[] sends, int[] chans, int value, boolean hasDefault, List<Step> out) {
        for (int k = 0; k < sends.length; k++) {
            int c = chans[k];
            boolean ready = sends[k] ? canPut(c) : canTake(c);
            if (!ready) {
                continue;
            }
            GoChannelModel m = new GoChannelModel(this);
            if (sends[k]) {
                Object r = m.put(c, value);
                out.add(m.doneStep(r == SENT ? Outcomes.selectSent(c) : Outcomes.PANIC_SEND));
            } else {
                out.add(m.doneStep(recvOutcome(op, c, m.take(c))));
            }
        }
        if (!out.isEmpty()) {
            return;
        }
        GoChannelModel m = new GoChannelModel(this);
        if (hasDefault) {
            out.add(m.doneStep(Outcomes.DEFAULT));
            return;
        }
        for (int k = 0; k < sends.length; k++) {
            (sends[k] ? m.sendq : m.recvq).get(chans[k]).add(new Entry(op.id(), sends[k], value));
        }
        out.add(m.waitingStep());
    }

    private Step doneStep(String result) {
        return new Step(this, result, false, woken, bad);
    }

    private Step waitingStep() {
        return new Step(this, null, true, woken, bad);
    }

    // ---------------------------------------------------------------- the channel itself

    private boolean canPut(int c) {
        return closed[c] || !recvq.get(c).isEmpty() || buf.get(c).size() < caps[c];
    }

    private boolean canTake(int c) {
        return closed[c] || !sendq.get(c).isEmpty() || !buf.get(c).isEmpty();
    }

    /** Go's chansend without parking: PANIC, SENT or WOULD_BLOCK. */
    private Object put(int c, int v) {
        if (closed[c]) {
            return PANIC;
        }
        if (!recvq.get(c).isEmpty()) {
            Entry r = recvq.get(c).get(0);
            wake(r.op, recvOutcome(ops[r.op], c, v));
            return SENT;
        }
        if (buf.get(c).size() < caps[c]) {
            buf.get(c).add(v);
            return SENT;
        }
        return WOULD_BLOCK;
    }

    /** Go's chanrecv without parking: the value, CLOSED or WOULD_BLOCK. */
    private Object take(int c) {
        if (!sendq.get(c).isEmpty()) {
            Entry s = sendq.get(c).get(0);
            Object v;
            if (caps[c] == 0) {
                v = s.value;
            } else { // full buffer: take the head, the sender's value goes to the tail
                v = buf.get(c).remove(0);
                buf.get(c).add(s.value);
            }
            wake(s.op, sendOutcome(ops[s.op], c, true));
            return v;
        }
        if (!buf.get(c).isEmpty()) {
            return buf.get(c).remove(0);
        }
        return closed[c] ? CLOSED : WOULD_BLOCK;
    }

    private String close(int c) {
        if (closed[c]) {
            return Outcomes.PANIC_CLOSE;
        }
        closed[c] = true;
        // as Go's closechan: every waiting receiver first (gets closed), then every waiting sender (panics)
        while (!recvq.get(c).isEmpty()) {
            Entry r = recvq.get(c).get(0);
            wake(r.op, recvOutcome(ops[r.op], c, CLOSED));
        }
        while (!sendq.get(c).isEmpty()) {
            Entry s = sendq.get(c).get(0);
            wake(s.op, sendOutcome(ops[s.op], c, false));
        }
        return Outcomes.CLOSED;
    }

    /** Completes waiting operation {@code op} with {@code outcome}, removing all its entries. */
    private void wake(int op, String outcome) {
        for (int c = 0; c < CHANNELS; c++) {
            recvq.get(c).removeIf(e -> e.op == op);
            sendq.get(c).removeIf(e -> e.op == op);
        }
        woken = new ArrayList<>(woken);
        woken.add(op);
        if (!outcome.equals(ops[op].actual())) {
            bad = true;
        }
    }

    // ---------------------------------------------------------------- outcomes

    /** What receive operation {@code op} returns when it receives {@code r} (a value or CLOSED) from {@code c}. */
    private static String recvOutcome(Op op, int c, Object r) {
        boolean ok = r != CLOSED;
        Integer v = ok ? (Integer) r : null;
        return switch (op.method()) {
            case "recv" -> String.valueOf(v);
            case "recvOk" -> Outcomes.recvOk(v, ok);
            default -> Outcomes.selectRecv(c, v, ok); // a select's receive case
        };
    }

    /** What send operation {@code op} returns when its send on {@code c} completes (ok) or the channel closes. */
    private static String sendOutcome(Op op, int c, boolean ok) {
        if (!ok) {
            return Outcomes.PANIC_SEND;
        }
        return op.method().equals("send") ? Outcomes.SENT : Outcomes.selectSent(c);
    }
}
