package io.go4j.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.go4j.sync.WaitGroup;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.I_Result;

/**
 * SEMANTICS.md §4 rule 5 (WaitGroup part): {@code Done} happens-before the {@code Wait} it
 * releases.
 *
 * <p>Go: "a call to Done synchronizes before the return of any Wait call that it unblocks"
 * ({@code sync.WaitGroup} documentation). The worker writes a plain field, then calls
 * {@code done()}; {@code await()} returns, and then the waiter must see the write.
 */
public final class WaitGroupDoneHappensBeforeWait {

    private WaitGroupDoneHappensBeforeWait() {
    }

    /** Counter 1: the single done() releases await(), which may or may not have parked yet. */
    @JCStressTest
    @Description("wg.add(1); x = 1; wg.done()  ||  wg.await(); r1 = x")
    @Outcome(id = "1", expect = ACCEPTABLE, desc = "await returned, the write before done is visible")
    @Outcome(id = "0", expect = FORBIDDEN, desc = "await returned, but the write before done is not visible")
    @State
    public static class OneDone {
        final WaitGroup wg = new WaitGroup();
        int x;

        {
            wg.add(1);
        }

        @Actor
        public void worker() {
            x = 1;
            wg.done();
        }

        @Actor
        public void waiter(I_Result r) {
            wg.await();
            r.r1 = x;
        }
    }

    /**
     * Counter 2, the waiter is also a worker: its own done() does not release it, the other
     * actor's done() does — whichever of the two comes last — and then the other's write is visible.
     */
    @JCStressTest
    @Description("wg.add(2); x = 1; wg.done()  ||  wg.done(); wg.await(); r1 = x")
    @Outcome(id = "1", expect = ACCEPTABLE, desc = "await returned, the other worker's write is visible")
    @Outcome(id = "0", expect = FORBIDDEN, desc = "await returned, but the other worker's write is not visible")
    @State
    public static class TwoDones {
        final WaitGroup wg = new WaitGroup();
        int x;

        {
            wg.add(2);
        }

        @Actor
        public void worker() {
            x = 1;
            wg.done();
        }

        @Actor
        public void workerAndWaiter(I_Result r) {
            wg.done();
            wg.await();
            r.r1 = x;
        }
    }
}
