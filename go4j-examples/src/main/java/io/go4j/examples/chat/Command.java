package io.go4j.examples.chat;

/**
 * A client's line, parsed by its reader goroutine before it goes to the hub (see the protocol
 * in {@link ChatServer}).
 */
sealed interface Command {

    /** A plain line: a message to the current room. */
    record Say(String text) implements Command {
    }

    /** {@code /nick NAME} (the name is checked by the hub). */
    record Nick(String name) implements Command {
    }

    /** {@code /join ROOM}. */
    record Join(String room) implements Command {
    }

    /** {@code /leave}. */
    record Leave() implements Command {
    }

    /** {@code /rooms}. */
    record Rooms() implements Command {
    }

    /** {@code /who}. */
    record Who() implements Command {
    }

    /** {@code /quit}. */
    record Quit() implements Command {
    }

    /** A line starting with {@code /} that is no command (or a command with bad arguments). */
    record Unknown(String name) implements Command {
    }

    /** The command of one line; null for an empty line (ignored). A trailing {@code \r} is dropped. */
    static Command parse(String line) {
        if (line.endsWith("\r")) {
            line = line.substring(0, line.length() - 1);
        }
        if (line.isBlank()) {
            return null;
        }
        if (!line.startsWith("/")) {
            return new Say(line);
        }
        String[] w = line.trim().split("\\s+");
        String name = w[0];
        return switch (name) {
            case "/nick" -> w.length == 2 ? new Nick(w[1]) : new Unknown("/nick (usage: /nick NAME)");
            case "/join" -> w.length == 2 ? new Join(w[1]) : new Unknown("/join (usage: /join ROOM)");
            case "/leave" -> w.length == 1 ? new Leave() : new Unknown("/leave (no argument)");
            case "/rooms" -> w.length == 1 ? new Rooms() : new Unknown("/rooms (no argument)");
            case "/who" -> w.length == 1 ? new Who() : new Unknown("/who (no argument)");
            case "/quit" -> new Quit();
            default -> new Unknown(name);
        };
    }
}
