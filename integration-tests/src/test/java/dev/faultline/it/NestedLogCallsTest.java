package dev.faultline.it;

import static com.mongodb.client.model.Filters.eq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * Errors logged while another is being logged (com.example.nested.NestedLogCallsApp): an argument
 * whose {@code toString()} logs, run by the application's appender as it formats the message, and
 * a Logback appender that logs an error of its own. Each is stored once, at its own line, beside
 * the call it was made in; before, only the outer call was (the hooks' shared depth took every
 * nested call for the outer one passing into a second framework), and nothing counted the rest.
 */
class NestedLogCallsTest {
    private static final String APP = "com/example/nested/NestedLogCallsApp.java";

    private static Stored run(AgentJvm.Jdk jdk, String libs, String api, String... jvmOptions) throws Exception {
        Stored stored = Stored.fresh();
        AgentJvm jvm = new AgentJvm(jdk, "com.example.nested.NestedLogCallsApp").libs(libs).args(api)
                .storingIn(MongoSource.get().uri, stored.database)
                .set("service", "nested-" + libs).set("app-packages", "com.example");
        for (String option : jvmOptions) {
            jvm.jvmOption(option);
        }
        AgentJvm.Result run = jvm.run();
        assertEquals(0, run.exit(), run.output());
        assertTrue(run.stdout().contains("nested log calls: done"), run.output());
        // The agent's writer formats the messages, running the same toString(): what it logs
        // there reaches neither the database nor the application's own log.
        assertFalse(run.output().contains("faultline-writer"), run.output());
        return stored;
    }

    /** The one record of {@code logger}, after waiting for {@code total} records in all. */
    private static Document only(Stored stored, int total, String logger) {
        stored.await(stored.errors(), new Document(), total);
        List<Document> found = stored.errors().find(eq("logger", logger)).into(new java.util.ArrayList<>());
        assertEquals(1, found.size(), logger + ": " + stored.all());
        return found.get(0);
    }

    /** The one record of {@code template}. */
    private static Document template(Stored stored, String template) {
        List<Document> found = stored.errors().find(eq("message_template", template)).into(new java.util.ArrayList<>());
        assertEquals(1, found.size(), template + ": " + stored.all());
        return found.get(0);
    }

    private static void assertAt(Document d, String function, String marker) {
        assertEquals(function, d.getString("function"), d.toJson());
        assertEquals(SourceMarkers.line(APP, marker), d.getInteger("line"), d.toJson());
    }

    @Test
    void logbackStoresAnErrorLoggedByAnArgumentsToStringAndOneLoggedByAnAppender() throws Exception {
        Stored stored = run(AgentJvm.Jdk.JDK17, "logback15", "slf4j");
        stored.await(stored.errors(), new Document(), 6);
        assertAt(template(stored, "order {} failed"), "main", "nested-slf4j-outer");
        assertAt(template(stored, "billing of {} failed"), "main", "nested-slf4j-billing");
        // Logged with the caller's own logger and no exception, inside Logback's own call.
        assertAt(template(stored, "invoice 9 has no lines"), "toString", "nested-slf4j-same-logger");
        assertAt(only(stored, 6, "shop.Order"), "toString", "nested-slf4j-tostring");
        assertAt(only(stored, 6, "shop.Payments"), "main", "nested-payment");
        assertAt(only(stored, 6, "shop.Audit"), "append", "nested-appender");
        assertEquals(6, stored.all().size(), stored.all().toString());
    }

    @Test
    void log4j2StoresAnErrorLoggedByAnArgumentsToString() throws Exception {
        // Log4j2's default (reusable) message is formatted by the agent's advice on the
        // application thread too: the log call that formatting makes is the agent's doing (not
        // captured, not printed, not counted); the one the appender's formatting makes is stored.
        Stored stored = run(AgentJvm.Jdk.JDK25, "slf4j-log4j2", "slf4j");
        stored.await(stored.errors(), new Document(), 4);
        assertAt(template(stored, "order {} failed"), "main", "nested-slf4j-outer");
        assertAt(template(stored, "invoice 9 has no lines"), "toString", "nested-slf4j-same-logger");
        assertAt(only(stored, 4, "shop.Order"), "toString", "nested-slf4j-tostring");
        assertEquals(4, stored.all().size(), stored.all().toString());
        Document health = stored.health().find().first();
        assertEquals(0L, health.getLong("nested_not_captured"), health.toJson());
    }

    @Test
    void log4j2WithoutThreadLocalMessagesStoresItOnceAndCountsNothing() throws Exception {
        Stored stored = run(AgentJvm.Jdk.JDK17, "slf4j-log4j2", "slf4j", "-Dlog4j2.enableThreadlocals=false");
        assertAt(only(stored, 4, "shop.Order"), "toString", "nested-slf4j-tostring");
        assertEquals(4, stored.all().size(), stored.all().toString());
        assertEquals(0L, stored.health().find().first().getLong("nested_not_captured"));
    }

    @Test
    void julStoresAnErrorLoggedByAParametersToString() throws Exception {
        Stored stored = run(AgentJvm.Jdk.JDK17, "logback15", "jul");
        assertAt(only(stored, 2, "shop.Shipping"), "main", "nested-jul-outer");
        assertAt(only(stored, 2, "shop.Parcel"), "toString", "nested-jul-tostring");
        assertEquals(2, stored.all().size(), stored.all().toString());
    }

    /**
     * JUL through jul-to-slf4j: a parameter's toString() that logs with the call's own logger (its
     * own throwable and text: not the bridged call, which took its place before), a record
     * without a logger name (jul-to-slf4j names it "unknown.jul.logger": stored twice before) and
     * the anonymous logger's (stored nowhere before). Each once.
     */
    @Test
    void julThroughJulToSlf4jStoresEachCallOnceWhateverTheBridgeNamesItsLogger() throws Exception {
        Stored stored = run(AgentJvm.Jdk.JDK17, "bridges", "jul-bridged");
        stored.await(stored.errors(), new Document(), 4);
        Document billing = stored.errors().find(eq("message_template", "billing of {0} failed")).first();
        assertAt(billing, "julBridged", "nested-jul-billing");
        assertEquals("billing of receipt 3 failed", billing.getString("message"), billing.toJson());
        assertEquals(null, billing.get("exception"), billing.toJson());
        Document receipt = stored.errors().find(eq("message", "receipt unreadable")).first();
        assertAt(receipt, "toString", "nested-jul-same-logger");
        assertEquals("java.lang.IllegalArgumentException", receipt.get("exception", Document.class).getString("type"), receipt.toJson());
        assertAt(stored.errors().find(eq("message", "unnamed record failed")).first(), "julBridged", "nested-jul-unnamed");
        assertAt(stored.errors().find(eq("message", "anonymous logger failed")).first(), "julBridged", "nested-jul-anonymous");
        assertEquals(4, stored.all().size(), stored.all().toString());
    }

    /**
     * A value whose toString() logs the value itself, through SLF4J into Log4j2: the advice's own
     * formatting of Log4j2's reusable message ran it without end (Log4j2's recursion guards sit
     * behind the advice), and a StackOverflowError inside Log4j2 left its shutdown waiting for
     * ever (a trial: the JVM never exited, on 7b7f517 too). The JVM ends; the outer call is stored.
     */
    @Test
    void log4j2WithAValueThatLogsItselfEnds() throws Exception {
        Stored stored = run(AgentJvm.Jdk.JDK17, "slf4j-log4j2", "self");
        assertEquals(1, stored.await(stored.errors(), eq("message_template", "order {} failed"), 1).size());
    }
}
