package dev.faultline.cli;

import dev.faultline.query.AlertRules;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * {@code alerts [list]}, {@code alerts add --kind K --channels a,b [filters]}, {@code alerts
 * remove <id>}: the rules in {@code alert_rules} (ALERTS.md).
 */
final class AlertsCommand extends Command {
    private static final String[] FIELDS = {"--id", "--kind", "--channels", "--min-severity", "--service",
        "--environment", "--app", "--threshold", "--window"};

    AlertsCommand() {
        super("alerts", "alerts [list] | alerts add --kind new_group|regression|threshold|new_release --channels webhook,slack,email"
                + " [--min-severity ERROR] [--service S] [--environment E] [--app A] [--threshold 10 [--window 10m]] [--id NAME]"
                + " | alerts remove <id> [--json]", "list, add and remove alert rules");
    }

    @Override
    Args.Spec spec() {
        return new Args.Spec().options(FIELDS).positional(0, 2);
    }

    @Override
    int run(Args args, Session s) throws UsageException {
        List<String> words = args.positional();
        String action = words.isEmpty() ? "list" : words.get(0);
        AlertRules rules = new AlertRules(s.database());
        switch (action) {
            case "list":
                noMore(words, 1);
                return list(rules.list(), s);
            case "add":
                noMore(words, 1);
                Map<String, Object> fields = new LinkedHashMap<>();
                for (String option : FIELDS) {
                    if (args.option(option) != null) {
                        fields.put(option.substring(2).replace('-', '_'), args.option(option));
                    }
                }
                Document added = rules.add(fields);
                if (s.json) {
                    s.printJson(added);
                } else {
                    s.out.println("added alert rule " + added.getString("_id"));
                }
                return 0;
            case "remove":
                return remove(words, rules::remove, "alert rule", s);
            default:
                throw new UsageException("unknown action " + Text.cell(action, 40) + ": list, add or remove");
        }
    }

    private static void noMore(List<String> words, int allowed) throws UsageException {
        if (words.size() > allowed) {
            throw new UsageException("unexpected argument " + Text.cell(words.get(allowed), 40));
        }
    }

    private static int list(List<Document> rules, Session s) {
        if (s.json) {
            s.printJson(new Document("count", rules.size()).append("results", rules));
            return 0;
        }
        Table t = new Table("ID", 40, "KIND", 11, "CHANNELS", 16, "MIN SEVERITY", 12, "THRESHOLD", 9, "WINDOW", 6, "SERVICE", 24,
                "ENVIRONMENT", 16, "APP", 24);
        for (Document d : rules) {
            Object id = Boolean.TRUE.equals(d.get("default")) ? d.get("_id") + " (default)" : d.get("_id");
            t.row(id, d.get("kind"), String.join(",", d.getList("channels", String.class)), d.get("min_severity"),
                    d.get("threshold"), d.get("window"), d.get("service"), d.get("environment"), d.get("app"));
        }
        t.print(s.out);
        return 0;
    }
}
