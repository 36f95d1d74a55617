package dev.faultline.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.faultline.bootstrap.CapturedEvent;
import dev.faultline.bootstrap.Severity;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** trace_id / span_id from the MDC keys OpenTelemetry's log integrations write, when no span was kept. */
class TraceFieldsTest {
    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String SPAN = "00f067aa0ba902b7";

    private static Document fields(Map<String, ?> context) {
        CapturedEvent e = new CapturedEvent("logback", Severity.ERROR, 0L, "com.acme.Orders", "main",
                "failed", null, CapturedEvent.FORMAT_SLF4J, null, context, null, true);
        Document doc = new Document();
        TraceFields.addTo(doc, e);
        return doc;
    }

    @Test
    void traceKeysInTheContextBecomeTopLevelFields() {
        Document doc = fields(Map.of("trace_id", TRACE, "span_id", SPAN, "trace_flags", "01"));
        assertEquals(TRACE, doc.getString("trace_id"));
        assertEquals(SPAN, doc.getString("span_id"));
        assertEquals(2, doc.size(), doc.toJson());
    }

    @Test
    void aRecordWithoutSpanOrTraceKeysHasNeitherField() {
        assertEquals(new Document(), fields(Map.of("user_id", "u-17")));
        assertEquals(new Document(), fields(null));
    }

    @Test
    void idsThatAreNotOpenTelemetryIdsAreNotPromoted() {
        assertFalse(fields(Map.of("trace_id", TRACE.toUpperCase(), "span_id", SPAN)).containsKey("trace_id"));
        assertFalse(fields(Map.of("trace_id", "0".repeat(32), "span_id", SPAN)).containsKey("trace_id"));
        assertFalse(fields(Map.of("trace_id", TRACE, "span_id", SPAN + "0")).containsKey("trace_id"));
        assertFalse(fields(Map.of("trace_id", TRACE)).containsKey("trace_id"));
    }
}
