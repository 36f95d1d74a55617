package dev.faultline.bootstrap;

/**
 * The uncaught-exception hook: {@code Thread#dispatchUncaughtException} calls {@link #dispatch}
 * first thing, on the dying thread, before the application's handler runs.
 */
public final class Uncaught {
    private Uncaught() {
    }

    /** Records the exception that is ending {@code thread}. Never throws. */
    public static void dispatch(Thread thread, Throwable error) {
        try {
            String name = thread.getName();
            Bridge.captureOnce(new CapturedEvent("uncaught", Severity.CRITICAL, System.currentTimeMillis(), null, name,
                    "uncaught exception in thread {}: {}", new Object[] {name, error}, CapturedEvent.FORMAT_SLF4J,
                    error, null, null, false));
        } catch (Throwable t) {
            Bridge.adviceFailed(t);
        }
    }
}
