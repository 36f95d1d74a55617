package dev.faultline.store;

import dev.faultline.capture.Fingerprints;
import dev.faultline.capture.Occurrence;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code grouping_version} changes migrated, not split (GROUPING.md): for each occurrence whose
 * fingerprint under the previous version was another, the group of that fingerprint is merged
 * into the new one, once, through the merge of the query layer (counts and history move with
 * it; agents of the old version then land in the new group through {@link Merges}). Tried after
 * the new group was written (at most once a second), kept until it is. Bounded: at most
 * {@link #MAX_PENDING} pairs wait and {@link #MAX_DONE} are remembered. Writer thread only.
 */
final class VersionMigrations {
    static final int MAX_PENDING = 1_000;
    static final int MAX_DONE = 10_000;
    private static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Map<String, String> pending = new LinkedHashMap<String, String>();
    private final Map<String, Boolean> done = new LinkedHashMap<String, Boolean>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > MAX_DONE;
        }
    };
    private long nextRunAt = Long.MIN_VALUE;

    /** Notes the occurrence's previous-version group, if it had another. */
    void note(Occurrence o) {
        String previous = o.previousFingerprint;
        if (previous != null && o.fingerprint != null && !done.containsKey(previous) && pending.size() < MAX_PENDING) {
            pending.put(previous, o.fingerprint);
        }
    }

    /** Merges the noted groups whose new group is written; MongoDB's failures go to the caller. */
    void run(Database db, long now) {
        if (pending.isEmpty() || now < nextRunAt) {
            return;
        }
        nextRunAt = now + RETRY_NANOS;
        // A copy: the writer notes more while it waits for these calls (Writer.spoolWhileWaiting).
        for (String previous : db.migrateGroups(new LinkedHashMap<String, String>(pending), Fingerprints.VERSION)) {
            done.put(previous, Boolean.TRUE);
            pending.remove(previous);
        }
    }
}
