package io.go4j;

import io.go4j.sync.WaitGroup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.atomic.AtomicInteger;

import static io.go4j.Case.*;
import static org.junit.jupiter.api.Assertions.*;

/** Basic end-to-end behaviour of goroutines, channels and select. */
@Timeout(30)
class SmokeTest {

    /** Unbuffered ping-pong: 10,000 round trips deliver every value in order. */
    @Test
    void pingPong() {
        Chan<Integer> ping = Chan.make(), pong = Chan.make();
        Go.go(() -> {
            for (Integer v : ping) {
                pong.send(v + 1);
            }
            pong.close();
        });
        for (int i = 0; i < 10_000; i++) {
            ping.send(i);
            assertEquals(i + 1, pong.recv());
        }
        ping.close();
        assertFalse(pong.recvOk().ok());
    }

    /** Buffered pipeline with a WaitGroup of many producers: the sum is exact. */
    @Test
    void bufferedManyProducers() {
        Chan<Integer> ch = Chan.make(16);
        WaitGroup wg = new WaitGroup();
        for (int p = 0; p < 8; p++) {
            wg.go(() -> {
                for (int i = 1; i <= 1000; i++) {
                    ch.send(i);
                }
            });
        }
        Go.go(() -> {
            wg.await();
            ch.close();
        });
        long sum = 0;
        for (int v : ch) {
            sum += v;
        }
        assertEquals(8L * 500_500, sum);
    }

    /** Select over two producers receives everything from both. */
    @Test
    void selectTwo() {
        Chan<Integer> a = Chan.make(), b = Chan.make(1);
        int n = 5000;
        Go.go(() -> { for (int i = 0; i < n; i++) a.send(1); });
        Go.go(() -> { for (int i = 0; i < n; i++) b.send(2); });
        int sa = 0, sb = 0;
        for (int i = 0; i < 2 * n; i++) {
            int v = Select.select(recv(a), recv(b));
            if (v == 1) sa++; else sb++;
        }
        assertEquals(n, sa);
        assertEquals(n, sb);
        assertEquals(10, Select.<Integer>select(recv(a, x -> 1), otherwise(() -> 10)));
    }

    /** Blocked senders panic when the channel is closed. */
    @Test
    void closeWakesSenderWithPanic() throws Exception {
        Chan<Integer> ch = Chan.make();
        Chan<String> result = Chan.make(1);
        Goroutine g = Go.go(() -> {
            try {
                ch.send(1);
                result.send("sent");
            } catch (Panic p) {
                result.send(p.getMessage());
            }
        });
        while (!"chan send".equals(g.waitReason())) {
            Thread.onSpinWait();
        }
        ch.close();
        assertEquals("send on closed channel", result.recv());
    }

    /** An interrupted receive throws and leaves the channel unchanged. */
    @Test
    void interruptCancelsReceive() {
        Chan<Integer> ch = Chan.make();
        Chan<String> result = Chan.make(1);
        AtomicInteger got = new AtomicInteger();
        Goroutine g = Go.go(() -> {
            try {
                got.set(ch.recv());
                result.send("received");
            } catch (WaitInterruptedException e) {
                result.send("interrupted");
            }
        });
        while (!"chan receive".equals(g.waitReason())) {
            Thread.onSpinWait();
        }
        g.interrupt();
        assertEquals("interrupted", result.recv());
        assertFalse(ch.trySend(5), "no receiver may remain queued");
    }
}
