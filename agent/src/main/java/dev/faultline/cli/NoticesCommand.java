package dev.faultline.cli;

import dev.faultline.query.Notices;
import java.util.List;
import org.bson.Document;

/** {@code notices [--group F] [--limit N]}: alert notices sent or failed, newest first. */
final class NoticesCommand extends Command {
    NoticesCommand() {
        super("notices", "notices [--group FINGERPRINT] [--limit 100] [--json]", "alert notices sent or failed, newest first");
    }

    @Override
    Args.Spec spec() {
        return new Args.Spec().options("--group", "--limit");
    }

    @Override
    int run(Args args, Session s) throws UsageException {
        List<Document> notices = new Notices(s.database()).list(args.option("--group"), args.option("--limit"));
        if (s.json) {
            s.printJson(new Document("count", notices.size()).append("results", notices));
            return 0;
        }
        Table t = new Table("TIME (UTC)", 19, "EVENT", 12, "CHANNEL", 7, "STATUS", 6, "ERROR", 28, "RULE", 32, "GROUP", 16,
                "COUNT", 8, "TITLE", 100);
        for (Document d : notices) {
            // A digest has no rule, group or title: its text says what it held back.
            t.row(d.get("time"), d.get("event"), d.get("channel"), d.get("status"), d.get("error"), d.get("rule"), d.get("group"),
                    d.get("count"), d.get("title") != null ? d.get("title") : d.get("text"));
        }
        if (t.isEmpty()) {
            s.out.println("no notices");
        } else {
            t.print(s.out);
        }
        return 0;
    }
}
