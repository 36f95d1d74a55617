package dev.faultline.bootstrap;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The only agent class woven advice calls. Advice checks {@link #captures(int)}, takes the shared
 * call depth with {@link #enter()}, hands plain JDK values to {@link #capture}, and releases the
 * depth with {@link #exit()} when the instrumented method returns or throws.
 *
 * <p>Until the agent installs its sink, nothing is captured: the threshold sits above every
 * severity, so a log call costs one volatile read.
 */
public final class Bridge {
    private static final int OFF = Integer.MAX_VALUE;

    private static volatile int threshold = OFF;
    private static volatile EventSink sink;
    private static final AtomicLong ADVICE_ERRORS = new AtomicLong();

    private Bridge() {
    }

    /** Called once by the agent when it starts. */
    public static void install(EventSink eventSink, int captureSeverity) {
        sink = eventSink;
        threshold = captureSeverity;
    }

    /** Stops all capture (agent shutting down or switched off). */
    public static void uninstall() {
        threshold = OFF;
        sink = null;
    }

    /** The cheap first check of every hook: is an event of this severity recorded at all? */
    public static boolean captures(int severity) {
        return severity >= threshold;
    }

    /**
     * Enters a logging hook.
     *
     * @return true when this is the outermost hook on this thread (the one that captures); the
     *     caller must call {@link #exit()} afterwards in every case
     */
    public static boolean enter() {
        return CallDepth.enter() == 0;
    }

    public static void exit() {
        CallDepth.exit();
    }

    /** Makes the current (agent) thread invisible to every hook. */
    public static void markAgentThread() {
        CallDepth.markAgentThread();
    }

    /**
     * Hands one event to the agent. Walks to the call site when there is no throwable; never
     * throws.
     *
     * @return true when the application's own appenders should skip this event
     */
    public static boolean capture(String source, int severity, long timestamp, String logger,
            String thread, String template, Object[] args, int format, Throwable throwable,
            Map<String, ?> context, List<?> keyValues, boolean handled) {
        EventSink target = sink;
        if (target == null) {
            return false;
        }
        try {
            CapturedEvent event = new CapturedEvent(source, severity, timestamp, logger, thread,
                    template, args, format, throwable, context, keyValues, handled);
            if (throwable == null) {
                CallSite.fill(event);
            }
            return target.accept(event);
        } catch (Throwable t) {
            adviceFailed(t);
            return false;
        }
    }

    /** Counts an exception that a hook swallowed so that the application never sees it. */
    public static void adviceFailed(Throwable t) {
        ADVICE_ERRORS.incrementAndGet();
    }

    /** Exceptions swallowed by hooks so far (reported in agent_health; tests expect zero). */
    public static long adviceErrors() {
        return ADVICE_ERRORS.get();
    }
}
