package dev.faultline.it;

import static com.mongodb.client.model.Filters.eq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Spring MVC 6 on Tomcat 10.1 (com.example.spring.SpringMvcApp): resolved 5xx, resolved 404, escaped. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SpringMvcTest {
    private final Stored stored = Stored.fresh();
    private AgentJvm.Result run;
    private List<Document> errors;

    @BeforeAll
    void runTheApp() throws Exception {
        run = new AgentJvm(AgentJvm.Jdk.JDK17, "com.example.spring.SpringMvcApp").libs("spring")
                .storingIn(MongoSource.get().uri, stored.database)
                .set("service", "orders").set("app-packages", "com.example")
                .run();
        errors = stored.await(stored.errors(), new Document(), 2);
    }

    @Test
    void appAnswersAsItsHandlersSay() {
        assertEquals(0, run.exit(), run.output());
        assertTrue(run.stdout().contains("GET /api/orders/7 -> 500"), run.output());
        assertTrue(run.stdout().contains("GET /api/orders/404 -> 404"), run.output());
        assertTrue(run.stdout().contains("GET /api/crash -> 500"), run.output());
        assertTrue(run.stdout().contains("GET /api/ok -> 200"), run.output());
    }

    @Test
    void storesTheTwo5xxFailuresOnlyOnceEach() {
        assertEquals(2, errors.size(), errors.toString());
        assertEquals(2, stored.errors().countDocuments(eq("source", "http")));
    }

    @Test
    void storesAnExceptionResolvedIntoA500WithItsRequest() {
        Document d = stored.errors().find(eq("exception.type", "java.lang.IllegalStateException")).first();
        assertEquals("http", d.getString("source"));
        assertEquals(false, d.getBoolean("handled"));
        assertEquals("order", d.getString("function"));
        assertEquals(SourceMarkers.line("com/example/spring/OrdersController.java", "spring-resolved"), d.getInteger("line"));
        Document request = d.get("request", Document.class);
        assertEquals("/api/orders/7", request.getString("path"));
        assertEquals("token=[REDACTED]&page=1", request.getString("query"));
        assertEquals(500, request.getInteger("status"));
    }

    @Test
    void neverStoresAnExceptionResolvedIntoA404() {
        assertEquals(0, stored.errors().countDocuments(eq("exception.type", "java.util.NoSuchElementException")));
    }

    @Test
    void storesAnUnresolvedExceptionEscapingTheDispatcherOnce() {
        Document d = stored.errors().find(eq("request.path", "/api/crash")).first();
        assertEquals("jakarta.servlet.ServletException", d.get("exception", Document.class).getString("type"));
        assertEquals("crash", d.getString("function"), "attributed to the in-app frame of the root cause");
        assertEquals(SourceMarkers.line("com/example/spring/OrdersController.java", "spring-escaped"), d.getInteger("line"));
        assertEquals(500, d.get("request", Document.class).getInteger("status"));
    }
}
