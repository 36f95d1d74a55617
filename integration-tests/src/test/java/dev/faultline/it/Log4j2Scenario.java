package dev.faultline.it;

import static com.mongodb.client.model.Filters.eq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The Log4j2 example (com.example.log4j2) run once with the agent; subclasses choose the logger
 * kind (synchronous, AsyncLogger, AsyncAppender) through the example's main class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class Log4j2Scenario {
    private final Stored stored = Stored.fresh();
    private AgentJvm.Result run;
    private List<Document> errors;

    abstract String mainClass();

    AgentJvm.Jdk jdk() {
        return AgentJvm.Jdk.JDK17;
    }

    /** The class-path set: log4j2 (current) or log4j2-17 (2.17.2 with disruptor 3). */
    String libs() {
        return "log4j2";
    }

    @BeforeAll
    void runTheApp() throws Exception {
        run = new AgentJvm(jdk(), mainClass()).libs(libs())
                .storingIn(MongoSource.get().uri, stored.database)
                .set("service", "warehouse").set("app-packages", "com.example")
                .run();
        errors = stored.await(stored.errors(), new Document(), 3);
    }

    @Test
    void appRunsToTheEndWithItsOwnOutput() {
        assertEquals(0, run.exit(), run.output());
        assertTrue(run.stdout().contains("log4j2: done"), run.output());
        assertTrue(run.stdout().contains("ERROR [main] com.example.log4j2.Warehouse - restock failed for sku A-17"), run.output());
    }

    @Test
    void storesExactlyTheThreeErrors() throws Exception {
        List<Document> health = stored.await(stored.health(), eq("captured", 3L), 1);
        assertEquals(3, errors.size(), errors.toString());
        assertEquals(1, health.size(), "agent_health counts three captures: " + stored.health().find().first());
    }

    @Test
    void storesTheErrorWithItsThrowableContextAndMarker() {
        Document d = only(eq("message_template", "restock failed for sku {}"));
        assertEquals("restock failed for sku A-17", d.getString("message"), "formatted before the message object was reused");
        assertEquals("log4j2", d.getString("source"));
        assertEquals("ERROR", d.getString("severity"));
        assertEquals(true, d.getBoolean("handled"));
        assertEquals("com.example.log4j2.Warehouse", d.getString("logger"));
        assertEquals("main", d.getString("thread"));
        assertEquals("com/example/log4j2/Supplier.java", d.getString("file"));
        assertEquals("order", d.getString("function"));
        assertEquals(SourceMarkers.line("com/example/log4j2/Supplier.java", "log4j2-root-cause"), d.getInteger("line"));
        Document exception = d.get("exception", Document.class);
        assertEquals("java.lang.IllegalStateException", exception.getString("type"));
        assertEquals("supplier rejected A-17", exception.getString("message"));
        assertEquals(Map.of("job_id", "job-12", "user_id", "user-5"), d.get("context", Document.class));
        assertEquals("job-12", d.getString("job_id"));
        assertEquals("user-5", d.getString("user_id"));
        assertEquals("AUDIT", d.get("data", Document.class).getString("marker"));
    }

    @Test
    void storesAnErrorWithoutThrowableAtItsCallSite() {
        Document d = only(eq("message", "stock below minimum: 3 units"));
        assertEquals("stock below minimum: {} units", d.getString("message_template"));
        assertEquals("com/example/log4j2/Warehouse.java", d.getString("file"));
        assertEquals("check", d.getString("function"));
        assertEquals(SourceMarkers.line("com/example/log4j2/Warehouse.java", "log4j2-without-exception"), d.getInteger("line"));
        assertNull(d.get("exception"));
        assertNull(d.get("context"), "the ThreadContext was closed before this call");
        assertNull(d.get("data", Document.class).get("marker"));
    }

    @Test
    void storesAnErrorLoggedThroughTheLogBuilder() {
        Document d = only(eq("message", "reservation expired for order 55"));
        assertEquals(SourceMarkers.line("com/example/log4j2/Warehouse.java", "log4j2-builder"), d.getInteger("line"));
        assertEquals("log4j2", d.getString("source"));
    }

    @Test
    void storesNothingBelowError() {
        assertEquals(0, stored.errors().countDocuments(eq("message", "stock check is slow")));
        assertEquals(0, stored.errors().countDocuments(eq("severity", "INFO")));
    }

    private Document only(Bson filter) {
        List<Document> found = stored.errors().find(filter).into(new ArrayList<>());
        assertEquals(1, found.size(), "matching " + filter + " among " + errors);
        return found.get(0);
    }
}
