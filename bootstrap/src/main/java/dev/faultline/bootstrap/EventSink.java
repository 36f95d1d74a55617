package dev.faultline.bootstrap;

import java.util.List;
import java.util.Map;

/**
 * Where the bridge hands captured events: implemented by the agent inside its isolated class
 * loader. Called on the application thread, so an implementation must never block and never throw.
 */
public interface EventSink {
    /** {@link #screen} verdict: not recorded at all (below the capture level, no error code). */
    Object IGNORE = new Object();
    /** {@link #screen} verdict: suppressed by an active error code; counted, appenders run. */
    Object SUPPRESSED = new Object();
    /** {@link #screen} verdict: suppressed, and kept out of the application's appenders too. */
    Object SUPPRESSED_HIDDEN = new Object();

    /**
     * Decides about a logging event before anything is copied, so that an event suppressed by an
     * active error code costs a map look-up and a counter, not a stack walk.
     *
     * @return {@link #IGNORE}, {@link #SUPPRESSED}, {@link #SUPPRESSED_HIDDEN}, null to capture
     *     the event as it is, or any other object to capture it with that object attached as
     *     {@link CapturedEvent#tracking}
     */
    Object screen(int severity, Map<String, ?> context, List<?> keyValues);

    /** Takes one event to record. */
    void accept(CapturedEvent event);
}
