package dev.faultline.it;

import static com.mongodb.client.model.Filters.eq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * One error through each logging API (com.example.bridges.BridgedCalls), bridged into one
 * backend: every call is stored exactly once, by the outermost framework it passed through.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BridgeScenario {
    private final Stored stored = Stored.fresh();
    private AgentJvm.Result run;
    private List<Document> errors;

    abstract String mainClass();

    abstract String libs();

    /** The source expected for the SLF4J, Log4j2 API and commons-logging calls. */
    abstract String backend();

    /** The source of the SLF4J call (the backend's own hook, or Log4j2's for log4j-slf4j2-impl). */
    String apiSource(String api) {
        return backend();
    }

    @BeforeAll
    void runTheApp() throws Exception {
        run = new AgentJvm(AgentJvm.Jdk.JDK17, mainClass()).libs(libs())
                .storingIn(MongoSource.get().uri, stored.database)
                .set("service", "bridges").set("app-packages", "com.example")
                .run();
        errors = stored.await(stored.errors(), new Document(), 4);
    }

    @Test
    void appRunsToTheEnd() {
        assertEquals(0, run.exit(), run.output());
        assertTrue(run.stdout().contains("bridges: done"), run.output());
    }

    @Test
    void storesEachLoggingCallExactlyOnce() throws Exception {
        assertEquals(4, errors.size(), errors.toString());
        for (String message : List.of("through slf4j 1", "through the log4j2 api 2", "through jul", "through commons-logging")) {
            assertEquals(1, stored.errors().countDocuments(eq("message", message)), message + " in " + errors);
        }
        List<Document> health = stored.await(stored.health(), eq("captured", 4L), 1);
        assertEquals(1, health.size(), "captured exactly 4: " + stored.health().find().first());
    }

    @Test
    void eachCallIsStoredByTheOutermostHookItPassed() {
        assertEquals(apiSource("slf4j"), source("through slf4j 1"));
        assertEquals(apiSource("log4j2"), source("through the log4j2 api 2"));
        assertEquals("jul", source("through jul"), "JUL's own hook comes first, the SLF4J backend's is nested");
        assertEquals(backend(), source("through commons-logging"));
    }

    @Test
    void everyCallKeepsTheApplicationsCallSiteAndThrowable() {
        for (Document d : errors) {
            assertEquals("java.lang.IllegalStateException", d.get("exception", Document.class).getString("type"), d.toJson());
            assertEquals("com.example.bridges.BridgedCalls", d.get("exception", Document.class)
                    .getList("frames", Document.class).get(0).getString("class"));
        }
    }

    private String source(String message) {
        return stored.errors().find(eq("message", message)).first().getString("source");
    }
}
