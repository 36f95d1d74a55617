package dev.faultline.codes;

/**
 * What the tracker decided on the application thread for an event that must reach the writer:
 * a new episode, a re-alert, a clear, or (before this JVM's stored episodes are loaded) a clear
 * of a code that may be stored. Attached to the captured event; the writer resolves it against
 * the stored episodes ({@link ErrorCodeTracker#resolve}) and turns it into an {@code error_codes}
 * write and a notice.
 */
public final class Decision {
    public enum Action { NEW, RE_ALERT, CLEAR, CLEAR_IF_STORED }

    final Action action;
    /** The episode; null for {@link Action#CLEAR_IF_STORED}. */
    final Episode episode;
    final String code;
    final boolean notify;
    /** Epoch milliseconds of the decision. */
    final long time;
    /** The re-alert window this event asked for, in milliseconds. */
    final long windowMillis;
    /** False for a clearing event below the capture level: the clear is processed, not recorded. */
    final boolean record;

    Decision(Action action, Episode episode, String code, boolean notify, long time, long windowMillis, boolean record) {
        this.action = action;
        this.episode = episode;
        this.code = code;
        this.notify = notify;
        this.time = time;
        this.windowMillis = windowMillis;
        this.record = record;
    }

    Decision with(Action changed, Episode on) {
        return new Decision(changed, on, code, notify, time, windowMillis, record);
    }

    public Action action() {
        return action;
    }

    public Episode episode() {
        return episode;
    }

    public String code() {
        return code;
    }

    public boolean record() {
        return record;
    }
}
