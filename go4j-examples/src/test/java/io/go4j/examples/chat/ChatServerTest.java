package io.go4j.examples.chat;

import io.go4j.testing.Leaks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The chat server of seed 001's exercise 2 through its real interface: TCP sockets speaking the
 * line protocol of {@link ChatServer}. Every test closes the server and then checks that no
 * goroutine is left.
 */
@Timeout(60)
class ChatServerTest {

    private Leaks.Option before;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeEach
    void snapshot() {
        before = Leaks.ignoreCurrent();
    }

    @AfterEach
    void closeAndCheckLeaks() throws Exception {
        for (AutoCloseable c : toClose.reversed()) {
            c.close();
        }
        Leaks.verifyNone(before);
    }

    private ChatServer server(ChatServer.Config config) {
        ChatServer s = new ChatServer(config);
        toClose.add(s);
        return s;
    }

    private ChatServer server() {
        return server(ChatServer.Config.port(0));
    }

    private LineClient client(ChatServer s, String guest) {
        LineClient c = LineClient.connect(s.port(), guest);
        toClose.add(c);
        return c;
    }

    /** Names a client and puts it in a room; returns it after its own join notice. */
    private LineClient member(ChatServer s, String guest, String nick, String room) {
        LineClient c = client(s, guest);
        c.send("/nick " + nick);
        c.expect("* " + guest + " is now known as " + nick);
        c.send("/join " + room);
        c.expect("* " + nick + " joined #" + room);
        return c;
    }

    /** The next line c gets is the answer to /who: nothing else was queued for it before. */
    private static void expectNothingQueued(LineClient c, String whoAnswer) {
        c.send("/who");
        c.expect(whoAnswer);
    }

    @Test
    @DisplayName("Join and broadcast: a message reaches every member of its room (the sender too) and no one else")
    void broadcastStaysInTheRoom() {
        ChatServer s = server();
        LineClient ann = member(s, "guest1", "ann", "lobby");
        LineClient bob = member(s, "guest2", "bob", "lobby");
        ann.expect("* bob joined #lobby");
        LineClient cat = member(s, "guest3", "cat", "other");
        ann.send("hello, lobby");
        ann.expect("[lobby] ann: hello, lobby");
        bob.expect("[lobby] ann: hello, lobby");
        // The hub has handled ann's message (both got it); a line meant for cat would be queued before this answer:
        expectNothingQueued(cat, "* in #other: cat");
        cat.send("hi other");
        cat.expect("[other] cat: hi other");
        expectNothingQueued(ann, "* in #lobby: ann, bob");
        expectNothingQueued(bob, "* in #lobby: ann, bob");
    }

    @Test
    @DisplayName("Nick changes: announced to the room, refused when taken or invalid, free again after a change")
    void nicks() {
        ChatServer s = server();
        LineClient ann = member(s, "guest1", "ann", "lobby");
        LineClient g2 = client(s, "guest2");
        g2.send("/join lobby");
        g2.expect("* guest2 joined #lobby");
        ann.expect("* guest2 joined #lobby");
        g2.send("/nick ann");
        g2.expect("* error: nick ann is taken");
        g2.send("/nick no spaces");
        g2.expect("* error: unknown command /nick (usage: /nick NAME)");
        g2.send("/nick bad!name");
        g2.expect("* error: invalid nick (1-24 of A-Z a-z 0-9 _ -)");
        g2.send("/nick guest2");
        g2.expect("* you are guest2");
        g2.send("/nick bob");
        g2.expect("* guest2 is now known as bob");
        ann.expect("* guest2 is now known as bob");
        ann.send("/nick anna");
        ann.expect("* ann is now known as anna");
        g2.expect("* ann is now known as anna");
        g2.send("/nick ann");                       // ann is free again
        g2.expect("* bob is now known as ann");
        ann.expect("* bob is now known as ann");
        g2.send("hi");
        g2.expect("[lobby] ann: hi");
        ann.expect("[lobby] ann: hi");
        expectNothingQueued(ann, "* in #lobby: ann, anna");
    }

    @Test
    @DisplayName("Leave, switch rooms and quit: each announced to the right members; /quit gets '* bye' then the connection ends")
    void leaveSwitchQuit() {
        ChatServer s = server();
        LineClient ann = member(s, "guest1", "ann", "lobby");
        LineClient b = member(s, "guest2", "bob", "lobby");
        ann.expect("* bob joined #lobby");
        b.send("/leave");
        b.expect("* bob left #lobby");
        ann.expect("* bob left #lobby");
        b.send("/leave");
        b.expect("* error: not in a room");
        b.send("/who");
        b.expect("* error: not in a room");
        b.send("hello?");
        b.expect("* error: join a room first (/join ROOM)");
        b.send("/join lobby");
        b.expect("* bob joined #lobby");
        ann.expect("* bob joined #lobby");
        b.send("/join lobby");
        b.expect("* error: already in #lobby");
        b.send("/join garden");                      // switching: leave lobby, join garden
        b.expect("* bob left #lobby");
        ann.expect("* bob left #lobby");
        b.expect("* bob joined #garden");
        ann.send("/join garden");
        ann.expect("* ann left #lobby");
        ann.expect("* ann joined #garden");
        b.expect("* ann joined #garden");
        b.send("/quit");
        b.expect("* bye");
        assertEquals(List.of(), b.readToEnd());     // the server hung up
        ann.expect("* bob quit");
        expectNothingQueued(ann, "* in #garden: ann");
    }

    @Test
    @DisplayName("/rooms lists rooms with their sizes, sorted; an empty room disappears")
    void roomListing() {
        ChatServer s = server();
        LineClient ann = client(s, "guest1");
        ann.send("/rooms");
        ann.expect("* rooms: none");
        ann.send("/join zoo");
        ann.expect("* guest1 joined #zoo");
        LineClient b = member(s, "guest2", "bob", "attic");
        LineClient c = member(s, "guest3", "cat", "zoo");
        ann.expect("* cat joined #zoo");
        b.send("/rooms");
        b.expect("* rooms: attic (1), zoo (2)");
        b.send("/leave");
        b.expect("* bob left #attic");
        c.send("/rooms");
        c.expect("* rooms: zoo (2)");
        c.send("/unknown thing");
        c.expect("* error: unknown command /unknown");
    }

    @Test
    @DisplayName("A client that drops its connection without /quit is announced as disconnected and leaves its room")
    void abruptDisconnect() throws IOException {
        ChatServer s = server();
        LineClient ann = member(s, "guest1", "ann", "lobby");
        LineClient b = member(s, "guest2", "bob", "lobby");
        ann.expect("* bob joined #lobby");
        LineClient c = member(s, "guest3", "cat", "lobby");
        ann.expect("* cat joined #lobby");
        b.expect("* cat joined #lobby");
        b.socket.close();                            // FIN
        ann.expect("* bob disconnected");
        c.expect("* bob disconnected");
        c.socket.setSoLinger(true, 0);
        c.socket.close();                            // RST
        ann.expect("* cat disconnected");
                expectNothingQueued(ann, "* in #lobby: ann");
        ann.send("/nick bob");                       // bob's name was freed
        ann.expect("* ann is now known as bob");
    }

    private static final Pattern MESSAGE = Pattern.compile("\\[(room\\d+)] (r\\d+c\\d+): m(\\d+)");

    @Test
    @DisplayName("Many clients x messages: every member gets every message of its room exactly once, in one order, each sender's in order; none of another room")
    void manyClientsCounted() throws Exception {
        boolean longMode = "long".equals(System.getProperty("go4j.stress.mode"));
        int rooms = 3;
        int perRoom = 4;
        int perClient = longMode ? 2_000 : 100;
        int roomTotal = perRoom * perClient;
        // A buffer that holds a whole room's traffic: this test counts delivery, it does not
        // exercise the too-slow rule (a client starved of CPU must not be dropped here).
        ChatServer s = server(new ChatServer.Config(0, roomTotal + 16, Duration.ofSeconds(1)));
        LineClient[][] cs = new LineClient[rooms][perRoom];
        int guest = 0;
        for (int r = 0; r < rooms; r++) {
            for (int i = 0; i < perRoom; i++) {
                cs[r][i] = member(s, "guest" + ++guest, "r" + r + "c" + i, "room" + r);
            }
        }
        Map<String, List<String>> received = new HashMap<>();
        try (ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
            Map<String, Future<List<String>>> futures = new HashMap<>();
            for (int r = 0; r < rooms; r++) {
                for (int i = 0; i < perRoom; i++) {
                    LineClient c = cs[r][i];
                    String room = "room" + r;
                    futures.put(r + "/" + i, ex.submit(() -> {
                        for (int k = 0; k < perClient; k++) {
                            c.send("m" + k);
                        }
                        List<String> msgs = new ArrayList<>();
                        while (msgs.size() < roomTotal) {
                            String line = c.read();
                            assertNotNull(line, "connection closed");
                            if (line.startsWith("*")) {
                                assertTrue(line.matches("\\* r\\d+c\\d+ joined #" + room), line); // later joiners
                            } else {
                                msgs.add(line);
                            }
                        }
                        return msgs;
                    }));
                }
            }
            for (var e : futures.entrySet()) {
                received.put(e.getKey(), e.getValue().get(50, TimeUnit.SECONDS));
            }
        }
        for (int r = 0; r < rooms; r++) {
            List<String> first = received.get(r + "/0");
            for (int i = 0; i < perRoom; i++) {
                List<String> msgs = received.get(r + "/" + i);
                assertEquals(first, msgs, "members of room" + r + " saw different orders");
                Map<String, Integer> next = new HashMap<>();
                for (String m : msgs) {
                    Matcher mm = MESSAGE.matcher(m);
                    assertTrue(mm.matches(), m);
                    assertEquals("room" + r, mm.group(1), "a line from another room");
                    assertTrue(mm.group(2).startsWith("r" + r + "c"), m);
                    int expected = next.getOrDefault(mm.group(2), 0);
                    assertEquals(expected, Integer.parseInt(mm.group(3)), "lost, doubled or reordered: " + m);
                    next.put(mm.group(2), expected + 1);
                }
                assertEquals(perRoom, next.size());
                next.values().forEach(n -> assertEquals(perClient, n));
            }
        }
        // Every message has been handled by the hub (all were received); anything more queued
        // for a client (a duplicate, another room's line) would come before its "* bye".
        for (int r = 0; r < rooms; r++) {
            for (int i = 0; i < perRoom; i++) {
                LineClient c = cs[r][i];
                c.send("/quit");
                List<String> extra = c.readUntil("* bye"::equals);
                for (String line : extra) {
                    assertTrue(line.matches("\\* r" + r + "c\\d+ quit"), () -> "unexpected: " + line);
                }
                assertEquals(i, extra.size(), "quit notices of the members who left before");
                assertEquals(List.of(), c.readToEnd());
            }
        }
    }

    @Test
    @DisplayName("A client that does not read is dropped once its buffer is full; its room is told, the others keep going")
    void slowClientIsDisconnected() {
        ChatServer s = server(new ChatServer.Config(0, 8, Duration.ofSeconds(1)));
        LineClient ann = member(s, "guest1", "ann", "lobby");
        LineClient slow = new LineClient(s.port(), 4096);  // a small receive window, and it never reads
        toClose.add(slow);
        slow.send("/nick slow");
        slow.send("/join lobby");
        ann.expect("* slow joined #lobby");
        String payload = "x".repeat(4000);
        int sent = 0;
        boolean dropped = false;
        while (!dropped) {
            assertTrue(sent < 100_000, "never dropped");
            ann.send(payload);                          // one at a time: ann reads its own echo first,
            sent++;                                     // so ann is never the slow one
            for (String line = ann.read(); ; line = ann.read()) {
                if (line.equals("* slow disconnected (too slow)")) {
                    dropped = true;
                } else {
                    assertEquals("[lobby] ann: " + payload, line);
                    break;
                }
            }
        }
                expectNothingQueued(ann, "* in #lobby: ann");
        ann.send("/nick slow");                         // its name was freed
        ann.expect("* ann is now known as slow");
        // The slow client's connection was cut: reading it to the end terminates.
        List<String> got = slow.readToEnd();
        assertTrue(got.size() < sent + 3, "it cannot have received everything");
        assertEquals("* welcome, you are guest2 (" + ChatServer.HELP + ")", got.getFirst());
    }

    @Test
    @DisplayName("close() with a writer stuck on a client that does not read: the connection is cut after the grace period and close() returns")
    void closeCutsAStuckWriter() {
        // A buffer no flood fills: the slow client is never dropped, its writer blocks in write().
        ChatServer s = new ChatServer(new ChatServer.Config(0, 1_000_000, Duration.ofMillis(100)));
        try (LineClient ann = member(s, "guest1", "ann", "lobby");
             LineClient slow = new LineClient(s.port(), 4096)) {
            slow.send("/join lobby");
            ann.expect("* guest2 joined #lobby");
            // 6 MB: more than the kernel can buffer (a 4 KB receive window on the client, at most
            // 4 MB of send buffer on the server), so the writer of slow is blocked in write().
            String payload = "y".repeat(4000);
            for (int i = 0; i < 1500; i++) {
                ann.send(payload);
                ann.expect("[lobby] ann: " + payload);
            }
            s.close();
            Leaks.verifyNone(before);                      // every goroutine of the server has ended
            assertEquals(List.of("* server closing"), ann.readToEnd());
            List<String> got = slow.readToEnd();           // ends: the connection was cut
            assertTrue(got.size() < 1500, "slow got everything: the writer was never stuck");
            assertNotEquals("* server closing", got.isEmpty() ? null : got.getLast());
        }
    }

    @Test
    @DisplayName("close(): every client gets '* server closing' then end of stream, new connections are refused, no goroutine is left")
    void closeEndsEverything() throws IOException {
        ChatServer s = new ChatServer(ChatServer.Config.port(0));
        int port = s.port();
        LineClient ann = LineClient.connect(port, "guest1");
        LineClient b = LineClient.connect(port, "guest2");
        b.send("/join lobby");
        b.expect("* guest2 joined #lobby");
        LineClient half = new LineClient(port);      // connected; its welcome unread
        try {
            s.close();
            Leaks.verifyNone(before);                // every goroutine of the server has ended
            assertEquals(List.of("* server closing"), ann.readToEnd());
            assertEquals(List.of("* server closing"), b.readToEnd());
            // accepted, but close() may have come before the hub registered it: then it gets nothing
            List<String> h = half.readToEnd();
            assertTrue(h.isEmpty() || h.equals(List.of("* welcome, you are guest3 (" + ChatServer.HELP + ")", "* server closing")),
                    () -> "half-connected client got " + h);
            assertThrows(ConnectException.class, () -> new Socket(InetAddress.getLoopbackAddress(), port).close());
            s.close();                               // idempotent
        } finally {
            ann.close();
            b.close();
            half.close();
        }
    }

    @Test
    @DisplayName("main runs the server standalone: it prints its port, serves a client, and stops on SIGTERM")
    void mainStandalone() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ChatServer.class.getName(), "-port", "0").redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String first = out.readLine();
            Matcher m = Pattern.compile("chat server on 127\\.0\\.0\\.1:(\\d+) \\(.*\\)").matcher(String.valueOf(first));
            assertTrue(m.matches(), () -> "first line: " + first);
            try (LineClient c = LineClient.connect(Integer.parseInt(m.group(1)), "guest1")) {
                c.send("/join lobby");
                c.expect("* guest1 joined #lobby");
                p.destroy();                             // SIGTERM: the shutdown hook closes the server
                assertEquals(List.of("* server closing"), c.readToEnd());
            }
            assertTrue(p.waitFor(20, TimeUnit.SECONDS), "the server process did not exit");
        } finally {
            p.destroyForcibly();
        }
    }
}
