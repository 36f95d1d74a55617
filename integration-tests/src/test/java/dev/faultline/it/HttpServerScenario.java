package dev.faultline.it;

import static com.mongodb.client.model.Filters.eq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The JDK HTTP server (com.example.httpserver.HttpServerApp): escaping exceptions and request context. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class HttpServerScenario {
    private final Stored stored = Stored.fresh();
    private AgentJvm.Result run;
    private List<Document> errors;

    abstract AgentJvm.Jdk jdk();

    @BeforeAll
    void runTheApp() throws Exception {
        run = new AgentJvm(jdk(), "com.example.httpserver.HttpServerApp")
                .storingIn(MongoSource.get().uri, stored.database)
                .set("service", "orders").set("app-packages", "com.example")
                .run();
        errors = stored.await(stored.errors(), new Document(), 3);
    }

    @Test
    void appRunsToTheEnd() {
        assertEquals(0, run.exit(), run.output());
        assertTrue(run.stdout().contains("GET /health -> 200"), run.output());
        assertTrue(run.stdout().contains("httpserver: done"), run.output());
    }

    @Test
    void storesTheThreeErrorsAndNothingForTheHealthyRequest() {
        assertEquals(3, errors.size(), errors.toString());
        assertEquals(1, stored.errors().countDocuments(eq("source", "http")));
    }

    @Test
    void storesTheExceptionEscapingTheHandlerWithItsRequest() {
        Document d = stored.errors().find(eq("source", "http")).first();
        assertEquals(false, d.getBoolean("handled"));
        assertEquals("ERROR", d.getString("severity"));
        assertEquals("GET /orders/7 failed: java.lang.IllegalStateException: order 7 is locked", d.getString("message"));
        assertEquals("show", d.getString("function"));
        assertEquals(SourceMarkers.line("com/example/httpserver/HttpServerApp.java", "handler-throw"), d.getInteger("line"));
        Document request = d.get("request", Document.class);
        assertEquals("GET", request.getString("method"));
        assertEquals("/orders/7", request.getString("path"));
        assertEquals("token=[REDACTED]&page=2", request.getString("query"));
        assertEquals("alice", request.getString("user"));
        assertNull(request.get("status"), "no response was sent before the exception");
        assertEquals("alice", d.getString("user_id"));
    }

    @Test
    void anErrorLoggedDuringTheRequestCarriesTheRequest() {
        Document d = stored.errors().find(eq("message", "inventory service slow for order 7")).first();
        assertEquals("jul", d.getString("source"));
        assertEquals(true, d.getBoolean("handled"));
        Document request = d.get("request", Document.class);
        assertEquals("/orders/7", request.getString("path"));
        assertEquals("token=[REDACTED]&page=2", request.getString("query"));
        assertEquals("alice", request.getString("user"));
        assertEquals("alice", d.getString("user_id"));
        assertEquals(SourceMarkers.line("com/example/httpserver/HttpServerApp.java", "in-request"), d.getInteger("line"));
    }

    @Test
    void anErrorLoggedOutsideAnyRequestHasNoRequest() {
        Document d = stored.errors().find(eq("message", "server stopped with 1 failed request")).first();
        assertNull(d.get("request"));
        assertNull(d.get("user_id"));
    }

    @Test
    void theQueryIsNeverStoredRaw() {
        assertEquals(0, stored.errors().countDocuments(com.mongodb.client.model.Filters.regex("request.query", "abc123")));
    }
}
