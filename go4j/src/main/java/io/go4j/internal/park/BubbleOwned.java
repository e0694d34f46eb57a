package io.go4j.internal.park;

/** An object that belongs to a bubble — a channel created inside it (synctest's durability rule). */
public interface BubbleOwned {

    /** The bubble the object was created in; {@link Bubble#ROOT} outside synctest. */
    Bubble bubble();
}
