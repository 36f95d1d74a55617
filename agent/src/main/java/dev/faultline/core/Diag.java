package dev.faultline.core;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The agent's own diagnostic output: lines prefixed {@code [faultline]} on stderr. Never the
 * application's logging (that would capture ourselves and could recurse). Callers must not pass
 * credentials; MongoDB URIs go through {@code MongoUris.redact} first.
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
        System.err.println("[faultline] " + message);
    }

    public static void debug(String message) {
        if (debug) {
            System.err.println("[faultline] debug: " + message);
        }
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
            System.err.println("[faultline] warning: " + message);
        }
    }
}
