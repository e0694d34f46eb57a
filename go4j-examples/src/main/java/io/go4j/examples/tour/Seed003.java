package io.go4j.examples.tour;

import java.util.List;

/** The programs of seed 003 (see ../shared/seeds/README.md), in the order the seed shows them. */
public final class Seed003 {

    private Seed003() {
    }

    /** This seed's programs. */
    public static List<Program> programs() {
        return List.of();
    }
}
