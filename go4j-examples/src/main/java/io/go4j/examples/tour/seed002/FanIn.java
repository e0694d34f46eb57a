package io.go4j.examples.tour.seed002;

import io.go4j.Case;
import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.RecvChan;
import io.go4j.Select;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

import static io.go4j.Case.onRecvOk;

/**
 * Seed 002, "Fan-in": "one worker listening on many channels" — one goroutine selects over three
 * producers' channels and sets each to nil when it is closed (a nil channel is never ready),
 * until all three are. Each producer's values keep their order; the producers interleave freely.
 */
public final class FanIn {

    private FanIn() {
    }

    /** A producer: sends {@code name-1} .. {@code name-n}, then closes its channel. */
    static RecvChan<String> producer(String name, int n) {
        Chan<String> out = Chan.make();                         // out := make(chan string)
        Go.go(() -> {                                           // go func() {
            for (int i = 1; i <= n; i++) {                      //     for i := 1; i <= n; i++ {
                out.send(name + "-" + i);                       //         out <- fmt.Sprintf("%s-%d", name, i)
            }
            out.close();                                        //     close(out)
        });                                                     // }()
        return out;
    }

    /** Go's {@code main}. */
    @SuppressWarnings("unchecked")
    public static void main(PrintStream out) {
        List<RecvChan<String>> ins = new ArrayList<>(List.of(  // a, b, c := producer("a", 3), ...
                producer("a", 3), producer("b", 3), producer("c", 3)));

        while (ins.stream().anyMatch(c -> !c.isNil())) {        // for a != nil || b != nil || c != nil {
            Case<Void>[] cases = new Case[ins.size()];          //     select {
            for (int i = 0; i < ins.size(); i++) {
                int k = i;
                cases[i] = onRecvOk(ins.get(i), (v, ok) -> {    //     case v, ok := <-a:
                    if (!ok) {                                  //         if !ok {
                        ins.set(k, Chan.nil());                 //             a = nil; continue
                        return;
                    }
                    out.println("recibido " + v);               //         fmt.Println("recibido", v)
                });
            }
            Select.select(cases);
        }
        out.println("todas las entradas cerradas");             // fmt.Println("todas las entradas cerradas")
    }
}
