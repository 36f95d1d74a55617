package dev.faultline.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every key that parses, given a value that does not: one line that names the key, the value and
 * the expected form, and says the agent is off (or, with strict=true, that the JVM stops).
 */
class BadValueTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "enabled              | maybe          | true or false",
        "debug                | verbose        | true or false",
        "strict               | sometimes      | true or false",
        "suppress-duplicate-logs | 2           | true or false",
        "capture.logback      | nope           | true or false",
        "capture.jul          | ''             | true or false",
        "capture.http         | yes please     | true or false",
        "capture.level        | DEBUG          | one of CRITICAL, ERROR, WARN, INFO",
        "re-alert             | an hour        | a duration such as 500ms, 30s, 15m, 1h, 7d or ISO-8601 PT15M",
        "shutdown.timeout     | -5s            | a duration such as 500ms, 30s, 15m, 1h, 7d or ISO-8601 PT15M, from 0 to 36500d (not negative)",
        "flush.interval       | 0ms            | a duration greater than zero",
        "flush.interval       | 1000000d       | a duration greater than zero such as 500ms, 30s, 15m, 1h, 7d or ISO-8601 PT15M, at most 36500d",
        "flush.interval       | 0              | a duration greater than zero",
        "retention            | -1d            | a duration greater than zero",
        "retention            | 0d             | a duration greater than zero",
        "retention            | 30 days        | a duration greater than zero such as",
        "spool.max-size       | 1.5GB          | a size such as 512KB, 256MB, 1GB or a number of bytes",
        "queue.size           | 0              | a whole number from 1 to 10000000",
        "queue.size           | 20000000       | a whole number from 1 to 10000000",
        "batch.size           | many           | a whole number from 1 to 100000",
        "max.message-length   | -1             | a whole number from 1 to 1048576",
        "max.frames           | 1e3            | a whole number from 1 to 10000",
        "max.causes           | 0              | a whole number from 1 to 1000",
        "apps                 | com.acme       | a comma list of package-prefix=app-name pairs",
        "log-wrappers         | com.acme.*     | a comma list of class names or package prefixes such as com.acme.Log, com.acme.logging",
        "redact.patterns      | [unclosed      | comma-separated Java regular expressions",
        "mongo.database       | my.db          | a MongoDB database name",
        "mongo.database       | my db          | a MongoDB database name",
        "mongo.database       | ''             | a MongoDB database name",
        "mongo.database       | a$b            | a MongoDB database name",
        "notify.webhook       | ftp://hooks.example.com | an http:// or https:// URL with a host",
        "notify.webhook       | https://       | an http:// or https:// URL with a host",
        "notify.webhook       | hooks.example.com | an http:// or https:// URL with a host",
        "mongo.uri            | localhost:27017 | a connection string mongodb://",
        "spool.dir            | /tmp/a\u0000b   | a file-system path",
    })
    void badValueNamesKeyValueAndExpectedFormOnOneLine(String key, String value, String form) {
        ConfigException e = Setup.with().property(key, value).failure();
        String m = e.getMessage();
        assertEquals(key, e.key());
        assertTrue(m.startsWith("faultline: invalid value \"" + value.replace('\u0000', ' ') + "\" for " + key + " "), m);
        assertTrue(m.contains("expected " + form), m);
        assertTrue(m.endsWith("; Faultline is off"), m);
        assertFalse(m.contains("\n") || m.contains("\r") || m.contains("\u0000"), m);
        assertFalse(e.strict());
    }

    @Test
    void databaseNameLongerThan63BytesIsRejected() {
        Setup.with().property("mongo.database", "d".repeat(63)).load();
        String m = Setup.messageFor("mongo.database", "d".repeat(64));
        assertTrue(m.contains("at most 63 bytes"), m);
    }

    @Test
    void strictTrueSaysTheJvmStopsInsteadOfTheAgentBeingOff() {
        ConfigException e = Setup.with().property("strict", "true").property("queue.size", "-5").failure();
        assertTrue(e.strict());
        assertTrue(e.getMessage().startsWith("faultline: invalid value \"-5\" for queue.size"), e.getMessage());
        assertTrue(e.getMessage().endsWith("; strict=true: stopping the JVM"), e.getMessage());
    }

    @Test
    void strictIsOffByDefaultAndForABadStrictValue() {
        assertFalse(Setup.with().property("queue.size", "-5").failure().strict());
        assertFalse(Setup.with().property("strict", "perhaps").failure().strict());
        assertFalse(Setup.with().load().strict());
        assertTrue(Setup.with().property("strict", "true").load().strict());
    }

    @Test
    void aValueWithANewlineStillGivesOneLine() {
        String m = Setup.messageFor("queue.size", "12\nrm -rf /");
        assertFalse(m.contains("\n"), m);
        assertTrue(m.contains("\"12 rm -rf /\""), m);
    }

    @Test
    void missingPropertiesFileNamesKeyPathAndExpectedForm() {
        Path missing = dir.resolve("nope.properties");
        String m = Setup.messageFor("config.file", missing.toString());
        assertEquals("faultline: invalid value \"" + missing + "\" for config.file (system property faultline.config.file):"
                + " expected a readable properties file (no such file); Faultline is off", m);
    }

    @Test
    void directoryAsPropertiesFileIsRejected() {
        String m = Setup.messageFor("config.file", dir.toString());
        assertTrue(m.startsWith("faultline: invalid value \"" + dir + "\" for config.file"), m);
        assertTrue(m.contains("expected a readable properties file"), m);
    }

    @Test
    void malformedEscapeInPropertiesFileIsAConfigErrorNotACrash() {
        ConfigException e = Setup.with().file(dir, "service=bad\\u12").failure();
        assertEquals("config.file", e.key());
        assertTrue(e.getMessage().contains("expected a readable properties file (IllegalArgumentException"), e.getMessage());
    }

    @Test
    void badWebhookIsShownWithoutItsPathOrUserInfo() {
        String m = Setup.messageFor("notify.webhook", "htps://bot:t0ken@hooks.example.com/services/T0/B0/s3cr3t?x=1");
        assertTrue(m.contains("\"htps://<hidden>@hooks.example.com/<hidden>\""), m);
        assertFalse(m.contains("s3cr3t") || m.contains("t0ken"), m);
    }

    @Test
    void goodWebhookIsKeptAsWrittenButNeverPrinted() {
        Config c = Setup.with().property("notify.webhook", "https://hooks.example.com/services/T0/B0/s3cr3t").load();
        assertEquals("https://hooks.example.com/services/T0/B0/s3cr3t", c.notifyWebhook());
        assertFalse(c.toString().contains("s3cr3t"), c.toString());
        assertTrue(c.toString().contains("notify.webhook=<set>"), c.toString());
    }

    @Test
    void emptyRetentionKeepsRecordsForever() {
        assertEquals(null, Setup.with().load().retention());
        assertEquals(java.time.Duration.ofDays(30), Setup.with().property("retention", "30d").load().retention());
    }
}
