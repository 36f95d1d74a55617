package dev.faultline.query;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.util.Date;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Snoozing a group (ALERTS.md "Snooze"): it becomes {@code ignored} with {@code snooze} saying
 * when it reopens, {@code {until}} (a time, also kept as {@code snoozed_until}) or
 * {@code {until_count}} (the group's count at which it reopens: now + N more). The agent whose
 * group write meets the condition reopens it and alerts once; resolve, unresolve and ignore end a
 * snooze.
 */
public final class Snoozes {
    /** Part of every status change made by a person: a snooze ends with it. */
    static final Bson END = Updates.combine(Updates.set("snooze", null), Updates.set("snoozed_until", null));

    private final Database db;

    public Snoozes(Database db) {
        this.db = db;
    }

    /**
     * Snoozes until {@code until}, or until {@code more} further occurrences (exactly one of the
     * two); the snooze document, or null when there is no such group. The count is read, then the
     * target written: occurrences counted in between move the target by as many (harmless).
     */
    public Document snooze(String fingerprint, Date until, Long more) {
        if ((until == null) == (more == null)) {
            throw new InvalidParameter("until", "either a time to snooze until or a number of further occurrences");
        }
        if (more != null && more < 1) {
            throw new InvalidParameter("occurrences", "a whole number of 1 or more");
        }
        Document snooze;
        if (until != null) {
            snooze = new Document("until", until);
        } else {
            Document group = db.groups().find(Filters.eq("_id", fingerprint)).first();
            if (group == null) {
                return null;
            }
            Object count = group.get("count");
            snooze = new Document("until_count", (count instanceof Number ? ((Number) count).longValue() : 0) + more);
        }
        Bson update = Updates.combine(Updates.set("status", GroupQuery.IGNORED), Updates.set("snooze", snooze),
                Updates.set("snoozed_until", until), Updates.set("resolved_by", null), Updates.set("resolved_timestamp", null));
        if (db.groups().updateOne(Filters.eq("_id", fingerprint), update).getMatchedCount() == 0) {
            return null;
        }
        return new Document("status", GroupQuery.IGNORED).append("snooze", snooze).append("snoozed_until", until);
    }
}
