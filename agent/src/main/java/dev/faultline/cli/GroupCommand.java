package dev.faultline.cli;

import dev.faultline.query.Groups;
import java.util.List;
import org.bson.Document;

/** {@code group <fingerprint>}: one group, its daily trend and its latest occurrences. */
final class GroupCommand extends Command {
    GroupCommand() {
        super("group", "group <fingerprint> [--json]", "show one error group and its latest occurrences");
    }

    @Override
    Args.Spec spec() {
        return new Args.Spec().positional(1, 1);
    }

    @Override
    int run(Args args, Session s) throws UsageException {
        String given = args.positional().get(0);
        Groups groups = new Groups(s.database());
        String id = Ids.one(groups.matchingIds(given), given, "group");
        Document g = id == null ? null : groups.find(id);
        if (g == null) {
            s.err.println("faultline: no group " + Text.cell(given, 64));
            return 1;
        }
        if (s.json) {
            s.printJson(g);
            return 0;
        }
        String[][] fields = {{"fingerprint", "_id"}, {"title", "title"}, {"status", "status"}, {"count", "count"},
            {"first seen", "first_seen"}, {"last seen", "last_seen"}, {"severity", "severity"}, {"app", "app"},
            {"exception", "exception_type"}, {"services", "services"}, {"resolved by", "resolved_by"},
            {"resolved at", "resolved_timestamp"}, {"regressions", "regressions"}, {"regressed at", "regressed_at"}};
        for (String[] f : fields) {
            Object v = g.get(f[1]);
            if (v != null) {
                s.out.printf("%-12s %s%n", f[0], Text.cell(v, 400));
            }
        }
        s.out.printf("%-12s %s%n", "where", Text.cell(Where.of(g), 200));
        s.out.printf("%-12s %s (last 14 days, oldest first)%n", "trend", Text.cell(g.get("trend"), 200));
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
        return 0;
    }
}
