package dev.faultline.codes;

import dev.faultline.config.Values;

/** {@code re_alert_time}: a duration ({@code 30m}, {@code PT30M}) or a number of seconds. */
final class ReAlert {
    private ReAlert() {
    }

    /**
     * The window in milliseconds; an unreadable value falls back to the configured default, said
     * once a minute on stderr (a user's trial found {@code abc} and {@code -5} taken silently).
     */
    static long parseMillis(String text, long defaultMillis) {
        try {
            double seconds = Double.parseDouble(text);
            if (seconds >= 0 && !Double.isInfinite(seconds)) {
                return (long) (seconds * 1000);
            }
        } catch (NumberFormatException notANumber) {
            try {
                return Values.duration(text).toMillis();
            } catch (RuntimeException e) {
                // said below
            }
        }
        dev.faultline.core.Diag.warnRateLimited(CodeFields.RE_ALERT, "re_alert_time \"" + (text.length() > 64 ? text.substring(0, 64) + "..." : text)
                + "\" in an event's context is not a duration (30m, PT30M) or a number of seconds at least 0: the default re-alert window is used");
        return defaultMillis;
    }
}
