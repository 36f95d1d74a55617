package dev.faultline.it;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/**
 * The one way the integration tests wait for something another process does: poll a probe until
 * a condition holds, or fail at the deadline saying what was awaited and the last value seen.
 */
final class Eventually {
    static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final int SHOWN_CHARS = 2_000;

    /** A query of the world outside the test (MongoDB, a browser, an HTTP server) that may fail while it starts. */
    @FunctionalInterface
    interface Probe<T> {
        T get() throws Exception;
    }

    private Eventually() {
    }

    static <T> T await(String what, Probe<T> probe, Predicate<? super T> done) {
        return await(what, DEADLINE, probe, done);
    }

    /**
     * Returns the first value of {@code probe} that satisfies {@code done}. A probe or condition
     * that throws counts as not yet; at the deadline its exception is the failure's cause.
     */
    static <T> T await(String what, Duration deadline, Probe<T> probe, Predicate<? super T> done) {
        long end = System.nanoTime() + deadline.toNanos();
        int polls = 0;
        while (true) {
            polls++;
            T last = null;
            Exception failure = null;
            try {
                last = probe.get();
                if (done.test(last)) {
                    return last;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            } catch (Exception e) {
                failure = e;
            }
            if (System.nanoTime() - end > 0) {
                String seen = failure != null ? failure.toString() : String.valueOf(last);
                String child = AgentInvariants.lastStderr();
                throw new AssertionError("waited " + deadline.toMillis() + " ms (" + polls + " polls) for " + what
                        + "; last seen: " + shorten(seen)
                        + (child.isEmpty() ? "" : "; the last child JVM with the agent wrote on stderr: " + shortenEnd(child)), failure);
            }
            // The poll interval, bounded by the deadline above: the only pause in the tests.
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    /** The end of a child's stderr, where an exit's messages are. */
    private static String shortenEnd(String text) {
        return text.length() <= SHOWN_CHARS ? text : "(" + text.length() + " chars) ..." + text.substring(text.length() - SHOWN_CHARS);
    }

    private static String shorten(String text) {
        return text.length() <= SHOWN_CHARS ? text : text.substring(0, SHOWN_CHARS) + "... (" + text.length() + " chars)";
    }
}
