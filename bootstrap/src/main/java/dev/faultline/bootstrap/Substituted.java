package dev.faultline.bootstrap;

import java.lang.ref.WeakReference;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * SLF4J's queued events ({@code org.slf4j.event.SubstituteLoggingEvent}) whose call a hook already
 * captured. While SLF4J initialises, a call reaching it (a JUL record through jul-to-slf4j's
 * handler) lands on a {@code SubstituteLogger}, which only queues it; SLF4J replays the queue into
 * the backend once initialised, on the initialising thread. The call's own hook captured it at
 * its call (JUL's, at its exit, as no backend hook took it), so its replay must not be captured
 * again by the backend's hook ({@link Bridge#substituted}, {@link Bridge#replayed}).
 *
 * <p>Touched only while SLF4J initialises (an event is made and replayed once per application),
 * never on the normal logging path. Keys are weak: an event SLF4J never replays (no backend, a
 * backend that cannot take events) is forgotten with it. SLF4J's event does not override
 * {@code equals}, so the map works by identity.
 */
final class Substituted {
    /** The call the hook took, by which a replayed event is recognised as that call. */
    private static final class Took {
        final String logger;
        /**
         * Weak: an event SLF4J never replays (into log4j-slf4j2-impl, which takes no replayed
         * events) stays in the map until its next use, and must not keep an exception alive.
         */
        final WeakReference<Throwable> throwable;

        Took(String logger, Throwable throwable) {
            this.logger = logger;
            this.throwable = throwable == null ? null : new WeakReference<Throwable>(throwable);
        }

        /** The replayed event is this call: same logger, same throwable (or both without). */
        boolean is(String name, Throwable thrown) {
            if (logger == null || !logger.equals(name)) {
                return false;
            }
            return throwable == null ? thrown == null : thrown != null && throwable.get() == thrown;
        }
    }

    /** A call never to be captured: made on the agent's threads, by its own work, or nested too deep. */
    private static final Took NEVER = new Took(null, null);

    private static final Map<Object, Took> CAPTURED = Collections.synchronizedMap(new WeakHashMap<Object, Took>());

    private Substituted() {
    }

    /** {@code event} was queued during a call a hook took, of {@code logger} with {@code throwable}. */
    static void hold(Object event, String logger, Throwable throwable) {
        CAPTURED.put(event, new Took(logger, throwable));
    }

    /** {@code event} was queued by a call no hook captures (and counts) where it is made. */
    static void never(Object event) {
        CAPTURED.put(event, NEVER);
    }

    /**
     * True when {@code event}, now replayed with this logger and throwable, was queued by the call
     * the hook took (not by another call made during it, which is its own event); forgets it.
     */
    static boolean capturedBefore(Object event, String logger, Throwable throwable) {
        Took took = CAPTURED.remove(event);
        return took != null && (took == NEVER || took.is(logger, throwable));
    }
}
