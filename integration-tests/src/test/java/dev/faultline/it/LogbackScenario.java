package dev.faultline.it;

import static com.mongodb.client.model.Filters.eq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The Logback example app (com.example.shop.ShopApp) run once with the agent; every test reads
 * what that run stored. Subclasses choose the JDK and the Logback generation.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LogbackScenario {
    private final Stored stored = Stored.fresh();
    private AgentJvm.Result run;
    private List<Document> errors;

    abstract AgentJvm.Jdk jdk();

    /** The libs folder: logback12 (SLF4J 1.7), logback13, logback14, logback15, logback16 (SLF4J 2). */
    abstract String logging();

    boolean hasKeyValues() {
        return !logging().equals("logback12");
    }

    @BeforeAll
    void runTheApp() throws Exception {
        run = new AgentJvm(jdk(), "com.example.shop.ShopApp").libs(logging())
                .storingIn(MongoSource.get().uri, stored.database)
                .set("service", "shop").set("app-packages", "com.example")
                .set("server-id", "srv-1").set("node-name", "node-a").set("machine", "box-7")
                .run();
        errors = stored.await(stored.errors(), new Document(), hasKeyValues() ? 3 : 2);
    }

    @Test
    void appRunsToTheEndWithItsOwnOutput() {
        assertEquals(0, run.exit(), run.output());
        assertTrue(run.stdout().contains("shop: done"), run.output());
        assertTrue(run.stdout().contains("ERROR [main] com.example.shop.OrderService - payment failed for order 1001"), run.output());
        assertFalse(run.output().contains("Sharing is only supported"), "the agent must not print VM warnings: " + run.output());
    }

    @Test
    void storesExactlyTheErrorsAndNotTheWarningOrInfo() {
        assertEquals(hasKeyValues() ? 3 : 2, errors.size(), errors.toString());
        for (Document d : errors) {
            assertEquals("ERROR", d.getString("severity"));
            assertEquals(40, d.getInteger("severity_num"));
        }
    }

    @Test
    void storesTheLoggedExceptionAtTheRootCausesInAppFrame() {
        Document d = only(eq("message", "payment failed for order 1001"));
        assertEquals("payment failed for order {}", d.getString("message_template"));
        assertEquals("logback", d.getString("source"));
        assertEquals(true, d.getBoolean("handled"));
        assertEquals("com.example.shop.OrderService", d.getString("logger"));
        assertEquals("main", d.getString("thread"));
        assertEquals("billing", d.getString("app"));
        assertEquals("com/example/billing/PaymentClient.java", d.getString("file"));
        assertEquals("send", d.getString("function"));
        assertEquals("com.example.billing.PaymentClient", d.getString("class"));
        assertEquals(SourceMarkers.line("com/example/billing/PaymentClient.java", "root-cause"), d.getInteger("line"));

        Document exception = d.get("exception", Document.class);
        assertEquals("java.lang.IllegalStateException", exception.getString("type"));
        assertEquals("card charge failed for order 1001", exception.getString("message"));
        assertEquals(0, exception.getInteger("suppressed"));
        List<Document> frames = exception.getList("frames", Document.class);
        assertEquals("com.example.billing.PaymentGateway", frames.get(0).getString("class"));
        assertEquals("charge", frames.get(0).getString("method"));
        assertEquals(true, frames.get(0).getBoolean("in_app"));
        List<Document> causes = exception.getList("causes", Document.class);
        assertEquals(1, causes.size());
        assertEquals("java.io.IOException", causes.get(0).getString("type"));
        assertEquals("gateway timeout after 3000 ms", causes.get(0).getString("message"));
        assertEquals("send", causes.get(0).getList("frames", Document.class).get(0).getString("method"));

        String trace = d.get("data", Document.class).getString("trace");
        assertTrue(trace.startsWith("java.lang.IllegalStateException: card charge failed for order 1001\n\tat com.example.billing.PaymentGateway.charge("), trace);
        assertTrue(trace.contains("Caused by: java.io.IOException: gateway timeout after 3000 ms"), trace);
        assertTrue(trace.contains("... "), trace);

        assertEquals(Map.of("job_id", "job-7", "user_id", "user-3"), d.get("context", Document.class));
        assertEquals("job-7", d.getString("job_id"));
        assertEquals("user-3", d.getString("user_id"));
        assertNull(d.get("error_code"));
        assertEquals(false, d.getBoolean("resolved"));
        assertEquals(40, d.getString("fingerprint").length());
    }

    @Test
    void storesAnErrorWithoutThrowableAtItsLoggingCallSite() {
        Document d = only(eq("message", "inventory out of sync for 3 items"));
        assertEquals("inventory out of sync for {} items", d.getString("message_template"));
        assertEquals("shop", d.getString("app"));
        assertEquals("com/example/shop/OrderService.java", d.getString("file"));
        assertEquals("reconcile", d.getString("function"));
        assertEquals("com.example.shop.OrderService", d.getString("class"));
        assertEquals(SourceMarkers.line("com/example/shop/OrderService.java", "logged-without-exception"), d.getInteger("line"));
        assertNull(d.get("exception"));
        assertNull(d.get("context"), "MDC was cleared before this call");
        assertNull(d.get("job_id"));
    }

    @Test
    void storesSlf4jKeyValuePairsInContext() {
        List<Document> found = stored.errors().find(eq("message", "refund rejected")).into(new java.util.ArrayList<>());
        if (!hasKeyValues()) {
            assertTrue(found.isEmpty(), "SLF4J 1.7 has no key-value API; the app skips that call");
            return;
        }
        Document d = found.get(0);
        assertEquals(Map.of("order_id", "1002", "user_id", "user-9"), d.get("context", Document.class));
        assertEquals("user-9", d.getString("user_id"));
        assertEquals(SourceMarkers.line("com/example/shop/KeyValues.java", "key-values"), d.getInteger("line"));
        assertEquals("log", d.getString("function"));
    }

    @Test
    void everyRecordCarriesTheIdentityFields() {
        for (Document d : errors) {
            assertEquals("shop", d.getString("service"));
            assertEquals("srv-1", d.getString("server_id"));
            assertEquals("node-a", d.getString("node_name"));
            assertEquals("box-7", d.getString("local_machine_name"));
            assertEquals("", d.getString("environment"));
            assertTrue(d.get("pid") instanceof Long, d.toJson());
            assertTrue(d.getString("_id").matches("[0-9a-f-]{36}"), d.getString("_id"));
        }
    }

    @Test
    void agentHealthCountsEveryEventAsCapturedAndWritten() {
        List<Document> health = stored.await(stored.health(), new Document(), 1);
        assertEquals(1, health.size());
        Document h = health.get(0);
        int expected = hasKeyValues() ? 3 : 2;
        assertEquals(expected, h.getLong("captured"));
        assertEquals(expected, h.getLong("written"));
        assertEquals("shop", h.getString("service"));
    }

    private Document only(org.bson.conversions.Bson filter) {
        List<Document> found = stored.errors().find(filter).into(new java.util.ArrayList<>());
        assertEquals(1, found.size(), "matching " + filter + " among " + errors);
        return found.get(0);
    }
}
