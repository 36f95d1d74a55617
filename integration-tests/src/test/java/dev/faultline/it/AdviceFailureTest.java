package dev.faultline.it;

import static com.mongodb.client.model.Filters.eq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * An exception thrown inside an advice body (com.example.faulty.FaultyEventApp: a Logback event
 * whose MDC fails on the advice's read) is swallowed for the application and counted in
 * {@code agent_health.advice_errors}. The neighbour, a run where no advice throws, keeps the
 * count at 0: every scenario asserts that (e.g. LogbackScenario).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExpectAdviceErrors(because = "the app hands Logback an event whose getMDCPropertyMap() throws once: the advice fails on purpose")
class AdviceFailureTest {
    private final Stored stored = Stored.fresh();
    private AgentJvm.Result run;

    @BeforeAll
    void runTheApp() throws Exception {
        run = new AgentJvm(AgentJvm.Jdk.JDK17, "com.example.faulty.FaultyEventApp").libs("logback15")
                .storingIn(MongoSource.get().uri, stored.database)
                .set("service", "faulty").set("app-packages", "com.example").run();
    }

    @Test
    void theApplicationRunsToTheEndAndItsAppendersSeeTheFaultyEvent() {
        assertEquals(0, run.exit(), run.output());
        assertTrue(run.stdout().contains("ERROR [main] com.example.faulty.FaultyEventApp - an event whose MDC fails once"),
                run.output());
        assertTrue(run.stdout().contains("faulty: done"), run.output());
        assertFalse(run.stderr().contains("MDC unavailable"), "the advice's exception reached the output: " + run.output());
    }

    @Test
    void laterErrorsAreStillStoredAndTheFaultyEventIsNot() throws Exception {
        List<Document> errors = stored.await(stored.errors(), new Document(), 1);
        assertEquals(1, errors.size(), errors.toString());
        Document d = errors.get(0);
        assertEquals("an error after the faulty event", d.getString("message"));
        assertEquals("logback", d.getString("source"));
        assertEquals("later failure", d.get("exception", Document.class).getString("message"));
    }

    @Test
    void agentHealthCountsExactlyOneAdviceError() throws Exception {
        List<Document> health = stored.await(stored.health(), eq("advice_errors", 1L), 1);
        assertEquals(1, stored.health().countDocuments(), "one agent_health document per JVM");
        assertEquals(1, health.size(), "advice_errors never became 1: " + stored.health().find().first());
        Document h = health.get(0);
        assertEquals(1L, h.getLong("advice_errors"));
        assertEquals(1L, h.getLong("captured"));
        assertEquals(1L, h.getLong("written"));
        assertEquals(0L, h.getLong("dropped_total"), h.toJson());
    }
}
