package io.go4j.junit;

import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.sync.WaitGroup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The annotation used as intended, in the real run: tests that end their goroutines pass. */
@VerifyNoGoroutineLeaks
@Timeout(30)
class VerifyNoGoroutineLeaksTest {

    /** A pipeline whose stages all end when their input closes leaves nothing behind. */
    @Test
    void aPipelineThatShutsDownPasses() {
        Chan<Integer> in = Chan.make(), out = Chan.make();
        WaitGroup wg = new WaitGroup();
        for (int w = 0; w < 3; w++) {
            wg.go(() -> {
                for (int v : in) {
                    out.send(v * 2);
                }
            });
        }
        Go.go(() -> {
            wg.await();
            out.close();
        });
        Go.go(() -> {
            for (int i = 1; i <= 100; i++) {
                in.send(i);
            }
            in.close();
        });
        int sum = 0;
        for (int v : out) {
            sum += v;
        }
        assertEquals(2 * 5050, sum);
    }

    /** A test with no goroutines at all passes. */
    @Test
    void noGoroutinesPasses() {
        assertEquals(0, Go.id());
    }
}
