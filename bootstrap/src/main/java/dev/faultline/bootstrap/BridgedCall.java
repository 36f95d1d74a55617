package dev.faultline.bootstrap;

/**
 * A logging call held open by the outer hook of a bridge (JUL's, whose handler may be
 * jul-to-slf4j's; log4j-to-slf4j's) until its exit: what the API the application called knows
 * best, its message template, arguments and call-site boundary. The backend's hook nested in it
 * captures the call with these and with its own MDC ({@link Bridge#capture}); when no hook
 * captured it by the exit, the outer hook does, if it may capture alone ({@link #source} set).
 *
 * <p>One per thread, in its hook state, filled and emptied in place: holding a call costs
 * reference writes, no allocation.
 */
final class BridgedCall {
    /** The hook state of the thread this belongs to. */
    final CallDepth.State state;
    /** The path that captures the call alone when no nested hook did, or null: never alone. */
    String source;
    int severity;
    long timestamp;
    /** The logger name; a nested hook completes the call only when its logger has the same name. */
    String logger;
    String thread;
    String template;
    Object[] args;
    /** A {@code CapturedEvent.FORMAT_*}; {@code FORMAT_FORMATTED}: the nested hook's text is the message. */
    int format;
    Throwable throwable;
    /** The outer framework's call-site boundary (a JUL record), or null: the nested hook's. */
    Object siteBoundary;
    /** A nested hook captured the call (or saw it and let it go: below its level, shed). */
    boolean taken;

    BridgedCall(CallDepth.State state) {
        this.state = state;
    }

    void open(String source, int severity, long timestamp, String logger, String thread, String template,
            Object[] args, int format, Throwable throwable, Object siteBoundary) {
        this.source = source;
        this.severity = severity;
        this.timestamp = timestamp;
        this.logger = logger;
        this.thread = thread;
        this.template = template;
        this.args = args;
        this.format = format;
        this.throwable = throwable;
        this.siteBoundary = siteBoundary;
        this.taken = false;
        state.open = this;
    }

    /** jul-to-slf4j's logger name for a JUL record without one. */
    private static final String JUL_TO_SLF4J_UNNAMED = "unknown.jul.logger";

    /**
     * Whether a hook nested in this held call sees it in the backend the outer framework's
     * handler bridged it to, not a call made during it (an argument's {@code toString()} that
     * logs while the handler formats the record): a hook of another framework ({@code hook}), the
     * same throwable (none, or the one object),
     * the logger's name or one a bridge makes of it (log4j-jul's {@code suffixToAppend}, jul-to-slf4j's
     * name for a record without one), and text that begins as the held template does up to its
     * first placeholder (a bridge hands the backend the formatted message).
     */
    boolean isBackend(String hook, String name, Throwable thrown, String text) {
        if (hook != null && hook.equals(source) || thrown != throwable || !sameLogger(name, logger)) {
            return false;
        }
        if (template == null || text == null) {
            return true;
        }
        int literal = 0;
        while (literal < template.length() && template.charAt(literal) != '{' && template.charAt(literal) != '\''
                && template.charAt(literal) != '\\') {
            literal++;
        }
        return text.regionMatches(0, template, 0, literal);
    }

    /**
     * Whether a nested hook's logger {@code name} can be {@code held}'s after a bridge: the same,
     * or what a bridge makes of it (a suffix appended, jul-to-slf4j's name for a record without one).
     */
    static boolean sameLogger(String name, String held) {
        return name == null ? held == null : held != null && name.startsWith(held) || name.equals(JUL_TO_SLF4J_UNNAMED);
    }

    /** Drops the references (the application's objects must not stay reachable from the thread). */
    void close() {
        state.open = null;
        source = null;
        logger = null;
        thread = null;
        template = null;
        args = null;
        throwable = null;
        siteBoundary = null;
    }
}
