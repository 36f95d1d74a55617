package dev.faultline.bootstrap;

/**
 * Where the bridge hands captured events: implemented by the agent inside its isolated class
 * loader. Called on the application thread, so an implementation must never block and never throw.
 */
public interface EventSink {
    /**
     * Takes one event.
     *
     * @return true when the application's own appenders should not see this event (an event
     *     suppressed by an active error code with {@code suppress-duplicate-logs=true})
     */
    boolean accept(CapturedEvent event);
}
