package dev.faultline.cli;

import dev.faultline.query.Groups;
import org.bson.Document;

/**
 * {@code merge <fingerprint> --into <fingerprint> [--by NAME]} and {@code unmerge <fingerprint>}:
 * one group's occurrences, past and future, shown in another, and back (GROUPING.md, Merging
 * groups). Fingerprints may be given by a unique beginning.
 */
final class MergeCommand extends Command {
    private final boolean merge;

    private MergeCommand(boolean merge, String usage, String summary) {
        super(merge ? "merge" : "unmerge", usage, summary);
        this.merge = merge;
    }

    static MergeCommand merge() {
        return new MergeCommand(true, "merge <fingerprint> --into <fingerprint> [--by NAME] [--json]",
                "merge a group into another: its occurrences, and new ones, land in the other");
    }

    static MergeCommand unmerge() {
        return new MergeCommand(false, "unmerge <fingerprint> [--json]", "undo a merge: the group gets its occurrences back");
    }

    @Override
    Args.Spec spec() {
        Args.Spec spec = new Args.Spec().positional(1, 1);
        return merge ? spec.options("--into", "--by") : spec;
    }

    @Override
    int run(Args args, Session s) throws UsageException {
        Groups groups = new Groups(s.database());
        String given = args.positional().get(0);
        String group = Ids.one(groups.matchingIds(given), given, "group");
        Document done;
        if (merge) {
            String into = args.option("--into", null);
            if (into == null) {
                throw new UsageException("missing --into <fingerprint>");
            }
            String by = args.option("--by", System.getProperty("user.name", "cli"));
            if (by.trim().isEmpty() || by.length() > 200) {
                throw new UsageException("--by must be a name of 1 to 200 characters");
            }
            String target = Ids.one(groups.matchingIds(into), into, "group");
            done = group == null || target == null ? null : groups.merge(group, target, by);
        } else {
            done = group == null ? null : groups.unmerge(group);
        }
        if (done == null) {
            s.err.println("faultline: no group " + Text.cell(merge && group != null ? args.option("--into", "") : given, 64));
            return 1;
        }
        if (s.json) {
            s.printJson(done);
        } else if (merge) {
            s.out.println("group " + group + ": merged into " + done.get(Groups.MERGED_INTO) + " ("
                    + done.get("occurrences_moved") + " occurrences moved)");
        } else {
            s.out.println("group " + group + ": unmerged from " + done.get("unmerged_from") + " ("
                    + done.get("occurrences_moved") + " occurrences moved back)");
        }
        return 0;
    }
}
