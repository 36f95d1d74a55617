package dev.faultline.store;

import dev.faultline.capture.Occurrence;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bson.Document;

/**
 * The groups people merged into others ({@code error_groups.merged_into}, GROUPING.md), as the
 * writer knows them: read at each connection and then every {@link #REFRESH_NANOS}, so a merge
 * made in the console reaches running agents within that time; a merge some process left
 * unfinished is finished then. An occurrence of a merged
 * fingerprint is stored in the target group, keeping its own fingerprint as
 * {@code original_fingerprint} (so that an unmerge can move it back). Writer thread only.
 */
final class Merges {
    static final long REFRESH_NANOS = TimeUnit.SECONDS.toNanos(10);
    /**
     * How old an unfinished merge must be before this writer finishes it: one under way is
     * finished by whoever started it (finishing it too would be harmless, only more writes).
     */
    static final long UNFINISHED_MILLIS = TimeUnit.SECONDS.toMillis(30);

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
        List<String> unfinished = new ArrayList<String>();
        long before = System.currentTimeMillis() - UNFINISHED_MILLIS;
        for (Document g : merged) {
            Object target = g.get("merged_into");
            if (g.get("_id") instanceof String && target instanceof String) {
                fresh.put((String) g.get("_id"), (String) target);
                Object at = g.get("merged_at");
                if (g.get(dev.faultline.query.Groups.MERGE_PENDING) != null && (!(at instanceof java.util.Date)
                        || ((java.util.Date) at).getTime() < before)) {
                    unfinished.add((String) g.get("_id"));
                }
            }
        }
        targets = fresh;
        if (!unfinished.isEmpty()) {
            // A process stopped in the middle of a merge (GroupMerges): its counts and occurrences move now.
            db.finishMerges(unfinished);
        }
    }

    /** The occurrence as stored: in its group's target when the group is merged. */
    Occurrence apply(Occurrence o) {
        String target = o.fingerprint == null ? null : targets.get(o.fingerprint);
        return target == null ? o : o.mergedInto(target);
    }
}
