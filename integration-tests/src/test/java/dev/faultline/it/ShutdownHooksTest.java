package dev.faultline.it;

import static com.mongodb.client.model.Filters.eq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

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

    /**
     * A JVM whose main registers a hook and returns at once ends before the agent's threads have
     * run: the final flush is registered after the application's hooks in premain already
     * (core.LastHook), so the hook's error is stored every time (it was lost in most runs while
     * only the agent's thread put it there, found by a new-user trial).
     */
    @ParameterizedTest
    @EnumSource(AgentJvm.Jdk.class)
    void storesWhatAHookLogsInAJvmThatEndsAtOnce(AgentJvm.Jdk jdk) throws Exception {
        for (int run = 1; run <= 3; run++) {
            Stored stored = Stored.fresh();
            // What is tested is that the hook's error reaches the final flush at all; the client's
            // making and first answer within it may take seconds on a busy machine (CI failed once
            // at the default 5 s beside a build).
            AgentJvm.Result result = new AgentJvm(jdk, "com.example.shutdown.QuickExitHookApp")
                    .storingIn(MongoSource.get().uri, stored.database).set("service", "quick").set("shutdown.timeout", "30s").run();
            assertEquals(0, result.exit(), result.output());
            List<Document> errors = stored.all();
            assertEquals(List.of("error in the hook of a JVM that ended at once"),
                    errors.stream().map(d -> d.getString("message")).collect(Collectors.toList()), "run " + run + ": " + result.output());
            Document health = stored.health().find().first();
            assertEquals(1L, health.getLong("captured"), health.toJson());
            assertEquals(1L, health.getLong("written"), health.toJson());
        }
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
