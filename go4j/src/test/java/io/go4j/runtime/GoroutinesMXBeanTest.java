package io.go4j.runtime;

import io.go4j.Chan;
import io.go4j.Go;
import io.go4j.Goroutine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import javax.management.JMX;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The goroutine dump from outside the process (docs/adr/0011, section 6): the platform MBean
 * {@code io.go4j:type=Goroutines}, called as a JMX client would, through the platform MBean
 * server. The JSON dump is checked with a small parser below (the JDK has none).
 */
@Timeout(60)
class GoroutinesMXBeanTest {

    private static final ObjectName NAME = objectName();

    private final Chan<Integer> release = Chan.make();
    private final List<Goroutine> started = new CopyOnWriteArrayList<>(); // parked() runs in goroutines too

    @AfterEach
    void releaseGoroutines() {
        release.close();
        for (Goroutine g : started) {
            await(g + " ends", () -> !g.isAlive());
        }
    }

    static void await(String what, BooleanSupplier cond) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting until " + what);
            }
            Thread.yield();
        }
    }

    private Goroutine parked(String name) {
        Goroutine g = name == null ? Go.go(() -> release.recv()) : Go.go(name, () -> release.recv()); // lambdas: a frame here
        started.add(g);
        await(g + " parks", () -> "chan receive".equals(g.waitReason()));
        return g;
    }

    /** registerMBean registers the bean under Go-like operations and attributes, idempotently. */
    @Test
    void registersOnceWithDumpOperationsAndNumGoroutine() throws Exception {
        assertTrue(GoRuntime.registerMBean());
        assertTrue(GoRuntime.registerMBean(), "a second call finds it registered");
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        assertTrue(server.isRegistered(NAME));
        assertTrue(JMX.isMXBeanInterface(GoroutinesMXBean.class));
        MBeanInfo info = server.getMBeanInfo(NAME);
        Set<String> ops = Arrays.stream(info.getOperations()).map(MBeanOperationInfo::getName)
                .collect(Collectors.toSet());
        assertEquals(Set.of("dump", "dumpJson"), ops, "jconsole shows these as operations");
        assertEquals(List.of("NumGoroutine"), Arrays.stream(info.getAttributes()).map(a -> a.getName()).toList());
        parked(null);
        int n = (Integer) server.getAttribute(NAME, "NumGoroutine");
        assertTrue(n >= 1, "NumGoroutine counts the parked goroutine: " + n);
    }

    /** Registration from many threads at once: every caller sees the bean registered. */
    @Test
    void concurrentRegistrationsAllSucceed() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        GoRuntime.registerMBean();
        server.unregisterMBean(NAME); // start from scratch (the bean is the same each time)
        Map<Integer, Boolean> results = new ConcurrentHashMap<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            int k = i;
            threads.add(Thread.ofPlatform().start(() -> results.put(k, GoRuntime.registerMBean())));
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(8, results.size());
        assertTrue(results.values().stream().allMatch(b -> b), results.toString());
        assertTrue(server.isRegistered(NAME));
    }

    /** The dump operation returns Go's format, as GoRuntime.dump() does. */
    @Test
    void dumpIsGoFormat() throws Exception {
        GoRuntime.registerMBean();
        Goroutine g = parked("dumped");
        String dump = (String) ManagementFactory.getPlatformMBeanServer().invoke(NAME, "dump", null, null);
        assertTrue(dump.contains("goroutine " + g.id() + " [chan receive]:\n"), dump);
        assertTrue(dump.contains("created by " + GoroutinesMXBeanTest.class.getName()), dump);
        GoroutinesMXBean proxy = JMX.newMXBeanProxy(ManagementFactory.getPlatformMBeanServer(), NAME,
                GoroutinesMXBean.class);
        assertTrue(proxy.dump().contains("goroutine " + g.id() + " [chan receive]:"), "through a JMX proxy too");
    }

    /**
     * dumpJson is a JSON array with one object per goroutine; a goroutine parked on a channel
     * receive shows with its name, wait reason, creator, parent and a stack in this class.
     */
    @Test
    void dumpJsonListsAParkedGoroutine() throws Exception {
        GoRuntime.registerMBean();
        Chan<Goroutine> child = Chan.make(1);
        Goroutine parent = Go.go(() -> {
            child.send(parked("child"));
            release.recv();
        });
        started.add(parent);
        Goroutine g = child.recv();
        String json = (String) ManagementFactory.getPlatformMBeanServer().invoke(NAME, "dumpJson", null, null);
        Object parsed = new Json(json).parse();
        List<?> all = assertInstanceOf(List.class, parsed, json);
        List<Long> ids = all.stream().map(o -> ((Number) ((Map<?, ?>) o).get("id")).longValue()).toList();
        assertEquals(ids.stream().sorted().toList(), ids, "by increasing id");
        Map<?, ?> e = all.stream().map(o -> (Map<?, ?>) o)
                .filter(m -> ((Number) m.get("id")).longValue() == g.id()).findFirst()
                .orElseThrow(() -> new AssertionError("goroutine " + g.id() + " missing: " + json));
        assertEquals("child", e.get("name"));
        assertEquals("chan receive", e.get("waitReason"));
        assertEquals("chan receive", e.get("state"));
        assertEquals(parent.id(), ((Number) e.get("parentId")).longValue());
        assertEquals(GoroutinesMXBeanTest.class.getName(), e.get("createdBy"));
        assertTrue(((Number) e.get("waitingSeconds")).doubleValue() >= 0.0);
        List<?> stack = assertInstanceOf(List.class, e.get("stack"));
        assertTrue(stack.stream().anyMatch(f -> ((String) f).contains(GoroutinesMXBeanTest.class.getName())),
                "the stack shows the test's frame: " + stack);
        assertTrue(stack.stream().noneMatch(f -> ((String) f).contains("io.go4j.internal")),
                "go4j's machinery is left out: " + stack);
        assertEquals(Set.of("id", "name", "state", "waitReason", "waitingSeconds", "createdBy", "parentId", "stack"),
                e.keySet());
    }

    /** Names are escaped: quotes, backslashes and control characters survive the round trip. */
    @Test
    void dumpJsonEscapesStrings() throws Exception {
        GoRuntime.registerMBean();
        String odd = "a \"quoted\" \\ name\nwith\ttabs \u0001 and ü";
        Goroutine g = parked(odd);
        String json = (String) ManagementFactory.getPlatformMBeanServer().invoke(NAME, "dumpJson", null, null);
        List<?> all = (List<?>) new Json(json).parse();
        assertTrue(all.stream().anyMatch(o -> odd.equals(((Map<?, ?>) o).get("name"))
                && ((Number) ((Map<?, ?>) o).get("id")).longValue() == g.id()), json);
    }

    /**
     * Under {@code Go.main} the bean registers itself, off the start-up path (a child JVM runs
     * {@link GoMainProgram}, which waits for the bean with a deadline and says whether it came).
     */
    @Test
    void goMainRegistersTheBeanInTheBackground() throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                GoMainProgram.class.getName())).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child JVM ended");
        assertEquals(0, p.exitValue(), err);
        assertEquals("registered", out.strip(), err);
    }

    /** The child program of {@link #goMainRegistersTheBeanInTheBackground}. */
    public static final class GoMainProgram {
        public static void main(String[] args) {
            Go.main(() -> {
                MBeanServer server = ManagementFactory.getPlatformMBeanServer();
                long deadline = System.nanoTime() + 30_000_000_000L;
                while (!server.isRegistered(NAME) && System.nanoTime() < deadline) {
                    GoRuntime.gosched();
                }
                System.out.println(server.isRegistered(NAME) ? "registered" : "not registered in 30 s");
            });
        }
    }

    private static ObjectName objectName() {
        try {
            return new ObjectName(GoroutinesMXBean.OBJECT_NAME);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** A strict JSON (RFC 8259) parser, enough to check the dump: objects, arrays, strings, numbers, literals. */
    static final class Json {
        private final String s;
        private int i;

        Json(String s) {
            this.s = s;
        }

        Object parse() {
            Object v = value();
            ws();
            if (i != s.length()) {
                throw error("trailing text");
            }
            return v;
        }

        private Object value() {
            ws();
            if (i >= s.length()) {
                throw error("unexpected end");
            }
            char c = s.charAt(i);
            return switch (c) {
                case '{' -> object();
                case '[' -> array();
                case '"' -> string();
                case 't' -> literal("true", Boolean.TRUE);
                case 'f' -> literal("false", Boolean.FALSE);
                case 'n' -> literal("null", null);
                default -> number();
            };
        }

        private Map<String, Object> object() {
            Map<String, Object> m = new LinkedHashMap<>();
            i++;
            ws();
            if (peek('}')) {
                i++;
                return m;
            }
            for (;;) {
                ws();
                String k = string();
                ws();
                expect(':');
                if (m.containsKey(k)) {
                    throw error("duplicate key " + k);
                }
                m.put(k, value());
                ws();
                if (peek(',')) {
                    i++;
                } else {
                    expect('}');
                    return m;
                }
            }
        }

        private List<Object> array() {
            List<Object> a = new ArrayList<>();
            i++;
            ws();
            if (peek(']')) {
                i++;
                return a;
            }
            for (;;) {
                a.add(value());
                ws();
                if (peek(',')) {
                    i++;
                } else {
                    expect(']');
                    return a;
                }
            }
        }

        private String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            for (;;) {
                if (i >= s.length()) {
                    throw error("unterminated string");
                }
                char c = s.charAt(i++);
                if (c == '"') {
                    return b.toString();
                }
                if (c < 0x20) {
                    throw error("raw control character in string");
                }
                if (c != '\\') {
                    b.append(c);
                    continue;
                }
                char e = s.charAt(i++);
                switch (e) {
                    case '"', '\\', '/' -> b.append(e);
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'n' -> b.append('\n');
                    case 'r' -> b.append('\r');
                    case 't' -> b.append('\t');
                    case 'u' -> {
                        b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        i += 4;
                    }
                    default -> throw error("bad escape \\" + e);
                }
            }
        }

        private Number number() {
            int start = i;
            while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
            String n = s.substring(start, i);
            if (!n.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?")) {
                throw error("bad number '" + n + "'");
            }
            return n.matches("-?[0-9]+") ? (Number) Long.parseLong(n) : (Number) Double.parseDouble(n);
        }

        private Object literal(String word, Object v) {
            if (!s.startsWith(word, i)) {
                throw error("bad literal");
            }
            i += word.length();
            return v;
        }

        private void ws() {
            while (i < s.length() && " \t\n\r".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
        }

        private boolean peek(char c) {
            return i < s.length() && s.charAt(i) == c;
        }

        private void expect(char c) {
            if (!peek(c)) {
                throw error("expected '" + c + "'");
            }
            i++;
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException(what + " at " + i + ": "
                    + s.substring(Math.max(0, i - 40), Math.min(s.length(), i + 40)));
        }
    }
}
