package io.go4j.examples;

import io.go4j.examples.kv.KvCommand;
import io.go4j.examples.tour.Tour;

import java.util.Arrays;

/**
 * go4j's example program. With no arguments, or only flags, it runs the KV web server of seed
 * 000 ({@link KvCommand}; flags: {@code --addr --port --max-body --request-timeout
 * --shutdown-timeout --workers --slow-delay --task-delay}). {@code tour ...} runs the tour of
 * the seeds' programs ({@link Tour}: {@code tour list}, {@code tour run NAME}).
 *
 * <pre>
 * ./mvnw -q -pl go4j-examples -am -DskipTests package exec:exec
 * ./mvnw -q -pl go4j-examples -am -DskipTests package exec:exec -Dargs="--port 9090"
 * ./mvnw -q -pl go4j-examples -am -DskipTests package exec:exec -Dargs="tour list"
 * </pre>
 */
public final class Main {

    private Main() {
    }

    /** Dispatches on the first word: {@code tour}, {@code kv}, or flags for the KV server. */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("tour")) {
            Tour.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("kv")) {
            args = Arrays.copyOfRange(args, 1, args.length);
        }
        KvCommand.main(args);
    }
}
