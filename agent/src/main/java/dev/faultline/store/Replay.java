package dev.faultline.store;

import dev.faultline.capture.Occurrence;
import dev.faultline.core.Diag;
import dev.faultline.store.spool.SpoolRecord;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bson.Document;

/**
 * Stores occurrences, sent now or read back from a spool, by one idempotent rule: each is
 * inserted with its agent-made {@code _id}; a duplicate key means an earlier attempt stored it
 * (its answer was lost), so it counts as stored once and adds nothing to its group; only newly
 * inserted ones are counted in {@code error_groups}. Writer thread, or the {@code replay} command.
 */
final class Replay {
    private final Health health;
    private final GroupWriter groups;

    Replay(Health health, GroupWriter groups) {
        this.health = health;
        this.groups = groups;
    }

    /** Inserts {@code occurrences} and counts the new ones in their groups; throws when MongoDB fails. */
    Database.Inserted insert(Database db, List<Occurrence> occurrences) {
        return counted(occurrences, db.insertRecords(occurrences));
    }

    /** What MongoDB answered to an insert of {@code occurrences}: the new ones are counted in their groups. */
    Database.Inserted counted(List<Occurrence> occurrences, Database.Inserted answer) {
        Set<Integer> notNew = new HashSet<Integer>(answer.rejected);
        notNew.addAll(answer.duplicates);
        groups.written(occurrences, notNew);
        if (!answer.rejected.isEmpty()) {
            health.writeFailed(answer.firstError);
            Diag.warnRateLimited(Health.REJECTED, answer.rejected.size() + " errors rejected by MongoDB: " + answer.firstError);
        }
        return answer;
    }

    /**
     * This JVM's own spooled occurrences: they move from {@code spooled} to {@code written} (or to
     * {@code dropped.rejected}); its spooled counts are applied once. Its own health reports in
     * the spool are skipped: a fresh one follows.
     */
    void own(Database db, List<SpoolRecord> records) {
        List<Occurrence> occurrences = occurrences(records, null);
        if (!occurrences.isEmpty()) {
            Database.Inserted answer = insert(db, occurrences);
            health.spooled.addAndGet(-occurrences.size());
            health.written.addAndGet(answer.stored);
            health.dropped(Health.REJECTED, answer.rejected.size());
        }
        counts(db, records);
    }

    /**
     * The spooled group increments and error-code writes among {@code records}, each applied
     * once ({@link SpooledCounts}), after the occurrences they follow. One MongoDB refuses is
     * skipped (resending would not help) and noted.
     */
    private static void counts(Database db, List<SpoolRecord> records) {
        for (SpoolRecord r : records) {
            if (SpooledCounts.isCount(r)) {
                try {
                    SpooledCounts.apply(db, r);
                } catch (com.mongodb.MongoServerException e) {
                    if (GroupWriter.worthRetrying(e)) {
                        throw e;
                    }
                    Diag.warnRateLimited("spooled_count_rejected", "a spooled " + r.collection + " count was rejected by MongoDB: "
                            + e.getMessage());
                }
            }
        }
    }

    /**
     * Records a spool left by an earlier run holds: its occurrences count as {@code replayed} here
     * (that run counted them as spooled), its health reports replace the stale ones.
     */
    void left(Database db, List<SpoolRecord> records) {
        List<Document> reports = new ArrayList<Document>();
        List<Occurrence> occurrences = occurrences(records, reports);
        if (!occurrences.isEmpty()) {
            Database.Inserted answer = insert(db, occurrences);
            health.replayed.addAndGet(answer.stored);
            health.replayRejected.addAndGet(answer.rejected.size());
        }
        counts(db, records);
        for (Document report : reports) {
            db.writeHealth(report);
        }
    }

    private static List<Occurrence> occurrences(List<SpoolRecord> records, List<Document> reports) {
        List<Occurrence> out = new ArrayList<Occurrence>(records.size());
        for (SpoolRecord r : records) {
            if (Collections.APP_ERRORS.equals(r.collection)) {
                out.add(Occurrence.of(r.document));
            } else if (reports != null && Collections.AGENT_HEALTH.equals(r.collection)) {
                reports.add(r.document);
            }
        }
        return out;
    }
}
