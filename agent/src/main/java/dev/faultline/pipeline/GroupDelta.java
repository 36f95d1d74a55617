package dev.faultline.pipeline;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import dev.faultline.alert.GroupChange;
import dev.faultline.capture.Fingerprints;
import dev.faultline.capture.Occurrence;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * What the occurrences of one fingerprint written since the last group write add to its
 * {@code error_groups} document: how many, first and last seen, highest severity, services, the
 * newest occurrence. Turned into plain filtered updates (the count an atomic findOneAndUpdate whose
 * answer the alerts use, {@link GroupChange}), because the in-process test server (and
 * the contract, DESIGN.md section 6) has no aggregation-pipeline updates.
 */
public final class GroupDelta {
    static final String UNRESOLVED = "unresolved";
    static final String RESOLVED = "resolved";
    static final String IGNORED = "ignored";
    /** On a group resolved in a release: the first release with the fix (older ones do not reopen it). */
    /** The releases the group was seen in, the first {@link #MAX_GROUP_RELEASES} (ALERTS.md). */
    public static final String RELEASES = "releases";
    /** {@link #RELEASES} kept per group: commit-id releases would otherwise grow it by one per deployment. */
    public static final int MAX_GROUP_RELEASES = 100;
    public static final String RESOLVED_IN_RELEASE = "resolved_in_release";
    /** On a group resolved "in the next release": the newest release then (it and older ones do not reopen it). */
    public static final String RESOLVED_AFTER_RELEASE = "resolved_after_release";
    /** The group's counts per threshold window: {@code "<seconds>s_<window start, epoch seconds>": count} (ALERTS.md). */
    public static final String WINDOW_COUNTS = "window_counts";

    public final String fingerprint;
    private String onceId;
    /**
     * True for the count kept on a merged group while its occurrences are stored in the target:
     * the group exists already (no upsert, no alert, no reopening), and its occurrences are
     * counted, and lost, with the target's.
     */
    public final boolean merged;
    /** On a merged group: the part of its {@code count} that its target counts too. */
    public static final String MERGED_COUNT = "merged_count";
    private final Occurrence first;
    public long count;
    /** The part of {@link #count} stored as documents ({@code stored_count}). */
    public long storedCount;
    private Date lastStoredAt;
    private Date firstSeen;
    private Date lastSeen;
    private String lastErrorId;
    private int severityNum;
    private String severity;
    private final Set<String> services = new LinkedHashSet<String>();
    /** The releases of these occurrences (null for one without a release), at most {@link #MAX_RELEASES}. */
    private final Set<String> releases = new LinkedHashSet<String>();
    /** More distinct releases than kept: whether one is older than a resolution is not known. */
    private boolean manyReleases;
    static final int MAX_RELEASES = 32;

    private GroupDelta(String fingerprint, Occurrence first, boolean merged) {
        this.fingerprint = fingerprint;
        this.first = first;
        this.merged = merged;
    }

    /** A delta holding {@code occurrence}, or null when it has no fingerprint. */
    public static GroupDelta of(Occurrence occurrence) {
        String fingerprint = occurrence.fingerprint;
        if (fingerprint == null) {
            return null;
        }
        GroupDelta delta = new GroupDelta(fingerprint, occurrence, false);
        delta.add(occurrence);
        return delta;
    }

    /**
     * The merged group's own count of {@code occurrence}, stored in the target: what an unmerge
     * takes back from the target. Null when the occurrence is in its own group.
     */
    public static GroupDelta ofMerged(Occurrence occurrence) {
        if (occurrence.mergedFrom == null) {
            return null;
        }
        GroupDelta delta = new GroupDelta(occurrence.mergedFrom, occurrence, true);
        delta.add(occurrence);
        return delta;
    }

    /**
     * An empty delta for the group of {@code occurrence} (or, with {@code merged}, the merged
     * group's own count, see {@link #ofMerged}); {@link #add(Occurrence, long, Date, boolean)} fills it.
     */
    public static GroupDelta empty(Occurrence occurrence, boolean merged) {
        return new GroupDelta(merged ? occurrence.mergedFrom : occurrence.fingerprint, occurrence, merged);
    }

    /** One stored occurrence. */
    public void add(Occurrence occurrence) {
        add(occurrence, 1, occurrence.timestamp, true);
    }

    /**
     * {@code n} occurrences like {@code occurrence}, the last at {@code at}: stored (then
     * {@code n} is 1 and it may be the group's {@code last_error_id}), or only counted (a storm's
     * occurrences beyond {@code storm.keep-per-window}, docs/OPERATIONS.md).
     */
    public void add(Occurrence occurrence, long n, Date at, boolean stored) {
        count += n;
        if (stored) {
            storedCount++;
        }
        if (at != null) {
            if (firstSeen == null || at.before(firstSeen)) {
                firstSeen = at;
            }
            if (lastSeen == null || !at.before(lastSeen)) {
                lastSeen = at;
            }
            if (stored && (lastStoredAt == null || !at.before(lastStoredAt))) {
                lastStoredAt = at;
                lastErrorId = occurrence.id;
            }
        }
        if (severity == null || occurrence.severityNum > severityNum) {
            severityNum = occurrence.severityNum;
            severity = occurrence.severity;
        }
        String service = occurrence.service;
        if (service != null) {
            services.add(service);
        }
        String release = occurrence.document.getString("release");
        if (release != null && release.isEmpty()) {
            release = null;
        }
        if (releases.size() < MAX_RELEASES || releases.contains(release)) {
            releases.add(release);
        } else {
            manyReleases = true;
        }
    }

    public Bson id() {
        return Filters.eq("_id", fingerprint);
    }

    /**
     * This count's id, made before its first write: the count write requires that the group's
     * {@link AppliedOnce#FIELD} lacks {@code "<id>/0"} and adds it, so that it counts once, sent again after
     * a lost answer or replayed from the spool.
     */
    public String onceId() {
        if (onceId == null) {
            onceId = java.util.UUID.randomUUID().toString();
        }
        return onceId;
    }

    /**
     * Gives this count the id {@code id} instead of a random one (before its first write): a count
     * that a replay of the same spool record may make again (an answer-lost record's, {@code
     * store.Replay}) carries that record's id, so that it applies once however often it is replayed.
     */
    public GroupDelta onceId(String id) {
        if (onceId != null) {
            throw new IllegalStateException("the count has an id already");
        }
        onceId = id;
        return this;
    }

    /** The filter of the count write: the group, and with {@link #onceId}, only if this count is not in it yet. */
    public Bson countFilter() {
        Document filter = new Document("_id", fingerprint);
        return onceId == null ? filter : filter.append(AppliedOnce.FIELD, AppliedOnce.notApplied(AppliedOnce.id(onceId, 0)));
    }

    /**
     * Counts these occurrences, creating the group on first sight. Sent as one atomic
     * findOneAndUpdate (upsert, document before): its answer says whether this write created the
     * group and which counts it crossed.
     */
    public Bson countUpdate() {
        return countUpdate(java.util.Collections.<Long>emptyList());
    }

    /**
     * {@link #countUpdate()}, also counting these occurrences in the window (of each length in
     * {@code windows}, ms, fixed windows from the epoch) of the newest of them: the window's count
     * before, in the answer, is this writer's alone ({@link #change}).
     */
    public Bson countUpdate(List<Long> windows) {
        List<Bson> updates = new ArrayList<Bson>();
        if (lastSeen != null) {
            for (long w : windows) {
                updates.add(Updates.inc(WINDOW_COUNTS + "." + windowKey(w, lastSeen.getTime()), count));
            }
        }
        updates.add(Updates.inc("count", count));
        if (merged) {
            // What this group gave its target while merged: an unmerge takes back exactly this
            // (not count, which also holds occurrences stored here by agents that had not yet
            // learned of the merge; GROUPING.md, Merging groups).
            updates.add(Updates.inc(MERGED_COUNT, count));
        }
        updates.add(Updates.inc("stored_count", storedCount));
        updates.add(Updates.min("first_seen", firstSeen));
        updates.add(Updates.max("last_seen", lastSeen));
        updates.add(Updates.addEachToSet("services", new ArrayList<String>(services)));
        if (lastErrorId != null) {
            // None when these were only counted (a storm's): the stored newest stays the group's.
            updates.add(Updates.set("last_error_id", lastErrorId));
        }
        updates.add(Updates.setOnInsert(insertOnly()));
        if (onceId != null) {
            updates.add(new Document("$push", new Document(AppliedOnce.FIELD, AppliedOnce.pushed(AppliedOnce.id(onceId, 0)))));
        }
        return Updates.combine(updates);
    }

    /** The key of the {@code windowMillis} window holding {@code atMillis} in {@link #WINDOW_COUNTS}. */
    public static String windowKey(long windowMillis, long atMillis) {
        return windowMillis / 1000 + "s_" + Math.floorDiv(atMillis, windowMillis) * windowMillis / 1000;
    }

    /**
     * Removes the window counts of the document before whose window ended by these occurrences'
     * newest time (any length, also of a rule removed since), or null when there is none: sent
     * only then, so at most once per group and window.
     */
    public Bson staleWindows(Document before) {
        if (before == null || lastSeen == null || !(before.get(WINDOW_COUNTS) instanceof Document)) {
            return null;
        }
        List<Bson> unset = new ArrayList<Bson>();
        for (String key : ((Document) before.get(WINDOW_COUNTS)).keySet()) {
            int s = key.indexOf("s_");
            try {
                long end = Long.parseLong(key.substring(s + 2)) + Long.parseLong(key.substring(0, s));
                if (end * 1000 <= lastSeen.getTime()) {
                    unset.add(Updates.unset(WINDOW_COUNTS + "." + key));
                }
            } catch (RuntimeException notOurs) {
                // Not a key this code writes: left as it is.
            }
        }
        return unset.isEmpty() ? null : Updates.combine(unset);
    }

    /** The count in each of {@code windows} before this write: from the document before (0 when none). */
    private java.util.Map<Long, Long> windowCountsBefore(Document before, List<Long> windows) {
        java.util.Map<Long, Long> counts = new java.util.HashMap<Long, Long>();
        if (lastSeen == null) {
            return counts;
        }
        Object all = before == null ? null : before.get(WINDOW_COUNTS);
        for (long w : windows) {
            Object n = all instanceof Document ? ((Document) all).get(windowKey(w, lastSeen.getTime())) : null;
            counts.put(w, n instanceof Number ? ((Number) n).longValue() : 0L);
        }
        return counts;
    }

    /**
     * Reopens the group if it was resolved before these occurrences; an occurrence older than the
     * resolution (written late, replayed) does not reopen it. Whether it matched is the
     * database's answer that this write regressed the group.
     */
    public Bson reopenFilter(Document before) {
        return Filters.and(id(), Filters.eq("status", RESOLVED),
                Filters.or(Filters.eq("resolved_timestamp", null), Filters.lt("resolved_timestamp", lastSeen)),
                // The resolution decided on is still the group's (not resolved again in another release meanwhile).
                Filters.eq(RESOLVED_IN_RELEASE, before.get(RESOLVED_IN_RELEASE)),
                Filters.eq(RESOLVED_AFTER_RELEASE, before.get(RESOLVED_AFTER_RELEASE)));
    }

    public Bson reopenUpdate() {
        return Updates.combine(Updates.set("status", UNRESOLVED), Updates.set("regressed_at", lastSeen),
                Updates.inc("regressions", 1), Updates.set(RESOLVED_IN_RELEASE, null), Updates.set(RESOLVED_AFTER_RELEASE, null));
    }

    /**
     * Whether the group, as it was before the count, was snoozed and this write meets the
     * snooze's condition (ALERTS.md "Snooze"): its time passed, or the count reached its target.
     * Only then is {@link #unsnoozeFilter()} sent; whether it matched is the answer that this
     * write (of all JVMs') reopened the group.
     */
    public boolean endsSnooze(Document before) {
        if (before == null || !IGNORED.equals(before.getString("status")) || !(before.get("snooze") instanceof Document)) {
            return false;
        }
        Document snooze = (Document) before.get("snooze");
        Object until = snooze.get("until");
        Object untilCount = snooze.get("until_count");
        long after = ((Number) before.get("count", (Object) 0L)).longValue() + count;
        return (until instanceof Date && lastSeen != null && !lastSeen.before((Date) until))
                || (untilCount instanceof Number && after >= ((Number) untilCount).longValue())
                || (snooze.get("until_rate_per_hour") instanceof Number
                        && inHour(snooze, after) > ((Number) snooze.get("until_rate_per_hour")).longValue());
    }

    /**
     * The occurrences counted in the clock hour of these occurrences' newest: since the snooze's
     * {@code hour} began ({@code hour_start_count}), or, when a later hour has begun, this write's.
     */
    private long inHour(Document snooze, long after) {
        if (lastSeen == null) {
            return 0;
        }
        Date hour = snooze.getDate("hour");
        Object base = snooze.get("hour_start_count");
        if (hour == null || hourStart(lastSeen.getTime()) > hour.getTime() || !(base instanceof Number)) {
            return count;
        }
        return after - ((Number) base).longValue();
    }

    /**
     * Whether the group before the count was snoozed by rate and these occurrences are of a later
     * clock hour than the one counted: then (when the snooze does not end) {@link #snoozeHourFilter}
     * and {@link #snoozeHourUpdate} start counting their hour from the count before this write.
     * The filter on the old hour lets one writer of all start it.
     */
    public boolean startsSnoozeHour(Document before) {
        if (before == null || !(before.get("snooze") instanceof Document) || lastSeen == null) {
            return false;
        }
        Document snooze = (Document) before.get("snooze");
        Date hour = snooze.getDate("hour");
        return snooze.get("until_rate_per_hour") != null && hour != null && hourStart(lastSeen.getTime()) > hour.getTime();
    }

    public Bson snoozeHourFilter(Document before) {
        return Filters.and(id(), Filters.eq("status", IGNORED), Filters.eq("snooze.hour", ((Document) before.get("snooze")).getDate("hour")));
    }

    public Bson snoozeHourUpdate(Document before) {
        return Updates.combine(Updates.set("snooze.hour", new Date(hourStart(lastSeen.getTime()))),
                Updates.set("snooze.hour_start_count", ((Number) before.get("count", (Object) 0L)).longValue()));
    }

    /** The start of the clock hour (UTC) of {@code millis}. */
    public static long hourStart(long millis) {
        return millis - Math.floorMod(millis, 3_600_000L);
    }

    public Bson unsnoozeFilter() {
        return Filters.and(id(), Filters.eq("status", IGNORED), Filters.ne("snooze", null));
    }

    public Bson unsnoozeUpdate() {
        return Updates.combine(Updates.set("status", UNRESOLVED), Updates.set("snooze", null), Updates.set("snoozed_until", null));
    }

    /** Raises the group's severity if these are more severe than any before. */
    public WriteModel<Document> severityUpdate() {
        return new UpdateOneModel<Document>(Filters.and(id(), Filters.lt("severity_num", severityNum)),
                Updates.combine(Updates.set("severity", severity), Updates.set("severity_num", severityNum)));
    }

    /**
     * Whether these occurrences may reopen the group as it was before the count: it was resolved,
     * and one of them is not known to be from a release the resolution leaves out (ALERTS.md
     * "Resolved in a release"): older than {@code resolved_in_release}, or
     * {@code resolved_after_release} or older. Only then is {@link #reopenFilter} sent; its match
     * stays the one answer, across JVMs, that this write regressed the group.
     */
    public boolean mayReopen(Document before) {
        if (before == null || !RESOLVED.equals(before.getString("status"))) {
            return false;
        }
        Object in = before.get(RESOLVED_IN_RELEASE);
        Object after = before.get(RESOLVED_AFTER_RELEASE);
        if (!(in instanceof String) && !(after instanceof String) || manyReleases) {
            return true;
        }
        for (String release : releases) {
            boolean leftOut = in instanceof String ? Releases.older(release, (String) in) : Releases.notNewer(release, (String) after);
            if (!leftOut) {
                return true;
            }
        }
        return false;
    }

    /** What the write answered, for alerts: {@code before} is the group before the count (null: created). */
    public GroupChange change(Document before, boolean regressed, boolean unsnoozed) {
        return change(before, regressed, unsnoozed, java.util.Collections.<Long>emptyList(), java.util.Collections.<String>emptyList());
    }

    /**
     * {@link #change(Document, boolean, boolean)} with the counts before in the windows the count
     * update kept, and the releases this write added ({@link #addReleaseFilter} matched).
     */
    public GroupChange change(Document before, boolean regressed, boolean unsnoozed, List<Long> windows, List<String> addedReleases) {
        long countBefore = before == null ? 0 : ((Number) before.get("count", (Object) 0L)).longValue();
        Document d = first.document;
        return new GroupChange(fingerprint, first.title, first.exceptionType, first.app, first.service,
                d.getString("environment"), d.getString("release"), severityNum, severity, before == null, regressed,
                unsnoozed, countBefore, countBefore + count, before == null ? null : before.getString("assignee"),
                before == null ? null : before.getString("status"), before == null ? null : before.getDate("snoozed_until"),
                d.get("error_code") != null || d.get(dev.faultline.capture.RecordFactory.CLEARS_CODE) != null).withNewRelease(newRelease(before, addedReleases)).withWindows(windowCountsBefore(before, windows));
    }

    private List<String> knownReleases() {
        List<String> known = new ArrayList<String>(releases);
        known.remove(null);
        return known;
    }

    /**
     * The releases of these occurrences the group, as it was before the count, was not seen in:
     * each is then added by {@link #addReleaseFilter}/{@link #addReleaseUpdate} (one round trip per
     * release new to the group). None when this write created the group (set on insert) or the
     * group holds {@link #MAX_GROUP_RELEASES} already.
     */
    public List<String> missingReleases(Document before) {
        List<String> missing = knownReleases();
        if (before == null || missing.isEmpty()) {
            return java.util.Collections.emptyList();
        }
        Object seen = before.get(RELEASES);
        if (seen instanceof List) {
            if (((List<?>) seen).size() >= MAX_GROUP_RELEASES) {
                return java.util.Collections.emptyList();
            }
            missing.removeAll((List<?>) seen);
        }
        return missing;
    }

    /**
     * Adds {@code release} if the group does not have it and has fewer than
     * {@link #MAX_GROUP_RELEASES}: matched for exactly one writer of all, the one that added it.
     */
    public Bson addReleaseFilter(String release) {
        return Filters.and(id(), Filters.ne(RELEASES, release), Filters.exists(RELEASES + "." + (MAX_GROUP_RELEASES - 1), false));
    }

    public Bson addReleaseUpdate(String release) {
        return Updates.push(RELEASES, release);
    }

    /**
     * The newest of the releases this write added to the group's {@code releases} ({@code added}:
     * those whose {@link #addReleaseFilter} matched), or null: none added, or the group was counted
     * before releases were kept (this write only fills them in).
     */
    static String newRelease(Document before, List<String> added) {
        return before == null || !(before.get(RELEASES) instanceof List) ? null : Releases.newest(added);
    }

    /** Set once, by the occurrence that created the group. */
    private Document insertOnly() {
        return new Document("title", first.title)
                .append("exception_type", first.exceptionType)
                .append("app", first.app)
                .append("file", first.file)
                .append("function", first.function)
                .append("severity", severity)
                .append("severity_num", severityNum)
                .append("status", UNRESOLVED)
                .append("resolved_by", null)
                .append("resolved_timestamp", null)
                .append(RESOLVED_IN_RELEASE, null)
                .append(RESOLVED_AFTER_RELEASE, null)
                .append(RELEASES, knownReleases())
                .append("regressed_at", null)
                .append("regressions", 0)
                .append("grouping_version", Fingerprints.VERSION);
    }
}
