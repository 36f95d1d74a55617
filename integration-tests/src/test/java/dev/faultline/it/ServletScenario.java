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
 * A servlet that logs an error and then lets an exception escape, behind a filter that names the
 * user; subclasses choose the servlet generation and container (javax on Jetty 9.4 and 10 and
 * Tomcat 9, jakarta on Tomcat 10.1 and 11 and Jetty 12).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ServletScenario {
    private final Stored stored = Stored.fresh();
    private AgentJvm.Result run;
    private List<Document> errors;

    abstract String mainClass();

    abstract String libs();

    abstract String sourceFile();

    /** The application's arguments. */
    String[] args() {
        return new String[0];
    }

    @BeforeAll
    void runTheApp() throws Exception {
        run = new AgentJvm(AgentJvm.Jdk.JDK17, mainClass()).libs(libs()).args(args())
                .storingIn(MongoSource.get().uri, stored.database)
                .set("service", "orders").set("app-packages", "com.example")
                .run();
        errors = stored.await(stored.errors(), new Document(), 2);
    }

    @Test
    void appRunsToTheEndAndTheContainerAnswers500() {
        assertEquals(0, run.exit(), run.output());
        assertTrue(run.stdout().contains("GET /orders/7 -> 500"), run.output());
        assertTrue(run.stdout().contains("GET /health -> 200"), run.output());
        assertTrue(run.stdout().contains("servlet: done"), run.output());
    }

    @Test
    void storesTheEscapingExceptionOnceAndTheLoggedError() throws Exception {
        assertEquals(2, errors.size(), errors.toString());
        assertEquals(1, stored.errors().countDocuments(eq("source", "http")));
        assertEquals(1, stored.errors().countDocuments(eq("source", "jul")));
    }

    @Test
    void storesTheEscapingExceptionWithRequestUserAndStatus() {
        Document d = stored.errors().find(eq("source", "http")).first();
        assertEquals(false, d.getBoolean("handled"));
        assertEquals("GET /orders/7 failed: java.lang.IllegalStateException: order 7 is locked", d.getString("message"));
        assertEquals("doGet", d.getString("function"));
        assertEquals(SourceMarkers.line(sourceFile(), "servlet-throw"), d.getInteger("line"));
        Document request = d.get("request", Document.class);
        assertEquals("GET", request.getString("method"));
        assertEquals("/orders/7", request.getString("path"));
        assertEquals("session=[REDACTED]&page=2", request.getString("query"));
        assertEquals("bob", request.getString("user"));
        assertEquals(500, request.getInteger("status"));
        assertEquals("bob", d.getString("user_id"));
    }

    @Test
    void anErrorLoggedInTheServletCarriesTheRequest() {
        Document d = stored.errors().find(eq("source", "jul")).first();
        assertEquals("stock service slow for /7", d.getString("message"));
        Document request = d.get("request", Document.class);
        assertEquals("/orders/7", request.getString("path"));
        assertEquals("bob", request.getString("user"));
        assertEquals(null, request.get("status"), "still in progress when logged");
        assertEquals(SourceMarkers.line(sourceFile(), "servlet-in-request"), d.getInteger("line"));
    }
}
