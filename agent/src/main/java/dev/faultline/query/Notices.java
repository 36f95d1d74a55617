package dev.faultline.query;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;

/** The {@code notices} collection: every alert notice sent or failed, newest first (ALERTS.md). */
public final class Notices {
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    private final Database db;

    public Notices(Database db) {
        this.db = db;
    }

    /** {@code group} (a fingerprint) may be null; {@code limit} is a count of 1 to {@link #MAX_LIMIT} as text, or null. */
    public List<Document> list(String group, String limit) {
        int n = DEFAULT_LIMIT;
        if (limit != null) {
            try {
                n = Integer.parseInt(limit.trim());
            } catch (NumberFormatException e) {
                n = -1;
            }
            if (n < 1 || n > MAX_LIMIT) {
                throw new InvalidParameter("limit", "a whole number from 1 to " + MAX_LIMIT);
            }
        }
        Bson filter = group == null ? new Document() : Filters.eq("group", group);
        return db.notices().find(filter).sort(Sorts.descending("time")).limit(n).into(new ArrayList<>());
    }
}
