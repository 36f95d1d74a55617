package dev.faultline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What premain costs the application's main thread, in classes (the figure that survives a busy
 * machine; the milliseconds are in docs/BENCHMARKS.md): between the agent's first class and the
 * application's main class, the main thread loads none of the libraries the agent carries (the
 * MongoDB driver, BSON, Byte Buddy, Jackson), not the writer (made on the agent's own thread,
 * {@code core.WriterStart}), and at most {@link #MAX_AGENT_CLASSES} of the agent's own classes, on
 * every start but the first of an agent build. Everything else is loaded by the agent's threads
 * (ARCHITECTURE.md, "Nothing eager in premain").
 */
class PremainFootprintTest {
    /**
     * 60 on 2026-12-01 (84 while the writer was made in premain); the BSON codec registry once made
     * it 225 (its Document made in a static field).
     */
    private static final int MAX_AGENT_CLASSES = 75;
    private static final Pattern LINE = Pattern.compile("^\\[[^]]*\\]\\[(\\d+)\\] (\\S+) source");

    @ParameterizedTest
    @EnumSource(AgentJvm.Jdk.class)
    void premainLoadsOnMainOnlyTheAgentsOwnFewClasses(AgentJvm.Jdk jdk) throws Exception {
        Path log = Files.createTempFile("premain-classes", ".log");
        try {
            // A restart: the first start of an agent build on a JDK rewrites Thread with plain ASM in
            // premain (ARCHITECTURE.md, the woven-class cache); every later start takes it from the cache.
            AgentJvm.Result first = hello(jdk).run();
            assertEquals(0, first.exit(), first.output());
            AgentJvm.Result run = hello(jdk).jvmOption("-Xlog:class+load:file=" + log + ":uptime,tid").run();
            assertEquals(0, run.exit(), run.output());
            List<String> onMain = premainOnMain(Files.readAllLines(log));
            List<String> libraries = new ArrayList<>();
            int own = 0;
            for (String name : onMain) {
                if (name.startsWith("dev.faultline.shaded.")) {
                    libraries.add(name);
                } else if (name.startsWith("dev.faultline.")) {
                    own++;
                }
            }
            assertTrue(libraries.isEmpty(), "library classes loaded on main in premain: " + libraries);
            assertTrue(!onMain.contains("dev.faultline.store.Writer"), "the writer was made on main in premain: " + onMain);
            assertTrue(own > 0 && own <= MAX_AGENT_CLASSES, own + " agent classes loaded on main in premain: " + onMain);
            // Premain's JDK-internal calls stay cheap (core.JdkCalls): no reflection accessor
            // generated (JDK 17's 16th reflective call of one method: 7 ms), no method handle
            // species spun for them (their lambda forms: 3-8 ms per call site).
            List<String> spun = onMain.stream().filter(n -> n.startsWith("jdk.internal.reflect.GeneratedMethodAccessor")
                    || n.startsWith("jdk.internal.reflect.MethodAccessorGenerator")
                    || jdk == AgentJvm.Jdk.JDK17 && n.startsWith("java.lang.invoke.BoundMethodHandle$Species_")).toList();
            assertTrue(spun.isEmpty(), "premain generated call machinery on main: " + spun);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static AgentJvm hello(AgentJvm.Jdk jdk) {
        return new AgentJvm(jdk, "com.example.hello.Hello").set("mongo.uri", "mongodb://127.0.0.1:1").set("shutdown.timeout", "1s");
    }

    /** The classes the main thread (the log's first thread) loaded from the agent's first class to the main class. */
    private static List<String> premainOnMain(List<String> lines) {
        List<String> out = new ArrayList<>();
        String main = null;
        boolean inPremain = false;
        for (String line : lines) {
            Matcher m = LINE.matcher(line);
            if (!m.find()) {
                continue;
            }
            if (main == null) {
                main = m.group(1);
            }
            if (!m.group(1).equals(main)) {
                continue;
            }
            String name = m.group(2);
            if (name.equals("dev.faultline.agent.FaultlineAgent")) {
                inPremain = true;
            } else if (name.equals("com.example.hello.Hello")) {
                assertTrue(inPremain, "the main class loaded before the agent's premain");
                return out;
            }
            if (inPremain) {
                out.add(name);
            }
        }
        throw new AssertionError("no premain or no main class in the class-load log");
    }
}
