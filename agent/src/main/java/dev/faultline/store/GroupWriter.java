package dev.faultline.store;

import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoServerException;
import com.mongodb.client.model.WriteModel;
import dev.faultline.alert.Alerts;
import dev.faultline.alert.GroupChange;
import dev.faultline.capture.Occurrence;
import dev.faultline.core.Diag;
import dev.faultline.pipeline.GroupDelta;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Keeps {@code error_groups} (DESIGN.md section 4) in step with the occurrences written. Counts
 * are coalesced: occurrences stored since the last group write are summed per fingerprint
 * ({@link GroupDelta}) and written as one {@code $inc} per fingerprint, at most once per
 * interval (the writer's {@code flush.interval}), so a storm of identical errors costs a few
 * group writes per second whatever its rate, and the count stays exact. Runs on the writer
 * thread only.
 */
final class GroupWriter {
    /** Group documents lag their occurrences by at most this much unless told otherwise (and are flushed at shutdown). */
    static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Distinct fingerprints held before writing early. */
    static final int MAX_PENDING = 1000;
    private static final long MAX_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final int DUPLICATE_KEY = 11000;
    /**
     * The answer of {@link #count} for a count applied by an earlier attempt: nothing more to write
     * for it. In a holder: a {@code Document} made when this class is, in premain, would load the
     * BSON codec registry (about 130 classes, 50 ms) on the application's main thread.
     */
    private static final class AppliedBefore {
        static final Document ANSWER = new Document();
    }
    /** Key prefix of a merged group's own count in {@link #pending} (a fingerprint is hex only). */
    private static final String MERGED = "merged:";
    /** Drop reason: the only-counted occurrences of a group whose update MongoDB refused. */
    static final String GROUP_REJECTED = "group_rejected";

    private final Health health;
    /** Guarded by itself: the shutdown hook takes what is left when the writer is stuck ({@link #take}). */
    private final Map<String, GroupDelta> pending = new LinkedHashMap<String, GroupDelta>();
    /**
     * Counts whose write was sent and not answered (guarded by {@link #pending}): MongoDB may have
     * applied them, so they are sent again with the same id (applied once) and never added to;
     * new occurrences of the group start a new count.
     */
    private final List<GroupDelta> unanswered = new ArrayList<GroupDelta>();
    /**
     * The group whose write is under way, and the key it had in {@link #pending} (null for an
     * unanswered one), guarded by {@link #pending}. Out of {@link #pending} while it is written:
     * occurrences counted meanwhile (the writer spools while it waits: {@code
     * Writer.spoolWhileWaiting}) start a count of their own instead of adding to one being sent.
     */
    private GroupDelta inFlight;
    private String inFlightKey;
    /** Set once {@link #take} handed the rest to the spool at exit: nothing more is written. */
    private boolean handedOff;
    /** Whether the last {@link #write} found its count applied already (its id in the group): nothing counted. */
    private boolean appliedBefore;
    private final Backoff backoff = new Backoff(INTERVAL_NANOS, MAX_BACKOFF_NANOS);
    private long firstPendingAt;

    /** How long a count waits in memory before it is written: the writer's {@code flush.interval}, or {@link #INTERVAL_NANOS}. */
    private final long intervalNanos;

    GroupWriter(Health health) {
        this(health, INTERVAL_NANOS);
    }

    GroupWriter(Health health, long intervalNanos) {
        this.health = health;
        this.intervalNanos = intervalNanos;
    }

    /** Counts the occurrences MongoDB stored; those at {@code rejected} positions are left out. */
    void written(List<Occurrence> occurrences, Set<Integer> rejected) {
        for (int i = 0; i < occurrences.size(); i++) {
            if (!rejected.contains(i)) {
                add(occurrences.get(i));
            }
        }
    }

    /**
     * Counts {@code n} occurrences like {@code occurrence}, the last at {@code at}, that are not
     * stored (a storm's, beyond {@code storm.keep-per-window}): {@code count} only.
     */
    void counted(Occurrence occurrence, long n, java.util.Date at) {
        add(occurrence, n, at, false);
    }

    private void add(Occurrence occurrence) {
        add(occurrence, 1, occurrence.timestamp, true);
    }

    private void add(Occurrence occurrence, long n, java.util.Date at, boolean stored) {
        if (occurrence.fingerprint == null) {
            return;
        }
        synchronized (pending) {
            delta(occurrence.fingerprint, occurrence, false).add(occurrence, n, at, stored);
            if (occurrence.mergedFrom != null) {
                delta(MERGED + occurrence.mergedFrom, occurrence, true).add(occurrence, n, at, stored);
            }
        }
    }

    private GroupDelta delta(String key, Occurrence occurrence, boolean merged) {
        GroupDelta delta = pending.get(key);
        if (delta == null) {
            if (pending.isEmpty()) {
                firstPendingAt = System.nanoTime();
            }
            delta = GroupDelta.empty(occurrence, merged);
            pending.put(key, delta);
        }
        return delta;
    }

    boolean isEmpty() {
        synchronized (pending) {
            return pending.isEmpty() && unanswered.isEmpty();
        }
    }

    /** Counts waiting (about one per group). */
    int size() {
        synchronized (pending) {
            return pending.size() + unanswered.size();
        }
    }

    /**
     * Takes the waiting counts out, for the spool: at exit or when {@link #MAX_PENDING} groups
     * wait while MongoDB does not answer. Also from the shutdown hook while the writer is stuck in
     * a call to MongoDB, the group being written then included (whether MongoDB applied it is not
     * known: its id makes it count once, written or replayed); with {@code last} the writer writes
     * none of them afterwards.
     */
    List<GroupDelta> take(boolean last) {
        synchronized (pending) {
            List<GroupDelta> out = new ArrayList<GroupDelta>(unanswered);
            if (inFlight != null && inFlightKey != null) {
                // Being written (the unanswered ones are in the list already).
                out.add(inFlight);
            }
            out.addAll(pending.values());
            unanswered.clear();
            pending.clear();
            inFlight = null;
            handedOff |= last;
            return out;
        }
    }

    /**
     * The count's findOneAndUpdate. Two JVMs creating one group at once: MongoDB 4.2 and later
     * retry the losing upsert as an update themselves; an older server answers duplicate key, and
     * the same update sent again finds the document (and answers it was there before).
     */
    private static Document count(Database db, GroupDelta delta, List<Long> windows) {
        try {
            return db.countGroup(delta.countFilter(), delta.countUpdate(windows));
        } catch (MongoServerException e) {
            if (e.getCode() != DUPLICATE_KEY) {
                throw e;
            }
            try {
                return db.countGroup(delta.countFilter(), delta.countUpdate(windows));
            } catch (MongoServerException again) {
                // The group exists and holds this count's id: an earlier attempt (whose answer was lost) applied it.
                if (again.getCode() == DUPLICATE_KEY) {
                    return AppliedBefore.ANSWER;
                }
                throw again;
            }
        }
    }

    List<GroupChange> flush(Database db, long now, boolean force) {
        return flush(db, now, force, null);
    }

    /**
     * Writes the pending groups when they are due (and not backing off after a failure), or now
     * with {@code force}; returns what MongoDB answered for each group written (empty when
     * nothing was written). Per group: the count as one atomic findOneAndUpdate (its answer: was
     * the group created, the count before), each release the group lacked as a filtered push (its
     * answer: did this write add it; none past {@code GroupDelta.MAX_GROUP_RELEASES}), the reopen only when the group was resolved (and these
     * occurrences' release may reopen it) or its snooze ends (its answer: did it match), a snooze's
     * new clock hour when one began, and then the severity updates in one bulk write. A group written is
     * taken out of the pending ones at once, so a failure half-way never counts it twice. The
     * count also keeps the group's count in the window of each threshold rule of {@code alerts}
     * (null: none), and a window that ended is removed from the group by the first write after it.
     * A group refused by MongoDB is counted ({@link Health#groupCountLost}).
     */
    List<GroupChange> flush(Database db, long now, boolean force, Alerts alerts) {
        List<Map.Entry<String, GroupDelta>> todo;
        synchronized (pending) {
            boolean due = size() >= MAX_PENDING || now - firstPendingAt >= intervalNanos;
            if (isEmpty() || handedOff || !force && (!due || !backoff.due(now))) {
                return java.util.Collections.emptyList();
            }
            // A copy: the shutdown hook may take the rest while a write waits for MongoDB. The
            // unanswered first (no key: they are not in pending).
            todo = new ArrayList<Map.Entry<String, GroupDelta>>(unanswered.size() + pending.size());
            for (GroupDelta d : unanswered) {
                todo.add(new java.util.AbstractMap.SimpleEntry<String, GroupDelta>(null, d));
            }
            todo.addAll(pending.entrySet());
        }
        List<GroupChange> changes = new ArrayList<GroupChange>(todo.size());
        List<WriteModel<Document>> severities = new ArrayList<WriteModel<Document>>(todo.size());
        health.groupWrites.incrementAndGet();
        try {
            List<Long> windows = alerts == null ? java.util.Collections.<Long>emptyList() : alerts.windows(db, now);
            for (Map.Entry<String, GroupDelta> entry : todo) {
                GroupDelta delta = entry.getValue();
                synchronized (pending) {
                    if (!waiting(entry)) {
                        // Taken for the spool by the shutdown hook meanwhile.
                        continue;
                    }
                    inFlight = delta;
                    inFlightKey = entry.getKey();
                    if (inFlightKey != null) {
                        pending.remove(inFlightKey);
                    }
                }
                GroupChange change = write(db, delta, windows, severities);
                if (change != null) {
                    changes.add(change);
                }
                written(entry);
            }
            if (!severities.isEmpty()) {
                db.writeGroups(severities);
            }
            backoff.succeeded();
        } catch (RuntimeException e) {
            // MongoDB away: the groups not yet written keep their counts, add to them, and are
            // retried with backoff (each attempt may wait for server selection). A severity not
            // raised now is raised by the group's next write at that severity.
            synchronized (pending) {
                if (inFlight != null && inFlightKey != null) {
                    // Sent, not answered: perhaps applied. Sealed, so that what comes next is a count of its own.
                    unanswered.add(inFlight);
                }
                inFlight = null;
            }
            health.writeFailed(e);
            backoff.failed(now);
        }
        if (!isEmpty()) {
            firstPendingAt = now;
        }
        return changes;
    }

    /**
     * One group's write, as {@link #flush} makes it: the count (with its id, so that a write whose
     * answer is lost, sent again or spooled, still counts once), the releases, the reopen, the
     * snooze; its severity update added to {@code severities}. Returns the change for the alerts,
     * or null (a merged group's own count, a count applied before, one MongoDB refused: counted
     * in {@link Health#groupCountLost}). Throws what MongoDB threw that may pass.
     */
    private GroupChange write(Database db, GroupDelta delta, List<Long> windows, List<WriteModel<Document>> severities) {
        appliedBefore = false;
        try {
            delta.onceId();
            if (delta.merged) {
                // The merged group's own count (what an unmerge takes back): no alert, no reopening.
                db.updateGroup(delta.countFilter(), delta.countUpdate());
                return null;
            }
            Document before = count(db, delta, windows);
            appliedBefore = before == AppliedBefore.ANSWER;
            if (appliedBefore) {
                return null;
            }
            Bson stale = delta.staleWindows(before);
            if (stale != null) {
                db.updateGroup(delta.id(), stale);
            }
            List<String> added = new ArrayList<String>();
            for (String release : delta.missingReleases(before)) {
                if (db.updateGroup(delta.addReleaseFilter(release), delta.addReleaseUpdate(release))) {
                    added.add(release);
                }
            }
            boolean regressed = delta.mayReopen(before) && db.updateGroup(delta.reopenFilter(before), delta.reopenUpdate());
            boolean unsnoozed = delta.endsSnooze(before) && db.updateGroup(delta.unsnoozeFilter(), delta.unsnoozeUpdate());
            if (!unsnoozed && delta.startsSnoozeHour(before)) {
                db.updateGroup(delta.snoozeHourFilter(before), delta.snoozeHourUpdate(before));
            }
            severities.add(delta.severityUpdate());
            return delta.change(before, regressed, unsnoozed, windows, added);
        } catch (MongoServerException e) {
            if (worthRetrying(e)) {
                throw e;
            }
            // Refused (a validator, say): resending would not help. Its only-counted
            // occurrences are lost, its stored ones miss from the count (a merged group's
            // own count: its occurrences are counted with the target's).
            if (!delta.merged) {
                health.groupCountLost(delta.count, delta.storedCount, GROUP_REJECTED);
            }
            Diag.warnRateLimited(GROUP_REJECTED, "a group update was rejected by MongoDB: " + e.getMessage());
            return null;
        }
    }

    /**
     * A count this JVM spooled ({@link #take}n, so sealed), written now as {@link #flush} writes
     * one, by the replay of its own spool: its change goes to the alerts as any group write's (a
     * group it creates sends its notice). Throws when MongoDB fails.
     */
    List<GroupChange> writeSpooled(Database db, GroupDelta delta, Alerts alerts, long now) {
        List<GroupChange> changes = new ArrayList<GroupChange>(1);
        writeNow(db, delta, alerts, now, changes);
        return changes;
    }

    /**
     * Writes {@code delta} now, as {@link #writeSpooled} does, its change (if any) added to
     * {@code changes}; false when the group holds its id already (an earlier attempt or replay
     * applied it, so nothing was counted now). Throws when MongoDB fails.
     */
    boolean writeNow(Database db, GroupDelta delta, Alerts alerts, long now, List<GroupChange> changes) {
        // A round of its own (agent_health.group_writes): a count spooled while a call waited is written here, not by a flush.
        health.groupWrites.incrementAndGet();
        List<Long> windows = alerts == null ? java.util.Collections.<Long>emptyList() : alerts.windows(db, now);
        List<WriteModel<Document>> severities = new ArrayList<WriteModel<Document>>(1);
        GroupChange change = write(db, delta, windows, severities);
        boolean applied = !appliedBefore;
        if (!severities.isEmpty()) {
            db.writeGroups(severities);
        }
        if (change != null) {
            changes.add(change);
        }
        return applied;
    }

    /**
     * Counts {@link #take taken} for the spool that it did not take: they wait again, as counts
     * sent and not answered do (written later with their ids, so each applies once, also one whose
     * write was under way when it was taken).
     */
    void putBack(List<GroupDelta> deltas) {
        synchronized (pending) {
            if (!deltas.isEmpty()) {
                unanswered.addAll(deltas);
                // Due again an interval from now, not at once.
                firstPendingAt = System.nanoTime();
            }
        }
    }

    /** Whether any count is only in memory: waiting, or being written. */
    boolean holdsCounts() {
        synchronized (pending) {
            return !pending.isEmpty() || !unanswered.isEmpty() || inFlight != null;
        }
    }

    /** Whether counts have waited an interval: written now when MongoDB may be called (else spooled). */
    boolean due(long now) {
        synchronized (pending) {
            return !isEmpty() && now - firstPendingAt >= intervalNanos;
        }
    }

    /** Whether the count of {@code entry} (from {@code flush}'s copy) still waits. */
    private boolean waiting(Map.Entry<String, GroupDelta> entry) {
        return entry.getKey() == null ? unanswered.contains(entry.getValue()) : pending.get(entry.getKey()) == entry.getValue();
    }

    /** The group of {@code entry} is written (or refused): no longer waiting (out of {@link #pending} since its write began). */
    private void written(Map.Entry<String, GroupDelta> entry) {
        synchronized (pending) {
            inFlight = null;
            if (entry.getKey() == null) {
                unanswered.remove(entry.getValue());
            }
        }
    }

    /** A failure that may pass (an election, a lost primary): the write is retried later, not counted as refused. */
    static boolean worthRetrying(MongoServerException e) {
        return e.hasErrorLabel("RetryableWriteError") || e instanceof MongoNotPrimaryException
                || e instanceof MongoNodeIsRecoveringException;
    }
}
