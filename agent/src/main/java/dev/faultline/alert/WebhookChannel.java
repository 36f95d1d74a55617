package dev.faultline.alert;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;

/** {@code notify.webhook}: the documented JSON body of ALERTS.md ("Webhook"). */
final class WebhookChannel implements Channel {
    private final String url;
    private final JsonFactory json = new JsonFactory();

    WebhookChannel(String url) {
        this.url = url;
    }

    @Override
    public void send(AlertNotice notice) throws IOException {
        HttpPost.json(url, body(notice));
    }

    String body(AlertNotice n) throws IOException {
        GroupChange g = n.group;
        StringWriter out = new StringWriter();
        try (JsonGenerator j = json.createGenerator(out)) {
            j.writeStartObject();
            j.writeStringField("text", n.text());
            j.writeStringField("event", n.event);
            if (g == null) {
                j.writeNumberField("held_back", n.heldBack);
                j.writeNumberField("groups", n.groups);
                j.writeNumberField("occurrences", n.occurrences);
                j.writeNumberField("window_minutes", n.windowMinutes);
            } else {
                group(j, n, g);
            }
            j.writeStringField("notice_id", n.id);
            j.writeStringField("time", n.time.toInstant().toString());
            j.writeEndObject();
        }
        return out.toString();
    }

    private static void group(JsonGenerator j, AlertNotice n, GroupChange g) throws IOException {
        j.writeStringField("rule", n.rule.id);
        j.writeStringField("group", g.fingerprint);
        j.writeStringField("title", g.title);
        j.writeStringField("exception_type", g.exceptionType);
        j.writeStringField("severity", g.severity);
        j.writeNumberField("count", g.countAfter);
        if (n.crossed > 0) {
            j.writeNumberField("threshold", n.crossed);
            if (n.rule.window != null) {
                j.writeStringField("window", n.rule.window);
            }
        }
        j.writeStringField("service", g.service);
        j.writeStringField("environment", g.environment);
        j.writeStringField("release", g.release());
        j.writeStringField("app", g.app);
        j.writeStringField("assignee", g.assignee);
    }
}
