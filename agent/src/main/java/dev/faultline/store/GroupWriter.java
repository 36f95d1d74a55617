package dev.faultline.store;

import com.mongodb.client.model.WriteModel;
import dev.faultline.capture.Occurrence;
import dev.faultline.core.Diag;
import dev.faultline.pipeline.GroupDelta;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.bson.Document;

/**
 * Keeps {@code error_groups} (DESIGN.md section 4) in step with the occurrences written. Counts
 * are coalesced: occurrences stored since the last group write are summed per fingerprint
 * ({@link GroupDelta}) and written as one {@code $inc} per fingerprint, at most once per
 * {@link #INTERVAL_NANOS}, so a storm of identical errors costs a few group writes per second
 * whatever its rate, and the count stays exact. Runs on the writer thread only.
 */
final class GroupWriter {
    /** Group documents lag their occurrences by at most this much (and are flushed at shutdown). */
    static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Distinct fingerprints held before writing early. */
    static final int MAX_PENDING = 1000;
    private static final long MAX_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(30);

    /** Key prefix of a merged group's own count in {@link #pending} (a fingerprint is hex only). */
    private static final String MERGED = "merged:";

    private final Health health;
    private final Map<String, GroupDelta> pending = new LinkedHashMap<String, GroupDelta>();
    private final Backoff backoff = new Backoff(INTERVAL_NANOS, MAX_BACKOFF_NANOS);
    private long firstPendingAt;

    GroupWriter(Health health) {
        this.health = health;
    }

    /** Counts the occurrences MongoDB stored; those at {@code rejected} positions are left out. */
    void written(List<Occurrence> occurrences, Set<Integer> rejected) {
        for (int i = 0; i < occurrences.size(); i++) {
            if (!rejected.contains(i)) {
                add(occurrences.get(i));
            }
        }
    }

    private void add(Occurrence occurrence) {
        if (occurrence.fingerprint == null) {
            return;
        }
        add(occurrence.fingerprint, occurrence, false);
        if (occurrence.mergedFrom != null) {
            add(MERGED + occurrence.mergedFrom, occurrence, true);
        }
    }

    private void add(String key, Occurrence occurrence, boolean merged) {
        GroupDelta delta = pending.get(key);
        if (delta != null) {
            delta.add(occurrence);
            return;
        }
        if (pending.isEmpty()) {
            firstPendingAt = System.nanoTime();
        }
        pending.put(key, merged ? GroupDelta.ofMerged(occurrence) : GroupDelta.of(occurrence));
    }

    boolean isEmpty() {
        return pending.isEmpty();
    }

    /** Writes the pending groups when they are due (and not backing off after a failure), or now with {@code force}. */
    void flush(Database db, long now, boolean force) {
        if (pending.isEmpty()) {
            return;
        }
        boolean due = pending.size() >= MAX_PENDING || now - firstPendingAt >= INTERVAL_NANOS;
        if (!force && (!due || !backoff.due(now))) {
            return;
        }
        List<WriteModel<Document>> updates = new ArrayList<WriteModel<Document>>(pending.size() * 3);
        List<GroupDelta> deltas = new ArrayList<GroupDelta>(pending.values());
        for (GroupDelta delta : deltas) {
            updates.addAll(delta.updates());
        }
        try {
            health.groupWrites.incrementAndGet();
            Set<Integer> refused = db.writeGroups(updates);
            if (!refused.isEmpty()) {
                // Resending the refused ones would not help: their occurrences are counted as lost.
                Set<Integer> failedGroups = new TreeSet<Integer>();
                for (int index : refused) {
                    failedGroups.add(index / GroupDelta.UPDATES_PER_GROUP);
                }
                long lost = 0;
                for (int group : failedGroups) {
                    // A merged group's own count: its occurrences are counted with the target's.
                    lost += deltas.get(group).merged ? 0 : deltas.get(group).count;
                }
                health.dropped("group_rejected", lost);
                Diag.warnRateLimited("group_rejected", failedGroups.size() + " group updates rejected by MongoDB");
            }
            pending.clear();
            backoff.succeeded();
        } catch (RuntimeException e) {
            // MongoDB away: keep the counts, add to them, and retry with backoff (each attempt
            // may wait for server selection).
            health.writeFailed(e);
            backoff.failed(now);
        }
    }
}
