package io.go4j.examples.tour;

import io.go4j.Go;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tour: every runnable program of the seed documents, ported to go4j, by name.
 * {@code tour list} lists them (name, seed, section, summary); {@code tour run NAME} runs one as
 * a Go program ({@link Go#main}: goroutine 1, exit status 0 when it returns, Go's panic report
 * and status 2 if anything escapes). docs/TOUR.md is the same list with links to the seeds.
 */
public final class Tour {

    private Tour() {
    }

    /** Every program, seed by seed, in the seeds' order. */
    public static List<Program> all() {
        List<Program> all = new ArrayList<>();
        all.addAll(Seed000.programs());
        all.addAll(Seed001.programs());
        all.addAll(Seed002.programs());
        all.addAll(Seed003.programs());
        all.addAll(Seed004.programs());
        return Collections.unmodifiableList(all);
    }

    /** The programs by name; fails on a duplicate name. */
    public static Map<String, Program> byName() {
        Map<String, Program> m = new LinkedHashMap<>();
        for (Program p : all()) {
            if (m.put(p.name(), p) != null) {
                throw new IllegalStateException("two tour programs are named " + p.name());
            }
        }
        return m;
    }

    /** {@code tour list} and {@code tour run NAME}; a usage error exits with status 2. */
    public static void main(String... args) {
        PrintStream out = System.out;
        if (args.length == 1 && args[0].equals("list")) {
            list(out);
            return;
        }
        if (args.length == 2 && args[0].equals("run")) {
            Program p = byName().get(args[1]);
            if (p == null) {
                System.err.println("tour: no program named " + args[1] + " (tour list names them all)");
                System.exit(2);
            }
            Go.main(() -> {
                try {
                    p.body().run(out);
                } catch (RuntimeException | Error e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            return;
        }
        System.err.println("usage: tour list | tour run NAME");
        System.exit(2);
    }

    /** Prints one line per program: name, seed and section, summary. */
    public static void list(PrintStream out) {
        int width = 0;
        for (Program p : all()) {
            width = Math.max(width, p.name().length());
        }
        for (Program p : all()) {
            out.printf("%-" + width + "s  seed %s, %s: %s%n", p.name(), p.seed(), p.section(), p.summary());
        }
    }
}
