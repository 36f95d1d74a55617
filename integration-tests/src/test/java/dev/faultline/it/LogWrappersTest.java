package dev.faultline.it;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Errors without an exception logged through the application's own helpers
 * (com.example.wrappers): the call site is the helper's caller, as the framework's own caller data
 * says, when the helper is named in log-wrappers, hands Logback (SLF4J's LocationAwareLogger) or
 * Log4j2 (ExtendedLogger.logIfEnabled) its FQCN, or sets a JUL record's source; one template from
 * two callers is two groups. A helper that does neither stays the call site.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LogWrappersTest {
    private static final String APP = "com/example/wrappers/WrappersApp.java";
    private static final String LOG4J2_APP = "com/example/wrappers/Log4j2WrappersApp.java";
    private final Stored stored = Stored.fresh();
    private final Stored log4j2Stored = Stored.fresh();
    private AgentJvm.Result run;
    private AgentJvm.Result log4j2Run;

    /** JDK 17 here; {@link LogWrappersOnJdk25Test} runs the same on JDK 25. */
    AgentJvm.Jdk jdk() {
        return AgentJvm.Jdk.JDK17;
    }

    @BeforeAll
    void runTheApps() throws Exception {
        run = new AgentJvm(jdk(), "com.example.wrappers.WrappersApp").libs("logback15")
                .storingIn(MongoSource.get().uri, stored.database)
                .set("service", "wrappers").set("app-packages", "com.example")
                .set("log-wrappers", "com.example.wrappers.Log")
                .run();
        stored.await(stored.errors(), new Document(), 80);
        log4j2Run = new AgentJvm(jdk(), "com.example.wrappers.Log4j2WrappersApp").libs("log4j2")
                .storingIn(MongoSource.get().uri, log4j2Stored.database)
                .set("service", "wrappers-log4j2").set("app-packages", "com.example")
                .run();
        log4j2Stored.await(log4j2Stored.errors(), new Document(), 20);
    }

    @Test
    void bothAppsRunToTheEndAndStoreOnlyTheirErrors() {
        assertEquals(0, run.exit(), run.output());
        assertTrue(run.stdout().contains("wrappers: done"), run.output());
        assertEquals(80, stored.errors().countDocuments(), "ten calls of eight methods");
        assertEquals(0, log4j2Run.exit(), log4j2Run.output());
        assertTrue(log4j2Run.stdout().contains("log4j2 wrappers: done"), log4j2Run.output());
        assertEquals(20, log4j2Stored.errors().countDocuments());
    }

    @Test
    void aPlainHelperNamedInLogWrappersIsStoredAtEachCallersLine() {
        assertStoredAtCallers(stored, "payment {} declined", APP, "WrappersApp", Map.of("charge-", "charge", "refund-", "refund"));
    }

    @Test
    void aHelperHandingSlf4jItsFqcnIsStoredAtEachCallersLineUnderLogback() {
        assertStoredAtCallers(stored, "parcel {} lost", APP, "WrappersApp", Map.of("ship-", "ship", "return-", "giveBack"));
    }

    @Test
    void aHelperHandingLog4j2ItsFqcnIsStoredAtEachCallersLine() {
        assertStoredAtCallers(log4j2Stored, "pick {} failed", LOG4J2_APP, "Log4j2WrappersApp",
                Map.of("pick-", "pick", "pack-", "pack"));
    }

    @Test
    void aJulRecordsExplicitSourceIsItsCallSite() {
        List<Document> found = stored.errors().find(eq("message_template", "audit trail broken")).into(new ArrayList<>());
        assertEquals(20, found.size());
        Map<String, String> groups = new TreeMap<>();
        for (Document d : found) {
            String function = d.getString("function");
            assertEquals("com.example.wrappers.WrappersApp", d.getString("class"));
            assertEquals(APP, d.getString("file"));
            assertEquals(SourceMarkers.line(APP, function), d.getInteger("line"), function);
            assertEquals("jul", d.getString("source"));
            groups.merge(function, d.getString("fingerprint"), (a, b) -> a.equals(b) ? a : "two fingerprints for one site");
        }
        assertEquals(List.of("audit", "recount"), List.copyOf(groups.keySet()));
        assertEquals(2, groups.values().stream().distinct().count(), groups.toString());
    }

    @Test
    void aHelperThatNeitherIsNamedNorNamesItselfStaysTheCallSite() {
        List<Document> found = stored.errors().find(eq("message_template", "cache {} stale")).into(new ArrayList<>());
        assertEquals(20, found.size());
        for (Document d : found) {
            assertEquals("com.example.wrappers.Unlisted", d.getString("class"));
            assertEquals(SourceMarkers.line("com/example/wrappers/Unlisted.java", "unlisted-helper"), d.getInteger("line"));
        }
        assertEquals(1, found.stream().map(d -> d.getString("fingerprint")).distinct().count());
        stored.await(stored.collection("error_groups"), and(eq("_id", found.get(0).getString("fingerprint")), eq("count", 20)), 1);
    }

    /**
     * Every occurrence of {@code template} at its caller's class, method, file and line (by the
     * message's prefix: {@code prefix -> method}), in one group per caller, two groups in all.
     */
    private static void assertStoredAtCallers(Stored in, String template, String file, String simpleClass,
            Map<String, String> methodByPrefix) {
        List<Document> found = in.errors().find(eq("message_template", template)).into(new ArrayList<>());
        assertEquals(20, found.size(), found.toString());
        Map<String, String> fingerprintByMethod = new TreeMap<>();
        for (Document d : found) {
            String message = d.getString("message");
            String method = methodByPrefix.entrySet().stream().filter(e -> message.contains(e.getKey()))
                    .map(Map.Entry::getValue).findFirst().orElseThrow();
            assertEquals("com.example.wrappers." + simpleClass, d.getString("class"), message);
            assertEquals(method, d.getString("function"), message);
            assertEquals(file, d.getString("file"), message);
            assertEquals(SourceMarkers.line(file, method), d.getInteger("line"), message);
            assertNull(d.get("exception"));
            String previous = fingerprintByMethod.put(method, d.getString("fingerprint"));
            assertTrue(previous == null || previous.equals(d.getString("fingerprint")), "one caller, one group: " + message);
        }
        assertEquals(2, fingerprintByMethod.size());
        assertEquals(2, fingerprintByMethod.values().stream().distinct().count(), "two callers, two groups: " + fingerprintByMethod);
        for (String fingerprint : fingerprintByMethod.values()) {
            Document group = in.await(in.collection("error_groups"), and(eq("_id", fingerprint), eq("count", 10)), 1).get(0);
            assertEquals(file, group.getString("file"));
        }
    }
}
