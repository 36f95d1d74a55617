package dev.faultline.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several bad values at once: every one gets its line in the same start, wherever it was written,
 * so a user does not fix them one restart at a time (a user's trial).
 */
class SeveralBadValuesTest {
    @TempDir
    Path dir;

    @Test
    void everyBadValueIsNamedWithItsValueSourceAndExpectedForm() {
        ConfigException e = Setup.with()
                .property("queue.max-bytes", "abc")
                .env("FAULTLINE_FLUSH_INTERVAL", "-5s")
                .args("capture.level=LOUD,batch.size=0")
                .failure();
        assertEquals(List.of("capture.level", "queue.max-bytes", "batch.size", "flush.interval"), e.keys());
        assertEquals(List.of(
                "faultline: invalid value \"LOUD\" for capture.level (agent argument capture.level):"
                        + " expected one of CRITICAL, ERROR, WARN, INFO; Faultline is off",
                "faultline: invalid value \"abc\" for queue.max-bytes (system property faultline.queue.max-bytes):"
                        + " expected " + Values.SIZE_FORM + "; Faultline is off",
                "faultline: invalid value \"0\" for batch.size (agent argument batch.size):"
                        + " expected a whole number from 1 to 100000; Faultline is off",
                "faultline: invalid value \"-5s\" for flush.interval (environment variable FAULTLINE_FLUSH_INTERVAL):"
                        + " expected a duration greater than zero such as 500ms, 30s, 15m, 1h, 7d or ISO-8601 PT15M, at most 36500d;"
                        + " Faultline is off"), e.lines());
        assertEquals(String.join("\n", e.lines()), e.getMessage());
        assertEquals("capture.level", e.key());
    }

    @Test
    void aGoodValueBesideBadOnesIsNotNamedAndTheAgentStillStaysOff() {
        // The documented promise for a bad value is "the agent stays off": a good value beside it
        // is checked but not applied, as no Config is made.
        ConfigException e = Setup.with().property("queue.size", "100").property("queue.max-bytes", "abc")
                .property("capture.level", "LOUD").property("service", "shop").failure();
        assertEquals(List.of("capture.level", "queue.max-bytes"), e.keys());
        assertFalse(e.getMessage().contains("queue.size") || e.getMessage().contains("shop"), e.getMessage());
        assertFalse(e.strict());
    }

    @Test
    void aMisspeltKeyIsWarnedAboutInTheSameStartAsTheBadValues() {
        // The trial's own command line: flush-interval is not a key (flush.interval is).
        ConfigException e = Setup.with().property("queue.max-bytes", "abc").property("flush-interval", "-5s")
                .property("capture.level", "LOUD").failure();
        assertEquals(List.of("capture.level", "queue.max-bytes"), e.keys());
        assertEquals(List.of("faultline: ignoring unknown setting system property faultline.flush-interval"
                + " (did you mean faultline.flush.interval?)"), e.warnings());
    }

    @Test
    void withStrictEveryLineSaysTheJvmStops() {
        ConfigException e = Setup.with().property("strict", "true").property("queue.size", "-5").property("re-alert", "soon").failure();
        assertTrue(e.strict());
        assertEquals(List.of("re-alert", "queue.size"), e.keys());
        for (String line : e.lines()) {
            assertTrue(line.endsWith("; strict=true: stopping the JVM"), line);
        }
    }

    @Test
    void aKeyIsNamedOnceEvenWhenTwoChecksRefuseIt() {
        // A negative duration is no duration at all; it is not also reported as "not more than zero".
        assertEquals(List.of("flush.interval"), Setup.with().property("flush.interval", "-5s").failure().keys());
        assertEquals(List.of("redact.patterns"), Setup.with().property("redact.patterns", "[a,(b").failure().keys());
    }

    @Test
    void anUnreadableFileIsReportedWithTheBadValuesOfTheOtherPlaces() {
        ConfigException e = Setup.with().property("config.file", dir.resolve("nope.properties").toString())
                .property("batch.size", "many").failure();
        assertEquals(List.of("config.file", "batch.size"), e.keys());
        assertTrue(e.lines().get(0).contains("expected a readable properties file (no such file)"), e.lines().get(0));
    }

    @Test
    void badValuesOfTheSmtpSettingsAreEachNamed() {
        ConfigException e = Setup.with().property("notify.smtp.host", "mail host").property("notify.smtp.port", "0")
                .property("notify.smtp.from", "nobody").property("notify.smtp.to", "ops@example.com").failure();
        assertEquals(List.of("notify.smtp.host", "notify.smtp.port", "notify.smtp.from"), e.keys());
    }

    @Test
    void aBadMongoUriAmongOthersStillHidesItsPassword() {
        ConfigException e = Setup.with().property("mongo.uri", "mongodb://ops:s3/cr3t@db1:27017/app")
                .property("mongo.database", "my.db").property("batch.size", "0").failure();
        assertEquals(List.of("mongo.uri", "mongo.database", "batch.size"), e.keys());
        assertTrue(e.lines().get(0).contains("\"mongodb://ops:<hidden>@db1:27017/app\""), e.lines().get(0));
        assertTrue(e.lines().get(0).contains("must be percent-encoded"), e.lines().get(0));
        assertFalse(e.getMessage().contains("s3") || e.getMessage().contains("cr3t"), e.getMessage());
    }
}
