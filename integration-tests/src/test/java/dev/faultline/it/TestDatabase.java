package dev.faultline.it;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one way a test names a database: {@code it_<Class>_<method>_<n>_<run>}, e.g.
 * {@code it_ErrorCodes_clearUpdatesTheSameEpisode_1_k3f9}: readable in a MongoDB shell, unique in this
 * test JVM ({@code n}) and among runs sharing one server ({@code run}), and under MongoDB's 64
 * characters. Outside a method the method part is {@code class}.
 */
final class TestDatabase {
    private static final int CLASS_CHARS = 20;
    private static final int METHOD_CHARS = 26;
    private static final String RUN = Integer.toString(36 * 36 * 36 + ThreadLocalRandom.current().nextInt(35 * 36 * 36 * 36), 36);
    private static final Map<String, AtomicInteger> COUNTS = new ConcurrentHashMap<>();

    private TestDatabase() {
    }

    /** A database agents in child JVMs write to; its {@code agent_health} is checked after the class ({@link AgentInvariants}). */
    static String fresh() {
        String name = next();
        AgentInvariants.usedDatabase(name);
        return name;
    }

    /**
     * A database the test fills itself ({@link Seed}), health documents included: named the same
     * way, but not checked, since what it holds is the test's data, not an agent's report.
     */
    static String seeded() {
        return next();
    }

    private static String next() {
        AgentInvariants.Running now = AgentInvariants.running();
        String owner = cut(now.testClass().getSimpleName().replaceFirst("Test$", ""), CLASS_CHARS) + "_"
                + cut(now.method() == null ? "class" : now.method().getName(), METHOD_CHARS);
        int n = COUNTS.computeIfAbsent(owner.toLowerCase(Locale.ROOT), k -> new AtomicInteger()).incrementAndGet();
        return "it_" + owner + "_" + n + "_" + RUN;
    }

    private static String cut(String name, int max) {
        return name.length() <= max ? name : name.substring(0, max);
    }
}
