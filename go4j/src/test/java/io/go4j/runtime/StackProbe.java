package io.go4j.runtime;

/**
 * A caller for {@link GoRuntimeTest}'s stack tests whose frames a dump must show. Not a
 * nested class of the test: dumps leave out every frame of a class whose name starts with
 * {@code io.go4j.runtime.GoRuntime}, the test's own classes included.
 */
final class StackProbe {

    private StackProbe() {
    }

    /** {@code runtime.Stack(buf, false)} called from here. */
    static String stackOfCaller() {
        return GoRuntime.stack(false);
    }
}
