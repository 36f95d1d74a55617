package dev.faultline.capture;

import dev.faultline.bootstrap.CapturedEvent;
import dev.faultline.instrument.CapturePaths;
import dev.faultline.intake.Frames;
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
 * same throwable stay two occurrences: the application chose to log twice. A throwable without
 * frames is neither remembered nor matched: the JVM throws one shared instance for every hot
 * failure of a kind ({@code -XX:+OmitStackTraceInFastThrow}, on by default), so its identity says
 * nothing (a trial's worker died of it, and the unrelated error main then logged with it was
 * taken for a repeat and never stored); nor is the JVM's copy of a failed static initializer's
 * exception, shared by every later use of the class ({@link #shared}).
 */
public final class SeenThrowables {
    static final int SIZE = 128;
    private static final int MAX_CHAIN = 8;

    /** What non-logging paths captured, with the causes: every event is checked against it. */
    private final Ring byPath = new Ring();
    /** What logging captured: only non-logging events are checked against it. */
    private final Ring logged = new Ring();

    /**
     * True when {@code e} repeats an error already captured; otherwise remembers it. A logged
     * event (the common case) looks only through what the non-logging paths captured, which is
     * empty in most applications: logging many errors does not make each one dearer.
     */
    public boolean repeat(CapturedEvent e) {
        Throwable t = e.throwable;
        if (t == null || Frames.none(t)) {
            return false;
        }
        boolean path = isErrorPath(e.source);
        Throwable link = t;
        for (int depth = 0; link != null && depth < MAX_CHAIN; depth++) {
            if ((byPath.contains(link) || (path && logged.contains(link))) && !shared(link)) {
                return true;
            }
            link = cause(link);
        }
        if (!path) {
            logged.add(t);
            return false;
        }
        link = t;
        for (int depth = 0; link != null && depth < MAX_CHAIN; depth++) {
            if (!shared(link)) {
                byPath.add(link);
            }
            link = cause(link);
        }
        return false;
    }

    /**
     * For a logged throwable of a storm's call, before it is shed or passed: true when a
     * non-logging path captured it (or one of its causes) first. Reads only; {@link #logged}
     * remembers it once the call passes. A shed call's throwable is not remembered: in a storm it
     * would only churn the ring (and contend on it across threads), so an uncaught or failed
     * request that later carries that very throwable is an occurrence of its own.
     */
    public boolean capturedOnAPath(Throwable t) {
        if (byPath.empty()) {
            // The common case (no uncaught, executor or request failure yet): no walk of the chain.
            return false;
        }
        Throwable link = t;
        for (int depth = 0; link != null && depth < MAX_CHAIN; depth++) {
            if (byPath.contains(link) && !shared(link)) {
                return true;
            }
            link = cause(link);
        }
        return false;
    }

    /** Remembers a logged throwable whose call passed (see {@link #capturedOnAPath}). */
    public void logged(Throwable t) {
        logged.add(t);
    }

    /**
     * A throwable whose identity says nothing: one without frames (above), or the JVM's copy of
     * what a static initializer threw, the cause of every later {@code NoClassDefFoundError:
     * Could not initialize class X} (JDK 17+; {@link Fingerprints#initializerFailure}): each later
     * use of the class, a thread dying of it included, is a failure of its own (a trial's four
     * threads dying of it were two occurrences and two "repeats").
     */
    private static boolean shared(Throwable link) {
        return Frames.none(link) || link instanceof ExceptionInInitializerError
                && Fingerprints.initializerFailure(link.getMessage()) != null;
    }

    static boolean isErrorPath(String source) {
        return CapturePaths.isErrorPath(source);
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

    /** The last {@link #SIZE} throwables added, held weakly; lock-free. */
    private static final class Ring {
        private final AtomicReferenceArray<WeakReference<Throwable>> slots =
                new AtomicReferenceArray<WeakReference<Throwable>>(SIZE);
        private final AtomicInteger next = new AtomicInteger();

        void add(Throwable t) {
            slots.set(next.getAndIncrement() & (SIZE - 1), new WeakReference<Throwable>(t));
        }

        boolean empty() {
            return next.get() == 0;
        }

        boolean contains(Throwable t) {
            // Only the slots filled so far: an empty ring costs one read (after 2^31 adds, all).
            int added = next.get();
            int filled = added < 0 || added > SIZE ? SIZE : added;
            for (int i = 0; i < filled; i++) {
                WeakReference<Throwable> s = slots.get(i);
                if (s != null && s.get() == t) {
                    return true;
                }
            }
            return false;
        }
    }
}
