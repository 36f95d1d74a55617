package dev.faultline.cli;

import dev.faultline.query.Groups;
import dev.faultline.query.Occurrences;
import dev.faultline.query.Resolution;
import java.util.List;

/**
 * {@code resolve <id> [--by NAME]}, {@code unresolve <id>}, {@code ignore <fingerprint>}: the id
 * may be an occurrence's or a group's (ignore: a group's only). Resolving a group also resolves
 * its occurrences.
 */
final class ResolveCommand extends Command {
    private final String action;

    private ResolveCommand(String action, String usage, String summary) {
        super(action, usage, summary);
        this.action = action;
    }

    static ResolveCommand resolve() {
        return new ResolveCommand("resolve", "resolve <id|fingerprint> [--by NAME] [--in-release X | --in-next-release] [--json]",
                "mark an occurrence, or a group and its occurrences, resolved (a group: in a release)");
    }

    static ResolveCommand unresolve() {
        return new ResolveCommand("unresolve", "unresolve <id|fingerprint> [--json]", "reopen an occurrence or a group");
    }

    static ResolveCommand ignore() {
        return new ResolveCommand("ignore", "ignore <fingerprint> [--json]", "ignore a group: it keeps counting, stays out of the unresolved list");
    }

    @Override
    Args.Spec spec() {
        Args.Spec spec = new Args.Spec().positional(1, 1);
        return action.equals("resolve") ? spec.options("--by", "--in-release").flags("--in-next-release") : spec;
    }

    @Override
    int run(Args args, Session s) throws UsageException {
        String given = args.positional().get(0);
        String by = args.option("--by", System.getProperty("user.name", "cli"));
        if (by.trim().isEmpty() || by.length() > 200) {
            throw new UsageException("--by must be a name of 1 to 200 characters");
        }
        String inRelease = args.option("--in-release", null);
        boolean nextRelease = args.flag("--in-next-release");
        if (inRelease != null && (nextRelease || inRelease.trim().isEmpty() || inRelease.length() > 200)) {
            throw new UsageException(nextRelease ? "give --in-release or --in-next-release, not both"
                    : "--in-release must be a release of 1 to 200 characters");
        }
        boolean inARelease = inRelease != null || nextRelease;
        Occurrences occurrences = new Occurrences(s.database());
        Groups groups = new Groups(s.database());
        // Only a group is resolved in a release.
        List<String> occurrenceIds = action.equals("ignore") || inARelease ? List.of() : occurrences.matchingIds(given);
        List<String> groupIds = groups.matchingIds(given);
        boolean exactOccurrence = occurrenceIds.contains(given);
        boolean exactGroup = groupIds.contains(given);
        if (!exactOccurrence && !exactGroup && !occurrenceIds.isEmpty() && !groupIds.isEmpty()) {
            throw new UsageException("\"" + Text.cell(given, 64) + "\" begins both an occurrence id and a fingerprint; type more of it");
        }
        String occurrence = exactGroup ? null : Ids.one(occurrenceIds, given, "occurrence");
        String group = occurrence != null ? null : Ids.one(groupIds, given, "group");
        Resolution done;
        String what;
        if (occurrence != null) {
            done = action.equals("resolve") ? occurrences.resolve(occurrence, by) : occurrences.unresolve(occurrence);
            what = "occurrence " + occurrence;
        } else if (group != null) {
            done = action.equals("resolve") ? groups.resolve(group, by, inRelease == null ? null : inRelease.trim(), nextRelease)
                    : action.equals("unresolve") ? groups.unresolve(group) : groups.ignore(group);
            what = "group " + group;
        } else {
            done = null;
            what = null;
        }
        if (done == null) {
            s.err.println("faultline: no " + (action.equals("ignore") || inARelease ? "group " : "occurrence or group ") + Text.cell(given, 64));
            return 1;
        }
        if (s.json) {
            s.printJson(done.toDocument(group != null).append(group != null ? "group" : "occurrence", group != null ? group : occurrence));
            return 0;
        }
        StringBuilder line = new StringBuilder(what).append(": ").append(done.status);
        if (done.resolvedBy != null) {
            line.append(" by ").append(Text.cell(done.resolvedBy, 200));
        }
        if (done.resolvedInRelease != null) {
            line.append(" in release ").append(Text.cell(done.resolvedInRelease, 200));
        } else if (done.resolvedAfterRelease != null) {
            line.append(" in the release after ").append(Text.cell(done.resolvedAfterRelease, 200));
        }
        if (group != null && action.equals("resolve")) {
            line.append(" (").append(done.occurrencesResolved).append(" occurrences marked resolved)");
        }
        s.out.println(line);
        return 0;
    }
}
