package dev.faultline.alert;

import java.util.Date;
import java.util.List;
import org.bson.Document;

/** What alerts need of MongoDB; used on the writer thread only (the writer's connection). */
public interface AlertStore {
    /** Every {@code alert_rules} document. */
    List<Document> alertRules();

    /** Stores notices (sent or failed) in {@code notices}. */
    void insertNotices(List<Document> notices);

    /**
     * The rate limit shared by all JVMs ({@code notice_limits}, ALERTS.md "No floods"): whether a
     * notice ({@code notice}: its group's fingerprint and its event) may go out on the channel in
     * the window {@code id} (fewer than {@code perWindow} sent in it, none the same), counted when it may.
     * Decided by the answer to one atomic filtered update. A store that keeps no shared limit
     * throws {@link UnsupportedOperationException}: the JVM's own limit applies.
     */
    default boolean allowNotice(String id, String channel, Date window, String notice, int perWindow) {
        throw new UnsupportedOperationException("no shared notice limit");
    }

    /** Adds a notice held back by the limit to the window's digest tally. */
    default void holdBackNotice(String id, String channel, Date window, String fingerprint, long occurrences) {
        throw new UnsupportedOperationException("no shared notice limit");
    }

    /**
     * Takes the window's digest tally and empties it in one atomic update: the tally as it was
     * ({@code held_back}, {@code occurrences}, {@code held_groups}), or null when there is none
     * (another JVM took it).
     */
    default Document takeDigest(String id) {
        throw new UnsupportedOperationException("no shared notice limit");
    }
}
