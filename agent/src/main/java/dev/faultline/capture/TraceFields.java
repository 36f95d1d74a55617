package dev.faultline.capture;

import dev.faultline.bootstrap.CapturedEvent;
import dev.faultline.bootstrap.TraceContext;
import java.lang.reflect.Method;
import org.bson.Document;

/**
 * {@code trace_id} and {@code span_id} of a record made inside an OpenTelemetry span: from the
 * span context the bridge kept ({@link TraceContext}), else from the context keys
 * {@code trace_id} / {@code span_id} that OpenTelemetry's MDC integrations write (an application
 * with its own OpenTelemetry SDK and no agent). Absent outside a span. Writer thread only.
 */
final class TraceFields {
    private static final int TRACE_ID_LENGTH = 32;
    private static final int SPAN_ID_LENGTH = 16;

    /** {@code isValid}, {@code getTraceId}, {@code getSpanId} of the agent's SpanContext, found once. */
    private static Method[] accessors;

    private TraceFields() {
    }

    static void addTo(Document doc, CapturedEvent e) {
        String traceId = null;
        String spanId = null;
        if (e.spanContext != null) {
            try {
                Method[] m = accessors(e.spanContext);
                if (Boolean.TRUE.equals(m[0].invoke(e.spanContext))) {
                    traceId = (String) m[1].invoke(e.spanContext);
                    spanId = (String) m[2].invoke(e.spanContext);
                }
            } catch (ReflectiveOperationException | RuntimeException | LinkageError ignored) {
                // Another agent's API of an unknown shape: no ids rather than no record.
            }
        }
        if (traceId == null) {
            traceId = ContextReader.value(e.context, e.keyValues, "trace_id");
            spanId = ContextReader.value(e.context, e.keyValues, "span_id");
        }
        if (isHex(traceId, TRACE_ID_LENGTH) && isHex(spanId, SPAN_ID_LENGTH)) {
            doc.put("trace_id", traceId);
            doc.put("span_id", spanId);
        }
    }

    private static Method[] accessors(Object spanContext) throws ReflectiveOperationException {
        Method[] m = accessors;
        if (m == null) {
            Class<?> type = Class.forName(TraceContext.SPAN_CONTEXT, false, spanContext.getClass().getClassLoader());
            m = new Method[] {type.getMethod("isValid"), type.getMethod("getTraceId"), type.getMethod("getSpanId")};
            accessors = m;
        }
        return m;
    }

    /** OpenTelemetry's ids are lower-case hex of a fixed length, all zeros being invalid. */
    static boolean isHex(String id, int length) {
        if (id == null || id.length() != length) {
            return false;
        }
        boolean nonZero = false;
        for (int i = 0; i < length; i++) {
            char c = id.charAt(i);
            if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
                return false;
            }
            nonZero |= c != '0';
        }
        return nonZero;
    }
}
