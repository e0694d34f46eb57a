package io.go4j.examples.tour;

import java.io.PrintStream;

/**
 * One runnable program of the tour: a port of a Go program from the seed documents
 * ({@code ../shared/seeds/}), with where it comes from.
 *
 * @param name    the name {@code tour run NAME} takes: lower-case words joined by dashes
 * @param seed    the seed document, e.g. {@code 000}
 * @param section the section of the seed it comes from, in the seed's words
 * @param summary one line: what the program shows
 * @param body    the program; it prints to the stream it is given (never to System.out
 *                directly), so that tests can read its output
 */
public record Program(String name, String seed, String section, String summary, Body body) {

    /** A program's code: Go's {@code func main()}, printing to {@code out}. */
    @FunctionalInterface
    public interface Body {
        void run(PrintStream out) throws Exception;
    }
}
