package dev.faultline.pipeline;

import dev.faultline.bootstrap.CapturedEvent;

/**
 * The logging call site of an event without a throwable, from the frame the intake kept
 * ({@code intake.SiteWalk}): here, on the writer thread, the JDK builds the frame's
 * {@code StackTraceElement} (file and line), which it would otherwise do on the application
 * thread.
 */
public final class CallSite {
    private CallSite() {
    }

    /** Fills the event's site fields from the kept frame; leaves them empty when there is none. */
    public static void resolve(CapturedEvent event) {
        StackWalker.StackFrame frame = event.siteFrame;
        if (frame == null || event.siteClass != null) {
            return;
        }
        event.siteFrame = null;
        event.siteClass = frame.getClassName();
        event.siteMethod = frame.getMethodName();
        event.siteFile = frame.getFileName();
        event.siteLine = frame.getLineNumber();
    }
}
