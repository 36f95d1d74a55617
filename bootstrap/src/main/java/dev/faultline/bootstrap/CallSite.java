package dev.faultline.bootstrap;

import java.lang.StackWalker.StackFrame;
import java.util.Iterator;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Finds the logging call site of an event without a throwable: the first frame that belongs
 * neither to a logging framework, nor to the JDK, nor to this bridge. A short walk of lazily
 * materialised frames, far cheaper than creating a Throwable as Logback's caller data does.
 */
final class CallSite implements Function<Stream<StackFrame>, Void> {
    private static final StackWalker WALKER = StackWalker.getInstance();
    /** A call site this deep is not worth the walk. */
    private static final int MAX_DEPTH = 64;

    private static final String[] SKIPPED = {
        "dev.faultline.bootstrap.",
        "ch.qos.logback.",
        "org.slf4j.",
        "org.apache.logging.",
        "org.apache.log4j.",
        "org.apache.commons.logging.",
        "org.jboss.logging.",
        "java.",
        "javax.",
        "jdk.",
        "sun.",
        "com.sun.",
    };

    private final CapturedEvent event;

    private CallSite(CapturedEvent event) {
        this.event = event;
    }

    /** Fills the event's site fields; leaves them empty when no frame qualifies. */
    static void fill(CapturedEvent event) {
        WALKER.walk(new CallSite(event));
    }

    /**
     * Copies the frame inside the walk: the walker reuses its frame objects, so a frame must not
     * be read after {@code walk} returns.
     */
    @Override
    public Void apply(Stream<StackFrame> frames) {
        // An iterator rather than stream operators: no lambdas in the bootstrap bridge, whose
        // first lambda would cost the application the invokedynamic bootstrap on its thread.
        Iterator<StackFrame> it = frames.iterator();
        for (int i = 0; i < MAX_DEPTH && it.hasNext(); i++) {
            StackFrame frame = it.next();
            if (!skipped(frame.getClassName())) {
                event.siteClass = frame.getClassName();
                event.siteMethod = frame.getMethodName();
                event.siteFile = frame.getFileName();
                event.siteLine = frame.getLineNumber();
                return null;
            }
        }
        return null;
    }

    static boolean skipped(String className) {
        for (String prefix : SKIPPED) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
