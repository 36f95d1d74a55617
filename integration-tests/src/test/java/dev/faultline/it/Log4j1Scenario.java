package dev.faultline.it;

import static com.mongodb.client.model.Filters.eq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The Log4j 1 example (com.example.log4j1.Log4j1App); subclasses choose log4j 1.2.17 or reload4j. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class Log4j1Scenario {
    private final Stored stored = Stored.fresh();
    private AgentJvm.Result run;
    private List<Document> errors;

    abstract String libs();

    @BeforeAll
    void runTheApp() throws Exception {
        run = new AgentJvm(AgentJvm.Jdk.JDK17, "com.example.log4j1.Log4j1App").libs(libs())
                .storingIn(MongoSource.get().uri, stored.database)
                .set("service", "batch").set("app-packages", "com.example")
                .run();
        errors = stored.await(stored.errors(), new Document(), 2);
    }

    @Test
    void appRunsToTheEndWithItsOwnOutput() {
        assertEquals(0, run.exit(), run.output());
        assertTrue(run.stdout().contains("log4j1: done"), run.output());
        assertTrue(run.stdout().contains("ERROR com.example.log4j1.Log4j1App  - cannot parse quantity"), run.output());
    }

    @Test
    void storesExactlyTheTwoErrors() {
        assertEquals(2, errors.size(), errors.toString());
        assertEquals(0, stored.errors().countDocuments(eq("message", "quantities look odd")));
    }

    @Test
    void storesTheErrorWithItsThrowableAndMdc() {
        Document d = stored.errors().find(eq("message", "cannot parse quantity")).first();
        assertEquals("log4j1", d.getString("source"));
        assertEquals("ERROR", d.getString("severity"));
        assertEquals(true, d.getBoolean("handled"));
        assertEquals("com.example.log4j1.Log4j1App", d.getString("logger"));
        assertEquals("main", d.getString("thread"));
        assertEquals("java.lang.NumberFormatException", d.get("exception", Document.class).getString("type"));
        assertEquals(SourceMarkers.line("com/example/log4j1/Log4j1App.java", "log4j1-root-cause"), d.getInteger("line"));
        assertEquals(Map.of("job_id", "job-3"), d.get("context", Document.class));
        assertEquals("job-3", d.getString("job_id"));
    }

    @Test
    void storesAnErrorWithoutThrowableAtItsCallSite() {
        Document d = stored.errors().find(eq("message", "batch 9 rejected")).first();
        assertEquals(SourceMarkers.line("com/example/log4j1/Log4j1App.java", "log4j1-without-exception"), d.getInteger("line"));
        assertNull(d.get("exception"));
        assertNull(d.get("context"), "the MDC key was removed before this call");
    }
}
