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
        State s = STATE.get();
        if (s.depth > 0) {
            s.depth--;
        }
    }

    static boolean isAgentThread() {
        return STATE.get().depth >= AGENT_THREAD;
    }

    static void markAgentThread() {
        STATE.get().depth = AGENT_THREAD;
    }
}
