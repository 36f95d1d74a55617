package dev.faultline.cli;

import dev.faultline.query.CodeQuery;
import dev.faultline.query.Codes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/** {@code codes [--active] [--code X] [--limit N]}: error-code episodes, newest first. */
final class CodesCommand extends Command {
    CodesCommand() {
        super("codes", "codes [--active] [--code X] [--limit 100] [--json]", "error-code history, newest episode first");
    }

    @Override
    Args.Spec spec() {
        return new Args.Spec().options("--code", "--limit").flags("--active");
    }

    @Override
    int run(Args args, Session s) throws UsageException {
        Map<String, String> params = new LinkedHashMap<>();
        if (args.option("--code") != null) {
            params.put("code", args.option("--code"));
        }
        if (args.flag("--active")) {
            params.put("active", "true");
        }
        if (args.option("--limit") != null) {
            params.put("limit", args.option("--limit"));
        }
        List<Document> episodes = new Codes(s.database()).history(CodeQuery.parse(params));
        if (s.json) {
            s.printJson(new Document("count", episodes.size()).append("results", episodes));
            return 0;
        }
        Table t = new Table("CODE", 48, "ACTIVE", 6, "STARTED (UTC)", 19, "LAST LOG (UTC)", 19, "OCCURRENCES", 11,
                "ALERTS", 6, "SERVICE", 32, "MACHINE", 32, "NODE", 24, "MESSAGE", 100);
        for (Document d : episodes) {
            boolean active = Boolean.TRUE.equals(d.get("active"));
            Object machine = d.get("local_machine_name") != null ? d.get("local_machine_name") : d.get("server_id");
            t.row(d.get("code"), active ? "yes" : "no", d.get("start_time"), d.get("last_log_time"), d.get("occurrences"),
                    // The episode's source (ERROR_CODES.md): two services or nodes on one machine are told apart.
                    d.get("alerts"), d.get("service"), machine, d.get("node_name"), active || d.get("clear_message") == null || "".equals(d.get("clear_message"))
                            ? d.get("message") : d.get("clear_message"));
        }
        if (t.isEmpty()) {
            s.out.println("no error-code episodes match");
        } else {
            t.print(s.out);
        }
        return 0;
    }
}
