package dev.faultline.codes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** An event's {@code re_alert_time}: a duration or seconds; anything else is the default, and said. */
class ReAlertTest {
    @Test
    void aDurationOrSecondsIsTheWindowAndAnythingElseTheDefault() {
        assertEquals(1_800_000L, ReAlert.parseMillis("30m", 7));
        assertEquals(1_800_000L, ReAlert.parseMillis("PT30M", 7));
        assertEquals(90_000L, ReAlert.parseMillis("90", 7));
        assertEquals(0L, ReAlert.parseMillis("0", 7));
        // Said on stderr too, once a minute (a rate limit shared by the whole JVM, so not asserted here).
        assertEquals(7L, ReAlert.parseMillis("-5", 7));
        assertEquals(7L, ReAlert.parseMillis("abc", 7));
    }
}
