package dev.faultline.query;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.mongodb.client.result.UpdateResult;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * {@code app_errors}: list, count, detail, and the occurrence level of resolution (issue 4, item
 * 2): resolving sets {@code resolved}, {@code resolved_by}, {@code resolved_timestamp};
 * unresolving clears all three.
 */
public final class Occurrences implements Lookup {
    private final Database db;

    public Occurrences(Database db) {
        this.db = db;
    }

    public Page list(ErrorQuery q) {
        List<Document> results = db.errors().find(q.filter).sort(q.sort)
                .skip(q.page.skip()).limit(q.page.size).into(new ArrayList<>());
        return new Page(results, count(q), q.page);
    }

    public long count(ErrorQuery q) {
        return Counts.of(db.errors(), q.filter);
    }

    /** The whole record, or null when there is none with this id. */
    @Override
    public Document find(String id) {
        return db.errors().find(Filters.eq("_id", id)).first();
    }

    /** Null when there is no such occurrence. */
    public Resolution resolve(String id, String by) {
        Date now = new Date();
        return change(id, Updates.combine(Updates.set("resolved", true), Updates.set("resolved_by", by),
                Updates.set("resolved_timestamp", now)), new Resolution(GroupQuery.RESOLVED, by, now, 0));
    }

    /** Null when there is no such occurrence. */
    public Resolution unresolve(String id) {
        return change(id, Updates.combine(Updates.set("resolved", false), Updates.set("resolved_by", null),
                Updates.set("resolved_timestamp", null)), new Resolution(GroupQuery.UNRESOLVED, null, null, 0));
    }

    @Override
    public java.util.List<String> matchingIds(String given) {
        return IdPrefix.matching(db.errors(), given);
    }

    private Resolution change(String id, Bson update, Resolution done) {
        UpdateResult r = db.errors().updateOne(Filters.eq("_id", id), update);
        return r.getMatchedCount() == 0 ? null : done;
    }
}
