package io.go4j.examples.chat;

import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.Select;
import io.go4j.context.CancelContext;
import io.go4j.context.Context;
import io.go4j.sync.WaitGroup;
import io.go4j.time.Time;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import static io.go4j.Case.onRecv;
import static io.go4j.Case.recv;
import static io.go4j.Case.send;

/**
 * A chat server with rooms over TCP: exercise 2 of seed 001 ("Ejercicios Prácticos":
 * <em>Crear un servidor de chat con salas</em> — many clients at once, rooms to join, a
 * broadcast within each room). Its shape is the Go one: the broadcaster of <i>The Go
 * Programming Language</i> §8.10 ({@code gopl.io/ch8/chat}) — one goroutine owns all the state
 * and everyone talks to it over channels — with the slow-client rule of gorilla/websocket's
 * chat hub. The seed's patterns at work: "Cancelación con Context" (the server's context stops
 * the hub and unblocks every reader), "Evitar Goroutine Leaks" ({@link #close()} returns only
 * when every goroutine has ended), and a select over a send and {@code ctx.Done()}.
 *
 * <h2>The protocol</h2>
 * UTF-8 text, one command or message per line ({@code \n}, a trailing {@code \r} is dropped).
 * <pre>
 * client → server
 *   /nick NAME      take the name NAME ([A-Za-z0-9_-], 1 to 24 characters, unique on the server)
 *   /join ROOM      enter ROOM (same characters), leaving the current room if any; a room
 *                   exists while it has members
 *   /leave          leave the current room
 *   /rooms          list the rooms and their sizes
 *   /who            list the members of the current room
 *   /quit           say goodbye and disconnect
 *   any other line  a message to the current room (empty lines are ignored; a line that
 *                   starts with / and is no command above is an error)
 *
 * server → client
 *   [ROOM] NICK: TEXT                 a message, sent to every member of ROOM, the sender included
 *   * welcome, you are guest1 (commands: ...)   on connecting; everyone starts as guestN, in no room
 *   * OLD is now known as NEW         to the room's members (to the client only if in no room)
 *   * NICK joined #ROOM               to the room's members, the joiner included
 *   * NICK left #ROOM                 to the room's members, the leaver included (/leave, or /join elsewhere)
 *   * NICK quit                       to the room's other members, after /quit
 *   * NICK disconnected               to the room's other members, when a connection ends without /quit
 *   * NICK disconnected (too slow)    to the room's other members, when the server drops a slow client
 *   * rooms: a (2), b (1)             the answer to /rooms, sorted by name; "* rooms: none" if none
 *   * in #ROOM: ann, bob              the answer to /who, sorted
 *   * you are NICK                    /nick with one's own name
 *   * error: ...                      a refused command (bad or taken name, not in a room ...)
 *   * bye                             the answer to /quit, then the server closes the connection
 *   * server closing                  to everyone when the server shuts down, then it closes
 * </pre>
 * System lines start with {@code "* "}, messages with {@code "["}.
 *
 * <h2>Goroutines</h2>
 * <pre>
 * accept loop      1      listener.Accept() → go serve(conn)
 * hub              1      owns rooms, nicks, clients; select { case ev := &lt;-events: case &lt;-ctx.Done(): }
 * reader           1/conn reads lines, sends commands to the hub (select with ctx.Done())
 * writer           1/conn for line := range client.out { write }; then closes the connection
 * </pre>
 * Each client's {@code out} is a buffered channel ({@link Config#clientBuffer()} lines). The
 * hub never blocks on a client: it hands a line over with a non-blocking send, and a client
 * whose buffer is full is <b>disconnected</b> (its channel and its socket closed, its room told
 * {@code * NICK disconnected (too slow)}) — gorilla's {@code default: close(client.send)}. So a
 * slow reader cannot stall a room, and a client that stays connected has received every line
 * meant for it, in order. Only the hub closes an {@code out} (a client the hub never
 * registered: its reader), so no send can hit a closed channel.
 *
 * <p>Ordering: the hub handles one event at a time and each reader sends its lines in order,
 * so every member of a room sees the room's lines in one same order, and each sender's
 * messages in the order sent.
 *
 * <h2>Shutdown</h2>
 * {@link #close()} cancels the server's context and closes the listener: the accept loop
 * ends; the hub sends {@code * server closing} to every client, closes every {@code out}
 * and ends; each writer writes what is left and closes its connection, which ends the
 * connection's reader. A writer stuck on a client that does not read is cut off by closing
 * every remaining connection after {@link Config#closeGrace()}. {@code close()} returns when
 * all of the server's goroutines are done (Go's {@code wg.Wait()}: each has run its last
 * statement and is returning).
 */
public final class ChatServer implements AutoCloseable {

    /**
     * Settings.
     *
     * @param port         the TCP port on 127.0.0.1; 0 for an ephemeral one ({@link #port()})
     * @param clientBuffer lines buffered for each client before it counts as too slow
     * @param closeGrace   how long {@link #close()} lets writers flush before cutting connections
     */
    public record Config(int port, int clientBuffer, Duration closeGrace) {
        public Config {
            if (port < 0 || port > 65535 || clientBuffer < 1 || closeGrace.isNegative()) {
                throw new IllegalArgumentException("bad config: " + port + ", " + clientBuffer + ", " + closeGrace);
            }
        }

        /** A port, with 256 lines per client and a grace of one second. */
        public static Config port(int port) {
            return new Config(port, 256, Duration.ofSeconds(1));
        }
    }

    static final String HELP = "commands: /nick NAME, /join ROOM, /leave, /rooms, /who, /quit";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,24}");

    private final Config config;
    private final ServerSocket listener;
    private final CancelContext ctx = Context.withCancel(Context.background());
    private final Chan<Event> events = Chan.make();            // events := make(chan event)
    private final Chan<Void> hubDone = Chan.make();            // closed when the hub has ended
    private final WaitGroup wg = new WaitGroup();              // every goroutine of the server
    private final Set<Socket> conns = ConcurrentHashMap.newKeySet(); // open connections, for the grace cut-off

    /** Starts a server on 127.0.0.1:{@code port} with the default settings. */
    public ChatServer(int port) {
        this(Config.port(port));
    }

    /** Starts a server: binds the port, then starts the accept loop and the hub. */
    public ChatServer(Config config) {
        this.config = Objects.requireNonNull(config, "config");
        try {
            listener = new ServerSocket();
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), config.port()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Hub hub = new Hub();
        wg.go(hub::run);                                       // go hub.run(ctx)
        wg.go(this::acceptLoop);                               // go acceptLoop(listener)
    }

    /** The port the server listens on (the real one when 0 was asked for). */
    public int port() {
        return listener.getLocalPort();
    }

    // ------------------------------------------------------------------ connections

    /** for { conn, err := listener.Accept(); if err != nil { return }; go handleConn(conn) } */
    private void acceptLoop() {
        for (;;) {
            Socket conn;
            try {
                conn = listener.accept();
            } catch (IOException e) {
                return;                                        // the listener was closed
            }
            conns.add(conn);
            if (ctx.err() != null) {                           // close() raced with this accept
                closeQuietly(conn);
                conns.remove(conn);
                continue;
            }
            wg.go(() -> serve(conn));                          // go handleConn(conn)
        }
    }

    /** A connection's reader: registers the client, then turns its lines into commands for the hub. */
    private void serve(Socket conn) {
        Client c = new Client(conn, Chan.make(config.clientBuffer())); // ch := make(chan string, n)
        wg.go(() -> writer(c));                                         // go clientWriter(conn, ch)
        if (!toHub(new Connect(c))) {
            c.out.close();            // the hub never saw c: closing out is ours; the writer closes conn
            return;
        }
        try {
            // Not closed here: closing a socket's stream closes the socket, and the writer may
            // still have lines to write (the "* bye" after /quit). The writer closes conn.
            BufferedReader in = new BufferedReader(new InputStreamReader(conn.getInputStream(), StandardCharsets.UTF_8));
            for (String line; (line = in.readLine()) != null; ) {      // for input.Scan() {
                Command cmd = Command.parse(line);
                if (cmd == null) {
                    continue;
                }
                if (!toHub(new Said(c, cmd))) {                         //     messages <- ...
                    return;                                             // the server is closing
                }
                if (cmd instanceof Command.Quit) {
                    return;
                }
            }
        } catch (IOException e) {
            // reset, or closed by the writer / the hub / close(): the connection is over
        }
        toHub(new Gone(c));                                             // leaving <- ch
    }

    /**
     * Sends an event to the hub unless the server is closing:
     * {@code select { case events <- ev: return true; case <-ctx.Done(): return false }}.
     */
    private boolean toHub(Event ev) {
        return Select.select(
                send(events, ev, () -> true),
                recv(ctx.done(), x -> false));
    }

    /** for msg := range ch { fmt.Fprintln(conn, msg) }, then closes the connection. */
    private void writer(Client c) {
        try {
            Writer w = new BufferedWriter(new OutputStreamWriter(c.conn.getOutputStream(), StandardCharsets.UTF_8));
            for (String line : c.out) {
                w.write(line);
                w.write('\n');
                if (c.out.len() == 0) {
                    w.flush();                                 // flush when nothing more is queued
                }
            }
            w.flush();
        } catch (IOException e) {
            // the peer is gone: its reader sees it too and tells the hub
        } finally {
            closeQuietly(c.conn);                              // conn.Close(): ends the reader's read
            conns.remove(c.conn);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // nothing to do
        }
    }

    // ------------------------------------------------------------------ the hub

    /** A connected client: the hub's view. {@code nick} and {@code room} are the hub's alone. */
    private static final class Client {
        final Socket conn;
        final Chan<String> out;      // to the writer; closed by the hub when it drops the client
        String nick;                 // hub-owned
        Room room;                   // hub-owned; null: in no room

        Client(Socket conn, Chan<String> out) {
            this.conn = conn;
            this.out = out;
        }
    }

    private static final class Room {
        final String name;
        final Set<Client> members = new LinkedHashSet<>();

        Room(String name) {
            this.name = name;
        }
    }

    /** What readers tell the hub. */
    private sealed interface Event permits Connect, Said, Gone {
    }

    private record Connect(Client c) implements Event {
    }

    private record Said(Client c, Command cmd) implements Event {
    }

    private record Gone(Client c) implements Event {
    }

    /** The goroutine that owns the server's state; nothing else touches it (no locks). */
    private final class Hub {
        private final Set<Client> clients = new LinkedHashSet<>();
        private final Map<String, Client> nicks = new HashMap<>();
        private final Map<String, Room> rooms = new TreeMap<>();
        private int guests;

        void run() {
            try {
                for (;;) {
                    Event ev = Select.select(                  // select {
                            recv(events, e -> e),              // case ev := <-events:
                            recv(ctx.done(), x -> null));      // case <-ctx.Done(): shut down
                    if (ev == null) {
                        break;
                    }
                    handle(ev);
                }
                for (Client c : clients) {
                    c.out.trySend("* server closing");
                    c.out.close();                             // close(c.out): its writer flushes and hangs up
                }
                clients.clear();
            } finally {
                hubDone.close();
            }
        }

        private void handle(Event ev) {
            switch (ev) {
                case Connect(Client c) -> {
                    do {
                        c.nick = "guest" + ++guests;
                    } while (nicks.containsKey(c.nick));
                    nicks.put(c.nick, c);
                    clients.add(c);
                    deliver(c, "* welcome, you are " + c.nick + " (" + HELP + ")");
                }
                case Gone(Client c) -> drop(c, "* " + c.nick + " disconnected", false);
                case Said(Client c, Command cmd) -> {
                    if (clients.contains(c)) {                 // not already dropped as too slow
                        command(c, cmd);
                    }
                }
            }
        }

        private void command(Client c, Command cmd) {
            switch (cmd) {
                case Command.Say(String text) -> {
                    if (c.room == null) {
                        deliver(c, "* error: join a room first (/join ROOM)");
                    } else {
                        broadcast(c.room, "[" + c.room.name + "] " + c.nick + ": " + text);
                    }
                }
                case Command.Nick(String name) -> {
                    if (!NAME.matcher(name).matches()) {
                        deliver(c, "* error: invalid nick (1-24 of A-Z a-z 0-9 _ -)");
                    } else if (name.equals(c.nick)) {
                        deliver(c, "* you are " + name);
                    } else if (nicks.containsKey(name)) {
                        deliver(c, "* error: nick " + name + " is taken");
                    } else {
                        String old = c.nick;
                        nicks.remove(old);
                        nicks.put(name, c);
                        c.nick = name;
                        String notice = "* " + old + " is now known as " + name;
                        if (c.room == null) {
                            deliver(c, notice);
                        } else {
                            broadcast(c.room, notice);
                        }
                    }
                }
                case Command.Join(String name) -> {
                    if (!NAME.matcher(name).matches()) {
                        deliver(c, "* error: invalid room name (1-24 of A-Z a-z 0-9 _ -)");
                    } else if (c.room != null && c.room.name.equals(name)) {
                        deliver(c, "* error: already in #" + name);
                    } else {
                        if (c.room != null) {
                            leave(c, "* " + c.nick + " left #" + c.room.name, true);
                        }
                        if (clients.contains(c)) {             // (leaving may have dropped it as too slow)
                            Room r = rooms.computeIfAbsent(name, Room::new);
                            r.members.add(c);
                            c.room = r;
                            broadcast(r, "* " + c.nick + " joined #" + name);
                        }
                    }
                }
                case Command.Leave() -> {
                    if (c.room == null) {
                        deliver(c, "* error: not in a room");
                    } else {
                        leave(c, "* " + c.nick + " left #" + c.room.name, true);
                    }
                }
                case Command.Rooms() -> {
                    List<String> list = new ArrayList<>();
                    rooms.forEach((name, r) -> list.add(name + " (" + r.members.size() + ")"));
                    deliver(c, "* rooms: " + (list.isEmpty() ? "none" : String.join(", ", list)));
                }
                case Command.Who() -> {
                    if (c.room == null) {
                        deliver(c, "* error: not in a room");
                    } else {
                        deliver(c, "* in #" + c.room.name + ": "
                                + String.join(", ", c.room.members.stream().map(m -> m.nick).sorted().toList()));
                    }
                }
                case Command.Quit() -> {
                    deliver(c, "* bye");
                    drop(c, "* " + c.nick + " quit", false);
                }
                case Command.Unknown(String name) -> deliver(c, "* error: unknown command " + name);
            }
        }

        /** Hands a line to a client without blocking; a client with a full buffer is dropped. */
        private void deliver(Client c, String line) {
            if (!clients.contains(c)) {
                return;
            }
            if (!c.out.trySend(line)) {                        // select { case c.out <- line: default: drop }
                drop(c, "* " + c.nick + " disconnected (too slow)", true);
            }
        }

        private void broadcast(Room r, String line) {
            for (Client m : List.copyOf(r.members)) {          // (a delivery may drop a member)
                deliver(m, line);
            }
        }

        /** Takes c out of its room, telling the room (c too if {@code toSelf}). */
        private void leave(Client c, String notice, boolean toSelf) {
            Room r = c.room;
            if (toSelf) {
                broadcast(r, notice);                          // (may drop c itself as too slow)
            }
            if (c.room == null) {
                return;                                        // dropped meanwhile: already out
            }
            r.members.remove(c);
            c.room = null;
            if (!toSelf) {
                broadcast(r, notice);
            }
            if (r.members.isEmpty()) {
                rooms.remove(r.name);
            }
        }

        /** Forgets a client: out of its room (telling the others), its out closed; {@code cut}: its connection too. */
        private void drop(Client c, String notice, boolean cut) {
            if (!clients.remove(c)) {
                return;                                        // already dropped
            }
            nicks.remove(c.nick);
            c.out.close();                                     // close(c.out): the writer ends
            if (cut) {
                closeQuietly(c.conn);                          // a stuck writer's write fails now
            }
            if (c.room != null) {
                leave(c, notice, false);
            }
        }
    }

    // ------------------------------------------------------------------ shutdown

    /**
     * Shuts the server down and returns when all its goroutines are done: the listener and
     * every client connection are closed (clients get {@code * server closing} first, unless
     * they do not read for {@link Config#closeGrace()}). Idempotent.
     */
    @Override
    public void close() {
        ctx.cancel();                                          // cancel()
        try {
            listener.close();                                  // listener.Close(): Accept fails
        } catch (IOException e) {
            // nothing to do
        }
        hubDone.recvOk();                                      // <-hubDone
        Chan<Void> allDone = Chan.make();
        Go.go(() -> {                                          // go func() { wg.Wait(); close(allDone) }()
            wg.await();
            allDone.close();
        });
        Select.select(                                         // select {
                onRecv(allDone, x -> { }),                     // case <-allDone:
                onRecv(Time.after(config.closeGrace()), t -> { // case <-time.After(grace):
                    conns.forEach(ChatServer::closeQuietly);   //     cut every connection left
                    allDone.recvOk();                          //     <-allDone
                }));
    }

    // ------------------------------------------------------------------ main

    /**
     * Runs the server until the JVM is stopped (Ctrl-C): {@code ChatServer [PORT]}, or
     * {@code ChatServer -port PORT}; the default port is 9000. Connect with {@code nc 127.0.0.1 9000}.
     */
    public static void main(String[] args) {
        int port = 9000;
        if (args.length == 2 && args[0].replaceFirst("^--?", "").equals("port")) {
            port = Integer.parseInt(args[1]);                  // flag.Int("port", 9000, ...)
        } else if (args.length == 1) {
            port = Integer.parseInt(args[0].replaceFirst("^--?port=", ""));
        } else if (args.length != 0) {
            System.err.println("usage: ChatServer [-port PORT]");
            System.exit(2);
        }
        int p = port;
        Go.main(() -> {
            ChatServer server = new ChatServer(p);
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
            System.out.println("chat server on 127.0.0.1:" + server.port() + " (" + HELP + ")");
            server.hubDone.recvOk();                           // runs until close()
        });
    }
}
