package dev.faultline.cli;

import dev.faultline.config.Values;
import dev.faultline.query.Groups;
import dev.faultline.query.Snoozes;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Date;
import org.bson.Document;

/**
 * {@code snooze <fingerprint> --for 2h | --until 2026-12-01T08:00:00Z | --occurrences 100}: the
 * group sends nothing until then; the agent whose write meets the condition reopens it and alerts
 * once (ALERTS.md). {@code unresolve} ends a snooze early.
 */
final class SnoozeCommand extends Command {
    SnoozeCommand() {
        super("snooze", "snooze <fingerprint> --for 2h | --until 2026-12-01T08:00:00Z | --occurrences 100 | --rate-per-hour 50 [--json]",
                "silence a group until a time, N more occurrences, or more than N in an hour");
    }

    @Override
    Args.Spec spec() {
        return new Args.Spec().options("--for", "--until", "--occurrences", "--rate-per-hour").positional(1, 1);
    }

    @Override
    int run(Args args, Session s) throws UsageException {
        String forText = args.option("--for");
        String untilText = args.option("--until");
        String countText = args.option("--occurrences");
        String rateText = args.option("--rate-per-hour");
        if ((forText == null ? 0 : 1) + (untilText == null ? 0 : 1) + (countText == null ? 0 : 1) + (rateText == null ? 0 : 1) != 1) {
            throw new UsageException("give one of --for, --until, --occurrences, --rate-per-hour");
        }
        Date until = null;
        Long more = null;
        Long perHour = null;
        try {
            if (forText != null) {
                until = new Date(System.currentTimeMillis() + Values.duration(forText).toMillis());
            } else if (untilText != null) {
                until = Date.from(Instant.parse(untilText));
            } else if (countText != null) {
                more = Long.parseLong(countText.trim());
            } else {
                perHour = Long.parseLong(rateText.trim());
            }
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new UsageException("--for takes a duration (30m, 2h, 7d), --until an ISO-8601 time"
                    + " (2026-12-01T08:00:00Z), --occurrences and --rate-per-hour a whole number");
        }
        String group = Ids.one(new Groups(s.database()).matchingIds(args.positional().get(0)), args.positional().get(0), "group");
        Document done = group == null ? null : new Snoozes(s.database()).snooze(group, until, more, perHour);
        if (done == null) {
            s.err.println("faultline: no group " + Text.cell(args.positional().get(0), 64));
            return 1;
        }
        if (s.json) {
            s.printJson(done.append("group", group));
        } else {
            s.out.println("group " + group + ": snoozed " + describe((Document) done.get("snooze")));
        }
        return 0;
    }

    /** A group's {@code snooze} in words: "until 2026-12-01T08:00:00Z", "until its count reaches 9", "until more than 50 occurrences in an hour". */
    static String describe(Document snooze) {
        Object until = snooze.get("until");
        if (until instanceof Date) {
            return "until " + ((Date) until).toInstant();
        }
        Object perHour = snooze.get("until_rate_per_hour");
        return perHour != null ? "until more than " + perHour + " occurrences in an hour"
                : "until its count reaches " + snooze.get("until_count");
    }
}
