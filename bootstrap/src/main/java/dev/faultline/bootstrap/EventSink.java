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
     * thread's breadcrumb trail itself, or shed or dropped it (counted); the bridge does not
     * remember it as a breadcrumb.
     */
    Object TAKEN = new Object();
    /** {@link #before} verdict: make the event and {@link #offer} it. */
    Object CONTINUE = new Object();

    /**
     * Called before the event is made, with what decides an error storm and an error code: sheds
     * the call of a key in a storm, suppresses a repeat of an active code, or drops a call the full
     * queue would refuse, without the event object being allocated (docs/OPERATIONS.md, Storms).
     *
     * @return {@link #TAKEN} when the call was shed or dropped (counted only); null when it was not taken
     *     (a repeat of a throwable already captured, a suppressed code: the bridge remembers it as
     *     a breadcrumb); {@link #HIDE} as from {@link #offer};
     *     {@link #CONTINUE} to make the event and offer it; anything else is the storm's key, already
     *     counted, for the event's {@link CapturedEvent#storm}, and the event is then offered
     */
    default Object before(String source, int severity, long timestamp, String logger, String template, Throwable throwable,
            java.util.Map<String, ?> context, java.util.List<?> keyValues) {
        return CONTINUE;
    }

    /**
     * Takes one event: decides its error code (a suppressed repeat costs a look-up and a
     * counter), keeps its call site when it has no throwable, and queues it for the writer.
     *
     * @return {@link #HIDE} when the application's appenders must not see the event (suppressed
     *     with {@code suppress-duplicate-logs=true}); {@link #TAKEN} when it is on its way to the
     *     writer, or was shed or dropped by the queue; anything else (null) when it was not taken
     *     (suppressed, a repeat, below the level): the bridge then remembers it as a breadcrumb.
     *     Both but {@link #HIDE} let the appenders run
     */
    Object offer(CapturedEvent event);
}
