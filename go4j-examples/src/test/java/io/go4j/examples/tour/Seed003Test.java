package io.go4j.examples.tour;

import io.go4j.testing.Leaks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.go4j.examples.tour.Seed000Test.assertTimeOrder;
import static io.go4j.examples.tour.Seed000Test.bubbleLines;
import static io.go4j.examples.tour.Seed000Test.runInBubble;
import static io.go4j.examples.tour.Seed000Test.runReal;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The output of every seed-003 tour program ({@link Seed003}), each run by its name through
 * {@link Tour#byName()}, with {@link Seed000Test}'s helpers: in a synctest bubble (fake time,
 * lines checked in the order of their fake times, sets where Go leaves the order free) — except
 * the two mutex programs, whose goroutines sleep while others wait on the lock: a mutex wait is
 * not durably blocking, so a bubble would not move its clock (as in Go's synctest); they run in
 * real time, with durations a tenth of Go's, and are checked for what the lock guarantees.
 * After each test no goroutine is left.
 */
@Timeout(60)
class Seed003Test {

    @AfterEach
    void noGoroutineLeft() {
        Leaks.verifyNone(Leaks.ignoreCurrent());
    }

    @Test
    @DisplayName("Seed 003's programs are registered in the tour, in the seed's order, under unique names")
    void registered() {
        List<String> names = Seed003.programs().stream().map(Program::name).toList();
        assertEquals(List.of("hello-goroutine", "hello-goroutine-sleep", "waitgroup-003", "mutex-bathroom",
                "rwmutex-office", "once-003", "sender-receiver", "buffered-channel-003", "channel-direction-003",
                "select-003", "select-timeout-003", "select-loop-worker", "context-worker"), names);
        Map<String, Program> byName = Tour.byName(); // throws on a duplicate name across all seeds
        for (Program p : Seed003.programs()) {
            Program registered = byName.get(p.name());
            assertNotNull(registered, p.name());
            assertEquals(List.of(p.seed(), p.section(), p.summary()),
                    List.of(registered.seed(), registered.section(), registered.summary()), p.name());
            assertEquals("003", p.seed());
            assertTrue(p.name().matches("[a-z0-9]+(-[a-z0-9]+)*"), p.name());
            assertFalse(p.section().isBlank(), p.name());
            assertFalse(p.summary().isBlank(), p.name());
        }
    }

    // ------------------------------------------------------------------ goroutines

    @Test
    @DisplayName("hello-goroutine: main prints its two lines; the goroutine's may or may not come before main returns")
    void helloGoroutine() {
        List<String> out = runInBubble("hello-goroutine").atExit();
        assertEquals("Hello world from the main function", out.get(0), () -> "" + out);
        List<String> rest = new ArrayList<>(out.subList(1, out.size()));
        rest.remove("Hello from a goroutine");
        assertEquals(List.of("After create a goroutine"), rest, () -> "" + out);
    }

    @Test
    @DisplayName("hello-goroutine-sleep: with main sleeping at the end, the goroutine's line is printed too")
    void helloGoroutineSleep() {
        List<String> out = bubbleLines("hello-goroutine-sleep");
        assertEquals(3, out.size(), () -> "" + out);
        assertEquals("Hello world from the main function", out.get(0));
        assertEquals(Set.of("After create a goroutine", "Hello from a goroutine"), new HashSet<>(out.subList(1, 3)));
    }

    @Test
    @DisplayName("waitgroup-003: the three goroutines in any order, then main's line")
    void waitGroup() {
        List<String> out = bubbleLines("waitgroup-003");
        assertEquals(4, out.size(), () -> "" + out);
        assertEquals(Set.of("Goroutine 1 executando", "Goroutine 2 executando", "Goroutine 3 executando"),
                new HashSet<>(out.subList(0, 3)));
        assertEquals("Todas as goroutines concluíram", out.get(3));
    }

    // ------------------------------------------------------------------ Mutex, RWMutex, Once

    private static final Pattern PERSON = Pattern.compile("Pessoa ([1-3]) (.*)");

    @Test
    @DisplayName("mutex-bathroom: each person waits, enters, leaves; never two inside; the last line after all")
    void mutexBathroom() throws Exception {
        List<String> out = runReal("mutex-bathroom");
        assertEquals(10, out.size(), () -> "" + out);
        assertEquals("Todas as pessoas usaram o banheiro.", out.get(9));
        Map<String, List<String>> byPerson = new HashMap<>();
        String inside = null;
        for (String line : out.subList(0, 9)) {
            Matcher m = PERSON.matcher(line);
            assertTrue(m.matches(), () -> "unexpected line: " + line);
            String p = m.group(1);
            byPerson.computeIfAbsent(p, k -> new ArrayList<>()).add(m.group(2));
            if (m.group(2).equals("entrou no banheiro.")) {
                assertNull(inside, () -> "two people inside: " + out);
                inside = p;
            } else if (m.group(2).equals("saiu do banheiro.")) {
                assertEquals(p, inside, () -> "" + out);
                inside = null;
            }
        }
        for (String p : List.of("1", "2", "3")) {
            assertEquals(List.of("está esperando para usar o banheiro.", "entrou no banheiro.", "saiu do banheiro."),
                    byPerson.get(p), "person " + p);
        }
    }

    private static final Pattern LOG = Pattern.compile("\\[\\d\\d:\\d\\d:\\d\\d] (.+?) - (.+)");
    private static final Pattern STARTS = Pattern.compile("está (acessando o e-mail|pesquisando no Google|tweetando)\\.\\.\\.");
    private static final Pattern ENDS = Pattern.compile("terminou de (acessando o e-mail|pesquisando no Google|tweetando)\\.");
    private static final String TECH = "Técnico João";

    @Test
    @DisplayName("rwmutex-office: users read many at once, three times each; the restart starts with no reader inside and none enters until it ends")
    void rwMutexOffice() throws Exception {
        List<String> out = runReal("rwmutex-office");
        assertEquals(6 * 6 + 3 + 2, out.size(), () -> "" + out);
        assertEquals(List.of("", "Todas as tarefas foram concluídas."), out.subList(out.size() - 2, out.size()));
        Map<String, List<String>> byName = new HashMap<>();
        Set<String> reading = new HashSet<>();
        int maxReaders = 0;
        boolean restarting = false;
        for (String line : out.subList(0, out.size() - 2)) {
            Matcher m = LOG.matcher(line);
            assertTrue(m.matches(), () -> "unexpected line: " + line);
            String name = m.group(1), msg = m.group(2);
            byName.computeIfAbsent(name, k -> new ArrayList<>()).add(msg);
            if (name.equals(TECH)) {
                if (msg.startsWith("está reiniciando")) {
                    assertEquals(Set.of(), reading, () -> "the write lock was taken while users read: " + out);
                    restarting = true;
                } else if (msg.startsWith("terminou de reiniciar")) {
                    restarting = false;
                }
                continue;
            }
            assertFalse(restarting, () -> "a user read while the technician held the write lock: " + out);
            if (STARTS.matcher(msg).matches()) {
                assertTrue(reading.add(name), () -> name + " started twice: " + out);
                maxReaders = Math.max(maxReaders, reading.size());
            } else {
                assertTrue(ENDS.matcher(msg).matches(), () -> "unexpected line: " + line);
                assertTrue(reading.remove(name), () -> name + " finished without starting: " + out);
            }
        }
        assertEquals(List.of("precisa reiniciar a rede! Aguardando todos terminarem...",
                "está reiniciando a rede. Todos os acessos foram bloqueados.",
                "terminou de reiniciar a rede. Acesso liberado."), byName.remove(TECH));
        assertEquals(Set.of("Alice", "Bruno", "Carla", "Diego", "Eduarda", "Felipe"), byName.keySet());
        byName.forEach((name, msgs) -> {
            assertEquals(6, msgs.size(), name);
            for (int i = 0; i < 6; i += 2) {
                Matcher s = STARTS.matcher(msgs.get(i)), e = ENDS.matcher(msgs.get(i + 1));
                assertTrue(s.matches() && e.matches(), () -> name + ": " + msgs);
                assertEquals(s.group(1), e.group(1), () -> name + " finished another action: " + msgs);
            }
        });
        // all six take the read lock at once at the start: readers share it
        assertTrue(maxReaders > 1, () -> "readers never overlapped: " + out);
    }

    @Test
    @DisplayName("once-003: ten attempts, one function run, by a goroutine that had already tried")
    void once() {
        List<String> out = bubbleLines("once-003");
        assertEquals(11, out.size(), () -> "" + out);
        List<String> runs = out.stream().filter(l -> l.startsWith("A função está rodando")).toList();
        assertEquals(1, runs.size(), () -> "" + out);
        Matcher m = Pattern.compile("A função está rodando vindo da goroutine (\\d)").matcher(runs.get(0));
        assertTrue(m.matches());
        assertTrue(out.indexOf("Goroutine " + m.group(1) + " está tentando chamar o método once.Do")
                < out.indexOf(runs.get(0)), () -> "" + out);
        Set<String> tries = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            tries.add("Goroutine " + i + " está tentando chamar o método once.Do");
        }
        List<String> rest = new ArrayList<>(out);
        rest.remove(runs.get(0));
        assertEquals(tries, new HashSet<>(rest));
    }

    // ------------------------------------------------------------------ channels

    @Test
    @DisplayName("sender-receiver: both announce themselves, then after the sender's pause the message is delivered and received")
    void senderReceiver() {
        List<String> out = bubbleLines("sender-receiver");
        assertEquals(4, out.size(), () -> "" + out);
        assertEquals(Set.of("Sender: Preparando mensagem...", "Receiver: Pronto para receber!"), new HashSet<>(out.subList(0, 2)));
        assertEquals(Set.of("Sender: Mensagem entregue!", "Receiver: Olá receiver!"), new HashSet<>(out.subList(2, 4)));
    }

    @Test
    @DisplayName("buffered-channel-003: two messages go in at once; the receiver finds the buffer 2/2, 2/2, 2/2, 1/2; each later send waits for room")
    void bufferedChannel() {
        List<String> out = bubbleLines("buffered-channel-003");
        List<String> receiver = out.stream().filter(l -> l.isEmpty() || l.startsWith("[Receiver]")).toList();
        assertEquals(List.of("", "[Receiver] Iniciando processamento",
                "[Receiver] Buffer agora: 2/2", "[Receiver] PROCESSANDO: 'Mensagem 1'",
                "[Receiver] Buffer agora: 2/2", "[Receiver] PROCESSANDO: 'Mensagem 2'",
                "[Receiver] Buffer agora: 2/2", "[Receiver] PROCESSANDO: 'Mensagem 3'",
                "[Receiver] Buffer agora: 1/2", "[Receiver] PROCESSANDO: 'Mensagem 4'"), receiver);
        List<String> sender = out.stream().filter(l -> l.startsWith("[Sender]")).toList();
        assertEquals(List.of("[Sender] Iniciando envio de 4 mensagens (buffer=2)",
                "[Sender] Enviando: 'Mensagem 1'", "[Sender] Enviando: 'Mensagem 2'",
                "[Sender] Enviando: 'Mensagem 3'", "[Sender] Enviando: 'Mensagem 4'"), sender);
        assertEquals(15, out.size(), () -> "" + out);
        // fake times (a tenth of Go's): the sender at 0, 0, 50, 100, 250; the receiver from 100, then every 150
        Map<String, long[]> times = Map.of(
                "[Sender] Iniciando envio de 4 mensagens (buffer=2)", new long[] {0},
                "[Sender] Enviando", new long[] {0, 50, 100, 250},
                "", new long[] {100},
                "[Receiver] Iniciando processamento", new long[] {100},
                "[Receiver] Buffer agora", new long[] {100, 250, 400, 550},
                "[Receiver] PROCESSANDO", new long[] {100, 250, 400, 550});
        assertTimeOrder(out, l -> l.contains(":") && !l.startsWith("[Sender] Iniciando") ? l.substring(0, l.indexOf(':')) : l,
                (k, n) -> times.containsKey(k) ? times.get(k)[n] : null);
        // the third and fourth sends found the buffer full: each completes only after the receiver's next look at it
        List<Integer> looks = new ArrayList<>();
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i).startsWith("[Receiver] Buffer agora")) {
                looks.add(i);
            }
        }
        assertTrue(out.indexOf("[Sender] Enviando: 'Mensagem 3'") > looks.get(0), () -> "" + out);
        assertTrue(out.indexOf("[Sender] Enviando: 'Mensagem 4'") > looks.get(1), () -> "" + out);
    }

    @Test
    @DisplayName("channel-direction-003: the consumer processes 0..9 in order before main's sleep ends")
    void channelDirection() {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            expected.add("Processando: " + i);
        }
        assertEquals(expected, bubbleLines("channel-direction-003"));
    }

    @Test
    @DisplayName("select-003: the select takes canal 1 (first ready); the second select takes default")
    void select() {
        Seed000Test.Output o = runInBubble("select-003");
        assertEquals(List.of("Recebido do canal 1: Mensagem do canal 1", "Nenhuma mensagem disponível no canal 3"), o.atExit());
        assertEquals(o.atExit(), o.all(), "canal 2's late sender prints nothing");
    }

    @Test
    @DisplayName("select-timeout-003: scenario 1 succeeds before its timeout, scenario 2 times out")
    void selectTimeout() {
        Seed000Test.Output o = runInBubble("select-timeout-003");
        assertEquals(List.of("--- Cenário 1: Sucesso ---", "Recebido: Operação 1 concluída com sucesso!",
                "--------------------------------", "--- Cenário 2: Timeout ---",
                "Timeout! A operação 2 demorou demais."), o.atExit());
        assertEquals(o.atExit(), o.all());
    }

    @Test
    @DisplayName("select-loop-worker: jobs 1-3 done one after another; quit ends the worker before main's last line")
    void selectLoopWorker() {
        List<String> out = bubbleLines("select-loop-worker");
        List<String> main = out.stream().filter(l -> l.startsWith("Main:")).toList();
        assertEquals(List.of("Main: enviando trabalho 1", "Main: enviando trabalho 2", "Main: enviando trabalho 3",
                "Main: esperando o worker processar...", "Main: enviando sinal para o worker parar...",
                "Main: programa finalizado."), main);
        List<String> worker = out.stream().filter(l -> !l.startsWith("Main:")).toList();
        assertEquals(List.of("Iniciando trabalho 1", "Finalizou trabalho 1", "Iniciando trabalho 2",
                "Finalizou trabalho 2", "Iniciando trabalho 3", "Finalizou trabalho 3",
                "Recebido sinal para sair."), worker);
        // fake times (a tenth of Go's): main sends at 0, quits at 400, ends at 500; job k runs from 100(k-1) to 100k
        Map<String, Long> time = new HashMap<>();
        for (int k = 1; k <= 3; k++) {
            time.put("Main: enviando trabalho " + k, 0L);
            time.put("Iniciando trabalho " + k, 100L * (k - 1));
            time.put("Finalizou trabalho " + k, 100L * k);
        }
        time.put("Main: esperando o worker processar...", 0L);
        time.put("Main: enviando sinal para o worker parar...", 400L);
        time.put("Recebido sinal para sair.", 400L);
        time.put("Main: programa finalizado.", 500L);
        assertTimeOrder(out, l -> l, (k, n) -> time.get(k));
        assertTrue(out.indexOf("Iniciando trabalho 1") > out.indexOf("Main: enviando trabalho 1"), () -> "" + out);
        assertTrue(out.indexOf("Recebido sinal para sair.") > out.indexOf("Main: enviando sinal para o worker parar..."),
                () -> "" + out);
    }

    // ------------------------------------------------------------------ context

    @Test
    @DisplayName("context-worker: the worker returns once its context is cancelled")
    void contextWorker() {
        assertEquals(List.of("Worker cancelled"), bubbleLines("context-worker"));
    }
}
