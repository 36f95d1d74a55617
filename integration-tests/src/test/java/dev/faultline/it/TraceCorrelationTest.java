package dev.faultline.it;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.otel.TracedApp;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * Trace correlation beside the OpenTelemetry Java agent (exporters off), attached before and
 * after Faultline: errors logged through Logback and through Log4j2 inside the JDK server's
 * request span, and the exception escaping the handler, carry the request's {@code trace_id}
 * and the server span's {@code span_id}; the same errors logged after the server stopped,
 * outside any span, carry neither. Both frameworks run in one JVM per order (the other agent
 * makes each child JVM cost seconds).
 */
class TraceCorrelationTest {
    @Test
    void recordsInsideASpanCarryItsIdsWithTheOpenTelemetryAgentAttachedFirst() throws Exception {
        recordsInsideASpanCarryItsIds(true);
    }

    @Test
    void recordsInsideASpanCarryItsIdsWithTheOpenTelemetryAgentAttachedAfterFaultline() throws Exception {
        recordsInsideASpanCarryItsIds(false);
    }

    private static void recordsInsideASpanCarryItsIds(boolean otelFirst) throws Exception {
        Stored stored = Stored.fresh();
        AgentJvm.Result run = new AgentJvm(AgentJvm.Jdk.JDK17, "com.example.otel.TracedApp")
                .libs("logback15").libs("log4j2")
                .besideOpenTelemetry(otelFirst)
                .storingIn(MongoSource.get().uri, stored.database).set("app-packages", "com.example")
                .run();
        assertEquals(0, run.exit(), run.output());
        assertTrue(run.stdout().contains("traced: done"), run.output());
        stored.await(stored.errors(), new Document(), 5);

        Document logback = logged(stored, "logback", "inventory service slow for order 7", "traced-logback");
        assertEquals(TracedApp.TRACE_ID, logback.getString("trace_id"), logback.toJson());
        String spanId = logback.getString("span_id");
        assertTrue(spanId != null && spanId.matches("[0-9a-f]{16}"), logback.toJson());
        assertNotEquals(TracedApp.PARENT_SPAN_ID, spanId, "the server's own span, not the client's");

        Document log4j2 = logged(stored, "log4j2", "inventory service slow for order 7", "traced-log4j2");
        assertEquals(TracedApp.TRACE_ID, log4j2.getString("trace_id"), log4j2.toJson());
        assertEquals(spanId, log4j2.getString("span_id"), "the same server span");

        Document http = stored.errors().find(eq("source", "http")).first();
        assertEquals("GET /orders/7 failed: java.lang.IllegalStateException: order 7 is locked", http.getString("message"));
        assertEquals(TracedApp.TRACE_ID, http.getString("trace_id"), http.toJson());
        assertEquals(spanId, http.getString("span_id"), "the same server span");

        for (String source : new String[] {"logback", "log4j2"}) {
            Document outside = logged(stored, source, "server stopped with 1 failed request", "untraced-" + source);
            assertFalse(outside.containsKey("trace_id"), outside.toJson());
            assertFalse(outside.containsKey("span_id"), outside.toJson());
        }
        assertEquals(5, stored.errors().countDocuments(), "the five errors and nothing else: " + stored.all());
    }

    private static Document logged(Stored stored, String source, String message, String marker) {
        Document d = stored.errors().find(and(eq("source", source), eq("message", message))).first();
        assertTrue(d != null, source + " '" + message + "': " + stored.all());
        assertEquals(SourceMarkers.line("com/example/otel/TracedApp.java", marker), d.getInteger("line"));
        return d;
    }
}
