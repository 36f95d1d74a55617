package dev.faultline.pipeline;

import dev.faultline.bootstrap.CapturedEvent;
import dev.faultline.intake.CallSiteCache;
import dev.faultline.intake.CallerFrames;

/**
 * The logging call site of an event without a throwable: the first frame of the stack kept by
 * the intake that belongs neither to a logging framework, nor to the JDK, nor to the agent's
 * bridge and intake, nor to a configured wrapper or the class the framework was told ends the
 * logging code (the event's boundary, {@code intake.CallerFrames}).
 *
 * <p>Split in two on purpose. On the application thread the intake only creates a Throwable: the
 * JVM records its backtrace natively (about 1 us for a typical depth) and builds no
 * StackTraceElement. Here, on the writer thread, the frames are materialised and searched. A
 * {@code StackWalker} walk to the first caller frame costs 1.5 to 3 us at any depth on JDK 17 and
 * 25, more than the backtrace below 60 frames; the intake uses one only for the few calls whose
 * site it checks ({@code intake.CallSiteCache}), and otherwise takes the site from memory.
 */
public final class CallSite {
    private CallSite() {
    }

    /** Fills the event's site fields from the kept stack; leaves them empty when no frame qualifies. */
    public static void resolve(CapturedEvent event) {
        Throwable trace = event.siteTrace;
        if (trace == null || event.siteClass != null) {
            return;
        }
        event.siteTrace = null;
        CallSiteCache.Site site = CallerFrames.site(trace.getStackTrace(), event.siteBoundary);
        event.siteBoundary = null;
        if (site != null) {
            site.copyTo(event);
        }
    }
}
