package dev.faultline.cli;

import dev.faultline.query.Database;
import dev.faultline.query.Groups;
import dev.faultline.query.Lookup;
import java.util.List;
import org.bson.Document;

/** {@code group <fingerprint>}: one group, its daily trend and its latest occurrences. */
final class GroupCommand extends ShowCommand {
    GroupCommand() {
        super("group", "group <fingerprint> [--json]", "show one error group and its latest occurrences", "group");
    }

    @Override
    Lookup lookup(Database db) {
        return new Groups(db);
    }

    /**
     * The count, and beside it how many were stored when a storm's occurrences were only counted
     * (OPERATIONS.md, Storms): {@code 20000, stored 119 (storm sampling)}, on the line labelled
     * {@code count}.
     */
    static Object counted(Document g) {
        Object count = g.get("count");
        Object stored = g.get("stored_count");
        if (count instanceof Number && stored instanceof Number && ((Number) stored).longValue() < ((Number) count).longValue()) {
            return count + ", stored " + stored + " (storm sampling)";
        }
        return count;
    }

    /** A field shown, in words where the stored form is not (a snooze, a release the group was resolved in). */
    private static Object value(Document g, String field) {
        switch (field) {
            case "count":
                return counted(g);
            case "snooze":
                return g.get("snooze") instanceof Document ? SnoozeCommand.describe(g.get("snooze", Document.class)) : null;
            case "resolved_in":
                return g.get("resolved_in_release") != null ? "release " + g.get("resolved_in_release")
                        : g.get("resolved_after_release") != null ? "the release after " + g.get("resolved_after_release") : null;
            default:
                return g.get(field);
        }
    }

    @Override
    void show(Document g, Session s) {
        String[][] fields = {{"fingerprint", "_id"}, {"title", "title"}, {"status", "status"}, {"count", "count"},
            {"first seen", "first_seen"}, {"last seen", "last_seen"}, {"severity", "severity"}, {"app", "app"},
            {"exception", "exception_type"}, {"services", "services"}, {"resolved by", "resolved_by"},
            {"resolved at", "resolved_timestamp"}, {"resolved in", "resolved_in"}, {"regressions", "regressions"},
            {"regressed at", "regressed_at"}, {"snoozed", "snooze"}, {"assignee", "assignee"}, {"merged into", "merged_into"}};
        for (String[] f : fields) {
            Object v = value(g, f[1]);
            if (v != null) {
                s.out.printf("%-12s %s%n", f[0], Text.cell(v, 400));
            }
        }
        List<Document> comments = g.getList("comments", Document.class);
        if (comments != null && !comments.isEmpty()) {
            s.out.println("comments");
            for (Document c : comments) {
                s.out.printf("  %s  %s: %s%n", Text.time(c.getDate("at")), Text.cell(c.get("by"), 200), Text.cell(c.get("text"), 4000));
            }
        }
        s.out.printf("%-12s %s%n", "where", Text.cell(Where.of(g), 200));
        s.out.printf("%-12s %s (stored per day, last 14 days, oldest first)%n", "trend", Text.cell(g.get("trend"), 200));
        Document top = g.get("top_values", Document.class);
        if (top != null && !top.getList("keys", Document.class).isEmpty()) {
            s.out.println();
            s.out.println("top values in the latest " + top.get("sampled") + " occurrences");
            for (Document k : top.getList("keys", Document.class)) {
                StringBuilder values = new StringBuilder();
                for (Document v : k.getList("values", Document.class)) {
                    values.append(values.length() == 0 ? "" : ", ").append(v.get("value")).append(" (").append(v.get("count")).append(')');
                }
                s.out.printf("  %-24s %s%n", Text.cell(k.get("key"), 24), Text.cell(values.toString(), 200));
            }
        }
        s.out.println();
        Table t = new Table("ID", 36, "TIME (UTC)", 19, "SEVERITY", 8, "RESOLVED", 8, "SERVICE", 24, "MESSAGE", 100);
        for (Object o : (List<?>) g.get("occurrences")) {
            Document d = (Document) o;
            t.row(d.get("_id"), d.get("timestamp"), d.get("severity"), Boolean.TRUE.equals(d.get("resolved")) ? "yes" : "",
                    d.get("service"), d.get("message"));
        }
        if (t.isEmpty()) {
            s.out.println("no occurrences stored (expired or deleted)");
        } else {
            s.out.println("latest occurrences");
            t.print(s.out);
        }
    }
}
