package dev.faultline.it;

import static com.mongodb.client.model.Filters.eq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A Spring Boot web application (examples/spring-boot-logback's source) packaged as a fat jar and
 * run as users run it: {@code java -javaagent:faultline-agent.jar -jar orders.jar}, stopped with
 * SIGTERM. The test sends a request that fails, one that logs an error and one that succeeds.
 * Subclasses choose the packaging module (Boot 3.5 with Logback or Log4j2, Boot 2.7: javax) and the JDK.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SpringBootFatJarScenario {
    private static final String SOURCE = "spring-boot-logback/src/main/java/com/example/boot/OrdersController.java";
    private final Stored stored = Stored.fresh();
    private final Map<String, Integer> answers = new LinkedHashMap<>();
    private AgentJvm.Result run;

    /** The module under examples/ whose target/orders.jar is run. */
    abstract String module();

    /** The {@code source} of the logged error: the application's logging framework. */
    abstract String logging();

    /** What Spring wraps an exception escaping the DispatcherServlet in. */
    abstract String escapingType();

    AgentJvm.Jdk jdk() {
        return AgentJvm.Jdk.JDK17;
    }

    @BeforeAll
    void runTheAppAndSendRequests() throws Exception {
        AgentJvm jvm = AgentJvm.jar(jdk(), AgentJvm.examplesDir().resolve(module()).resolve("target/orders.jar"))
                .storingIn(MongoSource.get().uri, stored.database)
                .set("service", "orders").set("app-packages", "com.example")
                .args("--server.port=0")
                // C1 only: Spring's start-up is the cost of this class on CI's two cores (about a third less).
                .jvmOption("-XX:TieredStopAtLevel=1");
        try (AgentJvm.Running app = jvm.start()) {
            int port = Integer.parseInt(app.awaitLine("orders listening on port ").trim());
            Http http = new Http(URI.create("http://127.0.0.1:" + port));
            for (String path : new String[] {"/orders/7?token=t0k3n&page=2", "/payments/3", "/health"}) {
                answers.put(path, http.get(path).status());
            }
            stored.await(stored.errors(), new Document(), 2);
            run = app.terminate();
        }
    }

    @Test
    void theApplicationAnswersAsItsHandlersSayAndStopsOnSigterm() {
        assertEquals(Map.of("/orders/7?token=t0k3n&page=2", 500, "/payments/3", 200, "/health", 200), answers);
        assertEquals(143, run.exit(), run.output());
        // Nothing to say about classes it never loads (Log4j2's AsyncLogger without its disruptor
        // library, woven ahead of its load on the first start of a build: a debug line at most).
        assertFalse(run.stderr().contains("could not instrument"), run.stderr());
    }

    @Test
    void storesTheFailedRequestAtTheThrowingLineWithItsRequest() {
        Document d = stored.errors().find(eq("source", "http")).first();
        assertEquals(false, d.getBoolean("handled"));
        assertEquals(escapingType(), d.get("exception", Document.class).getString("type"));
        assertEquals("com/example/boot/OrdersController.java", d.getString("file"));
        assertEquals("order", d.getString("function"), "the in-app frame of the root cause");
        assertEquals(SourceMarkers.line(SOURCE, "boot-throw"), d.getInteger("line"));
        assertEquals(new Document("method", "GET").append("path", "/orders/7").append("query", "token=[REDACTED]&page=2")
                .append("user", null).append("status", 500), d.get("request", Document.class));
    }

    @Test
    void storesTheLoggedErrorAtItsLineWithItsRequest() {
        Document d = stored.errors().find(eq("source", logging())).first();
        assertEquals("payment gateway timed out for payment 3", d.getString("message"));
        assertEquals("com.example.boot.OrdersController", d.getString("logger"));
        assertEquals("com/example/boot/OrdersController.java", d.getString("file"));
        assertEquals("payment", d.getString("function"));
        assertEquals(SourceMarkers.line(SOURCE, "boot-logged"), d.getInteger("line"));
        assertEquals("/payments/3", d.get("request", Document.class).getString("path"));
        assertEquals(null, d.get("request", Document.class).get("status"), "logged while the request was running");
    }

    @Test
    void storesEachErrorOnceAndNothingForTheRequestThatSucceeded() {
        // Tomcat's own ERROR log of the escaping exception (JULI -> JUL -> SLF4J) is the same error.
        assertEquals(2, stored.errors().countDocuments(), stored.all().toString());
        assertEquals(1, stored.errors().countDocuments(eq("source", "http")));
        assertEquals(1, stored.errors().countDocuments(eq("source", logging())));
    }
}
