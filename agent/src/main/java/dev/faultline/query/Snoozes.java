package dev.faultline.query;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import dev.faultline.pipeline.GroupDelta;
import java.util.Date;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Snoozing a group (ALERTS.md "Snooze"): it becomes {@code ignored} with {@code snooze} saying
 * when it reopens, {@code {until}} (a time, also kept as {@code snoozed_until}) or
 * {@code {until_count}} (the group's count at which it reopens: now + N more) or
 * {@code {until_rate_per_hour}} (more than N in a clock hour). The agent whose
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
        return snooze(fingerprint, until, more, null);
    }

    /**
     * As {@link #snooze(String, Date, Long)}, or (exactly one of the three) until more than
     * {@code perHour} occurrences in one clock hour (UTC): {@code {until_rate_per_hour, hour,
     * hour_start_count}}, the hour being counted and the group's count when it began (the writer
     * moves both on when an hour has passed).
     */
    public Document snooze(String fingerprint, Date until, Long more, Long perHour) {
        if ((until == null ? 0 : 1) + (more == null ? 0 : 1) + (perHour == null ? 0 : 1) != 1) {
            throw new InvalidParameter("snooze", "exactly one of a time to snooze until, a number of further occurrences, a rate per hour");
        }
        if (until != null && !until.after(new Date())) {
            throw new InvalidParameter("until", "a time in the future");
        }
        if (more != null && more < 1) {
            throw new InvalidParameter("occurrences", "a whole number of 1 or more");
        }
        if (perHour != null && perHour < 1) {
            throw new InvalidParameter("rate_per_hour", "a whole number of 1 or more");
        }
        Document snooze;
        if (until != null) {
            snooze = new Document("until", until);
        } else {
            Document group = db.groups().find(Filters.eq("_id", fingerprint)).first();
            if (group == null) {
                return null;
            }
            Object n = group.get("count");
            long count = n instanceof Number ? ((Number) n).longValue() : 0;
            snooze = more != null ? new Document("until_count", count + more)
                    : new Document("until_rate_per_hour", perHour).append("hour", new Date(GroupDelta.hourStart(System.currentTimeMillis())))
                            .append("hour_start_count", count);
        }
        Bson update = Updates.combine(Updates.set("status", GroupQuery.IGNORED), Updates.set("snooze", snooze),
                Updates.set("snoozed_until", until), Updates.set("resolved_by", null), Updates.set("resolved_timestamp", null));
        if (db.groups().updateOne(Filters.eq("_id", fingerprint), update).getMatchedCount() == 0) {
            return null;
        }
        return new Document("status", GroupQuery.IGNORED).append("snooze", snooze).append("snoozed_until", until);
    }
}
