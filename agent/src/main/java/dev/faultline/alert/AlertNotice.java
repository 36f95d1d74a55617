package dev.faultline.alert;

import java.util.Date;
import java.util.UUID;
import org.bson.Document;

/**
 * One notice to one channel: of one rule about one group, or a digest of the notices the rate
 * limit held back ({@link RateLimit}). Becomes a {@code notices} document once sent or failed.
 */
final class AlertNotice {
    static final String DIGEST = "digest";

    final String id = UUID.randomUUID().toString();
    /** Null for a digest. */
    final AlertRule rule;
    final String event;
    /** Null for a digest. */
    final GroupChange group;
    final String channel;
    final Date time;
    /** The count crossed, for {@code threshold}. */
    final long crossed;
    /** For a digest: notices held back, the groups they were about, the occurrences those writes counted. */
    final long heldBack;
    final int groups;
    final long occurrences;
    final long windowMinutes;

    AlertNotice(AlertRule rule, String event, GroupChange group, String channel, Date time) {
        this(rule, event, group, channel, time, 0, 0, 0, 0);
    }

    private AlertNotice(AlertRule rule, String event, GroupChange group, String channel, Date time, long heldBack,
            int groups, long occurrences, long windowMinutes) {
        this.rule = rule;
        this.event = event;
        this.group = group;
        this.channel = channel;
        this.time = time;
        this.crossed = "threshold".equals(event) ? Trigger.crossed(rule, group) : 0;
        this.heldBack = heldBack;
        this.groups = groups;
        this.occurrences = occurrences;
        this.windowMinutes = windowMinutes;
    }

    static AlertNotice digest(String channel, Date time, long heldBack, int groups, long occurrences, long windowMinutes) {
        return new AlertNotice(null, DIGEST, null, channel, time, heldBack, groups, occurrences, windowMinutes);
    }

    /** The one-line text: Slack's message, the webhook's {@code text}. */
    String text() {
        if (group == null) {
            return "And " + occurrences + (occurrences == 1 ? " more occurrence of " : " more occurrences of ") + groups
                    + (groups == 1 ? " group" : " groups") + " in the last " + windowMinutes + " minutes (" + heldBack
                    + (heldBack == 1 ? " notice" : " notices") + " held back by the rate limit)";
        }
        String what;
        if ("new_group".equals(event)) {
            what = "New error";
        } else if ("regression".equals(event)) {
            what = "Regression (resolved error occurred again)";
        } else if ("new_release".equals(event)) {
            what = "Error seen in a new release (" + group.newRelease() + ")";
        } else if (Trigger.SNOOZE_ENDED.equals(event)) {
            what = "Snooze ended (" + group.countAfter + " occurrences)";
        } else {
            what = "Error reached " + crossed + " occurrences" + (rule.window == null ? "" : " within " + rule.window);
        }
        String where = group.service == null ? "" : " in " + group.service
                + (group.environment == null || group.environment.isEmpty() ? "" : " (" + group.environment + ")");
        String owner = group.assignee == null ? "" : " - assigned to " + group.assignee;
        return what + where + ": " + group.title + owner;
    }

    /** The stored record: rule, group, channel, status {@code sent} or {@code failed}. */
    Document toDocument(boolean sent, String failure) {
        Document d = new Document("_id", id).append("time", time).append("event", event).append("channel", channel)
                .append("status", sent ? "sent" : "failed").append("error", failure);
        if (group == null) {
            return d.append("held_back", heldBack).append("groups", groups).append("occurrences", occurrences)
                    .append("text", text());
        }
        return d.append("rule", rule.id).append("kind", rule.kind).append("group", group.fingerprint)
                .append("title", group.title).append("count", group.countAfter).append("service", group.service)
                .append("environment", group.environment).append("assignee", group.assignee);
    }
}
