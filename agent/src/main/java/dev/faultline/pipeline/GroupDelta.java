package dev.faultline.pipeline;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
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
 * newest occurrence. Turned into plain filtered updates, because the in-process test server (and
 * the contract, DESIGN.md section 6) has no aggregation-pipeline updates.
 */
public final class GroupDelta {
    /** {@link #updates()} returns this many writes, in this order, for each group. */
    public static final int UPDATES_PER_GROUP = 3;
    static final String UNRESOLVED = "unresolved";
    static final String RESOLVED = "resolved";

    public final String fingerprint;
    /**
     * True for the count kept on a merged group while its occurrences are stored in the target:
     * the group exists already (no upsert), and its occurrences are counted, and lost, with the
     * target's.
     */
    public final boolean merged;
    private final Occurrence first;
    public long count;
    private Date firstSeen;
    private Date lastSeen;
    private String lastErrorId;
    private int severityNum;
    private String severity;
    private final Set<String> services = new LinkedHashSet<String>();

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

    public void add(Occurrence occurrence) {
        count++;
        Date at = occurrence.timestamp;
        if (at != null) {
            if (firstSeen == null || at.before(firstSeen)) {
                firstSeen = at;
            }
            if (lastSeen == null || !at.before(lastSeen)) {
                lastSeen = at;
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
    }

    /**
     * Three updates, independent of each other's order: reopen the group if it was resolved
     * before these occurrences; count them (creating the group on first sight); raise its
     * severity if these are more severe than any before.
     */
    public List<WriteModel<Document>> updates() {
        List<WriteModel<Document>> out = new ArrayList<WriteModel<Document>>(UPDATES_PER_GROUP);
        Bson id = Filters.eq("_id", fingerprint);
        // An occurrence older than the resolution (written late, replayed) does not reopen it.
        out.add(new UpdateOneModel<Document>(
                Filters.and(id, Filters.eq("status", RESOLVED),
                        Filters.or(Filters.eq("resolved_timestamp", null), Filters.lt("resolved_timestamp", lastSeen))),
                Updates.combine(Updates.set("status", UNRESOLVED), Updates.set("regressed_at", lastSeen),
                        Updates.inc("regressions", 1))));
        out.add(new UpdateOneModel<Document>(id, Updates.combine(
                Updates.inc("count", count),
                Updates.min("first_seen", firstSeen),
                Updates.max("last_seen", lastSeen),
                Updates.addEachToSet("services", new ArrayList<String>(services)),
                Updates.set("last_error_id", lastErrorId),
                Updates.setOnInsert(insertOnly())), new UpdateOptions().upsert(!merged)));
        out.add(new UpdateOneModel<Document>(Filters.and(id, Filters.lt("severity_num", severityNum)),
                Updates.combine(Updates.set("severity", severity), Updates.set("severity_num", severityNum))));
        return out;
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
                .append("regressed_at", null)
                .append("regressions", 0)
                .append("grouping_version", Fingerprints.VERSION);
    }
}
