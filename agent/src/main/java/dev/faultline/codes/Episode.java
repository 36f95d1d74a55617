package dev.faultline.codes;

import java.util.concurrent.atomic.AtomicLong;

/**
 * One episode of an error code on this source, from its first event to its clear: one
 * {@code error_codes} document, updated in place (never a second document per add or clear).
 * Shared between application threads (decisions) and the writer (documents).
 */
public final class Episode {
    final String id;
    final String code;
    final long startTime;
    final long createdAt;
    /** Start of the current re-alert window ({@code last_log_time}). */
    final AtomicLong lastAlert;
    /** Suppressed occurrences not yet added to the document. */
    final AtomicLong unwritten = new AtomicLong();
    volatile long lastSeen;
    /** Alerts sent in this episode (writer thread only). */
    long alerts = 1;
    /** The first event's message; set by the writer when it formats that event. */
    volatile String message;
    volatile boolean active = true;
    volatile long clearedAt;
    volatile String clearMessage = "";

    // The last re_alert_time text seen and its value: most events repeat the same text.
    private volatile String windowText;
    private volatile long windowMillis;

    Episode(String id, String code, String message, long startTime, long lastAlert, long createdAt) {
        this.id = id;
        this.code = code;
        this.message = message;
        this.startTime = startTime;
        this.lastAlert = new AtomicLong(lastAlert);
        this.lastSeen = lastAlert;
        this.createdAt = createdAt;
    }

    public String id() {
        return id;
    }

    public String code() {
        return code;
    }

    public String message() {
        return message;
    }

    public long startTime() {
        return startTime;
    }

    public long lastAlert() {
        return lastAlert.get();
    }

    public boolean active() {
        return active;
    }

    public String clearMessage() {
        return clearMessage;
    }

    /** The re-alert window an event asks for, parsed once per distinct text. */
    long window(String text, long defaultMillis) {
        if (text == null) {
            return defaultMillis;
        }
        if (text.equals(windowText)) {
            return windowMillis;
        }
        long millis = ReAlert.parseMillis(text, defaultMillis);
        windowMillis = millis;
        windowText = text;
        return millis;
    }
}
