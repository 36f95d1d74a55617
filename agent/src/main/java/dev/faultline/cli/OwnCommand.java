package dev.faultline.cli;

import dev.faultline.query.Groups;
import dev.faultline.query.Ownership;
import org.bson.Document;

/**
 * {@code assign <fingerprint> --to NAME} (an empty name unassigns) and {@code comment
 * <fingerprint> --text TEXT [--by NAME]}: ownership of a group (ALERTS.md "Ownership").
 */
final class OwnCommand extends Command {
    private final boolean assign;

    private OwnCommand(boolean assign, String usage, String summary) {
        super(assign ? "assign" : "comment", usage, summary);
        this.assign = assign;
    }

    static OwnCommand assign() {
        return new OwnCommand(true, "assign <fingerprint> --to NAME [--json]", "assign a group to a person (--to \"\" unassigns)");
    }

    static OwnCommand comment() {
        return new OwnCommand(false, "comment <fingerprint> --text TEXT [--by NAME] [--json]", "comment on a group");
    }

    @Override
    Args.Spec spec() {
        return new Args.Spec().options(assign ? new String[] {"--to"} : new String[] {"--text", "--by"}).positional(1, 1);
    }

    @Override
    int run(Args args, Session s) throws UsageException {
        String given = args.positional().get(0);
        if (assign && args.option("--to") == null) {
            throw new UsageException("--to NAME is required (--to \"\" unassigns)");
        }
        if (!assign && args.option("--text") == null) {
            throw new UsageException("--text is required");
        }
        String group = Ids.one(new Groups(s.database()).matchingIds(given), given, "group");
        Ownership ownership = new Ownership(s.database());
        Document done = group == null ? null : assign ? ownership.assign(group, args.option("--to"))
                : ownership.comment(group, args.option("--by", System.getProperty("user.name", "cli")), args.option("--text"));
        if (done == null) {
            s.err.println("faultline: no group " + Text.cell(given, 64));
            return 1;
        }
        if (s.json) {
            s.printJson(done.append("group", group));
        } else if (assign) {
            Object to = done.get("assignee");
            s.out.println("group " + group + ": " + (to == null ? "unassigned" : "assigned to " + Text.cell(to, 200)));
        } else {
            s.out.println("group " + group + ": comment added");
        }
        return 0;
    }

    @Override
    String optionFor(String parameter) {
        return parameter.equals("assignee") ? "--to" : super.optionFor(parameter);
    }
}
