package io.go4j.examples.tour.seed001;

import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.time.Time;

import java.io.PrintStream;
import java.time.Duration;

/**
 * Seed 001, "Rendezvous": two goroutines meet at a point, each signalling its arrival by closing
 * a channel and waiting for the other's. Goroutine 2 arrives first (after 100 ms) and waits for
 * goroutine 1 (200 ms); then both go on. Durations are the seed's divided by 10.
 */
public final class Rendezvous {

    private Rendezvous() {
    }

    /** Go's {@code type Rendezvous struct { first, second chan struct{} }}, made by {@code NewRendezvous()}. */
    static final class R {
        private final Chan<Void> first = Chan.make();           // first:  make(chan struct{})
        private final Chan<Void> second = Chan.make();          // second: make(chan struct{})

        /** Go's {@code FirstArrives()}. */
        void firstArrives() {
            first.close();                                      // close(r.first)
            second.recv();                                      // <-r.second
        }

        /** Go's {@code SecondArrives()}. */
        void secondArrives() {
            first.recv();                                       // <-r.first
            second.close();                                     // close(r.second)
        }
    }

    /** Go's {@code main}. */
    public static void main(PrintStream out) {
        R r = new R();                                          // r := NewRendezvous()

        Go.go(() -> {                                           // go func() {
            out.println("Goroutine 1: Iniciando trabajo");
            Time.sleep(Duration.ofMillis(200));                 //     time.Sleep(2 * time.Second)
            out.println("Goroutine 1: Llegando al punto de encuentro");
            r.firstArrives();                                   //     r.FirstArrives()
            out.println("Goroutine 1: Continuando después del encuentro");
        });                                                     // }()

        Go.go(() -> {                                           // go func() {
            out.println("Goroutine 2: Iniciando trabajo");
            Time.sleep(Duration.ofMillis(100));                 //     time.Sleep(1 * time.Second)
            out.println("Goroutine 2: Llegando al punto de encuentro");
            r.secondArrives();                                  //     r.SecondArrives()
            out.println("Goroutine 2: Continuando después del encuentro");
        });                                                     // }()

        Time.sleep(Duration.ofMillis(300));                     // time.Sleep(3 * time.Second)
    }
}
