package dev.faultline.store;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import dev.faultline.capture.Fingerprints;
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
final class GroupDelta {
    static final String UNRESOLVED = "unresolved";
    static final String RESOLVED = "resolved";
    private static final int MAX_TITLE = 200;

    final String fingerprint;
    private final Document first;
    long count;
    private Date firstSeen;
    private Date lastSeen;
    private String lastErrorId;
    private int severityNum;
    private String severity;
    private final Set<String> services = new LinkedHashSet<String>();

    private GroupDelta(String fingerprint, Document first) {
        this.fingerprint = fingerprint;
        this.first = first;
    }

    /** A delta holding {@code occurrence}, or null when it has no fingerprint. */
    static GroupDelta of(Document occurrence) {
        String fingerprint = occurrence.getString("fingerprint");
        if (fingerprint == null) {
            return null;
        }
        GroupDelta delta = new GroupDelta(fingerprint, occurrence);
        delta.add(occurrence);
        return delta;
    }

    void add(Document occurrence) {
        count++;
        Date at = occurrence.getDate("timestamp");
        if (at != null) {
            if (firstSeen == null || at.before(firstSeen)) {
                firstSeen = at;
            }
            if (lastSeen == null || !at.before(lastSeen)) {
                lastSeen = at;
                lastErrorId = occurrence.getString("_id");
            }
        }
        Integer num = occurrence.getInteger("severity_num");
        if (num != null && (severity == null || num > severityNum)) {
            severityNum = num;
            severity = occurrence.getString("severity");
        }
        String service = occurrence.getString("service");
        if (service != null) {
            services.add(service);
        }
    }

    /**
     * Three updates, independent of each other's order: reopen the group if it was resolved
     * before these occurrences; count them (creating the group on first sight); raise its
     * severity if these are more severe than any before.
     */
    List<WriteModel<Document>> updates() {
        List<WriteModel<Document>> out = new ArrayList<WriteModel<Document>>(3);
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
                Updates.setOnInsert(insertOnly())), new UpdateOptions().upsert(true)));
        out.add(new UpdateOneModel<Document>(Filters.and(id, Filters.lt("severity_num", severityNum)),
                Updates.combine(Updates.set("severity", severity), Updates.set("severity_num", severityNum))));
        return out;
    }

    /** Set once, by the occurrence that created the group. */
    private Document insertOnly() {
        Document exception = first.get("exception", Document.class);
        Document root = root(exception);
        return new Document("title", title(root))
                .append("exception_type", root == null ? null : root.getString("type"))
                .append("app", first.getString("app"))
                .append("file", first.getString("file"))
                .append("function", first.getString("function"))
                .append("severity", severity)
                .append("severity_num", severityNum)
                .append("status", UNRESOLVED)
                .append("resolved_by", null)
                .append("resolved_timestamp", null)
                .append("regressed_at", null)
                .append("regressions", 0)
                .append("grouping_version", Fingerprints.VERSION);
    }

    /** The fingerprint's exception: the root cause (the last one stored). */
    private static Document root(Document exception) {
        if (exception == null) {
            return null;
        }
        List<Document> causes = exception.getList("causes", Document.class);
        return causes == null || causes.isEmpty() ? exception : causes.get(causes.size() - 1);
    }

    /** {@code IOException: gateway timeout} or, without a throwable, the message template. */
    private String title(Document root) {
        String text;
        if (root != null) {
            String type = root.getString("type");
            String simple = type == null ? "" : type.substring(type.lastIndexOf('.') + 1);
            String message = root.getString("message");
            text = message == null || message.isEmpty() ? simple : simple + ": " + message;
        } else {
            String template = first.getString("message_template");
            text = template == null || template.isEmpty() ? first.getString("message") : template;
        }
        if (text == null) {
            return "";
        }
        int newline = text.indexOf('\n');
        String line = newline < 0 ? text : text.substring(0, newline);
        if (line.length() <= MAX_TITLE) {
            return line;
        }
        int end = Character.isHighSurrogate(line.charAt(MAX_TITLE - 1)) ? MAX_TITLE - 1 : MAX_TITLE;
        return line.substring(0, end) + "...";
    }
}
