package dev.faultline.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.faultline.bootstrap.CapturedEvent;
import dev.faultline.bootstrap.Severity;
import dev.faultline.config.Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.bson.BSONException;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.junit.jupiter.api.Test;

/**
 * An occurrence read back from its spooled BSON ({@link Occurrence#read}, the replay's one-pass
 * read) counts in its group exactly as the occurrence it was made from: same group fields, same
 * title and type.
 */
class OccurrenceReadTest {
    private final RecordFactory factory = new RecordFactory(config(),
            new Identity("shop", "prod", "1.4.2", "", "", "box", "box", 1));

    private static Config config() {
        try {
            return Config.fromMap(Map.of("app-packages", "com.acme,dev.faultline.capture", "service", "shop"));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private Occurrence made(Throwable t, Map<String, ?> mdc, String template, Object... args) {
        CapturedEvent e = new CapturedEvent("logback", Severity.ERROR, 1_700_000_000_000L, "com.acme.Orders", "main",
                template, args, CapturedEvent.FORMAT_SLF4J, t, mdc, null, true);
        e.siteClass = "com.acme.Orders";
        e.siteMethod = "submit";
        e.siteFile = "Orders.java";
        e.siteLine = 12;
        return factory.occurrence(e);
    }

    private static void assertSameForItsGroup(Occurrence made) {
        Occurrence read = Occurrence.read(made.toBson());
        assertEquals(made.id, read.id);
        assertEquals(made.fingerprint, read.fingerprint);
        assertEquals(made.mergedFrom, read.mergedFrom);
        assertEquals(made.previousFingerprint, read.previousFingerprint);
        assertEquals(made.timestamp, read.timestamp);
        assertEquals(made.message, read.message);
        assertEquals(made.severity, read.severity);
        assertEquals(made.severityNum, read.severityNum);
        assertEquals(made.service, read.service);
        assertEquals(made.app, read.app);
        assertEquals(made.file, read.file);
        assertEquals(made.function, read.function);
        assertEquals(made.exceptionType, read.exceptionType);
        assertEquals(made.title, read.title);
        for (String key : new String[] {"environment", "release", "error_code"}) {
            assertEquals(made.document.get(key), read.document.get(key), key);
        }
        assertEquals(made.summary().document, read.summary().document);
    }

    @Test
    void anErrorWithCausesIsTitledByItsRootCause() {
        Exception root = new IOException("gateway timeout\nsecond line");
        Exception t = new IllegalStateException("order failed", new UncheckedIOException("wrapped", (IOException) root));
        Occurrence made = made(t, Map.of("error_code", "PAY-7", "user_id", "u1"), "order {} failed", 41);
        assertEquals("java.io.IOException", made.exceptionType);
        assertSameForItsGroup(made);
    }

    @Test
    void anErrorWithoutCausesIsTitledByItself() {
        assertSameForItsGroup(made(new IllegalArgumentException(), null, "bad input"));
    }

    @Test
    void anErrorWithoutThrowableIsTitledByItsTemplate() {
        Occurrence made = made(null, Map.of("job_id", "j-9"), "job {} stuck for {} s", "j-9", 30);
        assertEquals("job {} stuck for {} s", made.title);
        assertSameForItsGroup(made);
    }

    /** A user's trial: a Slack notice's title kept a trailing CR and raw ANSI colours. */
    @Test
    void aTitleIsOneLineOfPlainText() {
        Occurrence made = made(null, null, "a plain new error \u001b[31mRED\u001b[0m\r");
        assertEquals("a plain new error  [31mRED [0m", made.title);
        assertSameForItsGroup(made);
    }

    @Test
    void aMergedOccurrenceKeepsBothFingerprints() {
        Occurrence merged = made(new IllegalStateException("x"), null, "boom").mergedInto("target-fp");
        assertSameForItsGroup(merged);
        assertEquals("target-fp", Occurrence.read(merged.toBson()).fingerprint);
    }

    @Test
    void bytesThatAreNotADocumentAreRefusedNotMisread() {
        byte[] bytes = made(null, null, "boom").toBson().getByteBuffer().array().clone();
        // A field's type byte that no BSON type has, after the _id.
        bytes[4 + 1 + "_id".length() + 1 + 4 + 37] = 0x7f;
        assertThrows(BSONException.class, () -> Occurrence.read(new RawBsonDocument(bytes)));
    }

    @Test
    void theSummaryHoldsNothingBeyondWhatAGroupNeeds() {
        Occurrence read = Occurrence.read(made(new IllegalStateException("x"), Map.of("user_id", "u1"), "boom").toBson());
        Document d = read.document;
        assertEquals(null, d.get("context"));
        assertEquals(null, d.get("frames"));
        assertEquals(Document.class, d.get("exception").getClass());
    }
}
