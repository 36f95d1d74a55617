package dev.faultline.store;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.WriteModel;
import dev.faultline.core.Diag;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.bson.Document;

/**
 * Keeps {@code error_groups} (DESIGN.md section 4) in step with the occurrences written. Counts
 * are coalesced: occurrences stored since the last group write are summed per fingerprint and
 * written as one {@code $inc} per fingerprint, at most once per {@link #INTERVAL_NANOS}, so a
 * storm of identical errors costs a few group writes per second whatever its rate, and the count
 * stays exact. Runs on the writer thread only.
 */
final class GroupWriter {
    /** Group documents lag their occurrences by at most this much (and are flushed at shutdown). */
    static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Distinct fingerprints held before writing early. */
    static final int MAX_PENDING = 1000;
    private static final long MAX_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final int DUPLICATE_KEY = 11000;

    private final Health health;
    private final Map<String, GroupDelta> pending = new LinkedHashMap<String, GroupDelta>();
    private long firstPendingAt;
    private long backoff = INTERVAL_NANOS;
    private long retryAt;

    GroupWriter(Health health) {
        this.health = health;
        this.retryAt = System.nanoTime();
    }

    /**
     * Counts the occurrences just written to {@code app_errors}. With {@code failure}, those it
     * rejected (other than as duplicates: a duplicate was stored by an earlier attempt whose
     * answer was lost, and was not counted then) are left out.
     */
    void written(List<Document> occurrences, MongoBulkWriteException failure) {
        Set<Integer> rejected = new HashSet<Integer>();
        if (failure != null) {
            for (BulkWriteError error : failure.getWriteErrors()) {
                if (error.getCode() != DUPLICATE_KEY) {
                    rejected.add(error.getIndex());
                }
            }
        }
        for (int i = 0; i < occurrences.size(); i++) {
            if (!rejected.contains(i)) {
                add(occurrences.get(i));
            }
        }
    }

    private void add(Document occurrence) {
        String fingerprint = occurrence.getString("fingerprint");
        if (fingerprint == null) {
            return;
        }
        GroupDelta delta = pending.get(fingerprint);
        if (delta != null) {
            delta.add(occurrence);
            return;
        }
        if (pending.isEmpty()) {
            firstPendingAt = System.nanoTime();
        }
        pending.put(fingerprint, GroupDelta.of(occurrence));
    }

    /** Writes the pending groups when they are due (and not backing off after a failure), or now with {@code force}. */
    void flush(MongoStore store, long now, boolean force) {
        if (pending.isEmpty()) {
            return;
        }
        boolean due = pending.size() >= MAX_PENDING || now - firstPendingAt >= INTERVAL_NANOS;
        if (!force && (!due || now - retryAt < 0)) {
            return;
        }
        List<WriteModel<Document>> updates = new ArrayList<WriteModel<Document>>(pending.size() * 3);
        List<GroupDelta> deltas = new ArrayList<GroupDelta>(pending.values());
        for (GroupDelta delta : deltas) {
            updates.addAll(delta.updates());
        }
        try {
            health.groupWrites.incrementAndGet();
            store.collection(Collections.ERROR_GROUPS).bulkWrite(updates, new BulkWriteOptions().ordered(false));
            pending.clear();
            backoff = INTERVAL_NANOS;
        } catch (MongoBulkWriteException e) {
            // Unordered: the other updates were applied. Resending the failed ones would not help.
            long lost = 0;
            Set<Integer> failedGroups = new HashSet<Integer>();
            for (BulkWriteError error : e.getWriteErrors()) {
                failedGroups.add(error.getIndex() / 3);
            }
            for (int group : failedGroups) {
                lost += deltas.get(group).count;
            }
            health.dropped("group_rejected", lost);
            health.writeFailed(e);
            Diag.warnRateLimited("group_rejected", failedGroups.size() + " group updates rejected by MongoDB: "
                    + e.getWriteErrors().get(0).getMessage());
            pending.clear();
        } catch (RuntimeException e) {
            // MongoDB away: keep the counts, add to them, and retry with backoff (each attempt
            // may wait for server selection).
            health.writeFailed(e);
            retryAt = now + backoff;
            backoff = Math.min(backoff * 2, MAX_BACKOFF_NANOS);
        }
    }
}
