package dev.faultline.alert;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;

/** {@code notify.slack}: a Slack-compatible incoming webhook (also Mattermost, Rocket.Chat): {@code {"text": ...}}. */
final class SlackChannel implements Channel {
    private final String url;
    private final JsonFactory json = new JsonFactory();

    SlackChannel(String url) {
        this.url = url;
    }

    @Override
    public void send(AlertNotice notice) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator j = json.createGenerator(out)) {
            j.writeStartObject();
            j.writeStringField("text", notice.text());
            j.writeEndObject();
        }
        HttpPost.json(url, out.toString());
    }
}
