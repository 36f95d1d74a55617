package dev.faultline.it;

import static com.mongodb.client.model.Filters.eq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.hostile.HostileApp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The hostile-input catalogue (com.example.hostile.HostileApp) in one real child JVM with the
 * agent: the application carries on, and every case ends as a stored record of at most 1 MiB.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTest {
    private static final int MAX_RECORD_BYTES = 1024 * 1024;
    /** Every case logs once, but same-throwable-twice logs twice. */
    private static final int RECORDS = HostileApp.CASE_NAMES.size() + 1;

    private final Stored stored = Stored.fresh();
    private AgentJvm.Result run;

    @BeforeAll
    void runTheCatalogue() throws Exception {
        run = new AgentJvm(AgentJvm.Jdk.JDK17, "com.example.hostile.HostileApp").libs("logback15")
                .storingIn(MongoSource.get().uri, stored.database).set("app-packages", "com.example")
                .set("service", "hostile").set("shutdown.timeout", "45s").run();
        stored.await(stored.errors(), new Document(), RECORDS);
    }

    private Document only(String kase) {
        List<Document> found = stored.errors().find(eq("logger", "hostile." + kase)).into(new ArrayList<>());
        assertEquals(1, found.size(), kase);
        return found.get(0);
    }

    @Test
    void theApplicationRunsEveryCaseToTheEnd() {
        assertEquals(0, run.exit(), run.stderr());
        assertTrue(run.stdout().contains("hostile: done (20 cases)"), run.stderr());
        assertEquals(20, HostileApp.CASE_NAMES.size());
    }

    @Test
    void everyCaseIsStoredAsARecordOfAtMostOneMebibyte() {
        assertEquals(RECORDS, stored.errors().countDocuments());
        for (String kase : HostileApp.CASE_NAMES) {
            List<Document> records = stored.errors().find(eq("logger", "hostile." + kase)).into(new ArrayList<>());
            assertEquals(kase.equals("same-throwable-twice") ? 2 : 1, records.size(), kase);
            for (Document d : records) {
                int size = new RawBsonDocument(d, new DocumentCodec()).getByteBuffer().remaining();
                assertTrue(size <= MAX_RECORD_BYTES, kase + ": " + size + " bytes");
                assertNull(d.get("capture_error"), kase + " fell back to the minimal record");
            }
        }
    }

    @Test
    void agentHealthCountsEveryRecordAsCapturedAndWritten() {
        Document health = stored.await(stored.health(), new Document(), 1).get(0);
        assertEquals((long) RECORDS, health.getLong("captured"));
        assertEquals((long) RECORDS, health.getLong("written"));
    }

    @Test
    void oversizeInputIsShrunkUnderTheLimitAndSaysSo() {
        Document d = only("oversize-record");
        assertTrue(d.getInteger("size_capped") > MAX_RECORD_BYTES, d.get("size_capped").toString());
        assertEquals("java.lang.IllegalStateException", d.get("exception", Document.class).getString("type"));
        assertNull(only("hostile-fields").get("size_capped"), "records under the limit are left whole");
    }

    @Test
    void longTextsAreCutAndSayHowMuch() {
        assertTrue(only("ten-megabyte-message").getString("message").endsWith("... [truncated " + (10 * 1024 * 1024 - 8192) + " chars]"));
        for (Object value : only("megabyte-mdc-values").get("context", Document.class).values()) {
            assertTrue(((String) value).endsWith("... [truncated " + (1024 * 1024 - 8192) + " chars]"));
        }
    }

    @Test
    void nullMessagesAreStoredAsLogbackPrintsThemOrAbsent() {
        assertEquals("null", only("null-message").getString("message"), "Logback prints a null message as null");
        Document d = only("null-exception-message");
        assertEquals("no message", d.getString("message"));
        assertNull(d.get("exception", Document.class).getString("message"));
    }

    @Test
    void deepStacksKeepTopAndBottomFrames() {
        Document overflow = only("stack-overflow").get("exception", Document.class);
        assertEquals("java.lang.StackOverflowError", overflow.getString("type"));
        assertEquals(256, overflow.getList("frames", Document.class).size());
        assertTrue(overflow.getInteger("frames_omitted") > 0);
        Document deep = only("hundred-thousand-frames").get("exception", Document.class);
        List<Document> frames = deep.getList("frames", Document.class);
        assertEquals("level0", frames.get(0).getString("method"));
        assertEquals("level99999", frames.get(255).getString("method"));
        assertEquals(100_000 - 256, deep.getInteger("frames_omitted"));
    }

    @Test
    void causeChainsAreCutAndCyclesMarked() {
        Document cyclic = only("cyclic-causes").get("exception", Document.class);
        assertEquals(true, cyclic.getBoolean("circular"));
        assertEquals(1, cyclic.getList("causes", Document.class).size());
        Document chain = only("thousand-causes").get("exception", Document.class);
        assertEquals(16, chain.getList("causes", Document.class).size());
        assertEquals(1000 - 17, chain.getInteger("causes_omitted"));
        Document suppressed = only("ten-thousand-suppressed").get("exception", Document.class);
        assertEquals(10_000, suppressed.getInteger("suppressed"));
    }

    @Test
    void misbehavingExceptionsAndArgumentsAreReportedInPlace() {
        Document confined = only("throwing-accessors").get("exception", Document.class);
        assertEquals("com.example.hostile.ThreadConfinedException", confined.getString("type"));
        assertEquals("[getMessage() threw java.lang.IllegalStateException]", confined.getString("message"));
        assertEquals(List.of(), confined.getList("frames", Document.class));
        assertEquals("order 7 for [toString() threw java.lang.UnsupportedOperationException]", only("throwing-argument").getString("message"));
        assertEquals("self [me, [...]]", only("self-containing-argument").getString("message"));
        Document vanished = only("vanished-class-loader").get("exception", Document.class);
        assertEquals("com.example.hostile.Doomed", vanished.getString("type"));
        assertEquals("from a vanished loader", vanished.getString("message"));
        assertNull(vanished.get("fields"), "its fields cannot be listed once its loader is gone");
    }

    @Test
    void textIsStoredAsValidUnicodeAndFieldNamesAreEscaped() {
        assertEquals("lone \uFFFD high, pair \uD83D\uDE00 emoji, clef \uD834\uDD1E, lone \uFFFD low",
                only("surrogates-and-non-bmp").getString("message"));
        assertEquals(Map.of("note", "lone \uFFFD low"), only("surrogates-and-non-bmp").get("context"));
        Document control = only("control-characters");
        assertEquals("nul \uFFFD bell \u0007 escape \u001b[31mred\u001b[0m cr \r lf \n end", control.getString("message"));
        assertEquals(Map.of("k_ey", "v\uFFFDal"), control.get("context"));
        Document keys = only("dotted-and-dollar-keys").get("context", Document.class);
        assertEquals(5, keys.size(), keys.toJson());
        assertEquals("ann", keys.getString("user_name"));
        assertEquals("1", keys.getString("_where"));
        assertEquals("abc", keys.getString("a_b_c"));
        assertTrue(keys.containsValue("d") && keys.containsValue("dot"), keys.toJson());
    }

    @Test
    void hugeContextKeepsTheUserIdAndCountsWhatItLeftOut() {
        Document d = only("ten-thousand-mdc-entries");
        Document context = d.get("context", Document.class);
        assertTrue(context.size() <= 256, "entries: " + context.size());
        assertEquals(10_001 - context.size(), d.getInteger("context_omitted"));
        assertEquals("user-42", d.getString("user_id"));
    }

    @Test
    void exceptionFieldsAreCappedRedactedAndNeverRunApplicationCode() {
        Document fields = only("hostile-fields").get("exception", Document.class).get("fields", Document.class);
        assertEquals("[REDACTED]", fields.getString("password"));
        assertTrue(fields.getString("megabyte").length() < 1100);
        assertEquals(33, fields.getList("manyNumbers", Object.class).size());
        assertEquals(Map.of("user_name", "ann", "_where", "1 == 1"), fields.get("dottedKeys"));
        assertFalse(fields.containsKey("trap"), "a value of an application type is left out, not toString-ed");
        assertFalse(run.output().contains("toString of an application type was called"));
    }

    @Test
    void sameThrowableLoggedTwiceIsTwoOccurrencesOfOneGroupCountedTwice() throws Exception {
        List<Document> twice = stored.errors().find(eq("logger", "hostile.same-throwable-twice")).into(new ArrayList<>());
        assertEquals(2, twice.size());
        assertEquals(twice.get(0).getString("fingerprint"), twice.get(1).getString("fingerprint"));
        Document group = GroupingTest.awaitGroup(stored, eq("_id", twice.get(0).getString("fingerprint")), 2);
        assertEquals("IllegalStateException: logged twice", group.getString("title"));
    }
}
