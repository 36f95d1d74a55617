package dev.faultline.bootstrap;

import java.util.List;
import java.util.Map;

/**
 * One event as copied on the application thread: references to what the application handed its
 * logger, nothing formatted, nothing walked except the call site. Everything costly (formatting
 * the message, reading the throwable, attribution, redaction, encoding) happens later on the
 * agent's writer thread.
 */
public final class CapturedEvent {
    /** {@link #format}: the template holds SLF4J / Logback {@code {}} anchors. */
    public static final int FORMAT_SLF4J = 1;
    /** {@link #format}: the template is a {@code java.text.MessageFormat} pattern (JUL). */
    public static final int FORMAT_MESSAGE_FORMAT = 2;
    /** {@link #format}: the template is the message as is. */
    public static final int FORMAT_NONE = 0;
    /**
     * {@link #format}: {@code args[0]} is the message already formatted on the application thread
     * (a reusable or mutable message that would change before the writer could read it); the
     * template is kept for grouping.
     */
    public static final int FORMAT_FORMATTED = 3;

    /** {@code logback}, {@code jul}, {@code log4j2}, {@code log4j1}, {@code uncaught}, {@code executor}, {@code http}. */
    public final String source;
    /** One of the {@link Severity} numbers. */
    public final int severity;
    /** Epoch milliseconds of the event as the framework stamped it. */
    public final long timestamp;
    public final String logger;
    public final String thread;
    /**
     * The message template as logged (may be null). The agent's intake may replace it (and
     * {@link #args}) by a copy cut to the record caps before the event waits in the queue.
     */
    public String template;
    /** The template's arguments, as references (may be null); never changed in place. */
    public Object[] args;
    /**
     * The message the writer formatted from {@link #template} and {@link #args} and capped, once:
     * a record built ahead (before MongoDB's first answer) and the record itself share it, so
     * that an argument's {@code toString} runs once.
     */
    public String message;
    public final int format;
    public final Throwable throwable;
    /**
     * MDC / ThreadContext snapshot: the framework's own immutable copy (may be null), or the
     * intake's copy of it with over-long text values cut before the event waits (agent's EventSize).
     */
    public Map<String, ?> context;
    /** SLF4J 2 key-value pairs (objects with public {@code key} and {@code value} fields), or null. */
    public final List<?> keyValues;
    /** False for uncaught exceptions and failures nobody observed. */
    public final boolean handled;

    /**
     * The stack at the logging call, kept by the agent's intake only when there is no throwable
     * (a Throwable's native backtrace, no frame objects); resolved on the writer thread.
     */
    public Throwable siteTrace;
    /**
     * Where the logging code above the call site ends, as the framework was told: set by the hook
     * to the framework's FQCN (Log4j2's {@code fqcn}) or to the framework's event to read it from
     * (Logback's {@code LoggingEvent}, JUL's {@code LogRecord} with an explicit source); the
     * agent's intake replaces it by what it read (or null) when the event needs its call site.
     */
    public Object siteBoundary;
    /** The logging call site (from {@link #siteTrace}), or set directly by a hook that knows it. */
    public String siteClass;
    public String siteMethod;
    public String siteFile;
    public int siteLine;

    /** The bytes the agent's queue counts for this event while it waits (set by the intake). */
    public int queueBytes;
    /** Characters the intake cut from {@link #template}, and from the text {@link #args}: the record says how many. */
    public int templateCut;
    public int argumentsCut;

    /** The agent's error-code decision for this event, made on the application thread, or null. */
    public Object codeDecision;

    /**
     * The capturing thread's log events since its previous occurrence was handed over, oldest
     * first (set by the intake), or null; the writer adds them to the thread's {@link #trail}.
     */
    public Breadcrumb[] breadcrumbs;
    /** The capturing thread's breadcrumb trail (an id, never reused), or 0 when breadcrumbs are off. */
    public long trail;
    /** The thread forgot its trail (a request began or ended) before {@link #breadcrumbs}. */
    public boolean trailCleared;

    /**
     * The capturing thread's hook state, so the intake's calls back into the bridge on the same
     * thread need no thread-local look-up; null for an event delivered by an agent thread.
     */
    CallDepth.State state;

    /**
     * The agent's storm entry for this event's key (set by the intake when it counts one), or
     * null; and the events of that key shed before this one, whose count this event carries to
     * the writer (docs/OPERATIONS.md, Storms).
     */
    public Object storm;
    public long shed;

    /** The framework's marker name (Log4j2), or null. */
    public String marker;

    /** The web request in progress on the capturing thread (see {@link RequestContext}), or null. */
    public String requestMethod;
    public String requestPath;
    /** The raw query string; redacted on the agent's side. */
    public String requestQuery;
    /** The authenticated user's name, or null. */
    public String requestUser;
    /** The response status for {@code http} events, 0 when not known. */
    public int requestStatus;

    /**
     * The OpenTelemetry span current where the event happened: its {@code SpanContext}, a
     * reference read on the capturing thread (see {@link TraceContext}), or null.
     */
    public Object spanContext;

    public CapturedEvent(String source, int severity, long timestamp, String logger, String thread,
            String template, Object[] args, int format, Throwable throwable, Map<String, ?> context,
            List<?> keyValues, boolean handled) {
        this.source = source;
        this.severity = severity;
        this.timestamp = timestamp;
        this.logger = logger;
        this.thread = thread;
        this.template = template;
        this.args = args;
        this.format = format;
        this.throwable = throwable;
        this.context = context;
        this.keyValues = keyValues;
        this.handled = handled;
    }
}
