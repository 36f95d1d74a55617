package dev.faultline.it;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestInstanceFactoryContext;
import org.junit.jupiter.api.extension.TestInstancePreConstructCallback;

/**
 * Runs around every test class (registered in META-INF/services, enabled by
 * junit-platform.properties): knows which test is running, so {@link TestDatabase} and
 * {@link AgentJvm} can say what they were used for, and after the class checks the
 * {@link Invariants} on everything it used.
 *
 * <p>The state is static because databases are named in field initialisers and static
 * {@code @BeforeAll} methods, where no context is passed; the suite runs one class at a time (no
 * parallel execution is configured). Public, with a public constructor, for ServiceLoader.
 */
public final class AgentInvariants implements TestInstancePreConstructCallback, BeforeAllCallback, BeforeEachCallback,
        AfterEachCallback, AfterAllCallback {
    /** The test running now: its class, and its method when inside one. */
    record Running(Class<?> testClass, Method method) {
        String describe() {
            return testClass.getSimpleName() + (method == null ? " (class set-up)" : "." + method.getName());
        }

        Invariants.Allowed allowed() {
            return Invariants.Allowed.on(testClass, method);
        }
    }

    private static volatile Class<?> testClass;
    private static volatile Method testMethod;
    private static volatile Invariants used;
    /** The stderr of the last child JVM with the agent, shown when a wait for what it stored fails. */
    private static volatile String lastStderr;

    public AgentInvariants() {
    }

    /** The test running now; an AssertionError when none is (the extension is not registered). */
    static Running running() {
        Class<?> current = testClass;
        if (current == null) {
            throw new AssertionError("no test class is running under AgentInvariants: junit-platform.properties must set "
                    + "junit.jupiter.extensions.autodetection.enabled=true");
        }
        return new Running(current, testMethod);
    }

    /** A database the agent of a child JVM writes to: its agent_health is checked after the class. */
    static void usedDatabase(String name) {
        Running now = running();
        used.usedDatabase(name, now.describe(), now.allowed());
    }

    /** A child JVM that ran with the agent: its stderr is checked after the class. */
    static void ranJvm(String mainClass, String stderr) {
        Running now = running();
        lastStderr = mainClass + ": " + stderr;
        used.ranJvm(mainClass, stderr, now.describe(), now.allowed());
    }

    /** What the last child JVM with the agent wrote on stderr, or "" when none ran in this class. */
    static String lastStderr() {
        String last = lastStderr;
        return last == null ? "" : last;
    }

    @Override
    public void preConstructTestInstance(TestInstanceFactoryContext factory, ExtensionContext context) {
        enter(context.getRequiredTestClass());
        context.getTestMethod().ifPresent(m -> testMethod = m);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        enter(context.getRequiredTestClass());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        testMethod = context.getRequiredTestMethod();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        testMethod = null;
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (context.getRequiredTestClass() != testClass) {
            return; // a nested class: what it used belongs to the outer class, checked with it
        }
        Invariants done = used;
        testClass = null;
        testMethod = null;
        used = null;
        List<String> broken = done.violations(MONGO);
        System.out.println("[faultline-it] invariants of " + context.getRequiredTestClass().getSimpleName() + ": checked "
                + done.checked() + ", " + (broken.isEmpty() ? "all hold" : broken.size() + " broken"));
        if (!broken.isEmpty()) {
            throw new AssertionError(context.getRequiredTestClass().getSimpleName() + " broke the agent invariants:\n  "
                    + String.join("\n  ", broken));
        }
    }

    private static void enter(Class<?> current) {
        if (testClass == null) {
            used = new Invariants();
            lastStderr = null;
            testClass = current;
        }
    }

    /** The test MongoDB, read only for classes that used a database. */
    static final Invariants.Reader MONGO = new Invariants.Reader() {
        @Override
        public List<Document> health(String database) {
            return MongoSource.get().client().getDatabase(database).getCollection("agent_health").find().into(new ArrayList<>());
        }

        @Override
        public Map<Long, Long> storedByPid(String database) {
            Map<Long, Long> counts = new HashMap<>();
            for (Document g : MongoSource.get().client().getDatabase(database).getCollection("app_errors")
                    .aggregate(List.of(new Document("$group", new Document("_id", "$pid").append("n", new Document("$sum", 1)))))) {
                if (g.get("_id") instanceof Number pid) {
                    counts.put(pid.longValue(), ((Number) g.get("n")).longValue());
                }
            }
            return counts;
        }
    };
}
