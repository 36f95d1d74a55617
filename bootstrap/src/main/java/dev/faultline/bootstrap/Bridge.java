package dev.faultline.bootstrap;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The only agent class woven advice calls. The protocol of every logging hook:
 *
 * <pre>
 * enter: if (!Bridge.captures(severity) &amp;&amp; !Bridge.mayCarryCode(context, keyValues)) return null;
 *        return Bridge.capture(...);          // a token: null, ENTERED or SKIP
 * exit:  Bridge.exit(token);                  // also when the method throws
 * </pre>
 *
 * An enabled log call that is not captured is remembered instead as a breadcrumb of the
 * thread's next occurrence: the enter advice returns {@code Bridge.crumb(...)}, also a token.
 *
 * The enter advice is declared with {@code skipOn = Bridge.Skip.class}: the token {@link #SKIP}
 * keeps the event away from the application's own appenders (an event suppressed by an active
 * error code with {@code suppress-duplicate-logs=true}).
 *
 * <p>Until the agent installs its sink, nothing is captured: the threshold sits above every
 * severity and code tracking is off, so a log call costs one volatile read.
 */
public final class Bridge {
    private static final int OFF = Integer.MAX_VALUE;
    /** Context keys that make an event tracked whatever its level (DESIGN.md section 3). */
    public static final String ERROR_CODE = "error_code";
    public static final String ERROR_CODE_CLEAR = "error_code_clear";

    /** Token type for {@code skipOn}: the instrumented method body is not run. */
    public static final class Skip {
        Skip() {
        }
    }

    /** Token: this hook took the call depth and releases it on exit. */
    public static final Object ENTERED = new Object();
    /** Token: skip the application's appenders; the depth is already released. */
    public static final Object SKIP = new Skip();

    private static volatile int threshold = OFF;
    private static volatile boolean trackCodes;
    private static volatile EventSink sink;
    /** {@code breadcrumbs.size}; 0 while off or before the agent installs its sink. */
    private static volatile int crumbs;
    private static final AtomicLong ADVICE_ERRORS = new AtomicLong();
    private static final AtomicLong NESTED_DROPPED = new AtomicLong();
    private static final AtomicLong UNREADABLE_PARTS = new AtomicLong();

    private Bridge() {
    }

    /**
     * Called once by the agent when it starts. {@code captureSeverity} is the one copy of
     * {@code capture.level}: the agent asks {@link #captures(int)} too.
     */
    public static void install(EventSink eventSink, int captureSeverity, boolean codes) {
        sink = eventSink;
        trackCodes = codes;
        threshold = captureSeverity;
    }

    /**
     * Called by the agent at start: how many log events each thread remembers for the breadcrumbs
     * of its next occurrence ({@code breadcrumbs.size}, 0 = off).
     */
    public static void rememberLogEvents(int perThread) {
        crumbs = perThread;
    }

    /** Stops all capture (agent shutting down or switched off). */
    public static void uninstall() {
        crumbs = 0;
        threshold = OFF;
        trackCodes = false;
        sink = null;
    }

    /** The cheap first check of every hook: is an event of this severity recorded at all? */
    public static boolean captures(int severity) {
        return severity >= threshold;
    }

    /**
     * Below the capture level, an event is still tracked when its context carries an error code:
     * two hash look-ups on the (usually empty) context, or any SLF4J 2 key-value pair (rare; the
     * agent looks inside on its side).
     */
    public static boolean mayCarryCode(Map<String, ?> context, List<?> keyValues) {
        if (!trackCodes) {
            return false;
        }
        if (context != null && !context.isEmpty()
                && (context.containsKey(ERROR_CODE) || context.containsKey(ERROR_CODE_CLEAR))) {
            return true;
        }
        return keyValues != null && !keyValues.isEmpty();
    }

    /** JUL: a {@code Map} among the record's parameters is the event's context (error codes). */
    @SuppressWarnings("unchecked")
    public static Map<String, ?> mapIn(Object[] parameters) {
        if (parameters != null) {
            for (Object p : parameters) {
                if (p instanceof Map) {
                    return (Map<String, ?>) p;
                }
            }
        }
        return null;
    }

    /**
     * Takes the shared call depth and, when this is the outermost hook on the thread or the
     * backend's hook inside a bridge's held call ({@link #bridged}, same logger name), hands one
     * event to the agent: one call across the class-loader boundary. Never throws.
     *
     * @return the token the exit advice passes to {@link #exit(Object)}: {@link #ENTERED}, or
     *     {@link #SKIP} when the application's own appenders must not see this event
     */
    public static Object capture(String source, int severity, long timestamp, String logger,
            String thread, String template, Object[] args, int format, Throwable throwable,
            Map<String, ?> context, List<?> keyValues, boolean handled) {
        return capture(source, severity, timestamp, logger, thread, template, args, format, throwable,
                context, keyValues, handled, null);
    }

    /** {@link #capture} with the framework's marker name (Log4j2). */
    public static Object capture(String source, int severity, long timestamp, String logger,
            String thread, String template, Object[] args, int format, Throwable throwable,
            Map<String, ?> context, List<?> keyValues, boolean handled, String marker) {
        return capture(source, severity, timestamp, logger, thread, template, args, format, throwable,
                context, keyValues, handled, marker, null);
    }

    /**
     * {@link #capture} with the marker name and where the framework was told the logging code
     * ends ({@link CapturedEvent#siteBoundary}: the FQCN, or the framework's event to read it
     * from; a reference, read by the agent only when the event needs its call site).
     */
    public static Object capture(String source, int severity, long timestamp, String logger,
            String thread, String template, Object[] args, int format, Throwable throwable,
            Map<String, ?> context, List<?> keyValues, boolean handled, String marker, Object siteBoundary) {
        CallDepth.State state = CallDepth.state();
        String formatted = null;
        String hook = source; // this hook's framework (the stored source may become the outer API's)
        int depth = ++state.depth;
        if (depth >= CallDepth.IN_AGENT) {
            return causedByAgent(state);
        }
        // Noted whatever it turns out to be, so that what is nested in it is compared with it,
        // never with a stale entry (and with this hook's own logger, before a bridge's replaces it).
        state.took(depth, hook, logger, throwable);
        if (depth != 1) {
            BridgedCall outer = state.open;
            if (depth != 2 || outer == null || outer.taken || !outer.isBackend(hook, logger, throwable, template)) {
                if (!state.madeDuring(depth, hook, logger, throwable)) {
                    return ENTERED; // the outer call in a second framework
                }
                if (depth > CallDepth.NESTED_MAX) {
                    // Too deep to capture: counted once (the same call in a second framework
                    // nested in it is compared with it, and not counted again).
                    NESTED_DROPPED.incrementAndGet();
                    return ENTERED;
                }
                // A call made during another (an argument's toString() that logs, an appender):
                // its own event, captured below.
                return take(state, source, severity, timestamp, logger, thread, template, args, format, throwable,
                        context, keyValues, handled, marker, siteBoundary, null);
            }
            // The backend's hook inside a bridge's outer hook: the call is captured here, with this
            // framework's MDC and the outer API's template, arguments and call-site boundary.
            outer.taken = true;
            logger = outer.logger; // the name the application called (a bridge may rename it)
            if (outer.source != null) {
                source = outer.source;
            }
            // FORMAT_FORMATTED: this hook's text is the message, made an argument only for an
            // event that is made (not for a shed call).
            formatted = outer.format == CapturedEvent.FORMAT_FORMATTED ? template : null;
            args = outer.args;
            template = outer.template;
            format = outer.format;
            if (outer.siteBoundary != null) {
                siteBoundary = outer.siteBoundary;
            }
        }
        return take(state, source, severity, timestamp, logger, thread, template, args, format, throwable,
                context, keyValues, handled, marker, siteBoundary, formatted);
    }

    /**
     * The outer hook of a bridge (JUL, whose handler may be jul-to-slf4j's; log4j-to-slf4j's
     * logger): holds the call open until {@link #exit}, so that the backend's hook nested in it
     * captures it with its own MDC and this call's template, arguments and boundary. When none
     * did by the exit, the call is captured then, from what is held, if {@code source} is set
     * (JUL alone); a {@code source} of null never captures alone (log4j-to-slf4j into a backend
     * without a hook: nothing, as without this hook). Costs reference writes into the thread's
     * holder. Nested in another hook, it is that hook's nested call. Never throws.
     *
     * @param format a {@code CapturedEvent.FORMAT_*}; {@code FORMAT_FORMATTED} with null
     *     {@code args}: the backend's text is the message, {@code template} its template
     * @return the token for {@link #exit(Object)}, or null when nothing was taken
     */
    public static Object bridged(String source, int severity, long timestamp, String logger, String thread,
            String template, Object[] args, int format, Throwable throwable, Object siteBoundary) {
        CallDepth.State state = CallDepth.state();
        if (state.depth != 0) {
            if (state.depth >= CallDepth.IN_AGENT) {
                return SKIP;
            }
            if (source == null) {
                int depth = ++state.depth;
                // A pass-through (log4j-to-slf4j) holds no call of its own. Under the logger name
                // of the call below, it is that call, and so is its backend's hook's. A call of
                // another logger is its own, made during that one: so is what its backend's hook
                // sees (whose throwable is never NOTHING_HELD).
                boolean same = depth < CallDepth.TRACKED && logger != null && logger.equals(state.loggers[depth - 1]);
                state.took(depth, null, logger, same ? state.thrown[depth - 1] : CallDepth.NOTHING_HELD);
                return ENTERED;
            }
            // Nested in another bridge's call (log4j-to-slf4j into slf4j-jdk14 into JUL): a backend.
            return capture(source, severity, timestamp, logger, thread, template, args, format, throwable,
                    null, null, true, null, siteBoundary);
        }
        if (sink == null || logger == null) {
            return null;
        }
        state.depth = 1;
        state.took(1, source, logger, throwable);
        state.bridged.open(source, severity, timestamp, logger, thread, template, args, format, throwable,
                siteBoundary);
        return state.bridged;
    }

    /**
     * SLF4J, still initialising, queued a call for replay ({@code SubstituteLoggingEvent}'s
     * constructor; SLF4J 1.7.15 and later): when the outermost hook on this thread took the call it
     * is made in (a JUL record held open, whose jul-to-slf4j handler reached a
     * {@code SubstituteLogger} instead of the backend, is captured at JUL's exit), its replay is
     * that call and is not captured again ({@link #replayed}). Not under log4j-to-slf4j's held
     * call, which never captures alone: the replay is its only capture, as for a direct SLF4J call.
     * A call that is never captured where it is made (the agent's threads, its own work on this
     * thread, nested too deep) is not at its replay either. Runs only while SLF4J initialises.
     * Never throws.
     */
    public static void substituted(Object event) {
        CallDepth.State state = CallDepth.state();
        int depth = state.depth;
        BridgedCall open = state.open;
        try {
            if (depth > CallDepth.NESTED_MAX) {
                // The agent's threads, its own work on this one, a call nested too deep: none is
                // captured here, nor at its replay.
                Substituted.never(event);
            } else if (depth == 1 && (open == null || open.source != null)) {
                // The outermost hook's call (always noted at depth 1; a deeper hook that let its
                // call pass noted nothing): a call made deeper is its own, captured at its replay.
                Substituted.hold(event, state.loggers[1], state.thrown[1]);
            }
        } catch (Throwable t) {
            adviceFailed(t);
        }
    }

    /**
     * SLF4J replays a queued {@code event} of {@code logger} (its {@code replaySingleEvent}): when
     * a hook captured the call that queued it ({@link #substituted}; same logger and throwable),
     * the backend's hook nested in the replay sees that call in a second framework and lets it
     * pass. Any other replayed event (a direct SLF4J call made during initialisation) is captured
     * by the backend's hook, once, as its own event.
     *
     * @return the token for {@link #exit(Object)}, or null when nothing was taken
     */
    public static Object replayed(Object event, String logger, Throwable throwable) {
        if (event == null) {
            return null;
        }
        boolean captured = Substituted.capturedBefore(event, logger, throwable);
        CallDepth.State state = CallDepth.state();
        if (!captured && state.depth == 0) {
            return null; // the backend's hook is the outermost: it captures the call as any other
        }
        int depth = ++state.depth;
        // Captured before: the backend's hook sees that call (same logger and throwable) and lets
        // it pass. Else the replay runs inside a hook's call (the JUL record whose handler started
        // SLF4J's initialisation): nothing held, so that the backend's hook captures it as its
        // own event, never as the call held open on this thread.
        state.took(depth, null, logger, captured ? throwable : CallDepth.NOTHING_HELD);
        return ENTERED;
    }

    /** {@link #exit} of a bridged call: captured from what is held when no nested hook took it. */
    private static void close(BridgedCall call) {
        CallDepth.State state = call.state;
        try {
            if (!call.taken && call.source != null) {
                take(state, call.source, call.severity, call.timestamp, call.logger, call.thread, call.template,
                        call.args, call.format, call.throwable, null, null, true, null, call.siteBoundary, null);
            }
        } finally {
            call.close();
            state.thrown[1] = null;
            state.depth = 0;
        }
    }

    /**
     * A log call the agent caused: the application's code the agent runs on its own threads (an
     * argument's {@code toString()} the writer formats, an exception's {@code getMessage()}) or on
     * the application's during a capture (an error code's {@code toString()}, a Log4j2 message the
     * advice formats). Neither captured, nor counted, nor handed to the application's appenders:
     * its log shows what it shows without the agent (the same call made by its own appender's
     * formatting is captured there).
     */
    private static Object causedByAgent(CallDepth.State state) {
        state.depth--;
        return SKIP;
    }

    /**
     * The capture itself, by the hook that holds the call depth; {@code formatted}: the message
     * text of a {@code FORMAT_FORMATTED} event whose {@code args} are still to be made, or null.
     */
    private static Object take(CallDepth.State state, String source, int severity, long timestamp, String logger,
            String thread, String template, Object[] args, int format, Throwable throwable,
            Map<String, ?> context, List<?> keyValues, boolean handled, String marker, Object siteBoundary,
            String formatted) {
        EventSink target = sink;
        if (target == null) {
            return ENTERED;
        }
        Object verdict = null;
        // A log call the agent's own code causes here (an error code's toString() that logs) is
        // the agent's doing (causedByAgent), never captured into this unfinished one.
        state.depth += CallDepth.IN_AGENT;
        try {
            // A call of a storm, a suppressed repeat of an error code and a call the full queue would
            // refuse end here, before the event is allocated (most of such a call's cost).
            verdict = target.before(source, severity, timestamp, logger, template, throwable, context, keyValues);
            if (verdict != EventSink.TAKEN && verdict != null && verdict != EventSink.HIDE) {
                CapturedEvent event = new CapturedEvent(source, severity, timestamp, logger, thread,
                        template, formatted != null ? new Object[] {formatted} : args, format, throwable, context, keyValues, handled);
                if (verdict != EventSink.CONTINUE) {
                    event.storm = verdict;
                }
                event.marker = marker;
                event.siteBoundary = siteBoundary;
                event.state = state;
                RequestContext.copyTo(event, state);
                TraceContext.copyTo(event);
                verdict = target.offer(event);
            }
        } catch (Throwable t) {
            adviceFailed(t);
        } finally {
            state.depth -= CallDepth.IN_AGENT;
        }
        if (verdict == EventSink.HIDE) {
            state.release();
            return SKIP;
        }
        if (verdict != EventSink.TAKEN && !state.crumbing) {
            // Not taken (the writer adds what it takes to the thread's trail; a shed or dropped
            // call is not remembered): remembered after the offer, as an occurrence's
            // breadcrumbs are the events before it.
            try {
                if (formatted != null) {
                    remember(state, severity, timestamp, logger, formatted, null, CapturedEvent.FORMAT_NONE);
                } else {
                    remember(state, severity, timestamp, logger, template, args, format);
                }
            } catch (Throwable t) {
                adviceFailed(t);
            }
        }
        return ENTERED;
    }

    /**
     * An enabled log call below the capture level: remembered in the thread's ring (references
     * and numbers into preallocated slots, nothing allocated) for the breadcrumbs of the thread's
     * next occurrence. Only the outermost hook of a call remembers it; the agent's threads never.
     *
     * @return the token for {@link #exit(Object)} (the thread's hook state), or null when nothing was taken
     */
    public static Object crumb(int severity, long timestamp, String logger, String template, Object[] args,
            int format) {
        CallDepth.State state = CallDepth.state();
        if (crumbs == 0 || state.depth != 0 || state.crumbing) {
            // Also once the agent stopped capturing at exit, while its writer still formats.
            return state.depth >= CallDepth.IN_AGENT ? SKIP : null;
        }
        state.crumbing = true;
        remember(state, severity, timestamp, logger, template, args, format);
        // The thread's own state is the token: the exit releases it without a thread-local look-up.
        return state;
    }

    private static void remember(CallDepth.State state, int severity, long timestamp, String logger,
            String template, Object[] args, int format) {
        int size = crumbs;
        if (size != 0) {
            ring(state, size).add(severity, timestamp, logger, template, args, format);
        }
    }

    /** The thread's ring of {@code size} slots, created at its first use (or when the size changed). */
    private static Breadcrumbs ring(CallDepth.State state, int size) {
        Breadcrumbs ring = state.crumbs;
        if (ring == null || ring.capacity() != size) {
            state.crumbs = ring = new Breadcrumbs(size);
        }
        return ring;
    }

    /** The hook state of the thread that captured {@code e} (the current thread's when it did not say). */
    private static CallDepth.State stateOf(CapturedEvent e) {
        return e.state != null ? e.state : CallDepth.state();
    }

    /**
     * For the agent's intake, on the capturing thread: sets {@code e}'s {@link CapturedEvent#trail}
     * and the thread's log events remembered since its previous occurrence was handed over
     * (references copied). Nothing when breadcrumbs are off or on the agent's threads.
     */
    public static void breadcrumbsTo(CapturedEvent e) {
        int size = crumbs;
        CallDepth.State state = stateOf(e);
        if (size == 0 || state.depth >= CallDepth.AGENT_THREAD) {
            return;
        }
        // Also for a thread that remembered nothing yet: the trail holds this occurrence for the next.
        Breadcrumbs ring = ring(state, size);
        e.trail = ring.id;
        e.trailCleared = ring.cleared();
        e.breadcrumbs = ring.pending();
    }

    /**
     * A copy of every log event the current thread remembers (not its recorded errors, which
     * only the writer's trail holds), oldest first, or null: for an event built later on another
     * thread (a failed task's, see {@link Unobserved}).
     */
    static Breadcrumb[] breadcrumbs() {
        Breadcrumbs ring = CallDepth.state().crumbs;
        return ring == null || crumbs == 0 ? null : ring.all();
    }

    /** For the agent's intake: the event {@link #breadcrumbsTo} filled is queued, its breadcrumbs are handed over. */
    public static void breadcrumbsHandedOver(CapturedEvent e) {
        Breadcrumbs ring = stateOf(e).crumbs;
        if (ring != null) {
            ring.handedOver();
        }
    }

    /** Exit advice: releases what {@link #capture}, {@link #bridged} or {@link #crumb} took. */
    public static void exit(Object token) {
        if (token == ENTERED) {
            CallDepth.exit();
        } else if (token instanceof BridgedCall) {
            close((BridgedCall) token);
        } else if (token instanceof CallDepth.State) {
            // From crumb: this hook remembered the call; nested hooks did not remember it again.
            ((CallDepth.State) token).crumbing = false;
        }
    }

    /**
     * For advice that runs the application's code itself before its capture (Log4j2's message
     * formatting): until {@link #agentWorkDone}, a log call on this thread is the agent's doing
     * ({@code causedByAgent}), as during the agent's own work in a capture.
     *
     * @return the token for {@link #agentWorkDone}
     */
    public static Object agentWork() {
        CallDepth.State state = CallDepth.state();
        state.depth += CallDepth.IN_AGENT;
        return state;
    }

    /**
     * For advice about to run the application's code before its capture: {@link #SKIP} when this
     * call is itself the agent's doing (made inside {@link #agentWork} or the agent's other work),
     * so that the advice does not run that code again (a {@code toString()} that logs itself would
     * recurse without end through the advice, where the framework's own guards stop it). Null otherwise.
     */
    public static Object agentCaused() {
        return CallDepth.state().depth >= CallDepth.IN_AGENT ? SKIP : null;
    }

    /** Ends what {@link #agentWork} began. */
    public static void agentWorkDone(Object token) {
        ((CallDepth.State) token).depth -= CallDepth.IN_AGENT;
    }

    /**
     * For hooks that are not logging calls (uncaught exceptions, failed tasks and requests):
     * hands the event over unless this thread is the agent's or the agent's own code is running
     * on it (then it is the agent's doing, as in {@code causedByAgent}).
     */
    public static void captureOnce(CapturedEvent event) {
        EventSink target = sink;
        if (target == null) {
            return;
        }
        CallDepth.State state = CallDepth.state();
        if (state.depth >= CallDepth.IN_AGENT) {
            return; // caused by the agent's own work on this thread
        }
        // Inside a log call (an appender's failed task) it is captured as its own; a log call the
        // agent's code causes here is the agent's doing (see take).
        state.depth += CallDepth.IN_AGENT;
        try {
            event.state = state;
            RequestContext.copyTo(event, state);
            TraceContext.copyTo(event);
            target.offer(event);
        } catch (Throwable t) {
            adviceFailed(t);
        } finally {
            state.depth -= CallDepth.IN_AGENT;
        }
    }

    /** True once the agent has installed its sink (and until it uninstalls it). */
    static boolean installed() {
        return sink != null;
    }

    /**
     * Hands over an event built on an agent thread (the executor path's reaper), where the call
     * depth would refuse it. Never throws.
     */
    static void deliver(CapturedEvent event) {
        EventSink target = sink;
        if (target == null) {
            return;
        }
        try {
            target.offer(event);
        } catch (Throwable t) {
            adviceFailed(t);
        }
    }

    /** Makes the current (agent) thread invisible to every hook. */
    public static void markAgentThread() {
        CallDepth.markAgentThread();
    }

    /** Counts an exception that a hook swallowed so that the application never sees it. */
    public static void adviceFailed(Throwable t) {
        ADVICE_ERRORS.incrementAndGet();
    }

    /**
     * Log calls made during others and not captured (agent_health {@code nested_not_captured}):
     * deeper than {@code CallDepth.NESTED_MAX}.
     */
    public static long nestedDropped() {
        return NESTED_DROPPED.get();
    }

    /** Exceptions swallowed by hooks so far (reported in agent_health; tests expect zero). */
    public static long adviceErrors() {
        return ADVICE_ERRORS.get();
    }

    /**
     * Counts a part of an event that could not be read (a context value, argument or message
     * whose {@code toString()} threw): the event is stored with a placeholder in its place.
     */
    public static void partUnreadable() {
        UNREADABLE_PARTS.incrementAndGet();
    }

    /** For advice that reads a part on the application thread: counts it, and returns its placeholder. */
    public static String unreadable(Throwable failure) {
        partUnreadable();
        return "[toString() threw " + failure.getClass().getName() + "]";
    }

    /** Parts of events stored as placeholders so far (agent_health.unreadable_parts). */
    public static long unreadableParts() {
        return UNREADABLE_PARTS.get();
    }
}
