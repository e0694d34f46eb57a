package io.go4j.examples.tour.seed000;

import io.go4j.Go;
import io.go4j.sync.RWMutex;
import io.go4j.sync.WaitGroup;
import io.go4j.time.Time;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * Seed 000, "RWMutex": one writer adds a key every 100 ms under the write lock while three
 * readers print the whole map every 50 ms under the read lock. Readers see the map grow one key
 * at a time, never half-written. Durations are Go's.
 */
public final class RWMutexMap {

    private RWMutexMap() {
    }

    /** Go's {@code fmt.Printf("%v", m)} of a {@code map[string]string}: {@code map[k1:v1 k2:v2]}, keys sorted. */
    static String goMap(Map<String, String> m) {
        StringJoiner s = new StringJoiner(" ", "map[", "]");
        new TreeMap<>(m).forEach((k, v) -> s.add(k + ":" + v));
        return s.toString();
    }

    /** Go's {@code func main()}. */
    public static void main(PrintStream out) {
        Map<String, String> datos;                            // var datos map[string]string
        RWMutex rwmu = new RWMutex();                         // var rwmu sync.RWMutex
        WaitGroup wg = new WaitGroup();                       // var wg sync.WaitGroup

        datos = new TreeMap<>();                              // datos = make(map[string]string) — guarded by rwmu

        wg.add(1);                                            // wg.Add(1)
        Go.go(() -> {                                         // go func() {
            try {                                             //     defer wg.Done()
                for (int i = 0; i < 5; i++) {                 //     for i := 0; i < 5; i++ {
                    rwmu.lock();                              //         rwmu.Lock()
                    datos.put("clave" + i, "valor" + i);      //         datos[fmt.Sprintf("clave%d", i)] = fmt.Sprintf("valor%d", i)
                    out.println("Escritor: añadida clave " + i); //      fmt.Println("Escritor: añadida clave", i)
                    rwmu.unlock();                            //         rwmu.Unlock()

                    Time.sleep(Duration.ofMillis(100));        //         time.Sleep(100 * time.Millisecond)
                }
            } finally {
                wg.done();
            }
        });                                                   // }()

        for (int i = 0; i < 3; i++) {                         // for i := 0; i < 3; i++ {
            wg.add(1);                                        //     wg.Add(1)
            int id = i;
            Go.go(() -> {                                     //     go func(id int) {
                try {                                         //         defer wg.Done()
                    for (int j = 0; j < 10; j++) {            //         for j := 0; j < 10; j++ {
                        rwmu.rLock();                         //             rwmu.RLock()
                        out.printf("Lector %d: datos = %s%n", id, goMap(datos)); // fmt.Printf("Lector %d: datos = %v\n", id, datos)
                        rwmu.rUnlock();                       //             rwmu.RUnlock()

                        Time.sleep(Duration.ofMillis(50));     //             time.Sleep(50 * time.Millisecond)
                    }
                } finally {
                    wg.done();
                }
            });                                               //     }(i)
        }

        wg.await();                                           // wg.Wait()
    }
}
