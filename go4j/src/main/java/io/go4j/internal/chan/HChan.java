package io.go4j.internal.chan;

import io.go4j.Chan;
import io.go4j.Panic;
import io.go4j.Recv;
import io.go4j.TryRecv;
import io.go4j.WaitInterruptedException;
import io.go4j.internal.park.Bubble;
import io.go4j.internal.park.BubbleOwned;
import io.go4j.internal.park.Park;
import io.go4j.internal.park.RuntimeLock;
import io.go4j.internal.park.WaitReason;
import io.go4j.internal.park.Waiter;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The channel — Go's {@code hchan} from runtime/chan.go, on the JVM.
 *
 * <h2>The idea</h2>
 * A short lock ({@link RuntimeLock}) guards a ring buffer and two FIFO queues of parked
 * goroutines: receivers waiting for a value ({@code recvq}) and senders waiting for room or a
 * receiver ({@code sendq}). A sender that finds a parked receiver hands the value straight to
 * it; a receiver that finds a parked sender takes the sender's value (unbuffered) or the
 * buffer's head and moves the sender's value to the tail (buffered and full). Only when
 * nothing can be done does the caller queue a {@link Sudog} and park through {@link Park}.
 * <pre>
 *            head              head+count-1 (mod cap)
 *             v                 v
 *   buf: [ .. e1  e2  e3  ..  ek  .. ]        recvq: r1 -> r2 -> ...  (parked receivers)
 *                                             sendq: s1 -> s2 -> ...  (parked senders)
 * </pre>
 *
 * <h2>Invariants (with the lock held)</h2>
 * For every sudog whose wait is still unclaimed:
 * <ul>
 *   <li>at least one of recvq and sendq is empty — except for one select that queued both a
 *       send and a receive case on this channel (a select never pairs with itself);</li>
 *   <li>for a buffered channel: count &gt; 0 implies recvq is empty; count &lt; cap implies
 *       sendq is empty;</li>
 *   <li>for an unbuffered channel: count == 0 always;</li>
 *   <li>closed implies both queues are empty (close wakes everyone; nobody queues after).</li>
 * </ul>
 * Queues may also hold sudogs whose wait was already claimed elsewhere (a select that won on
 * another channel) or cancelled (an interrupted waiter that has not yet unlinked itself).
 * Every taker therefore claims a sudog with a CAS before using it and skips one whose claim
 * fails: such a sudog is simply dropped, and its owner's later {@code remove} is a no-op.
 *
 * <h2>Linearization</h2>
 * A blocking operation that completes without parking takes effect inside the lock. One that
 * parks takes effect when a waker's claim CAS succeeds (under the waker's lock on this
 * channel); a cancellation takes effect when the waiter's own withdrawal CAS succeeds, and
 * then nothing was transferred. {@link #len()} reads {@code count} written with release
 * semantics: the value held at some instant during the call.
 *
 * <h2>Differences from Go</h2>
 * Go's fast paths for non-blocking operations read {@code closed} and the queues without the
 * lock; so do {@link #trySend} and {@link #tryRecv}, with acquire reads of fields written with
 * release stores, using Go's argument (closed never goes back to false; see the comments
 * there). Go parks the sender with a pointer to its stack slot; here the value lives in the
 * sudog. Interrupts have no Go counterpart: see docs/adr/0002-interrupt-policy.md.
 */
public final class HChan<E> extends RuntimeLock implements Chan<E>, BubbleOwned {

    /** Returned by the core receive when the channel is closed and drained. */
    static final Object CLOSED_MARK = new Object();
    /** Returned by the core receive/select when a non-blocking operation would block. */
    static final Object WOULD_BLOCK_MARK = new Object();

    private static final int MAX_CAPACITY = Integer.MAX_VALUE - 8;

    /** Buffer capacity; 0 for an unbuffered channel. Final. */
    final int capacity;
    /** The ring buffer; null when unbuffered. Slots guarded by lock. */
    private final Object[] buf;
    /** Index of the oldest buffered element. Guarded by lock. */
    private int head;
    /** Number of buffered elements. Written under lock with release; racy reads via COUNT. */
    private int count;
    /** Set once, under lock, with release; racy reads via CLOSED. Never reset. */
    private boolean closed;
    // The two FIFO queues of parked goroutines (Go's recvq and sendq), doubly linked so that
    // a select or a cancelled wait unlinks its sudog in O(1). Their heads live in the channel
    // itself, not in queue objects of their own, so that a hand-off touches one cache line
    // fewer. Guarded by lock; the first pointers are also read racily by the non-blocking
    // fast paths, so they are written with release stores.
    static final boolean RECVQ = false;
    static final boolean SENDQ = true;
    private Sudog recvFirst; // parked receivers; racy reads via RECV_FIRST
    private Sudog recvLast;
    private Sudog sendFirst; // parked senders; racy reads via SEND_FIRST
    private Sudog sendLast;
    /** The timer that feeds this channel, for a timer channel (Go's {@code c.timer}); else null. */
    final ChanTimer timer;
    /** The synctest bubble the channel was created in ({@link Bubble#ROOT} outside synctest). */
    private final Bubble bubble = Bubble.creating();

    public HChan(int capacity) {
        if (capacity < 0 || capacity > MAX_CAPACITY) {
            throw new Panic("makechan: size out of range");
        }
        this.capacity = capacity;
        this.buf = capacity == 0 ? null : new Object[capacity];
        this.timer = null;
    }

    /**
     * A timer's channel (Go 1.23): it holds the one value a firing produced until it is
     * received or the timer is stopped or reset, yet reports {@code len} and {@code cap} 0.
     */
    HChan(ChanTimer timer) {
        this.capacity = 1;
        this.buf = new Object[1];
        this.timer = timer;
    }

    // ---------------------------------------------------------------- sending

    @Override
    public void send(E value) {
        chansend(value, true);
    }

    @Override
    public boolean trySend(E value) {
        // Fast path (Go's chansend): not closed and full means "would block". Reading closed
        // first and full second, each a real value at its instant: at the second read the
        // channel was full, and it was not closed then either (closed is monotone and was
        // false at the earlier read), so returning false is linearizable at that instant.
        if (!closedRacy() && fullRacy()) {
            return false;
        }
        return chansend(value, false);
    }

    /**
     * Go's {@code chansend}: the one core path of send and trySend.
     *
     * @return true if sent; false only if {@code block} is false and sending would wait
     */
    private boolean chansend(E value, boolean block) {
        lock();
        // 1. Sending on a closed channel panics.
        if (closed) {
            unlock();
            throw new Panic("send on closed channel");
        }
        // 2. A parked receiver takes the value directly (it cannot be a select of ours).
        Sudog r = claimReceiver(value);
        if (r != null) {
            unlock();
            Park.unpark(r.owner);
            return true;
        }
        // 3. Room in the buffer.
        if (count < capacity) {
            enqueueBuf(value);
            unlock();
            return true;
        }
        if (!block) {
            unlock();
            return false;
        }
        // 4. Park until a receiver takes the value or the channel is closed.
        Sudog s = parkQueued(SENDQ, value);
        if (!s.success) { // woken by close
            throw new Panic("send on closed channel");
        }
        return true;
    }

    /**
     * Dequeues the first receiver whose wait can still be claimed, hands it {@code value},
     * and claims it. Dropped sudogs were claimed elsewhere or cancelled. Lock held.
     */
    Sudog claimReceiver(Object value) {
        for (Sudog r; (r = dequeue(RECVQ)) != null; ) {
            r.elem = value;     // written before the claim publishes it
            r.success = true;
            if (r.claim()) {
                return r;
            }
        }
        return null;
    }

    void enqueueBuf(Object value) {
        int tail = head + count;
        if (tail >= capacity) {
            tail -= capacity;
        }
        buf[tail] = value;
        COUNT.setRelease(this, count + 1);
    }

    // ---------------------------------------------------------------- receiving

    @Override
    public E recv() {
        Object v = chanrecv(true);
        return v == CLOSED_MARK ? null : cast(v);
    }

    @Override
    public Recv<E> recvOk() {
        Object v = chanrecv(true);
        return v == CLOSED_MARK ? Recv.closed() : new Recv<>(cast(v), true);
    }

    @Override
    public TryRecv<E> tryRecv() {
        if (timer != null) {
            timer.maybeRun();
        }
        // Fast path (Go's chanrecv): nothing ready and not closed means "would block". Empty
        // is read first, closed second: if closed is false at the second read, the channel
        // was open at the first read too, so "empty and open" held at that first instant.
        // If it is closed, read emptiness again: closed and empty means closed for good.
        if (emptyRacy()) {
            if (!closedRacy()) {
                return TryRecv.wouldBlock();
            }
            if (emptyRacy()) {
                return TryRecv.closed();
            }
        }
        Object v = chanrecv(false);
        if (v == WOULD_BLOCK_MARK) {
            return TryRecv.wouldBlock();
        }
        return v == CLOSED_MARK ? TryRecv.closed() : new TryRecv.Value<>(cast(v));
    }

    /**
     * Go's {@code chanrecv}: the one core path of every receive.
     *
     * @return the element, {@link #CLOSED_MARK}, or {@link #WOULD_BLOCK_MARK} (non-blocking only)
     */
    private Object chanrecv(boolean block) {
        if (timer != null) {
            timer.maybeRun();
        }
        lock();
        // 1. A parked sender: take its value (unbuffered) or the buffer's head (full buffer).
        Object v = takeFromSender();
        if (v != WOULD_BLOCK_MARK) {
            return v; // unlocked and woken inside
        }
        // 2. A buffered value.
        if (count > 0) {
            v = dequeueBuf();
            unlock();
            return v;
        }
        // 3. Closed and drained.
        if (closed) {
            unlock();
            return CLOSED_MARK;
        }
        if (!block) {
            unlock();
            return WOULD_BLOCK_MARK;
        }
        // 4. Park until a sender hands us a value or the channel is closed.
        Sudog r = parkQueued(RECVQ, null);
        return r.success ? r.elem : CLOSED_MARK;
    }

    /**
     * The blocking step shared by send and receive. Lock held on entry, released inside:
     * queues a sudog for the caller, parks until a partner or a close claims it, and returns
     * it. If an interrupt cancels the wait first, unlinks the sudog — nothing was transferred —
     * and throws {@link WaitInterruptedException} (ADR 0002).
     */
    private Sudog parkQueued(boolean send, Object value) {
        Sudog s = new Sudog(Park.current(), this, value);
        enqueue(send, s);
        if (timer != null) {
            timer.block();
        }
        unlock();
        int st = Park.park(s, send ? WaitReason.CHAN_SEND : WaitReason.CHAN_RECEIVE, this);
        if (timer != null) {
            timer.unblock();
        }
        if (st == Waiter.CANCELLED) {
            lock();
            remove(send, s);
            unlock();
            throw new WaitInterruptedException(send ? "chan send" : "chan receive");
        }
        return s;
    }

    /**
     * With the lock held: if a parked sender can be claimed, receives from it, unlocks, wakes
     * it and returns the received value; otherwise returns {@link #WOULD_BLOCK_MARK} with the
     * lock still held.
     */
    Object takeFromSender() {
        Sudog s = claimSender();
        if (s == null) {
            return WOULD_BLOCK_MARK;
        }
        Object v = recvFromClaimedSender(s);
        unlock();
        Park.unpark(s.owner);
        return v;
    }

    /** Dequeues and claims the first parked sender whose wait can still be claimed. Lock held. */
    Sudog claimSender() {
        for (Sudog s; (s = dequeue(SENDQ)) != null; ) {
            s.success = true;
            if (s.claim()) {
                return s;
            }
        }
        return null;
    }

    /**
     * Go's {@code recv}: receives from a parked sender that the caller has just claimed. Lock
     * held. Unbuffered: the sender's value. Buffered (the buffer is full, or the sender would
     * not be parked): the buffer's head, and the sender's value takes its slot, which is the
     * new tail — in place, so that {@code count} never changes: a lock-free reader
     * ({@link #tryRecv}, {@link #len}) must not see the buffer dip (found by Lincheck).
     */
    Object recvFromClaimedSender(Sudog s) {
        Object v;
        if (capacity == 0) {
            v = s.elem;
        } else {
            v = buf[head];
            buf[head] = s.elem;
            head = head + 1 == capacity ? 0 : head + 1;
        }
        s.elem = null;
        return v;
    }

    Object dequeueBuf() {
        Object v = buf[head];
        buf[head] = null;
        head = head + 1 == capacity ? 0 : head + 1;
        COUNT.setRelease(this, count - 1);
        return v;
    }

    /** {@code for v := range ch}: each step is one core receive; no result object per element. */
    @Override
    public Iterator<E> iterator() {
        return new Iterator<>() {
            private Object next = WOULD_BLOCK_MARK; // WOULD_BLOCK_MARK: not yet received

            @Override
            public boolean hasNext() {
                if (next == WOULD_BLOCK_MARK) {
                    next = chanrecv(true);
                }
                return next != CLOSED_MARK;
            }

            @Override
            public E next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("channel closed");
                }
                Object v = next;
                next = WOULD_BLOCK_MARK;
                return cast(v);
            }
        };
    }

    // ---------------------------------------------------------------- closing

    @Override
    public void close() {
        close(false);
    }

    /**
     * Closes the channel while the caller holds another runtime lock (a context closing its
     * done channel under its own lock): takes the channel's lock without ever yielding.
     */
    public void closeNested() {
        close(true);
    }

    private void close(boolean nested) {
        if (nested) {
            lockNested();
        } else {
            lock();
        }
        if (closed) {
            unlock();
            throw new Panic("close of closed channel");
        }
        CLOSED.setRelease(this, true);
        // Claim every parked waiter under the lock (receivers get (null, false), senders
        // panic), wake them after releasing it. Close is rare: a plain list is fine.
        ArrayList<Sudog> woken = null; // most closes wake nobody: no list then
        for (Sudog r; (r = dequeue(RECVQ)) != null; ) {
            r.elem = null;
            r.success = false;
            if (r.claim()) {
                (woken == null ? woken = new ArrayList<>() : woken).add(r);
            }
        }
        for (Sudog s; (s = dequeue(SENDQ)) != null; ) {
            s.success = false;
            if (s.claim()) {
                (woken == null ? woken = new ArrayList<>() : woken).add(s);
            }
        }
        unlock();
        if (woken != null) {
            for (Sudog s : woken) {
                Park.unpark(s.owner);
            }
        }
    }

    // ---------------------------------------------------------------- wait queues

    /** Appends {@code s} to the send or receive queue. Lock held. */
    void enqueue(boolean send, Sudog s) {
        s.queued = true;
        s.next = null;
        Sudog l = send ? sendLast : recvLast;
        s.prev = l;
        if (l == null) {
            setFirst(send, s);
        } else {
            l.next = s;
        }
        if (send) {
            sendLast = s;
        } else {
            recvLast = s;
        }
    }

    /** Removes and returns the first sudog of the queue, or null if it is empty. Lock held. */
    Sudog dequeue(boolean send) {
        Sudog s = send ? sendFirst : recvFirst;
        if (s != null) {
            unlink(send, s);
        }
        return s;
    }

    /** Unlinks {@code s} if it is still queued (a failed claimer may have dequeued it). Lock held. */
    void remove(boolean send, Sudog s) {
        if (s.queued) {
            unlink(send, s);
        }
    }

    private void unlink(boolean send, Sudog s) {
        Sudog p = s.prev;
        Sudog n = s.next;
        if (p == null) {
            setFirst(send, n);
        } else {
            p.next = n;
        }
        if (n == null) {
            if (send) {
                sendLast = p;
            } else {
                recvLast = p;
            }
        } else {
            n.prev = p;
        }
        s.prev = null;
        s.next = null;
        s.queued = false;
    }

    private void setFirst(boolean send, Sudog s) {
        if (send) {
            SEND_FIRST.setRelease(this, s);
        } else {
            RECV_FIRST.setRelease(this, s);
        }
    }

    /** A racy look: true if some sudog appeared queued at the moment of the read. */
    private boolean hasWaitersRacy(boolean send) {
        return (send ? SEND_FIRST.getAcquire(this) : RECV_FIRST.getAcquire(this)) != null;
    }

    // ---------------------------------------------------------------- state

    @Override
    public Bubble bubble() {
        return bubble;
    }

    @Override
    public int len() {
        return timer != null ? 0 : (int) COUNT.getAcquire(this);
    }

    @Override
    public int cap() {
        return timer != null ? 0 : capacity;
    }

    // ---------------------------------------------------------------- timer channels

    /**
     * A timer's firing, with the lock held: hands {@code value} to a parked receiver (returned:
     * the caller unparks it after unlocking), or leaves it in the one-slot buffer, or — if an
     * earlier value is still there (a slow ticker reader) — drops it, as Go's non-blocking
     * {@code sendTime} does.
     */
    Sudog timerSendLocked(Object value) {
        Sudog r = claimReceiver(value);
        if (r == null && count < capacity) {
            enqueueBuf(value);
        }
        return r;
    }

    /** With the lock held, withdraws a value nobody has received (a stop or reset); true if there was one. */
    boolean timerDrainLocked() {
        if (count > 0) {
            dequeueBuf();
            return true;
        }
        return false;
    }

    @Override
    public boolean isNil() {
        return false;
    }

    boolean isClosedLocked() {
        return closed;
    }

    int countLocked() {
        return count;
    }

    boolean closedRacy() {
        return (boolean) CLOSED.getAcquire(this);
    }

    /** Go's {@code full(c)}: a send would block (racy). */
    private boolean fullRacy() {
        return capacity == 0 ? !hasWaitersRacy(RECVQ) : (int) COUNT.getAcquire(this) == capacity;
    }

    /** Go's {@code empty(c)}: a receive would block unless closed (racy). */
    private boolean emptyRacy() {
        return capacity == 0 ? !hasWaitersRacy(SENDQ) : (int) COUNT.getAcquire(this) == 0;
    }

    @SuppressWarnings("unchecked")
    private static <E> E cast(Object v) {
        return (E) v;
    }

    @Override
    public String toString() {
        return "chan(cap=" + capacity + ", len=" + len() + (closedRacy() ? ", closed" : "") + ")@"
                + Integer.toHexString(System.identityHashCode(this));
    }

    private static final VarHandle COUNT;
    private static final VarHandle CLOSED;
    private static final VarHandle RECV_FIRST;
    private static final VarHandle SEND_FIRST;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            COUNT = l.findVarHandle(HChan.class, "count", int.class);
            CLOSED = l.findVarHandle(HChan.class, "closed", boolean.class);
            RECV_FIRST = l.findVarHandle(HChan.class, "recvFirst", Sudog.class);
            SEND_FIRST = l.findVarHandle(HChan.class, "sendFirst", Sudog.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
