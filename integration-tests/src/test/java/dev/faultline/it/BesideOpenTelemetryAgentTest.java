package dev.faultline.it;

import static com.mongodb.client.model.Filters.eq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * Faultline beside the OpenTelemetry Java agent (exporters off), attached before and after it:
 * the classes the other agent changed (FutureTask, CompletableFuture) are still woven, and a
 * FutureTask failure and a CompletableFuture failure nobody reads, and a logged error, are each
 * stored once. The application fails only after the agent's first health report, which the
 * writer sends once it has woven the classes loaded before premain (the other agent, attached
 * first, loads FutureTask and CompletableFuture before Faultline's premain).
 */
class BesideOpenTelemetryAgentTest {
    @Test
    void storesEachErrorOnceWithTheOpenTelemetryAgentAttachedFirst() throws Exception {
        storesEachErrorOnce(true);
    }

    @Test
    void storesEachErrorOnceWithTheOpenTelemetryAgentAttachedAfterFaultline() throws Exception {
        storesEachErrorOnce(false);
    }

    private static void storesEachErrorOnce(boolean otelFirst) throws Exception {
        Stored stored = Stored.fresh();
        AgentJvm jvm = new AgentJvm(AgentJvm.Jdk.JDK17, "com.example.otel.BesideOtelApp").libs("logback15")
                .besideOpenTelemetry(otelFirst)
                .storingIn(MongoSource.get().uri, stored.database).set("app-packages", "com.example");
        AgentJvm.Result result;
        try (AgentJvm.Running app = jvm.start()) {
            assertEquals("ready " + app.pid(), app.readLine());
            Eventually.await("the agent's first health report", () -> stored.health().countDocuments(), n -> n > 0);
            app.send("fail");
            assertTrue(app.skipTo("done"), "the application finished its work");
            result = app.finish();
        }
        assertEquals(0, result.exit(), result.output());
        assertFalse(result.stderr().contains("could not instrument"), result.stderr());

        List<Document> all = stored.await(stored.errors(), new Document(), 3);
        Document task = one(stored, "task lost");
        assertEquals("executor", task.getString("source"));
        assertTrue(task.getString("message").startsWith("java.util.concurrent.FutureTask failed"), task.getString("message"));
        Document future = one(stored, "future lost");
        assertEquals("executor", future.getString("source"));
        assertTrue(future.getString("message").startsWith("java.util.concurrent.CompletableFuture failed"), future.getString("message"));
        Document logged = one(stored, "logged");
        assertEquals("logback", logged.getString("source"));
        assertEquals("report failed", logged.getString("message"));
        assertEquals(SourceMarkers.line("com/example/otel/BesideOtelApp.java", "otel-logged"), logged.getInteger("line"));
        assertEquals(3, stored.errors().countDocuments(), "the three errors and nothing else: " + all);
    }

    private static Document one(Stored stored, String exceptionMessage) {
        List<Document> found = stored.errors().find(eq("exception.message", exceptionMessage)).into(new java.util.ArrayList<>());
        assertEquals(1, found.size(), exceptionMessage + ": " + stored.all());
        return found.get(0);
    }
}
