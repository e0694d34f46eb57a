package io.go4j.examples.tour;

import java.util.List;

/** The programs of seed 004 (see ../shared/seeds/README.md), in the order the seed shows them. */
public final class Seed004 {

    private Seed004() {
    }

    /** This seed's programs. */
    public static List<Program> programs() {
        return List.of();
    }
}
