package dev.faultline.cli;

import dev.faultline.query.GroupingRuleList;
import java.util.List;
import org.bson.Document;

/**
 * {@code grouping-rules [list]}, {@code grouping-rules add "<id>: field=value & ... -> selector + ..."
 * [--by NAME]}, {@code grouping-rules remove <id>}: the rules in {@code grouping_rules}
 * (GROUPING.md, Grouping rules).
 */
final class GroupingRulesCommand extends Command {
    GroupingRulesCommand() {
        super("grouping-rules", "grouping-rules [list] | grouping-rules add \"<id>: type=T & message=REGEX & logger=L"
                + " & app=A & context.KEY=V -> type + message + logger + app + context.KEY\" [--by NAME]"
                + " | grouping-rules remove <id> [--json]", "list, add and remove grouping rules");
    }

    @Override
    Args.Spec spec() {
        return new Args.Spec().options("--by").positional(0, 2);
    }

    @Override
    int run(Args args, Session s) throws UsageException {
        List<String> words = args.positional();
        String action = words.isEmpty() ? "list" : words.get(0);
        GroupingRuleList rules = new GroupingRuleList(s.database());
        switch (action) {
            case "list":
                if (words.size() > 1) {
                    throw new UsageException("unexpected argument " + Text.cell(words.get(1), 40));
                }
                return list(rules.list(), s);
            case "add":
                if (words.size() != 2) {
                    throw new UsageException("add needs the rule, in quotes");
                }
                Document added;
                try {
                    added = rules.add(words.get(1), args.option("--by", System.getProperty("user.name", "cli")));
                } catch (dev.faultline.query.InvalidParameter e) {
                    // The rule is the argument typed, not an option.
                    throw new UsageException("invalid rule \"" + Text.cell(words.get(1), 80) + "\": expected " + e.expected());
                }
                if (s.json) {
                    s.printJson(added);
                } else {
                    s.out.println("added grouping rule " + added.getString("_id") + " (running agents apply it within 10 s)");
                }
                return 0;
            case "remove":
                return remove(words, rules::remove, "grouping rule", s);
            default:
                throw new UsageException("unknown action " + Text.cell(action, 40) + ": list, add or remove");
        }
    }

    private static int list(List<Document> rules, Session s) {
        if (s.json) {
            s.printJson(new Document("count", rules.size()).append("results", rules));
            return 0;
        }
        Table t = new Table("ID", 32, "TYPE", 40, "MESSAGE", 24, "LOGGER", 24, "APP", 16, "CONTEXT", 24, "FINGERPRINT", 40);
        for (Document d : rules) {
            Object context = d.get("context");
            Object selectors = d.get("fingerprint");
            t.row(d.get("_id"), d.get("type"), d.get("message"), d.get("logger"), d.get("app"),
                    context instanceof Document ? ((Document) context).toJson() : context,
                    selectors instanceof List ? String.join(" + ", d.getList("fingerprint", String.class)) : selectors);
        }
        t.print(s.out);
        return 0;
    }
}
