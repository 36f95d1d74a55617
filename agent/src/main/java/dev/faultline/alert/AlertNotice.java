package dev.faultline.alert;

import java.util.Date;
import java.util.UUID;
import org.bson.Document;

/** One notice of one rule about one group to one channel; becomes a {@code notices} document once sent or failed. */
final class AlertNotice {
    final String id = UUID.randomUUID().toString();
    final AlertRule rule;
    final String event;
    final GroupChange group;
    final String channel;
    final Date time;
    /** The count crossed, for {@code threshold}. */
    final long crossed;

    AlertNotice(AlertRule rule, String event, GroupChange group, String channel, Date time) {
        this.rule = rule;
        this.event = event;
        this.group = group;
        this.channel = channel;
        this.time = time;
        this.crossed = "threshold".equals(event) ? Trigger.crossed(rule.threshold, group.countBefore, group.countAfter) : 0;
    }

    /** The one-line text: Slack's message, the webhook's {@code text}. */
    String text() {
        String what;
        if ("new_group".equals(event)) {
            what = "New error";
        } else if ("regression".equals(event)) {
            what = "Regression (resolved error occurred again)";
        } else {
            what = "Error reached " + crossed + " occurrences";
        }
        String where = group.service == null ? "" : " in " + group.service
                + (group.environment == null || group.environment.isEmpty() ? "" : " (" + group.environment + ")");
        String owner = group.assignee == null ? "" : " - assigned to " + group.assignee;
        return what + where + ": " + group.title + owner;
    }

    /** The stored record: rule, group, channel, status {@code sent} or {@code failed}. */
    Document toDocument(boolean sent, String failure) {
        return new Document("_id", id).append("time", time).append("rule", rule.id).append("kind", rule.kind)
                .append("event", event).append("group", group.fingerprint).append("title", group.title)
                .append("channel", channel).append("status", sent ? "sent" : "failed").append("error", failure)
                .append("count", group.countAfter).append("service", group.service)
                .append("environment", group.environment).append("assignee", group.assignee);
    }
}
