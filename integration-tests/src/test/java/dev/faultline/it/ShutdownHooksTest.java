package dev.faultline.it;

import static com.mongodb.client.model.Filters.eq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * Errors of the application's own shutdown hooks (com.example.shutdown): the agent keeps capturing
 * while they run and flushes after them, whether main returns or calls System.exit, on JDK 17 and 25.
 */
class ShutdownHooksTest {
    private static final Set<String> HOOK_ERRORS = Set.of(
            "logback error in a shutdown hook",
            "jul error in a shutdown hook",
            "uncaught exception in thread hook-dies: java.lang.IllegalStateException: shutdown hook died");

    @Test
    void storesWhatShutdownHooksLogAfterMainReturnsOnJdk17() throws Exception {
        assertHookErrorsStored(AgentJvm.Jdk.JDK17, "300", "return", 0);
    }

    @Test
    void storesWhatShutdownHooksLogAfterSystemExitOnJdk25() throws Exception {
        assertHookErrorsStored(AgentJvm.Jdk.JDK25, "300", "exit", 3);
    }

    @Test
    void storesWhatShutdownHooksLogAtOnceWhenMainReturnsOnJdk25() throws Exception {
        assertHookErrorsStored(AgentJvm.Jdk.JDK25, "0", "return", 0);
    }

    private static void assertHookErrorsStored(AgentJvm.Jdk jdk, String delayMillis, String how, int exit) throws Exception {
        Stored stored = Stored.fresh();
        AgentJvm.Result run = new AgentJvm(jdk, "com.example.shutdown.ShutdownHooksApp").libs("logback15")
                .storingIn(MongoSource.get().uri, stored.database).set("app-packages", "com.example")
                .set("service", "closing").args(delayMillis, how).run();
        assertEquals(exit, run.exit(), run.output());
        // The JVM has exited: what the final flush wrote is all there is (no waiting needed).
        List<Document> errors = stored.all();
        assertEquals(HOOK_ERRORS, errors.stream().map(d -> d.getString("message")).collect(Collectors.toSet()),
                "the three hook errors and nothing else (the WARN before exit is below capture.level): " + errors + run.output());
        assertEquals(3, errors.size(), errors.toString());
        Document health = stored.health().find().first();
        assertEquals(3L, health.getLong("captured"), health.toJson());
        assertEquals(3L, health.getLong("written"), health.toJson());
        assertFalse(run.stderr().contains("[faultline] debug"), "no debug note without debug=true: " + run.stderr());
    }
}
