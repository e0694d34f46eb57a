package io.go4j.internal.park;

/**
 * A counting semaphore on which goroutines sleep: Go's runtime {@code sema.go}
 * ({@code semacquire}/{@code semrelease}), the one place where {@code sync.Mutex} and
 * {@code sync.RWMutex} wait. It only decides who sleeps and who wakes; the primitives built
 * on it keep their own state in their own atomic words, as Go's do.
 *
 * <p>{@link #release} hands its unit directly to the first queued waiter (the waiter returns
 * from {@link #acquire} owning it), or stores it in the count when nobody waits. So a unit is
 * never lost and never given twice, and a woken waiter never has to compete again for the
 * unit it was woken with. Waiters queue FIFO, or at the head when {@code lifo} is asked — Go's
 * {@code queueLifo}, used by a mutex waiter that has already waited once.
 *
 * <p>Acquisition is not interruptible (Go's is not either): the primitives above count their
 * waiters in their state word, and a waiter leaving on its own would break that count. The
 * interrupt status is kept and restored (docs/adr/0008-sync-design.md).
 */
public final class Sema extends RuntimeLock {

    /** Units available; changed under the lock, read racily by the spin. */
    private volatile int count;
    private Node head; // guarded by the lock
    private Node tail;

    private static final class Node extends Waiter {
        Node next;

        Node(G g) {
            super(g);
        }
    }

    public Sema() {
    }

    /**
     * Takes one unit, waiting (with {@code reason} on {@code on}) until one is released.
     *
     * @param lifo queue at the head rather than the tail
     */
    public void acquire(boolean lifo, WaitReason reason, Object on) {
        // A unit may come within a microsecond (a reader leaving, a writer done): spin a few
        // rounds before queueing, as Go's sync primitives do around their semaphores.
        for (int iter = 0; count == 0 && Park.canSpin(iter); iter++) {
            Park.doSpin();
        }
        lock();
        if (count > 0) {
            count--;
            unlock();
            return;
        }
        Node n = new Node(Park.current());
        if (head == null) {
            head = tail = n;
        } else if (lifo) {
            n.next = head;
            head = n;
        } else {
            tail.next = n;
            tail = n;
        }
        unlock();
        Park.parkUninterruptibly(n, reason, on);
    }

    /** Takes a unit if one is available now, without waiting. */
    public boolean tryAcquire() {
        lock();
        try {
            if (count > 0) {
                count--;
                return true;
            }
            return false;
        } finally {
            unlock();
        }
    }

    /** Gives one unit: to the first waiter if any (waking it), else to the count. */
    public void release() {
        lock();
        Node n = head;
        if (n == null) {
            count++;
            unlock();
            return;
        }
        head = n.next;
        if (head == null) {
            tail = null;
        }
        n.next = null;
        // Waiters never withdraw (acquire is uninterruptible), so this claim always wins.
        boolean claimed = n.claim(0);
        unlock();
        if (!claimed) {
            throw new IllegalStateException("semaphore waiter was claimed twice");
        }
        Park.unpark(n);
    }

    /** Whether some goroutine is queued; a racy snapshot, for tests and dumps. */
    public boolean hasWaiters() {
        lock();
        try {
            return head != null;
        } finally {
            unlock();
        }
    }
}
