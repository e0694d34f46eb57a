package io.go4j.examples.tour.seed003;

import io.go4j.Go;
import io.go4j.sync.RWMutex;
import io.go4j.sync.WaitGroup;
import io.go4j.time.Time;

import java.io.PrintStream;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Random;

/**
 * Seed 003, "O que é o sync.RWMutex e para o que ele serve?": the office network. Six users read
 * (email, Google, tweets) under the read lock, many at once; after a while the technician takes
 * the write lock to restart the router, waits for the readers in progress to finish, and while he
 * holds it nobody reads. Random choices and pauses as in Go. Durations are a tenth of Go's. Go's
 * package-level {@code rwMutex} and {@code wg} are fields of one run of the program.
 */
public final class OfficeNetwork {

    /** Go's {@code time.Now().Format("15:04:05")}: local time. */
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final PrintStream out;
    private final RWMutex rwMutex = new RWMutex();            // var ( rwMutex sync.RWMutex
    private final WaitGroup wg = new WaitGroup();             //       wg      sync.WaitGroup )
    private final Random rand;                                // safe for many goroutines, as Go's rand is

    private OfficeNetwork(PrintStream out) {
        this.out = out;
        this.rand = new Random(Time.now().toEpochMilli());    // rand.Seed(time.Now().UnixNano())
    }

    void log(String name, String message) {                   // func log(name string, message string) {
        out.printf("[%s] %s - %s%n", CLOCK.format(Time.now()), name, message); // fmt.Printf("[%s] %s - %s\n", time.Now().Format("15:04:05"), name, message)
    }

    void userRoutine(String name) {                           // func userRoutine(name string) {
        try {                                                 //     defer wg.Done()
            for (int i = 0; i < 3; i++) {                     //     for i := 0; i < 3; i++ {
                rwMutex.rLock();                              //         rwMutex.RLock()
                String action = List.of("acessando o e-mail", "pesquisando no Google", "tweetando").get(rand.nextInt(3));
                log(name, String.format("está %s...", action)); //       log(name, fmt.Sprintf("está %s...", action))
                Time.sleep(Duration.ofMillis(rand.nextInt(1000) + 500).dividedBy(10)); // time.Sleep(time.Duration(rand.Intn(1000)+500) * time.Millisecond)
                log(name, String.format("terminou de %s.", action)); //  log(name, fmt.Sprintf("terminou de %s.", action))
                rwMutex.rUnlock();                            //         rwMutex.RUnlock()

                Time.sleep(Duration.ofMillis(rand.nextInt(1000)).dividedBy(10)); // time.Sleep(time.Duration(rand.Intn(1000)) * time.Millisecond)
            }
        } finally {
            wg.done();
        }
    }

    void restartNetwork(String technician) {                  // func restartNetwork(technician string) {
        try {                                                 //     defer wg.Done()
            Time.sleep(Duration.ofMillis(200));               //     time.Sleep(2 * time.Second)
            log(technician, "precisa reiniciar a rede! Aguardando todos terminarem...");
            rwMutex.lock();                                   //     rwMutex.Lock()
            log(technician, "está reiniciando a rede. Todos os acessos foram bloqueados.");
            Time.sleep(Duration.ofMillis(500));               //     time.Sleep(5 * time.Second)
            log(technician, "terminou de reiniciar a rede. Acesso liberado.");
            rwMutex.unlock();                                 //     rwMutex.Unlock()
        } finally {
            wg.done();
        }
    }

    void run() {                                              // func main() {
        List<String> users = List.of("Alice", "Bruno", "Carla", "Diego", "Eduarda", "Felipe"); // users := []string{...}

        for (String name : users) {                           //     for _, name := range users {
            wg.add(1);                                        //         wg.Add(1)
            Go.go(() -> userRoutine(name));                   //         go userRoutine(name)
        }

        wg.add(1);                                            //     wg.Add(1)
        Go.go(() -> restartNetwork("Técnico João"));          //     go restartNetwork("Técnico João")

        wg.await();                                           //     wg.Wait()
        out.println("\nTodas as tarefas foram concluídas.");  //     fmt.Println("\nTodas as tarefas foram concluídas.")
    }

    /** Go's {@code func main()}. */
    public static void main(PrintStream out) {
        new OfficeNetwork(out).run();
    }
}
