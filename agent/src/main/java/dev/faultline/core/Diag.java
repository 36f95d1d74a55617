package dev.faultline.core;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The agent's own diagnostic output: lines prefixed {@code [faultline]} on stderr. Never the
 * application's logging (that would capture ourselves and could recurse). Callers must not pass
 * credentials; MongoDB URIs go through {@code MongoUris.redact} first. A line may carry the
 * application's text (an error code's message): its control characters are written escaped
 * (a backslash and n, or u001b), so that it stays one line and cannot forge others or drive a
 * terminal (a user's trial printed {@code ESC]0;pwned BEL} raw).
 */
public final class Diag {
    private static final long WARN_INTERVAL_MILLIS = 60_000;
    private static final ConcurrentMap<String, Long> LAST_WARNED = new ConcurrentHashMap<>();
    private static volatile boolean debug;

    private Diag() {
    }

    public static void setDebug(boolean enabled) {
        debug = enabled;
    }

    public static boolean debugEnabled() {
        return debug;
    }

    public static void info(String message) {
        System.err.println("[faultline] " + oneLine(message));
    }

    public static void debug(String message) {
        if (debug) {
            System.err.println("[faultline] debug: " + oneLine(message));
        }
    }

    /** {@code text} with each control character (C0, DEL, C1) written as a backslash escape: n, r, t, or u and four hex digits. */
    static String oneLine(String text) {
        if (text == null) {
            return "null";
        }
        int i = 0;
        while (i < text.length() && !control(text.charAt(i))) {
            i++;
        }
        if (i == text.length()) {
            return text;
        }
        StringBuilder b = new StringBuilder(text.length() + 16).append(text, 0, i);
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!control(c)) {
                b.append(c);
            } else if (c == '\n') {
                b.append("\\n");
            } else if (c == '\r') {
                b.append("\\r");
            } else if (c == '\t') {
                b.append("\\t");
            } else {
                b.append(String.format("\\u%04x", (int) c));
            }
        }
        return b.toString();
    }

    /** A control character: C0, DEL or C1 (what a line of plain text must not carry raw). */
    public static boolean control(char c) {
        return c < 0x20 || c >= 0x7f && c <= 0x9f;
    }

    /** A warning printed at most once a minute per key (a storm of drops is one line, not many). */
    public static void warnRateLimited(String key, String message) {
        warnRateLimited(key, message, System.currentTimeMillis());
    }

    /**
     * {@link #warnRateLimited(String, String)} at {@code nowMillis}, a time the caller has (an
     * event's own), for application threads: a clock read there costs 20 ns on a quiet machine and
     * hundreds on a busy virtual one. A time far off the clock only prints one line more.
     */
    public static void warnRateLimited(String key, String message, long nowMillis) {
        long now = nowMillis;
        Long last = LAST_WARNED.get(key);
        if (last != null && Math.abs(now - last) < WARN_INTERVAL_MILLIS) {
            return;
        }
        if (last == null ? LAST_WARNED.putIfAbsent(key, now) == null : LAST_WARNED.replace(key, last, now)) {
            System.err.println("[faultline] warning: " + oneLine(message));
        }
    }
}
