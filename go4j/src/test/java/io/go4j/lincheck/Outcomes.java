package io.go4j.lincheck;

import io.go4j.Panic;

/**
 * The textual outcomes of {@link ChannelOperations}, shared with {@link GoChannelModel} so that
 * the implementation and the model describe results in exactly the same words.
 */
final class Outcomes {

    static final String MADE = "made";
    static final String SENT = "sent";
    static final String CLOSED = "closed";
    static final String DEFAULT = "default";
    static final String TRY_CLOSED = "Closed";
    static final String TRY_WOULD_BLOCK = "WouldBlock";
    static final String PANIC_SEND = "panic: send on closed channel";
    static final String PANIC_CLOSE = "panic: close of closed channel";

    private Outcomes() {
    }

    static String chanName(int ch) {
        return ch == 0 ? "a" : "b";
    }

    static String panic(Panic p) {
        return "panic: " + p.getMessage();
    }

    /** A comma-ok receive: {@code "7,true"} or {@code "null,false"}. */
    static String recvOk(Integer v, boolean ok) {
        return v + "," + ok;
    }

    /** A receive case of a select: {@code "recv a 7"} or {@code "recv a closed"}. */
    static String selectRecv(int ch, Integer v, boolean ok) {
        return "recv " + chanName(ch) + " " + (ok ? String.valueOf(v) : "closed");
    }

    /** A send case of a select that sent: {@code "sent a"}. */
    static String selectSent(int ch) {
        return "sent " + chanName(ch);
    }

    static String tryValue(Integer v) {
        return "Value(" + v + ")";
    }
}
