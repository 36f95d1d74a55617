package dev.faultline.config;

import java.time.Duration;

/** Durations written as in the configuration (500ms, 30s, 15m, 1h, 7d, ISO-8601), for values read at run time. */
public final class Durations {
    private Durations() {
    }

    /** @throws IllegalArgumentException when {@code text} is not a duration */
    public static Duration parse(String text) {
        return Values.duration(text);
    }
}
