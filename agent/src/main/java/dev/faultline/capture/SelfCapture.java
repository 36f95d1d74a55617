package dev.faultline.capture;

import dev.faultline.bootstrap.CapturedEvent;

/**
 * Recognises the agent's own events. The agent's threads are already invisible to the hooks
 * (permanent call depth), but a library the agent uses may log from a thread it created itself
 * (the MongoDB driver's monitor threads); such an event has the agent's code at its call site or
 * in its exception frames.
 */
final class SelfCapture {
    private static final String AGENT = "dev.faultline.";
    private static final String BRIDGE = "dev.faultline.bootstrap.";

    private SelfCapture() {
    }

    static boolean isOwn(CapturedEvent e, ExceptionChain chain) {
        if (isAgent(e.siteClass)) {
            return true;
        }
        if (chain == null || e.logger == null || !(e.logger.startsWith("org.mongodb.driver") || e.logger.startsWith(AGENT))) {
            return false;
        }
        for (ExceptionChain.Link link : chain.links) {
            for (StackTraceElement frame : link.frames) {
                if (isAgent(frame.getClassName())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isAgent(String className) {
        return className != null && className.startsWith(AGENT) && !className.startsWith(BRIDGE);
    }
}
