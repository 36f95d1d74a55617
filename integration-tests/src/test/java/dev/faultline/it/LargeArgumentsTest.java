package dev.faultline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.model.Filters;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * Issue 12's example: in {@code -Xmx64m}, 1000 errors each with a fresh 64 KiB String argument
 * and an exception. The agent holds what waits for MongoDB bounded in bytes, cut to the record
 * caps, so the application exits normally whether MongoDB is up, absent or never answering.
 */
@ExpectDrops(value = {"queue_memory_full", "queue_full", "shutdown"},
        because = "a small heap's byte budget, or a MongoDB that is absent or never answers, drops what cannot wait")
class LargeArgumentsTest {
    private static final String APP = "com.example.memory.LargeArgumentsApp";

    /** MongoDB away: exit within a short shutdown.timeout. */
    private static AgentJvm app(String uri, String database) {
        return new AgentJvm(AgentJvm.Jdk.JDK17, APP).libs("logback15").jvmOption("-Xmx64m")
                .storingIn(uri, database).set("service", "large-arguments")
                // Every error waits in the queue: this is about its memory, not storm sampling.
                .set("storm.keep-per-window", "1000000").set("shutdown.timeout", "2s");
    }

    /** MongoDB up: time enough at exit to write what waits, so the last report counts everything. */
    private static AgentJvm appStoring(Stored stored) {
        return app(MongoSource.get().uri, stored.database).set("shutdown.timeout", "30s");
    }

    private static void assertExitedNormally(AgentJvm.Result run) {
        assertEquals(0, run.exit(), run.output());
        assertTrue(run.stdout().contains("large arguments: done"), run.output());
        assertFalse(run.output().contains("OutOfMemoryError"), run.output());
    }

    @Test
    void withMongoDbUpTheApplicationExitsAndEveryErrorIsStoredOrCounted() throws Exception {
        Stored stored = Stored.fresh();

        AgentJvm.Result run = appStoring(stored).run();

        assertExitedNormally(run);
        Document health = stored.health().find().first();
        assertEquals(1000L, health.getLong("captured"), health.toJson());
        Document dropped = health.get("dropped", Document.class);
        long drops = dropped.values().stream().mapToLong(v -> ((Number) v).longValue()).sum();
        long written = stored.errors().countDocuments();
        assertEquals(1000L, health.getLong("written") + drops, health.toJson());
        assertEquals(health.getLong("written").longValue(), written, health.toJson());
        assertTrue(written > 0, health.toJson());
        // Only the messages, a hundred at a time: the whole records of a thousand errors make a
        // reply larger than the driver takes from the in-process server in one batch.
        List<Document> errors = stored.errors().find(Filters.eq("service", "large-arguments"))
                .projection(com.mongodb.client.model.Projections.include("message")).batchSize(100).into(new java.util.ArrayList<>());
        for (Document e : errors) {
            int length = e.getString("message").length();
            assertTrue(length >= 8192 && length < 8192 + 64, "cut to max.message-length and a marker: " + length);
            assertTrue(e.getString("message").startsWith("upstream rejected request "), e.getString("message"));
        }
    }

    /**
     * The same errors with a 1 MiB body, in the MDC too: the MDC value was not cut before the event
     * waited, so waiting events kept the values the application had removed alive (a user's trial:
     * 1 MB MDC values ran a 64 MiB application out of heap that ran in 24 MiB without the agent; this
     * test's application ran out of heap with the build before).
     */
    @Test
    void withLargeMdcValuesTheApplicationExitsAndEveryErrorIsStoredOrCounted() throws Exception {
        Stored stored = Stored.fresh();

        AgentJvm.Result run = appStoring(stored).args(String.valueOf(1 << 20), "mdc").run();

        assertExitedNormally(run);
        Document health = stored.health().find().first();
        assertEquals(1000L, health.getLong("captured"), health.toJson());
        long drops = health.get("dropped", Document.class).values().stream().mapToLong(v -> ((Number) v).longValue()).sum();
        assertEquals(1000L, health.getLong("written") + drops, health.toJson());
        Document one = stored.errors().find().projection(com.mongodb.client.model.Projections.include("context")).first();
        String payload = one.get("context", Document.class).getString("payload");
        assertTrue(payload.length() >= 8192 && payload.length() < 8192 + 64, "cut to max.message-length and a marker: " + payload.length());
    }

    @Test
    void withMongoDbAbsentTheApplicationExitsAndTheLossIsSaid() throws Exception {
        AgentJvm.Result run = app(FaultProxy.absentUri(), TestDatabase.fresh()).run();

        assertExitedNormally(run);
        assertTrue(run.stderr().contains("not written at shutdown") || run.stderr().contains("queue memory full"), run.stderr());
    }

    @Test
    void withMongoDbNeverAnsweringTheApplicationExits() throws Exception {
        try (FaultProxy proxy = new FaultProxy(MongoSource.get().uri).blackhole()) {
            AgentJvm.Result run = app(proxy.uri(), TestDatabase.fresh()).run();

            assertExitedNormally(run);
        }
    }

    @Test
    void smallArgumentsInTheSameHeapAreNotCut() throws Exception {
        Stored stored = Stored.fresh();

        AgentJvm.Result run = appStoring(stored).args("64").run();

        assertExitedNormally(run);
        Document first = stored.errors().find(Filters.eq("message_template", "upstream rejected request {}: {}")).first();
        assertTrue(first.getString("message").length() < 200, first.getString("message"));
        assertTrue(first.getString("message").endsWith(": " + "a".repeat(64)), first.getString("message"));
    }
}
