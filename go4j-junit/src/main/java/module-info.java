/**
 * go4j's JUnit 5 extension: {@link io.go4j.junit.VerifyNoGoroutineLeaks} fails a test (or a test
 * class) that leaves goroutines running, with goleak's report.
 */
module io.go4j.junit {
    requires transitive io.go4j; // the builder takes io.go4j.testing.Leaks options
    requires transitive org.junit.jupiter.api; // the extension is a JUnit Extension
    exports io.go4j.junit;
}
