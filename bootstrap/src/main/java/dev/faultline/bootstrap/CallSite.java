package dev.faultline.bootstrap;

/**
 * Finds the logging call site of an event without a throwable: the first frame that belongs
 * neither to a logging framework, nor to the JDK, nor to this bridge.
 *
 * <p>Split in two on purpose. On the application thread, {@link #mark} only creates a Throwable:
 * the JVM records its backtrace natively (about 1 us for a typical depth) and builds no
 * StackTraceElement. On the writer thread, {@link #resolve} materialises the frames and picks the
 * call site. A {@code StackWalker} walk, which materialises a frame object per frame on the
 * application thread, measured 10 to 15 us for the same 15-frame walk on JDK 17 and 25.
 */
final class CallSite {
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

    private CallSite() {
    }

    /** Application thread: keeps the stack for later, cheaply. */
    static void mark(CapturedEvent event) {
        event.siteTrace = new Throwable("faultline call site");
    }

    /** Writer thread: fills the event's site fields from the kept stack; leaves them empty when no frame qualifies. */
    static void resolve(CapturedEvent event) {
        Throwable trace = event.siteTrace;
        if (trace == null || event.siteClass != null) {
            return;
        }
        event.siteTrace = null;
        for (StackTraceElement frame : trace.getStackTrace()) {
            if (!skipped(frame.getClassName())) {
                event.siteClass = frame.getClassName();
                event.siteMethod = frame.getMethodName();
                event.siteFile = frame.getFileName();
                event.siteLine = frame.getLineNumber();
                return;
            }
        }
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
