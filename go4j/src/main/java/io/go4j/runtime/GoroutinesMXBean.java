package io.go4j.runtime;

/**
 * The goroutine dump for tools outside the process: the platform MBean
 * {@value #OBJECT_NAME}, registered by {@link GoRuntime#registerMBean()} (under
 * {@code Go.main}, at start-up, in the background). Go prints its dump on {@code SIGQUIT};
 * the JVM owns that signal (it prints the Java thread dump), so go4j answers JMX instead
 * (docs/adr/0011-runtime-introspection.md, section 6).
 *
 * <h2>Getting a dump of a running program</h2>
 * <ul>
 *   <li><b>jconsole or JMC</b>: connect to the process, open the MBean
 *       {@code io.go4j / Goroutines}, invoke the operation {@code dump} (Go's text) or
 *       {@code dumpJson}; the attribute {@code NumGoroutine} is Go's
 *       {@code runtime.NumGoroutine()}.</li>
 *   <li><b>Any JMX client</b>, e.g. from Java:
 *       {@snippet :
 *       MBeanServerConnection c = JMXConnectorFactory.connect(url).getMBeanServerConnection();
 *       GoroutinesMXBean g = JMX.newMXBeanProxy(c, new ObjectName(GoroutinesMXBean.OBJECT_NAME),
 *               GoroutinesMXBean.class);
 *       System.out.print(g.dump());
 *       }
 *       (a local process is reachable after {@code jcmd <pid> ManagementAgent.start_local}).</li>
 *   <li><b>JFR</b>: {@code jcmd <pid> JFR.start}, later {@code jcmd <pid> JFR.dump filename=x.jfr},
 *       then {@code jfr print --events io.go4j.Goroutine x.jfr}: one event per goroutine at
 *       the start and end of every recording chunk (see {@link GoRuntime#registerMBean()}).</li>
 *   <li><b>The JDK's own view</b> (every virtual thread, no wait reasons):
 *       {@code jcmd <pid> Thread.dump_to_file -format=json threads.json}.</li>
 * </ul>
 */
public interface GoroutinesMXBean {

    /** The MBean's name: {@code io.go4j:type=Goroutines}. */
    String OBJECT_NAME = "io.go4j:type=Goroutines";

    /**
     * Every goroutine in Go's dump format — {@code goroutine 7 [chan receive, 2 minutes]:},
     * the frames, {@code created by ... in goroutine 1} — as {@link GoRuntime#dump()} returns.
     */
    String dump();

    /**
     * Every goroutine as a JSON array, by increasing id, for programs to read:
     * <pre>
     * [{"id":7,"name":null,"state":"chan receive","waitReason":"chan receive",
     *   "waitingSeconds":125.3,"createdBy":"com.example.Main","parentId":1,
     *   "stack":["com.example.Worker.run(Worker.java:42)", ...]}, ...]
     * </pre>
     * {@code state} is the dump's status ({@code runnable} when not parked in go4j);
     * {@code waitReason} is null then, and {@code waitingSeconds} 0. {@code createdBy} is
     * null for goroutine 1. Frames are written as {@link StackTraceElement#toString()}, as in
     * the JDK's JSON thread dump, with go4j's and the JDK's machinery left out as in
     * {@link #dump()}.
     */
    String dumpJson();

    /** Go's {@code runtime.NumGoroutine()}: the goroutines that exist now. */
    int getNumGoroutine();
}
