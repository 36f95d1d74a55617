package dev.faultline.codes;

import dev.faultline.config.Values;

/** {@code re_alert_time}: a duration ({@code 30m}, {@code PT30M}) or a number of seconds. */
final class ReAlert {
    private ReAlert() {
    }

    /** The window in milliseconds; an unreadable value falls back to the configured default. */
    static long parseMillis(String text, long defaultMillis) {
        try {
            double seconds = Double.parseDouble(text);
            if (seconds >= 0 && !Double.isInfinite(seconds)) {
                return (long) (seconds * 1000);
            }
            return defaultMillis;
        } catch (NumberFormatException notANumber) {
            try {
                return Values.duration(text).toMillis();
            } catch (RuntimeException e) {
                return defaultMillis;
            }
        }
    }
}
