package io.go4j.programs;

import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.Panic;

/**
 * Tiny Go programs run in a child JVM by {@code GoMainTest}: {@code java ... Programs NAME}.
 */
public final class Programs {

    private Programs() {
    }

    public static void main(String[] args) {
        switch (args[0]) {
            // main returns while another goroutine is blocked for ever: exit 0 at once
            case "mainReturns" -> Go.main(() -> {
                Go.go(() -> Chan.<Integer>nil().recv());
                System.out.println("main done in goroutine " + Go.id());
            });
            // a panic in a goroutine other than main ends the program with status 2
            case "panicInGoroutine" -> Go.main(() -> {
                Chan<Integer> ch = Chan.make();
                ch.close();
                Chan<Integer> never = Chan.make();
                Go.go(() -> ch.send(1));
                never.recv(); // main waits for ever; the panic must end the program
            });
            // a panic in main itself
            case "panicInMain" -> Go.main(() -> {
                throw new Panic("boom", null);
            });
            // any Java exception escaping a goroutine is a panic too
            case "exceptionInGoroutine" -> Go.main(() -> {
                Chan<Integer> never = Chan.make();
                Go.go(() -> {
                    int[] a = new int[1];
                    a[2] = 1;
                });
                never.recv();
            });
            default -> throw new IllegalArgumentException(args[0]);
        }
    }
}
