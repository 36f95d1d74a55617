package dev.faultline.bootstrap;

/**
 * One per-thread depth shared by every logging hook, so that an event passing through several
 * frameworks (JUL -> SLF4J -> Logback) is captured once, by the outermost hook, and so that
 * nothing the agent's own threads log is ever captured.
 */
final class CallDepth {
    /** Depth given to the agent's threads: never reaches zero again. */
    static final int AGENT_THREAD = 1 << 20;

    private static final ThreadLocal<int[]> DEPTH = new ThreadLocal<int[]>() {
        @Override
        protected int[] initialValue() {
            return new int[1];
        }
    };

    private CallDepth() {
    }

    /** Increments the depth and returns its value before the increment. */
    static int enter() {
        int[] depth = DEPTH.get();
        return depth[0]++;
    }

    static void exit() {
        int[] depth = DEPTH.get();
        if (depth[0] > 0) {
            depth[0]--;
        }
    }

    static boolean isAgentThread() {
        return DEPTH.get()[0] >= AGENT_THREAD;
    }

    static void markAgentThread() {
        DEPTH.get()[0] = AGENT_THREAD;
    }
}
