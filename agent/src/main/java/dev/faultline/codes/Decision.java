package dev.faultline.codes;

/**
 * What the tracker decided for an event that must reach the writer: a new episode, a re-alert or
 * a clear. Attached to the captured event; the writer turns it into an {@code error_codes} write
 * and a notice.
 */
public final class Decision {
    public enum Action { NEW, RE_ALERT, CLEAR }

    final Action action;
    final Episode episode;
    final boolean notify;
    final long time;
    /** False for a clearing event below the capture level: the clear is processed, not recorded. */
    final boolean record;

    Decision(Action action, Episode episode, boolean notify, long time, boolean record) {
        this.action = action;
        this.episode = episode;
        this.notify = notify;
        this.time = time;
        this.record = record;
    }

    public Action action() {
        return action;
    }

    public Episode episode() {
        return episode;
    }

    public boolean record() {
        return record;
    }
}
