package dev.faultline.capture;

import dev.faultline.bootstrap.CapturedEvent;
import dev.faultline.instrument.CapturePaths;
import java.lang.ref.WeakReference;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The throwables captured most recently, by identity and held weakly, so that one error seen on
 * two paths is one occurrence: logged by the application and then uncaught, or escaping a request
 * and then logged by the container. Runs on application threads, inside the sink: lock-free, a
 * fixed ring, and only for events that carry a throwable.
 *
 * <p>The rule: an event of a non-logging path ({@code uncaught}, {@code executor}, {@code http})
 * is a repeat when its throwable, or one of its causes, was captured before on any path; a logged
 * event is a repeat only when a non-logging path captured it, or the exception it wraps, first
 * (Tomcat logs the root cause of the exception that escaped the servlet). Two log calls with the
 * same throwable stay two occurrences: the application chose to log twice.
 */
public final class SeenThrowables {
    static final int SIZE = 128;
    private static final int MAX_CHAIN = 8;

    private final AtomicReferenceArray<Seen> ring = new AtomicReferenceArray<Seen>(SIZE);
    private final AtomicInteger next = new AtomicInteger();

    /** True when {@code e} repeats an error already captured; otherwise remembers it. */
    public boolean repeat(CapturedEvent e) {
        Throwable t = e.throwable;
        if (t == null) {
            return false;
        }
        boolean path = isErrorPath(e.source);
        Throwable link = t;
        for (int depth = 0; link != null && depth < MAX_CHAIN; depth++) {
            Seen seen = find(link);
            if (seen != null && (path || seen.byPath)) {
                return true;
            }
            link = cause(link);
        }
        remember(t, path);
        if (path) {
            link = cause(t);
            for (int depth = 1; link != null && depth < MAX_CHAIN; depth++) {
                remember(link, true);
                link = cause(link);
            }
        }
        return false;
    }

    private void remember(Throwable t, boolean byPath) {
        ring.set(next.getAndIncrement() & (SIZE - 1), new Seen(t, byPath));
    }

    static boolean isErrorPath(String source) {
        return CapturePaths.isErrorPath(source);
    }

    private Seen find(Throwable t) {
        for (int i = 0; i < SIZE; i++) {
            Seen s = ring.get(i);
            if (s != null && s.get() == t) {
                return s;
            }
        }
        return null;
    }

    /** getCause may be overridden by the application: guarded, and a self-cause ends the walk. */
    private static Throwable cause(Throwable t) {
        try {
            Throwable c = t.getCause();
            return c == t ? null : c;
        } catch (Throwable ignored) {
            return null;
        }
    }

    private static final class Seen extends WeakReference<Throwable> {
        final boolean byPath;

        Seen(Throwable t, boolean byPath) {
            super(t);
            this.byPath = byPath;
        }
    }
}
