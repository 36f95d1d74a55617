package dev.faultline.codes;

import dev.faultline.capture.Identity;
import java.util.Date;
import java.util.UUID;
import org.bson.Document;

/** An episode as its {@code error_codes} document (DESIGN.md section 4), both ways. */
public final class EpisodeDocuments {
    private EpisodeDocuments() {
    }

    /** The episode's current state as a document, counting one occurrence and one alert. */
    public static Document toDocument(Episode e, Identity identity) {
        Document d = new Document("_id", e.id)
                .append("code", e.code)
                .append("message", e.message == null ? "" : e.message)
                .append("start_time", new Date(e.startTime))
                .append("last_log_time", new Date(e.lastAlert.get()))
                .append("last_seen", new Date(e.lastSeen))
                .append("occurrences", 1L)
                .append("alerts", 1L)
                .append("active", e.active)
                .append("cleared_at", e.active ? null : new Date(e.clearedAt))
                .append("clear_message", e.clearMessage)
                .append("created_at", new Date(e.createdAt))
                .append("updated_at", new Date(e.createdAt));
        identity.appendTo(d);
        return d;
    }

    /**
     * The document as the episode opened: active, whatever happened since. Application threads
     * may already have cleared the episode when the writer inserts it; the clear is a separate,
     * later update.
     */
    static Document opened(Episode e, Identity identity) {
        Document d = toDocument(e, identity);
        d.put("active", true);
        d.put("cleared_at", null);
        d.put("clear_message", "");
        return d;
    }

    /**
     * A stored document as an episode. Only {@code code} is required: a document with nothing
     * else maps to an empty message and the current time for every time field.
     */
    public static Episode fromDocument(Document d, Clock clock) {
        long now = clock.millis();
        Object id = d.get("_id");
        long start = millis(d, "start_time", now);
        long lastAlert = millis(d, "last_log_time", start);
        String message = d.getString("message");
        Episode e = new Episode(id == null ? UUID.randomUUID().toString() : id.toString(), d.getString("code"),
                message == null ? "" : message, start, lastAlert, millis(d, "created_at", start));
        e.lastSeen = millis(d, "last_seen", lastAlert);
        Object alerts = d.get("alerts");
        e.alerts = alerts instanceof Number ? ((Number) alerts).longValue() : 1;
        Object active = d.get("active");
        e.active = !(active instanceof Boolean) || (Boolean) active;
        if (!e.active) {
            e.clearedAt = millis(d, "cleared_at", now);
        }
        String clear = d.getString("clear_message");
        e.clearMessage = clear == null ? "" : clear;
        return e;
    }

    private static long millis(Document d, String key, long otherwise) {
        Object v = d.get(key);
        return v instanceof Date ? ((Date) v).getTime() : otherwise;
    }
}
