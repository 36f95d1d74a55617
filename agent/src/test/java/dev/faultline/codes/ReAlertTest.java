package dev.faultline.codes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

/** An event's {@code re_alert_time}: a duration or seconds; anything else is the default, and said. */
class ReAlertTest {
    @Test
    void aDurationOrSecondsIsTheWindowAndAnythingElseTheDefaultSaidOnStderr() {
        assertEquals(1_800_000L, ReAlert.parseMillis("30m", 7));
        assertEquals(1_800_000L, ReAlert.parseMillis("PT30M", 7));
        assertEquals(90_000L, ReAlert.parseMillis("90", 7));
        assertEquals(0L, ReAlert.parseMillis("0", 7));
        PrintStream err = System.err;
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        System.setErr(new PrintStream(said, true));
        try {
            assertEquals(7L, ReAlert.parseMillis("-5", 7));
            assertEquals(7L, ReAlert.parseMillis("abc", 7));
        } finally {
            System.setErr(err);
        }
        assertTrue(said.toString().contains("re_alert_time \"-5\"") && said.toString().contains("default re-alert window"), said.toString());
    }
}
