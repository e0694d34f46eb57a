package io.go4j.junit;

import io.go4j.junit.VerifyNoGoroutineLeaks.Scope;
import io.go4j.testing.Leaks;
import io.go4j.testing.Leaks.Snapshot;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.platform.commons.support.AnnotationSupport;

import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The JUnit 5 extension behind {@link VerifyNoGoroutineLeaks}: notes the live goroutines before
 * each test (or before the class) and fails the test (or the class) if others are alive after,
 * with {@link Leaks#verifyNone}'s report ({@code found unexpected goroutines:} ...). Go's
 * {@code defer goleak.VerifyNone(t, goleak.IgnoreCurrent())}.
 *
 * <p>Registered by {@link VerifyNoGoroutineLeaks} (which it then reads for its options), or in
 * code with options from the {@linkplain #builder() builder}:
 * {@snippet :
 * @RegisterExtension
 * static final GoroutineLeakExtension leaks = GoroutineLeakExtension.builder()
 *         .ignoreTopFunction("com.example.Cache#janitor")      // goleak.IgnoreTopFunction(...)
 *         .maxWait(Duration.ofSeconds(2))
 *         .build();
 * }
 * A {@code static} field suits both scopes; an instance field only {@link Scope#TEST}, because
 * JUnit calls the before-all and after-all callbacks only of extensions registered on a class
 * (scope {@code CLASS} on an instance field fails the tests with an
 * {@link ExtensionConfigurationException}). An extension built in code ignores
 * {@code @VerifyNoGoroutineLeaks} annotations; use one or the other.
 */
public final class GoroutineLeakExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    private static final Namespace NAMESPACE = Namespace.create(GoroutineLeakExtension.class);

    /** The defaults of {@link VerifyNoGoroutineLeaks}. */
    private static final Config DEFAULT = new Config(Scope.TEST, List.of());

    /** The configuration given in code, or null to read {@link VerifyNoGoroutineLeaks}. */
    private final Config fixed;

    /** The extension as {@link VerifyNoGoroutineLeaks} registers it: options from the annotation. */
    public GoroutineLeakExtension() {
        this.fixed = null;
    }

    private GoroutineLeakExtension(Config fixed) {
        this.fixed = fixed;
    }

    /** A builder for an extension to register with {@code @RegisterExtension}. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Config c = classConfig(context);
        if (c != null && c.scope == Scope.CLASS) {
            context.getStore(NAMESPACE).put(context.getUniqueId(), Leaks.snapshot());
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Snapshot before = context.getStore(NAMESPACE).remove(context.getUniqueId(), Snapshot.class);
        if (before != null) {
            classConfig(context).verify(before);
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Config c = testConfig(context);
        if (c.scope == Scope.TEST) {
            context.getStore(NAMESPACE).put(context.getUniqueId(), Leaks.snapshot());
        } else if (fixed != null && !classSnapshotTaken(context)) {
            throw new ExtensionConfigurationException("GoroutineLeakExtension with scope CLASS must be registered"
                    + " in a static field: JUnit calls beforeAll/afterAll only for those");
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Snapshot before = context.getStore(NAMESPACE).remove(context.getUniqueId(), Snapshot.class);
        if (before != null) {
            testConfig(context).verify(before);
        }
    }

    private static boolean classSnapshotTaken(ExtensionContext context) {
        for (Optional<ExtensionContext> p = context.getParent(); p.isPresent(); p = p.get().getParent()) {
            if (p.get().getStore(NAMESPACE).get(p.get().getUniqueId()) != null) {
                return true;
            }
        }
        return false;
    }

    // ---- configuration ----

    /** The configuration of one test's own check. */
    private Config testConfig(ExtensionContext context) {
        if (fixed != null) {
            return fixed;
        }
        Optional<VerifyNoGoroutineLeaks> onMethod = context.getTestMethod()
                .flatMap(m -> AnnotationSupport.findAnnotation(m, VerifyNoGoroutineLeaks.class));
        if (onMethod.isPresent()) {
            if (onMethod.get().scope() == Scope.CLASS) {
                throw new ExtensionConfigurationException("@VerifyNoGoroutineLeaks(scope = CLASS) belongs on a"
                        + " class, not on method " + context.getRequiredTestMethod());
            }
            return Config.of(onMethod.get());
        }
        return onClass(context).map(Config::of).orElse(DEFAULT);
    }

    /** The configuration of a class's check, or null if the class has none. */
    private Config classConfig(ExtensionContext context) {
        if (fixed != null) {
            return fixed;
        }
        return onClass(context).map(Config::of).orElse(null);
    }

    /** The annotation on the test class, its superclasses, or the classes a @Nested class is in. */
    private static Optional<VerifyNoGoroutineLeaks> onClass(ExtensionContext context) {
        Class<?> c = context.getTestClass().orElse(null);
        while (c != null) {
            Optional<VerifyNoGoroutineLeaks> a = AnnotationSupport.findAnnotation(c, VerifyNoGoroutineLeaks.class);
            if (a.isPresent()) {
                return a;
            }
            c = c.isMemberClass() && !Modifier.isStatic(c.getModifiers()) ? c.getEnclosingClass() : null;
        }
        return Optional.empty();
    }

    /** One check's scope and options. */
    private record Config(Scope scope, List<Leaks.Option> options) {

        static Config of(VerifyNoGoroutineLeaks a) {
            Builder b = new Builder().scope(a.scope()).ignoreTopFunction(a.ignoreTopFunctions())
                    .ignoreAnyFunction(a.ignoreAnyFunctions()).ignoreCreatedBy(a.ignoreCreatedBy())
                    .maxWait(Duration.ofMillis(a.maxWaitMillis()));
            if (a.maxRetries() >= 0) {
                b.maxRetries(a.maxRetries());
            }
            return b.config();
        }

        void verify(Snapshot before) {
            List<Leaks.Option> all = new ArrayList<>(options);
            all.add(Leaks.ignoreSnapshot(before));
            Leaks.verifyNone(all.toArray(Leaks.Option[]::new));
        }
    }

    /**
     * Options for a {@link GoroutineLeakExtension} made in code; those of
     * {@link VerifyNoGoroutineLeaks} plus any {@link Leaks.Option}.
     */
    public static final class Builder {
        private Scope scope = Scope.TEST;
        private final List<Leaks.Option> options = new ArrayList<>();

        private Builder() {
        }

        /** Check around each test (default) or around the class. */
        public Builder scope(Scope scope) {
            this.scope = Objects.requireNonNull(scope, "scope");
            return this;
        }

        /** goleak's {@code IgnoreTopFunction}: see {@link Leaks#ignoreTopFunction(String)}. */
        public Builder ignoreTopFunction(String... functions) {
            for (String f : functions) {
                options.add(Leaks.ignoreTopFunction(f));
            }
            return this;
        }

        /** goleak's {@code IgnoreAnyFunction}: see {@link Leaks#ignoreAnyFunction(String)}. */
        public Builder ignoreAnyFunction(String... functions) {
            for (String f : functions) {
                options.add(Leaks.ignoreAnyFunction(f));
            }
            return this;
        }

        /** goleak's {@code IgnoreCreatedBy}: see {@link Leaks#ignoreCreatedBy(String)}. */
        public Builder ignoreCreatedBy(String... classes) {
            for (String c : classes) {
                options.add(Leaks.ignoreCreatedBy(c));
            }
            return this;
        }

        /** How long to wait for goroutines on their way out (1 second by default): {@link Leaks#maxWait}. */
        public Builder maxWait(Duration d) {
            options.add(Leaks.maxWait(d));
            return this;
        }

        /** How many times to look again at most: {@link Leaks#maxRetries}. */
        public Builder maxRetries(int n) {
            options.add(Leaks.maxRetries(n));
            return this;
        }

        /** Any other options of {@link Leaks}, e.g. {@link Leaks#ignoreSnapshot}. */
        public Builder options(Leaks.Option... more) {
            for (Leaks.Option o : more) {
                options.add(Objects.requireNonNull(o, "option"));
            }
            return this;
        }

        /** The extension, to assign to a {@code @RegisterExtension} field. */
        public GoroutineLeakExtension build() {
            return new GoroutineLeakExtension(config());
        }

        private Config config() {
            return new Config(scope, List.copyOf(options));
        }
    }
}
