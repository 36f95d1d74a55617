package dev.faultline.bootstrap;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The OpenTelemetry span current on the capturing thread, as a reference: the span's immutable
 * {@code SpanContext}, read through the OpenTelemetry Java agent's API (its shaded copy is on
 * the boot class path, and the agent bridges an application's own {@code io.opentelemetry.api}
 * spans into it). The agent's writer reads the ids from it ({@code trace_id}, {@code span_id}).
 *
 * <p>Resolved once, at the first capture, never in premain: an OpenTelemetry agent attached after
 * Faultline has put its API on the boot class path only after Faultline's premain. Without it,
 * one failed class look-up once, then one volatile read per capture.
 */
public final class TraceContext {
    /** The OpenTelemetry Java agent 1.x and 2.x (checked with 2.33.1) shade its API under this name. */
    static final String SPAN = "io.opentelemetry.javaagent.shaded.io.opentelemetry.api.trace.Span";
    /** The type of what {@link #current()} returns: {@code isValid()}, {@code getTraceId()}, {@code getSpanId()}. */
    public static final String SPAN_CONTEXT = SPAN + "Context";
    private static final Object ABSENT = new Object();

    /** Null until resolved, then {@link #ABSENT} or the handle {@code () -> Span.current().getSpanContext()}. */
    private static volatile Object current;

    private TraceContext() {
    }

    /** The current span's context, or null when there is no OpenTelemetry agent. Never throws. */
    public static Object current() {
        Object handle = current;
        if (handle == null) {
            handle = resolve();
        }
        if (handle == ABSENT) {
            return null;
        }
        try {
            return (Object) ((MethodHandle) handle).invokeExact();
        } catch (Throwable t) {
            return null;
        }
    }

    /**
     * Resolves the handle now if the OpenTelemetry agent's API is there already: called by the
     * agent's writer thread once its weaving is done, so that the first captured error does not
     * pay for it (about 20 ms of method-handle set-up and linking, measured). Never decides "absent": an
     * OpenTelemetry agent attached after Faultline may not have run its premain yet.
     */
    public static void prime() {
        if (current != null) {
            return;
        }
        try {
            Class.forName(SPAN, false, null);
        } catch (Throwable t) {
            return;
        }
        resolve();
        current(); // the first invocation links the handle's invoker: as costly as resolving it
    }

    private static Object resolve() {
        Object handle;
        try {
            Class<?> span = Class.forName(SPAN, false, null);
            Class<?> spanContext = Class.forName(SPAN_CONTEXT, false, null);
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            MethodHandle now = lookup.findStatic(span, "current", MethodType.methodType(span));
            MethodHandle context = lookup.findVirtual(span, "getSpanContext", MethodType.methodType(spanContext));
            handle = MethodHandles.filterReturnValue(now, context).asType(MethodType.methodType(Object.class));
        } catch (Throwable t) {
            handle = ABSENT;
        }
        current = handle;
        return handle;
    }

    /** Copies the current span into an event being captured on this thread. */
    static void copyTo(CapturedEvent event) {
        if (event.spanContext == null) {
            event.spanContext = current();
        }
    }
}
