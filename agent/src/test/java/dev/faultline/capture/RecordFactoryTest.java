package dev.faultline.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.bootstrap.CapturedEvent;
import dev.faultline.bootstrap.Severity;
import dev.faultline.config.Config;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** Caps, sanitising and redaction as seen in the finished app_errors document. */
class RecordFactoryTest {
    private final RecordFactory factory = new RecordFactory(config(), new Identity("shop", "", "", "", "", "box", "box", 1));

    private static Config config() {
        try {
            return Config.fromMap(Map.of("app-packages", "com.acme,dev.faultline.capture", "service", "shop"));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private Document record(Throwable t, Map<String, ?> mdc, String template, Object... args) {
        CapturedEvent e = new CapturedEvent("logback", Severity.ERROR, 1_700_000_000_000L, "com.acme.Orders", "main",
                template, args, CapturedEvent.FORMAT_SLF4J, t, mdc, null, true);
        e.siteClass = "com.acme.Orders";
        e.siteMethod = "submit";
        e.siteLine = 12;
        Document d = factory.build(e);
        assertNotNull(d);
        return d;
    }

    /**
     * A user's trial: a clear logged at ERROR (with notification=false too) sent "New error" for
     * its group. Its record names the code it clears, and its group's change is the code's, whose
     * notices are the code's own ("cleared"), even after the summary the storm table keeps.
     */
    @Test
    void aClearingEventsRecordNamesItsCodeAndItsGroupSendsNoNoticeOfItsOwn() {
        Document d = record(null, Map.of("error_code_clear", "disk_full", "notification", "false"), "disk space back");
        assertEquals("disk_full", d.getString("clears_code"));
        assertNull(d.get("error_code"));
        Occurrence o = Occurrence.of(d);
        assertTrue(dev.faultline.pipeline.GroupDelta.of(o).change(null, false, false).errorCode);
        assertTrue(dev.faultline.pipeline.GroupDelta.of(o.summary()).change(null, false, false).errorCode);
        assertFalse(dev.faultline.pipeline.GroupDelta.of(Occurrence.of(record(null, null, "disk space low"))).change(null, false, false).errorCode,
                "an ordinary error's group sends its notices");
        assertFalse(record(null, null, "disk space low").containsKey("clears_code"));
    }

    /** A user's trial: a thread named with a million characters was stored whole (a 1 MB record). */
    @Test
    void namesAreCappedLikeText() {
        String huge = "worker-".repeat(150_000);
        CapturedEvent e = new CapturedEvent("logback", Severity.ERROR, 1_700_000_000_000L, huge, huge,
                "order failed", null, CapturedEvent.FORMAT_NONE, null, null, null, true);
        Document d = factory.build(e);
        for (String field : List.of("thread", "logger")) {
            String kept = d.getString(field);
            assertTrue(kept.startsWith("worker-worker-") && kept.endsWith(" chars]") && kept.length() < RecordScrubber.MAX_NAME + 40,
                    field + ": " + kept.length() + " characters");
        }
    }

    @Test
    void aPartThatCannotBeReadIsCountedOnceThoughTheRecordIsBuiltAheadToo() {
        Object hostile = new Object() {
            @Override
            public String toString() {
                throw new IllegalStateException("no text");
            }
        };
        CapturedEvent e = new CapturedEvent("logback", Severity.ERROR, 1_700_000_000_000L, "com.acme.Orders", "main",
                "order {} failed", new Object[] {hostile}, CapturedEvent.FORMAT_SLF4J, null, null, null, true);
        long before = dev.faultline.bootstrap.Bridge.unreadableParts();
        Document ahead = factory.buildAhead(e);
        Document kept = factory.build(e);
        assertEquals("order [toString() threw java.lang.IllegalStateException] failed", kept.getString("message"));
        assertEquals(kept.getString("message"), ahead.getString("message"));
        assertEquals(1, dev.faultline.bootstrap.Bridge.unreadableParts() - before);
    }

    /**
     * A user's trial: an argument whose toString logs (or has any other effect) ran twice on the
     * writer's thread for an error captured before MongoDB's first answer.
     */
    @Test
    void anArgumentsToStringRunsOnceThoughTheRecordIsBuiltAheadToo() {
        int[] calls = {0};
        Object counted = new Object() {
            @Override
            public String toString() {
                calls[0]++;
                return "cart";
            }
        };
        CapturedEvent e = new CapturedEvent("logback", Severity.ERROR, 1_700_000_000_000L, "com.acme.Orders", "main",
                "order {} failed", new Object[] {counted}, CapturedEvent.FORMAT_SLF4J, null, null, null, true);
        Document ahead = factory.buildAhead(e);
        Document kept = factory.build(e);
        assertEquals("order cart failed", kept.getString("message"));
        assertEquals(kept.getString("message"), ahead.getString("message"));
        assertEquals(1, calls[0]);
    }

    @Test
    void textTheIntakeCutBeforeTheQueueIsCountedInTheMarker() {
        String body = "b".repeat(8192 + 64);
        CapturedEvent e = new CapturedEvent("logback", Severity.ERROR, 1_700_000_000_000L, "com.acme.Orders", "main",
                "rejected: {}", new Object[] {body}, CapturedEvent.FORMAT_SLF4J, null, null, null, true);
        e.argumentsCut = 1000;
        String message = factory.build(e).getString("message");
        int kept = 8192 - "rejected: ".length();
        assertEquals("rejected: " + "b".repeat(kept) + "... [truncated " + ("rejected: ".length() + 64 + 1000) + " chars]", message);
    }

    /**
     * A trial: texts are redacted after they are cut, and a secret the cut split in half matched
     * no rule (a password before its {@code @}, 15 of a card's 16 digits, the last being its check
     * digit): the cut word goes too, in the message, an exception's message and a context value.
     */
    @Test
    void aSecretTheCapSplitsIsNotKeptInPart() {
        String pad = "x".repeat(8192 - 30);
        String url = pad + " mongodb://user:pwK1secretpassword@db/x";
        Document d = record(new IllegalStateException(url), Map.of("conn", url), url);
        for (String text : List.of(d.getString("message"), ((Document) d.get("exception")).getString("message"),
                ((Document) d.get("context")).getString("conn"))) {
            assertFalse(text.contains("pwK1"), text.substring(8000));
            assertTrue(text.startsWith(pad + "... [truncated "), text.substring(8000));
        }
        String card = "x".repeat(8192 - 16) + " card 4111 1111 1111 1111 declined";
        String message = record(null, null, card).getString("message");
        assertFalse(message.contains("4111"), message.substring(8000));
        assertTrue(message.endsWith("x card... [truncated " + (card.length() - (8192 - 16 + 5)) + " chars]"), message.substring(8000));
    }

    @Test
    void aThreadNamedWithASecretIsRedactedLikeText() {
        CapturedEvent e = new CapturedEvent("logback", Severity.ERROR, 1_700_000_000_000L, "com.acme.Orders",
                "worker /reset?token=tS14secret", "failed", null, CapturedEvent.FORMAT_SLF4J, null, null, null, true);
        Document d = factory.build(e);
        assertEquals("worker /reset?token=[REDACTED]", d.getString("thread"));
        assertEquals("com.acme.Orders", d.getString("logger"));
    }

    @Test
    void tenMegabyteMessageIsCappedAndSaysHowMuchWasCut() {
        String huge = "x".repeat(10 * 1024 * 1024);
        Document d = record(null, null, huge);
        String message = d.getString("message");
        assertTrue(message.startsWith("x".repeat(8192) + "... [truncated " + (huge.length() - 8192) + " chars]"), message.substring(8000));
        assertEquals(message, d.getString("message_template"));
    }

    @Test
    void veryDeepStackKeepsTopAndBottomFramesAndCountsTheCut() {
        StackTraceElement[] frames = new StackTraceElement[10_000];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = new StackTraceElement("com.acme.Recursion", "step" + i, "Recursion.java", i + 1);
        }
        Document d = record(FingerprintsTest.thrown(new StackOverflowError(), frames), null, "deep");
        Document exception = d.get("exception", Document.class);
        List<Document> kept = exception.getList("frames", Document.class);
        assertEquals(256, kept.size());
        assertEquals("step0", kept.get(0).getString("method"));
        assertEquals("step191", kept.get(191).getString("method"));
        assertEquals("step9936", kept.get(192).getString("method"));
        assertEquals("step9999", kept.get(255).getString("method"));
        assertEquals(10_000 - 256, exception.getInteger("frames_omitted"));
        assertEquals(192, exception.getInteger("frames_omitted_after"));
        assertTrue(d.get("data", Document.class).getString("trace").length() <= RecordFactory.MAX_TRACE_CHARS + 40);
    }

    @Test
    void fieldNamesWithDotsDollarsOrNulAreEscapedWithoutLosingEntries() {
        Map<String, String> mdc = new LinkedHashMap<>();
        mdc.put("user.name", "ann");
        mdc.put("user_name", "bob");
        mdc.put("$where", "1");
        mdc.put("a\u0000b", "x");
        mdc.put("", "empty");
        Document context = record(null, mdc, "keys").get("context", Document.class);
        assertEquals(Map.of("user_name", "bob", "user_name_2", "ann", "_where", "1", "a_b", "x", "_", "empty"), context,
                "the key that needed no escaping keeps its name");
    }

    /**
     * A reviewer's trial: applications put a whole {@code k=v}, or a URL with credentials, into a
     * context key, and it was stored as written. The key is stored redacted, the entry kept; two
     * keys that redact alike are both kept.
     */
    @Test
    void contextKeysAndMapKeysHoldingASecretAreStoredRedacted() {
        Map<String, Object> mdc = new LinkedHashMap<>();
        mdc.put("password=hunter2", "v1");
        mdc.put("password=other9", "v2");
        mdc.put("token:abc123", "v3");
        mdc.put("mongodb://app:pw4secret@db.example.com/x", "v4");
        mdc.put("https://app:pw10@db.example.com/y", "v10");
        Exception top = new KeyedException();
        CapturedEvent e = new CapturedEvent("logback", Severity.ERROR, 1_700_000_000_000L, "com.acme.Orders", "main",
                "keys {}", new Object[] {"x"}, CapturedEvent.FORMAT_SLF4J, top, mdc, List.of(new com.example.shop.KeyValue("session=s6secret", "v6")), true);
        Document d = factory.build(e);
        String json = d.toJson();
        for (String secret : List.of("hunter2", "other9", "abc123", "pw4secret", "ak5secret", "s6secret")) {
            assertFalse(json.contains(secret), secret + " stored");
        }
        Document context = d.get("context", Document.class);
        assertEquals(List.of("password=[REDACTED]", "password=[REDACTED]_2", "token:[REDACTED]",
                "mongodb://app:[REDACTED]@db_example_com/x", "https://app:[REDACTED]@db_example_com/y", "session=[REDACTED]"),
                List.copyOf(context.keySet()));
        assertEquals("[REDACTED]", context.getString("password=[REDACTED]"), "a key naming a secret still hides its value");
        assertEquals("[REDACTED]", context.getString("mongodb://app:[REDACTED]@db_example_com/x"), "secret as written ('secret')");
        assertEquals("v10", context.getString("https://app:[REDACTED]@db_example_com/y"));
        Document meta = d.get("exception", Document.class).get("fields", Document.class).get("meta", Document.class);
        assertEquals(Map.of("api_key=[REDACTED]", "[REDACTED]", "a_b", "v7", "a_b_2", "v8", "_where", "v9"), meta);
    }

    /** An exception with a map field whose keys hold a secret, and two that escape alike. */
    static class KeyedException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final Map<String, String> meta = new LinkedHashMap<>(Map.of("api_key=ak5secret", "v5"));

        KeyedException() {
            super("keyed");
            meta.put("a.b", "v7");
            meta.put("a_b", "v8");
            meta.put("$where", "v9");
        }
    }

    /**
     * A reviewer's trial: {@code error_code} was stored as written (record, fingerprint). It is
     * kept redacted, and its fingerprint is the redacted code's, so that a code whose secret
     * changes is one group.
     */
    @Test
    void anErrorCodeHoldingASecretIsStoredRedactedAndGroupsAsOne() {
        Document a = record(null, Map.of("error_code", "upstream_down token=abc123"), "upstream down");
        Document b = record(null, Map.of("error_code", "upstream_down token=xyz789"), "upstream down");
        assertEquals("upstream_down token=[REDACTED]", a.getString("error_code"));
        assertEquals(a.getString("fingerprint"), b.getString("fingerprint"));
        assertEquals(Fingerprints.ofCode("upstream_down token=[REDACTED]"), a.getString("fingerprint"));
        assertEquals(Fingerprints.ofCode("disk_full"), record(null, Map.of("error_code", "disk_full"), "x").getString("fingerprint"),
                "a code without a secret keeps its fingerprint");
        assertEquals("cleared mongodb://u:[REDACTED]@h/x",
                record(null, Map.of("error_code_clear", "cleared mongodb://u:pw@h/x"), "back").getString(RecordFactory.CLEARS_CODE));
        assertFalse(a.toJson().contains("abc123"), a.toJson());
        String longCode = "upstream_down " + "x".repeat(RecordScrubber.MAX_NAME + 10);
        assertEquals(new CodeNames(() -> new Redactor(List.of(), List.of())).of(longCode.substring(0, RecordScrubber.MAX_NAME + 5)),
                record(null, Map.of("error_code", longCode), "long").getString("error_code"),
                "a long code's name does not depend on how much of it the queue kept");
    }

    /** A user's trial: with order.id logged before order_id, a filter on order_id found order.id's value. */
    @Test
    void aKeyKeepsItsOwnNameWhenAnEscapedKeyCameFirst() {
        Map<String, String> mdc = new LinkedHashMap<>();
        mdc.put("order.id", "escaped");
        mdc.put("order_id", "real");
        Document context = record(null, mdc, "keys").get("context", Document.class);
        assertEquals(Map.of("order_id", "real", "order_id_2", "escaped"), context);
    }

    @Test
    void loneSurrogatesAndNulAreReplacedAndOtherTextIsKept() {
        Document d = record(null, Map.of("k", "v\u0000\uDBFF"), "bad \uD800 pair \uDC00 emoji \uD83D\uDE00 clef \uD834\uDD1E nul \u0000 bell \u0007 esc \u001b[31m");
        assertEquals("bad \uFFFD pair \uFFFD emoji \uD83D\uDE00 clef \uD834\uDD1E nul \uFFFD bell \u0007 esc \u001b[31m", d.getString("message"));
        assertEquals("v\uFFFD\uFFFD", d.get("context", Document.class).getString("k"));
    }

    @Test
    void hugeContextIsCappedButKeepsTheJobAndUserIds() {
        Map<String, String> mdc = new HashMap<>();
        String megabyte = "v".repeat(1024 * 1024);
        for (int i = 0; i < 10_000; i++) {
            mdc.put("key" + i, i % 100 == 0 ? megabyte : "value" + i);
        }
        mdc.put("user_id", "u-1");
        mdc.put("job_id", "j-9");
        Document d = record(null, mdc, "big context");
        Document context = d.get("context", Document.class);
        assertTrue(context.size() <= ContextReader.MAX_ENTRIES, "entries: " + context.size());
        assertEquals(10_002 - context.size(), d.getInteger("context_omitted"));
        assertEquals("u-1", d.getString("user_id"));
        assertEquals("j-9", d.getString("job_id"));
        for (Object v : context.values()) {
            assertTrue(((String) v).length() <= 8192 + 40);
        }
    }

    @Test
    void recordNeverExceedsOneMebibyteWhateverTheInput() {
        String longName = "com.acme." + "Deep".repeat(70);
        Throwable top = null;
        Throwable previous = null;
        for (int c = 0; c < 20; c++) {
            StackTraceElement[] frames = new StackTraceElement[10_000];
            for (int i = 0; i < frames.length; i++) {
                frames[i] = new StackTraceElement(longName + c, "method" + i, "Deep.java", i);
            }
            Throwable t = FingerprintsTest.thrown(new IllegalStateException("m".repeat(100_000)), frames);
            if (previous == null) {
                top = t;
            } else {
                previous.initCause(t);
            }
            previous = t;
        }
        Map<String, String> mdc = new HashMap<>();
        String big = "v".repeat(1024 * 1024);
        for (int i = 0; i < 10_000; i++) {
            mdc.put("key" + i, big);
        }
        Document d = record(top, mdc, "y".repeat(10 * 1024 * 1024));
        int size = RecordSize.encodedSize(d);
        assertTrue(size <= RecordSize.MAX_BYTES, "record of " + size + " bytes");
        assertTrue(d.getInteger("size_capped") > RecordSize.MAX_BYTES, d.get("size_capped").toString());
        assertEquals("java.lang.IllegalStateException", d.get("exception", Document.class).getString("type"));
    }

    @Test
    void secretsAreRedactedInMessageExceptionTraceContextAndFields() {
        Exception cause = new IllegalStateException("upstream said Authorization: Bearer cause-token-4242");
        Exception top = new RuntimeException("login failed: password=top-secret-1", cause);
        Map<String, String> mdc = Map.of("password", "mdc-secret-2", "note", "api_key=mdc-secret-3", "user_id", "u-1");
        Document d = record(top, mdc, "user {} gave token={}", "ann", "arg-secret-4");
        String json = d.toJson();
        for (String secret : List.of("cause-token-4242", "top-secret-1", "mdc-secret-2", "mdc-secret-3", "arg-secret-4")) {
            assertFalse(json.contains(secret), secret + " in " + json);
        }
        assertEquals("user ann gave token=[REDACTED]", d.getString("message"));
        assertEquals(Map.of("password", "[REDACTED]", "note", "api_key=[REDACTED]", "user_id", "u-1"), d.get("context"));
        assertTrue(d.get("data", Document.class).getString("trace").startsWith("java.lang.RuntimeException: login failed: password=[REDACTED]\n"));
        assertEquals("u-1", d.getString("user_id"));
    }

    @Test
    void exceptionFieldsAreStoredForTheTopExceptionAndEachCause() {
        Exception cause = new ExceptionFieldsTest.GatewayException(503);
        Exception top = new ExceptionFieldsTest.ValidationException("order", List.of("email", "zip"), cause);
        Document exception = record(top, null, "invalid").get("exception", Document.class);
        Document fields = exception.get("fields", Document.class);
        assertEquals("order", fields.getString("entity"));
        assertEquals(List.of("email", "zip"), fields.getList("missingFields", String.class));
        assertEquals(Map.of("status", 503), exception.getList("causes", Document.class).get(0).get("fields"));
    }

    @Test
    void exceptionWhoseAccessorsAllThrowStillMakesARecord() {
        Document d = record(new Hostile(), null, "hostile");
        Document exception = d.get("exception", Document.class);
        assertEquals(Hostile.class.getName(), exception.getString("type"));
        assertEquals("[getMessage() threw java.lang.IllegalStateException]", exception.getString("message"));
        assertEquals(List.of(), exception.getList("frames", Document.class));
        assertTrue(d.get("data", Document.class).getString("trace").startsWith(Hostile.class.getName() + ": [getMessage() threw"));
        assertNull(d.get("capture_error"));
    }

    @Test
    void cyclicCauseChainIsStoredOnceAndMarkedCircular() {
        Exception a = new IllegalStateException("a");
        Exception b = new IllegalArgumentException("b");
        a.initCause(b);
        b.initCause(a);
        Document d = record(a, null, "cycle");
        Document exception = d.get("exception", Document.class);
        assertEquals(1, exception.getList("causes", Document.class).size());
        assertEquals(true, exception.getBoolean("circular"));
        assertTrue(d.get("data", Document.class).getString("trace").contains("[CIRCULAR REFERENCE: java.lang.IllegalStateException: a]"));
    }

    @Test
    void tenThousandSuppressedAreCountedAndTheTraceStaysCapped() {
        Exception top = new IllegalStateException("closing");
        for (int i = 0; i < 10_000; i++) {
            top.addSuppressed(new java.io.IOException("close " + i));
        }
        Document d = record(top, null, "suppressed");
        assertEquals(10_000, d.get("exception", Document.class).getInteger("suppressed"));
        String trace = d.get("data", Document.class).getString("trace");
        assertTrue(trace.length() <= RecordFactory.MAX_TRACE_CHARS + 40, "trace of " + trace.length());
        assertTrue(trace.contains("\tSuppressed: java.io.IOException: close 0\n"), trace.substring(0, 400));
    }

    @Test
    void argumentWhoseToStringThrowsIsReportedInPlace() {
        Object hostile = new Object() {
            @Override
            public String toString() {
                throw new UnsupportedOperationException("no");
            }
        };
        Document d = record(null, null, "order {} failed for {}", 7, hostile);
        assertEquals("order 7 failed for [toString() threw java.lang.UnsupportedOperationException]", d.getString("message"));
    }

    @Test
    void nullTemplateAndNullExceptionMessageAreStoredAsSuch() {
        Document d = record(new IllegalStateException((String) null), null, null);
        assertEquals("null", d.getString("message"), "as the logging frameworks print a null message");
        assertNull(d.getString("message_template"));
        assertNull(d.get("exception", Document.class).getString("message"));
        assertTrue(Arrays.asList(d.get("data", Document.class).getString("trace").split("\n")).get(0)
                .equals("java.lang.IllegalStateException"));
    }

    /** Every accessor an agent might call throws. */
    static final class Hostile extends RuntimeException {
        private static final long serialVersionUID = 1L;

        @Override
        public String getMessage() {
            throw new IllegalStateException("getMessage");
        }

        @Override
        public String getLocalizedMessage() {
            throw new IllegalStateException("getLocalizedMessage");
        }

        @Override
        public StackTraceElement[] getStackTrace() {
            throw new IllegalStateException("getStackTrace");
        }

        @Override
        public synchronized Throwable getCause() {
            throw new IllegalStateException("getCause");
        }

        @Override
        public String toString() {
            throw new IllegalStateException("toString");
        }
    }
}
