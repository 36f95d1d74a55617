package dev.faultline.cli;

import dev.faultline.query.GroupQuery;
import dev.faultline.query.Groups;
import dev.faultline.query.Page;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bson.Document;

/** {@code groups}: one line per fingerprint, most recently seen first. */
final class GroupsCommand extends ListCommand {
    /** Fingerprints are shown this long; any unique beginning of six or more characters is accepted back. */
    static final int SHORT_ID = 12;
    private static final Map<String, String> OPTIONS = new LinkedHashMap<>();

    static {
        OPTIONS.put("--status", "status");
        OPTIONS.put("--app", "app");
        OPTIONS.put("--search", "search");
        OPTIONS.put("--order", "ordering");
        OPTIONS.put("--limit", "page_size");
        OPTIONS.put("--page", "page");
    }

    GroupsCommand() {
        super("groups", "groups [--status unresolved|resolved|ignored] [--app A] [--search TEXT]"
                + " [--order -last_seen|-count|-first_seen] [--limit 50] [--page 1] [--json]",
                "list error groups (one per fingerprint)", OPTIONS);
    }

    @Override
    int run(Args args, Session s) throws UsageException {
        Page page = new Groups(s.database()).list(GroupQuery.parse(parameters(args)));
        if (s.json) {
            printJson(s, page);
            return 0;
        }
        Table t = new Table("ID", SHORT_ID, "STATUS", 10, "COUNT", 12, "LAST SEEN (UTC)", 19, "APP", 24, "WHERE", 48, "TITLE", 100);
        for (Document g : page.results) {
            String id = String.valueOf(g.get("_id"));
            t.row(id.length() > SHORT_ID ? id.substring(0, SHORT_ID) : id, g.get("status"), g.get("count"),
                    g.get("last_seen"), g.get("app"), Where.of(g), g.get("title"));
        }
        Paging.print(s, t, page, "groups");
        return 0;
    }
}
