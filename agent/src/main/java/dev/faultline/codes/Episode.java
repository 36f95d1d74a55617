package dev.faultline.codes;

import java.util.concurrent.atomic.AtomicLong;

/**
 * One episode of an error code on this source, from its first event to its clear: one
 * {@code error_codes} document, updated in place (never a second document per add or clear).
 * Shared between application threads (decisions) and the writer (documents).
 */
public final class Episode {
    // id, start and creation change once, on the writer thread, when an episode opened before the
    // stored ones were loaded turns out to continue one of them (see ErrorCodeTracker#resolve).
    volatile String id;
    final String code;
    volatile long startTime;
    volatile long createdAt;
    /** Opened in memory before this JVM's stored episodes were loaded: may continue one of them. */
    final boolean provisional;
    /** The stored episode this one turned out to continue (writer thread only), or null. */
    Episode continued;
    /** Its document exists or its opening write is pending (writer thread only): updates may follow. */
    boolean written;
    /**
     * MongoDB said which document is this episode's (loaded, or the answer to its opening): its
     * writes go by {@link #id}; until then by the source's open key (writer thread only).
     */
    boolean confirmed;
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
    /**
     * A clear of an episode this JVM never knew ({@link #startUnknown(String, long)}): written by
     * the source's open key, for an episode that started before it; its start, message and
     * alerts are known only from MongoDB's answer.
     */
    boolean startUnknown;

    // The last re_alert_time text seen and its value: most events repeat the same text.
    private volatile String windowText;
    private volatile long windowMillis;

    Episode(String id, String code, String message, long startTime, long lastAlert, long createdAt) {
        this(id, code, message, startTime, lastAlert, createdAt, false);
    }

    Episode(String id, String code, String message, long startTime, long lastAlert, long createdAt,
            boolean provisional) {
        this.provisional = provisional;
        this.id = id;
        this.code = code;
        this.message = message;
        this.startTime = startTime;
        this.lastAlert = new AtomicLong(lastAlert);
        this.lastSeen = lastAlert;
        this.createdAt = createdAt;
    }

    /**
     * A new episode's id: a random (version 4) UUID drawn from {@code ThreadLocalRandom}, not
     * {@code UUID.randomUUID()}. Episodes are opened on application threads, and the JDK's
     * {@code SecureRandom} behind {@code randomUUID()} cost the first error with a code 50 to 220 ms
     * there (its security providers and seed, a user's trial); an id must be unique, not
     * unpredictable (MongoDB's unique {@code _id} refuses a second one in any case).
     */
    static String newId() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new java.util.UUID(high, low).toString();
    }

    /** The clear, at {@code time}, of the source's active episode of {@code code}, whatever it is. */
    static Episode startUnknown(String code, long time) {
        Episode e = new Episode(newId(), code, "", time, time, time);
        e.active = false;
        e.clearedAt = time;
        e.written = true;
        e.startUnknown = true;
        return e;
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

    /** Takes over {@code stored}'s document: from now on this episode writes to it. */
    void continueFrom(Episode stored) {
        continued = stored;
        join(stored);
        written = true;
    }

    /**
     * Becomes {@code stored}, the episode as MongoDB has it (opened by this JVM before a restart,
     * or by another JVM of the source): its id, start, first message and alerts. The window and
     * the repeats counted here stay this JVM's.
     */
    void join(Episode stored) {
        id = stored.id;
        startTime = stored.startTime;
        createdAt = stored.createdAt;
        message = stored.message;
        alerts = stored.alerts;
        confirmed = true;
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
