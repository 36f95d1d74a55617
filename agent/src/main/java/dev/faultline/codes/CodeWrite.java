package dev.faultline.codes;

/**
 * One pending {@code error_codes} write of an episode, kept as what it does rather than as a
 * finished MongoDB write: its filter is made when it is sent, from what is known of the episode
 * then (its stored id once MongoDB has said which document it is, else its {@link
 * CodeUpdates#openKey open key}), so that writes queued behind an opening reach the episode the
 * opening found. Writer thread only.
 */
final class CodeWrite {
    enum Kind {
        /** The episode's first event here: the source's active episode of the code, made or found. */
        OPEN,
        /** An alert after the window: applied only when no other JVM of the source re-alerted meanwhile. */
        RE_ALERT,
        /** The end of the episode: applied only while it is still active. */
        CLEAR,
        /** Suppressed repeats: occurrences and last seen. */
        COUNT
    }

    final Kind kind;
    final Episode episode;
    /** The id this JVM proposed for the document ({@link Kind#OPEN}): the opening made it when the stored one has it. */
    final String proposedId;
    /** Epoch milliseconds of the event (or of the last repeat counted). */
    final long time;
    /** The re-alert window the event asked for, in milliseconds ({@link Kind#RE_ALERT}, {@link Kind#OPEN}). */
    final long windowMillis;
    /** Repeats counted ({@link Kind#COUNT}). */
    final long count;
    /**
     * The notice this write's answer decides, or null (none asked for, or already sent). Sent
     * when MongoDB says this JVM made the change; sent anyway when the answer cannot be had
     * (MongoDB away, the exit), as a notice twice is better than none.
     */
    Notice notice;

    CodeWrite(Kind kind, Episode episode, long time, long windowMillis, long count, Notice notice) {
        this.kind = kind;
        this.episode = episode;
        this.proposedId = episode.id;
        this.time = time;
        this.windowMillis = windowMillis;
        this.count = count;
        this.notice = notice;
    }

    /** Whether it is sent alone, for its answer: every kind but the repeats' counts. */
    boolean answered() {
        return kind != Kind.COUNT;
    }
}
