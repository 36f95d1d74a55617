package dev.faultline.store;

import dev.faultline.alert.Alerts;
import dev.faultline.alert.GroupChange;
import dev.faultline.capture.Occurrence;
import dev.faultline.core.Diag;
import dev.faultline.pipeline.GroupDelta;
import dev.faultline.store.spool.SpoolRecord;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.bson.RawBsonDocument;

/**
 * Stores occurrences, sent now or read back from a spool, by one idempotent rule: each is
 * inserted with its agent-made {@code _id}; a duplicate key means an earlier attempt stored it
 * (its answer was lost), so it counts as stored once and adds nothing to its group; only newly
 * inserted ones are counted in {@code error_groups}. Writer thread, or the {@code replay} command.
 */
final class Replay {
    /**
     * The spool record that says an insert's answer was lost ({@link #answerLost}): the pseudo
     * collection of its record; never written to MongoDB.
     */
    static final String ANSWER_LOST = "answer_lost";
    /** Duplicates kept until a later marker may claim them: at most this many, the oldest forgotten first. */
    private static final int UNCOUNTED_DUPLICATES = 4096;
    /** This JVM's spooled counts remembered for its replay ({@link #spooled}): past this many, the oldest is applied as any spooled count. */
    private static final int OWN_COUNTS = 4096;

    private final Health health;
    private final GroupWriter groups;
    /**
     * Occurrences an insert found stored already (duplicates) and did not count, by id: when a
     * later {@link #ANSWER_LOST} record names one, the attempt that stored it never had its answer,
     * so it was never counted either, and is counted then.
     */
    private final java.util.Map<String, Occurrence> uncounted = bounded(UNCOUNTED_DUPLICATES);

    /**
     * Occurrences a replay inserted new here, by id: when a later {@link #ANSWER_LOST} record names
     * one, the attempt whose answer was lost did not store it and this JVM counted it, so the
     * record's count claims its group with nothing more (a copy of the file, or a replay after a
     * restart, then finds the record applied); met again as a duplicate (a chunk read again after
     * a failure), it is not taken for uncounted.
     */
    private final java.util.Map<String, Occurrence> insertedHere = bounded(UNCOUNTED_DUPLICATES);

    /** Of {@link #uncounted}, those of this JVM's own spool ({@link #ownDuplicatesWaiting}); one forgotten past the bound leaves the next start to read the file whole. */
    private final java.util.Map<String, Boolean> ownWaiting = bounded(UNCOUNTED_DUPLICATES);

    /**
     * The counts this JVM spooled, by their id, until its own replay writes them through {@link
     * GroupWriter#writeSpooled} (so that their changes reach the alerts).
     */
    private final java.util.Map<String, GroupDelta> ownCounts = bounded(OWN_COUNTS);

    /** A map that keeps its {@code max} newest entries. */
    private static <V> java.util.Map<String, V> bounded(final int max) {
        return new java.util.LinkedHashMap<String, V>() {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(java.util.Map.Entry<String, V> eldest) {
                return size() > max;
            }
        };
    }

    /** What {@link #left} stored, by the service each occurrence names (for the {@code replay} command's reports). */
    final java.util.Map<String, Long> leftByService = new java.util.TreeMap<String, Long>();
    /** The last {@code agent_health} report {@link #left} found of each service. */
    final java.util.Map<String, Document> leftReports = new java.util.HashMap<String, Document>();

    private boolean notifyLeft;
    private final List<GroupChange> leftChanges = new ArrayList<GroupChange>();

    Replay(Health health, GroupWriter groups) {
        this.health = health;
        this.groups = groups;
    }

    /** Inserts {@code occurrences} and counts the new ones in their groups; throws when MongoDB fails. */
    Database.Inserted insert(Database db, List<Occurrence> occurrences) {
        return counted(occurrences, db.insertRecords(occurrences), false);
    }

    /** {@link #insert} of occurrences read back from a spool ({@code left}: a file an earlier run left), sent as their spooled BSON. */
    private Database.Inserted insert(Database db, ReadBack read, boolean left) {
        Database.Inserted answer = counted(read.occurrences, db.insertRecords(read.occurrences, read.encoded()), true);
        if (!left) {
            ownBacklog(read.occurrences, answer);
        }
        return answer;
    }

    /** The answer to an insert of this JVM's own spooled {@code occurrences}: those found stored wait for their answer-lost record. */
    void ownBacklog(List<Occurrence> occurrences, Database.Inserted answer) {
        for (int i : answer.duplicates) {
            String id = occurrences.get(i).id;
            if (id != null && uncounted.containsKey(id)) {
                ownWaiting.put(id, Boolean.TRUE);
            }
        }
    }

    /**
     * Whether occurrences of this JVM's own spool, found stored already, wait for the answer-lost
     * record after them to be counted: the part of the file read so far must then be read again
     * by the next start (its records and that record), not noted as stored ({@code
     * OwnSpool#close}).
     */
    boolean ownDuplicatesWaiting() {
        return !ownWaiting.isEmpty();
    }

    /**
     * What MongoDB answered to an insert of {@code occurrences}: the new ones are counted in their
     * groups. With {@code replayed} they were read back from a spool, where an {@link
     * #ANSWER_LOST} record may follow them (a batch's first send is never followed by one that
     * names what it stored).
     */
    Database.Inserted counted(List<Occurrence> occurrences, Database.Inserted answer, boolean replayed) {
        Set<Integer> notNew = new HashSet<Integer>(answer.rejected);
        notNew.addAll(answer.duplicates);
        groups.written(occurrences, notNew);
        for (int i = 0; i < occurrences.size(); i++) {
            Occurrence o = occurrences.get(i);
            if (o.id == null || answer.rejected.contains(i)) {
                continue;
            }
            if (!answer.duplicates.contains(i)) {
                if (replayed) {
                    insertedHere.put(o.id, o);
                }
            } else if (!insertedHere.containsKey(o.id)) {
                uncounted.put(o.id, o);
            }
        }
        if (!answer.rejected.isEmpty()) {
            health.writeFailed(answer.firstError);
            Diag.warnRateLimited(Health.REJECTED, answer.rejected.size() + " errors rejected by MongoDB: " + answer.firstError);
        }
        return answer;
    }

    /**
     * This JVM's own spooled occurrences: they move from {@code spooled} to {@code written} (or to
     * {@code dropped.rejected}); its spooled counts are applied once. Its own health reports in
     * the spool are skipped: a fresh one follows. {@code read} is {@code records} {@link ReadBack
     * read back} (without reports). When their insert fails, {@code unanswered} is given the
     * answer-lost record of them, for the spool, before the failure is thrown.
     */
    List<GroupChange> own(Database db, ReadBack read, List<SpoolRecord> records, Alerts alerts, long now,
            java.util.function.Consumer<SpoolRecord> unanswered) {
        if (!read.occurrences.isEmpty()) {
            Database.Inserted answer;
            try {
                answer = insert(db, read, false);
            } catch (RuntimeException e) {
                // Without an answer (a call given up at exit, a connection lost): MongoDB may
                // store them all the same, and whichever replay finds them stored counts them
                // when it meets this record (as for a batch's first send, Writer.notStored).
                unanswered.accept(answerLost(read.occurrences));
                throw e;
            }
            health.written.addAndGet(answer.stored);
            health.dropped(Health.REJECTED, answer.rejected.size());
            health.spooled.addAndGet(-read.occurrences.size());
        }
        unreadable(read);
        return counts(db, records, alerts, now);
    }

    /** Counts this JVM appends to its spool ({@link SpooledCounts#groups} of them): its replay writes them as group writes. */
    void spooled(List<GroupDelta> deltas) {
        for (GroupDelta d : deltas) {
            ownCounts.put(d.onceId(), d);
        }
    }

    /** The occurrences of {@code read} that were not documents: out of {@code spooled}, dropped as rejected. */
    void unreadable(ReadBack read) {
        health.spooled.addAndGet(-read.unreadable);
        health.dropped(Health.REJECTED, read.unreadable);
    }

    /**
     * The record that says the insert of {@code occurrences} went unanswered (a lost connection,
     * a call given up at exit): MongoDB may have stored them without this JVM counting them in
     * their groups. Appended to the spool after them, so that whichever replay later finds them
     * stored already (duplicates, otherwise taken as counted) counts them then ({@link #counts}).
     */
    SpoolRecord answerLost(List<Occurrence> occurrences) {
        List<String> ids = new ArrayList<String>(occurrences.size());
        for (Occurrence o : occurrences) {
            // Not one a replay here inserted and counted already (a backlog sent again at exit
            // after its first send was answered and its counts were not: 13 over in a trial).
            if (o.id != null && !insertedHere.containsKey(o.id)) {
                ids.add(o.id);
            }
        }
        return new SpoolRecord(ANSWER_LOST, new Document("_id", java.util.UUID.randomUUID().toString()).append("ids", ids));
    }

    /**
     * The spooled group increments and error-code writes among {@code records}, each applied
     * once ({@link SpooledCounts}), after the occurrences they follow, and the occurrences an
     * {@link #ANSWER_LOST} record among them names that a replay found stored already, counted in
     * their groups. One MongoDB refuses is skipped (resending would not help) and noted.
     */
    List<GroupChange> counts(Database db, List<SpoolRecord> records, Alerts alerts, long now) {
        return counts(db, records, alerts, now, false);
    }

    /** {@link #counts}; {@code left} for a file an earlier run left (what it counts is {@code replayed}). */
    private List<GroupChange> counts(Database db, List<SpoolRecord> records, Alerts alerts, long now, boolean left) {
        List<GroupChange> changes = new ArrayList<GroupChange>();
        // Consecutive spooled counts go to MongoDB together (SpooledCounts.apply), before anything after them.
        List<SpoolRecord> spooled = new ArrayList<SpoolRecord>();
        java.util.Set<String> before = SpooledCounts.appliedBefore(db, records);
        // Groups a spooled count creates here: their new_group notice (the run that spooled the
        // count, killed or ended during the outage, never got the answer).
        List<Object> created = new ArrayList<Object>();
        for (SpoolRecord r : records) {
            GroupDelta own = Collections.ERROR_GROUPS.equals(r.collection) ? ownCounts.remove(String.valueOf(r.document().get("_id"))) : null;
            if (own == null && SpooledCounts.isCount(r)) {
                spooled.add(r);
                continue;
            }
            apply(db, spooled, before, created);
            if (own != null) {
                // Spooled by this JVM: written as a group write, its change for the alerts.
                try {
                    changes.addAll(groups.writeSpooled(db, own, alerts, now));
                } catch (RuntimeException e) {
                    ownCounts.put(own.onceId(), own);
                    throw e;
                }
                continue;
            }
            if (ANSWER_LOST.equals(r.collection)) {
                answerLost(db, r.document(), alerts, now, changes, left);
            }
        }
        apply(db, spooled, before, created);
        if (!created.isEmpty()) {
            for (Document group : db.groupsWithLastError(created)) {
                changes.add(SpooledCounts.created(group));
            }
        }
        if (left && notifyLeft) {
            leftChanges.addAll(changes);
        }
        return changes;
    }

    /**
     * From now on the group changes of left files' replays are kept for {@link #takeLeftChanges}
     * (the writer's alerts; not the {@code replay} command, which sends no notices).
     */
    void notifyLeft() {
        notifyLeft = true;
    }

    /** The group changes of left files' replays since the last call, for the alerts. */
    List<GroupChange> takeLeftChanges() {
        if (leftChanges.isEmpty()) {
            return java.util.Collections.emptyList();
        }
        List<GroupChange> taken = new ArrayList<GroupChange>(leftChanges);
        leftChanges.clear();
        return taken;
    }

    /**
     * An {@link #ANSWER_LOST} record met by a replay: the occurrences it names that were found
     * stored already were stored by the attempt whose answer was lost, and counted by no one. They
     * are counted now, a count per group that carries the record's id (applied once: a copy of
     * the file replayed again, or a replay that stopped before the record was settled past and is
     * started over, finds it applied and counts nothing). A group whose named occurrences were
     * all inserted here (the lost attempt did not store them) gets that id with nothing added,
     * so that a later replay, meeting them as duplicates, does not count them again. What is
     * counted now, a left file's, is {@code replayed} (the run that captured them counted them
     * as spooled). Throws when MongoDB fails (the record is then read again).
     */
    private void answerLost(Database db, Document record, Alerts alerts, long now, List<GroupChange> changes, boolean left) {
        String recordId = String.valueOf(record.get("_id"));
        java.util.Map<String, GroupDelta> byGroup = new java.util.LinkedHashMap<String, GroupDelta>();
        java.util.Map<String, List<Occurrence>> countedByGroup = new java.util.HashMap<String, List<Occurrence>>();
        List<Occurrence> found = new ArrayList<Occurrence>();
        for (Object id : record.getList("ids", Object.class, java.util.Collections.emptyList())) {
            Occurrence o = uncounted.get(String.valueOf(id));
            boolean counted = o != null;
            if (o == null) {
                o = insertedHere.get(String.valueOf(id));
            }
            if (o == null || o.fingerprint == null) {
                // Not read by this replay (settled past by an earlier one, or forgotten): not known here.
                continue;
            }
            found.add(o);
            add(byGroup, o.fingerprint, o, false, counted);
            if (o.mergedFrom != null) {
                add(byGroup, "merged:" + o.mergedFrom, o, true, counted);
            }
            if (counted) {
                countedByGroup.computeIfAbsent(o.fingerprint, k -> new ArrayList<Occurrence>()).add(o);
            }
        }
        for (java.util.Map.Entry<String, GroupDelta> e : byGroup.entrySet()) {
            GroupDelta delta = e.getValue().onceId(recordId);
            boolean applied = groups.writeNow(db, delta, alerts, now, changes);
            List<Occurrence> counted = countedByGroup.get(e.getKey());
            if (left && applied && counted != null && !delta.merged) {
                leftStored(counted);
            }
        }
        for (Occurrence o : found) {
            uncounted.remove(o.id);
            ownWaiting.remove(o.id);
        }
    }

    /** Adds {@code o} to its group's count in {@code byGroup} under {@code key}: as one more occurrence when {@code counted}, else only as seen. */
    private static void add(java.util.Map<String, GroupDelta> byGroup, String key, Occurrence o, boolean merged, boolean counted) {
        GroupDelta delta = byGroup.computeIfAbsent(key, k -> GroupDelta.empty(o, merged));
        if (counted) {
            delta.add(o);
        } else {
            delta.add(o, 0, o.timestamp, false);
        }
    }

    /**
     * Applies {@code spooled} counts (then empties it), the groups they create added to
     * {@code created}; one MongoDB refuses as a whole is skipped and said.
     */
    private static void apply(Database db, List<SpoolRecord> spooled, java.util.Set<String> appliedBefore, List<Object> created) {
        if (spooled.isEmpty()) {
            return;
        }
        try {
            SpooledCounts.apply(db, spooled, appliedBefore, created::add);
        } catch (com.mongodb.MongoServerException e) {
            if (GroupWriter.worthRetrying(e)) {
                throw e;
            }
            SpooledCounts.refused(spooled.get(0).collection, e);
        }
        spooled.clear();
    }

    /**
     * Records a spool left by an earlier run holds: its occurrences count as {@code replayed} here
     * (that run counted them as spooled), its health reports replace the stale ones. Returns the
     * ids of the occurrences found stored already and not counted yet ({@link #waiting}).
     */
    List<String> left(Database db, List<SpoolRecord> records) {
        List<Document> reports = new ArrayList<Document>();
        ReadBack read = new ReadBack(records, reports);
        List<String> duplicates = new ArrayList<String>();
        if (!read.occurrences.isEmpty()) {
            Database.Inserted answer = insert(db, read, true);
            List<Occurrence> inserted = new ArrayList<Occurrence>(read.occurrences.size());
            for (int i = 0; i < read.occurrences.size(); i++) {
                Occurrence o = read.occurrences.get(i);
                if (answer.duplicates.contains(i)) {
                    if (o.id != null) {
                        duplicates.add(o.id);
                    }
                } else if (!answer.rejected.contains(i)) {
                    inserted.add(o);
                }
            }
            // Only what is stored now: one found stored already was counted by the run or replay
            // that stored it, or is counted when its answer-lost record is met (answerLost).
            leftStored(inserted);
            health.replayRejected.addAndGet(answer.rejected.size());
        }
        health.replayRejected.addAndGet(read.unreadable);
        counts(db, records, null, 0, true);
        for (Document report : reports) {
            db.writeHealth(report);
            leftReports.put(String.valueOf(report.get("service")), report);
        }
        return duplicates;
    }

    /** Occurrences of a left file stored by this replay: {@code replayed}, by their service. */
    private void leftStored(List<Occurrence> stored) {
        health.replayed.addAndGet(stored.size());
        for (Occurrence o : stored) {
            leftByService.merge(String.valueOf(o.service), 1L, Long::sum);
        }
    }

    /**
     * Whether the occurrence {@code id}, found stored already, still waits for an {@link
     * #ANSWER_LOST} record further on to be counted in its group (forgotten past {@link
     * #UNCOUNTED_DUPLICATES}).
     */
    boolean waiting(String id) {
        return uncounted.containsKey(id);
    }

    /**
     * The occurrences among records read back, each with its spooled BSON (read, not decoded:
     * {@link Occurrence#read}); the health reports go to {@code reports} when it is not null. An
     * occurrence whose bytes are not a document (a checksum can pass on a foreign file) is
     * skipped and counted in {@link #unreadable}.
     */
    static final class ReadBack {
        final List<Occurrence> occurrences;
        final List<RawBsonDocument> bson;
        int unreadable;
        /** Whether there are spooled counts or answer-lost records among the records (applied after the occurrences, {@link #own}). */
        boolean counts;

        ReadBack(List<SpoolRecord> records, List<Document> reports) {
            occurrences = new ArrayList<Occurrence>(records.size());
            bson = new ArrayList<RawBsonDocument>(records.size());
            for (SpoolRecord r : records) {
                if (Collections.APP_ERRORS.equals(r.collection)) {
                    try {
                        occurrences.add(Occurrence.read(r.bson()));
                        bson.add(r.bson());
                    } catch (RuntimeException notADocument) {
                        unreadable++;
                        Diag.debug("a spooled record is not a document: " + notADocument);
                    }
                } else if (reports != null && Collections.AGENT_HEALTH.equals(r.collection)) {
                    reports.add(r.document());
                } else {
                    counts |= SpooledCounts.isCount(r) || ANSWER_LOST.equals(r.collection);
                }
            }
        }

        /** The spooled BSON of each occurrence, to insert as it is. */
        RawBsonDocument[] encoded() {
            return bson.toArray(new RawBsonDocument[0]);
        }
    }
}
