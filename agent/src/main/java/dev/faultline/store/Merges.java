package dev.faultline.store;

import dev.faultline.capture.Occurrence;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bson.Document;

/**
 * The groups people merged into others ({@code error_groups.merged_into}, GROUPING.md), as the
 * writer knows them: read at each connection and then every {@link #REFRESH_NANOS}, so a merge
 * made in the console reaches running agents within that time. An occurrence of a merged
 * fingerprint is stored in the target group, keeping its own fingerprint as
 * {@code original_fingerprint} (so that an unmerge can move it back). Writer thread only.
 */
final class Merges {
    static final long REFRESH_NANOS = TimeUnit.SECONDS.toNanos(10);

    private Map<String, String> targets = new HashMap<String, String>();
    private long nextRefreshAt = Long.MIN_VALUE;

    /** Reads the merges when due (or now with {@code force}); a failure keeps the last known ones. */
    void refresh(Database db, long now, boolean force) {
        if (!force && now < nextRefreshAt) {
            return;
        }
        nextRefreshAt = now + REFRESH_NANOS;
        List<Document> merged = db.mergedGroups();
        Map<String, String> fresh = new HashMap<String, String>();
        for (Document g : merged) {
            Object target = g.get("merged_into");
            if (g.get("_id") instanceof String && target instanceof String) {
                fresh.put((String) g.get("_id"), (String) target);
            }
        }
        targets = fresh;
    }

    /** The occurrence as stored: in its group's target when the group is merged. */
    Occurrence apply(Occurrence o) {
        String target = o.fingerprint == null ? null : targets.get(o.fingerprint);
        return target == null ? o : o.mergedInto(target);
    }
}
