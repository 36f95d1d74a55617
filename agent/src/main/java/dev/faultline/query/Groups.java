package dev.faultline.query;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * {@code error_groups}: list (with each group's daily trend), detail (with its latest
 * occurrences), and the group level of resolution (issue 4, item 2). Resolving a group also marks
 * its occurrences resolved; a later occurrence reopens the group (the writer's job, not ours).
 */
public final class Groups implements Lookup {
    /** Occurrences shown with a group; their bulky fields stay out (read them one by one). */
    public static final int LATEST = 20;
    private static final Bson SUMMARY = Projections.exclude("exception", "data");

    private final Database db;

    public Groups(Database db) {
        this.db = db;
    }

    public Page list(GroupQuery q) {
        List<Document> results = db.groups().find(q.filter).sort(q.sort)
                .skip(q.page.skip()).limit(q.page.size).into(new ArrayList<>());
        List<String> ids = new ArrayList<>();
        for (Document g : results) {
            ids.add(String.valueOf(g.get("_id")));
        }
        Map<String, List<Integer>> trends = Trend.daily(db, ids, today());
        for (Document g : results) {
            g.append("trend", trends.get(String.valueOf(g.get("_id"))));
        }
        return new Page(results, Counts.of(db.groups(), q.filter), q.page);
    }

    /**
     * The group with {@code trend}, its {@code occurrences} (latest first) and {@code top_values}
     * (the most frequent values of each context key among them), or null.
     */
    @Override
    public Document find(String fingerprint) {
        Document group = db.groups().find(Filters.eq("_id", fingerprint)).first();
        if (group == null) {
            return null;
        }
        List<Document> latest = db.errors().find(Filters.eq("fingerprint", fingerprint)).projection(SUMMARY)
                .sort(Sorts.orderBy(Sorts.descending("timestamp"), Sorts.descending("_id"))).limit(LATEST)
                .into(new ArrayList<>());
        group.append("trend", Trend.daily(db, Collections.singletonList(fingerprint), today()).get(fingerprint));
        group.append("occurrences", latest);
        group.append("top_values", TopValues.of(db, fingerprint));
        return group;
    }

    /** Marks the group and every occurrence recorded so far resolved. Null when there is no such group. */
    public Resolution resolve(String fingerprint, String by) {
        Date now = new Date();
        Bson update = Updates.combine(Updates.set("status", GroupQuery.RESOLVED), Updates.set("resolved_by", by),
                Updates.set("resolved_timestamp", now), Snoozes.END);
        if (db.groups().updateOne(Filters.eq("_id", fingerprint), update).getMatchedCount() == 0) {
            return null;
        }
        // Only occurrences up to now: one arriving meanwhile is a regression and must stay open.
        long marked = db.errors().updateMany(
                Filters.and(Filters.eq("fingerprint", fingerprint), Filters.ne("resolved", true), Filters.lte("timestamp", now)),
                Updates.combine(Updates.set("resolved", true), Updates.set("resolved_by", by), Updates.set("resolved_timestamp", now)))
                .getModifiedCount();
        return new Resolution(GroupQuery.RESOLVED, by, now, marked);
    }

    /** Reopens the group; its occurrences keep their own state. Null when there is no such group. */
    public Resolution unresolve(String fingerprint) {
        return status(fingerprint, GroupQuery.UNRESOLVED);
    }

    /** An ignored group keeps counting but stays out of the unresolved list. Null when there is no such group. */
    public Resolution ignore(String fingerprint) {
        return status(fingerprint, GroupQuery.IGNORED);
    }

    @Override
    public java.util.List<String> matchingIds(String given) {
        return IdPrefix.matching(db.groups(), given);
    }

    private Resolution status(String fingerprint, String status) {
        Bson update = Updates.combine(Updates.set("status", status), Updates.set("resolved_by", null),
                Updates.set("resolved_timestamp", null), Snoozes.END);
        if (db.groups().updateOne(Filters.eq("_id", fingerprint), update).getMatchedCount() == 0) {
            return null;
        }
        return new Resolution(status, null, null, 0);
    }

    private static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }
}
