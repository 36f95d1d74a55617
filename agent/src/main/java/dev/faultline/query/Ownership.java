package dev.faultline.query;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.util.Date;
import org.bson.Document;

/**
 * Who owns a group and what people said about it (ALERTS.md "Ownership"): {@code assignee} (a
 * name, or null) and {@code comments} ({@code {by, at, text}}, oldest first). An assigned
 * group's notices name the assignee.
 */
public final class Ownership {
    public static final int MAX_NAME = 200;
    public static final int MAX_COMMENT = 4000;

    private final Database db;

    public Ownership(Database db) {
        this.db = db;
    }

    /** Sets (or with null clears) the assignee; null when there is no such group. */
    public Document assign(String fingerprint, String assignee) {
        String name = assignee == null || assignee.trim().isEmpty() ? null : assignee.trim();
        if (name != null && (name.length() > MAX_NAME || name.indexOf('\0') >= 0)) {
            throw new InvalidParameter("assignee", "a name of at most " + MAX_NAME + " characters");
        }
        if (db.groups().updateOne(Filters.eq("_id", fingerprint), Updates.set("assignee", name)).getMatchedCount() == 0) {
            return null;
        }
        return new Document("assignee", name);
    }

    /** Adds a comment; null when there is no such group. */
    public Document comment(String fingerprint, String by, String text) {
        if (by == null || by.trim().isEmpty() || by.length() > MAX_NAME) {
            throw new InvalidParameter("by", "a name of 1 to " + MAX_NAME + " characters");
        }
        if (text == null || text.trim().isEmpty() || text.length() > MAX_COMMENT) {
            throw new InvalidParameter("text", "a comment of 1 to " + MAX_COMMENT + " characters");
        }
        Document comment = new Document("by", by.trim()).append("at", new Date()).append("text", text.trim());
        if (db.groups().updateOne(Filters.eq("_id", fingerprint), Updates.push("comments", comment)).getMatchedCount() == 0) {
            return null;
        }
        return comment;
    }
}
