package dev.faultline.bootstrap;

/**
 * One per-thread depth shared by every logging hook, so that an event passing through several
 * frameworks (JUL -> SLF4J -> Logback) is captured once, by the outermost hook or, when a bridge's
 * outer hook holds the call open ({@link BridgedCall}), by the backend's hook nested in it, and so
 * that nothing the agent's own threads log is ever captured. The same per-thread object holds the
 * thread's breadcrumbs and its web request: one thread-local look-up serves them all on every
 * log call.
 */
final class CallDepth {
    /** Depth given to the agent's threads: never reaches zero again. */
    static final int AGENT_THREAD = 1 << 20;
    /**
     * Added to the depth while the agent's own code runs on the application's thread inside a
     * capture: a log call made there (an error code's {@code toString()}) is the agent's doing,
     * never captured into its half-done work nor printed by the application's appenders.
     */
    static final int IN_AGENT = 1 << 16;
    /**
     * The deepest hook that captures a log call made during another's (1 = the outermost): an
     * argument's {@code toString()} that logs, inside an appender, inside that again. Deeper
     * ones are counted in agent_health {@code nested_not_captured}.
     */
    static final int NESTED_MAX = 4;
    /**
     * How deep the calls each hook took are noted (beyond {@link #NESTED_MAX}, for the count: a
     * call too deep to capture passing into a second framework is still one call, counted once).
     */
    static final int TRACKED = 16;
    /** Taken by a pass-through hook for a call of its own: whatever is nested in it is that call, made during another. */
    static final Throwable NOTHING_HELD = new Error("faultline: a pass-through hook holds no call");

    /** What the logging hooks keep per thread. */
    static final class State {
        int depth;
        /** An outer hook is remembering this call as a breadcrumb: nested hooks leave it alone. */
        boolean crumbing;
        /** Created at the thread's first remembered log call; null while breadcrumbs are off. */
        Breadcrumbs crumbs;
        /** The web request in progress on the thread ({@link RequestContext}). */
        final RequestContext.Frame request = new RequestContext.Frame();
        /** The thread's one holder of a bridged call, reused; {@link #open} while a bridge's outer hook holds it. */
        final BridgedCall bridged = new BridgedCall(this);
        /** The call an outer hook holds open at depth 1, or null. */
        BridgedCall open;
        /**
         * The logger name and throwable of the call each depth's hook took (index: the depth). A
         * hook nested in it that sees both the same (the name as a bridge may make it:
         * {@link BridgedCall#sameLogger}) sees that call passing into a second framework; any
         * other call was made during it. Not the level: frameworks map custom
         * levels apart, and a call made during another below the capture level is not captured
         * anyway. The throwable is dropped at the exit.
         */
        final String[] loggers = new String[TRACKED];
        final Throwable[] thrown = new Throwable[TRACKED];
        /**
         * The framework of each depth's hook ({@code "logback"}, {@code "jul"}...; null for a
         * pass-through or a replay): a call never passes into a second framework that is the
         * same one, so a hook nested in one of its own framework's is always a call made during it.
         */
        final String[] hooks = new String[TRACKED];

        /** The hook of framework {@code hook} at {@code depth} took this call (noted below {@link #TRACKED}). */
        void took(int depth, String hook, String logger, Throwable throwable) {
            if (depth >= TRACKED) {
                return;
            }
            hooks[depth] = hook;
            loggers[depth] = logger;
            thrown[depth] = throwable;
        }

        /**
         * For a hook of framework {@code hook} at {@code depth} (2 or more): true when its call was
         * made during the call the hook below took (its own event), false when it is that call in
         * a second framework.
         */
        boolean madeDuring(int depth, String hook, String logger, Throwable throwable) {
            int below = depth - 1;
            if (below >= TRACKED) {
                return true;
            }
            return hook != null && hook.equals(hooks[below]) || thrown[below] != throwable
                    || !BridgedCall.sameLogger(logger, loggers[below]);
        }

        /** Releases one level of depth (and the throwable that level's hook took). */
        void release() {
            int d = depth;
            if (d > 0) {
                if (d < TRACKED) {
                    thrown[d] = null;
                }
                depth = d - 1;
            }
        }

        /** A request begins or ends on this thread: its breadcrumbs are its own. */
        void forgetBreadcrumbs() {
            if (crumbs != null) {
                crumbs.clear();
            }
        }
    }

    private static final ThreadLocal<State> STATE = new ThreadLocal<State>() {
        @Override
        protected State initialValue() {
            return new State();
        }
    };

    private CallDepth() {
    }

    static State state() {
        return STATE.get();
    }

    static void exit() {
        STATE.get().release();
    }

    static boolean isAgentThread() {
        return STATE.get().depth >= AGENT_THREAD;
    }

    static void markAgentThread() {
        STATE.get().depth = AGENT_THREAD;
    }
}
