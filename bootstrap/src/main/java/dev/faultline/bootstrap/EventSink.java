package dev.faultline.bootstrap;

/**
 * Where the bridge hands captured events: implemented by the agent inside its isolated class
 * loader (the intake gate). Called on the application thread, once per event, so an
 * implementation must never block and never throw.
 */
public interface EventSink {
    /** {@link #offer} verdict: keep the event out of the application's own appenders too. */
    Object HIDE = new Object();
    /**
     * {@link #offer} verdict: the agent took the event for the writer, which adds it to the
     * thread's breadcrumb trail itself; the bridge does not remember it.
     */
    Object TAKEN = new Object();

    /**
     * Takes one event: decides its error code (a suppressed repeat costs a look-up and a
     * counter), keeps its call site when it has no throwable, and queues it for the writer.
     *
     * @return {@link #HIDE} when the application's appenders must not see the event (suppressed
     *     with {@code suppress-duplicate-logs=true}); {@link #TAKEN} when it is on its way to the
     *     writer; anything else (null) when it was not taken (suppressed, dropped): the bridge
     *     then remembers it as a breadcrumb. Both but {@link #HIDE} let the appenders run
     */
    Object offer(CapturedEvent event);
}
