package dev.faultline.it;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.regex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * An error storm in a real JVM: one error logged 20 000 times from 4 threads, with a few distinct
 * errors in between (docs/OPERATIONS.md, Storms). One long window, so the counts are exact to the
 * document.
 */
class StormTest {
    private static final int STORM = 20_000;
    private static final int THREADS = 4;
    /** ThreadStormApp: one distinct error per thousand of each thread's share. */
    private static final int DISTINCT = THREADS * (STORM / THREADS / 1000);
    private static final int KEEP = 100;

    @Test
    void aStormIsCountedExactlyStoredUpToTheKeepPlusSamplesAndDistinctErrorsAreAllStored() throws Exception {
        Stored stored = Stored.fresh();
        AgentJvm.Result run = new AgentJvm(AgentJvm.Jdk.JDK17, "com.example.grouping.ThreadStormApp").libs("logback15")
                .args(String.valueOf(STORM), String.valueOf(THREADS))
                .storingIn(MongoSource.get().uri, stored.database).set("app-packages", "com.example").set("service", "thread-storm")
                .set("storm.keep-per-window", String.valueOf(KEEP)).set("storm.window", "1h").set("shutdown.timeout", "30s").run();
        assertEquals(0, run.exit(), run.output());
        assertTrue(run.stdout().contains("thread storm: done"), run.output());

        Document group = GroupingTest.awaitGroup(stored, eq("exception_type", "java.lang.IllegalStateException"), STORM);
        String fp = group.getString("_id");
        long documents = stored.errors().countDocuments(eq("fingerprint", fp));
        long samples = stored.errors().countDocuments(and(eq("fingerprint", fp), eq("sampled", true)));
        assertEquals(documents, group.getLong("stored_count").longValue(), group.toJson());
        assertEquals(KEEP, documents - samples, "the first keep-per-window in full, the rest samples: " + group.toJson());
        assertTrue(samples >= 1 && samples <= STORM / 1000, "one sample per 1000 counted beyond the keep at most: " + samples);
        System.out.println("[faultline-it] storm of " + STORM + " from " + THREADS + " threads: " + documents + " stored ("
                + samples + " samples)");
        FaultlineCli.Result shown = FaultlineCli.runIn(stored.database, "group", fp);
        assertTrue(shown.output().lines().anyMatch(l -> l.matches("count\\s+" + STORM + ", stored " + documents + " \\(storm sampling\\)")),
                "the count once, then what was stored: " + shown.output());

        List<Document> distinct = stored.errors().find(regex("message_template", "^distinct failure ")).into(new ArrayList<>());
        assertEquals(DISTINCT, distinct.size(), "every distinct error stored");
        for (Document d : distinct) {
            Document own = GroupingTest.groups(stored).find(eq("_id", d.getString("fingerprint"))).first();
            assertEquals(1L, own.getLong("count"), own.toJson());
            assertEquals(1L, own.getLong("stored_count"), own.toJson());
            assertEquals(null, d.get("sampled"), "not a sample: " + d.toJson());
        }

        Document health = stored.health().find().first();
        assertEquals((long) STORM + DISTINCT, health.getLong("captured"), health.toJson());
        assertEquals(STORM - documents, health.getLong("sampled").longValue(), health.toJson());
        assertEquals(documents + DISTINCT, health.getLong("written").longValue(), health.toJson());
        assertEquals(0L, health.getLong("dropped_total"), "nothing dropped, queue_full included: " + health.toJson());
    }

    /**
     * The same storm with the message built by concatenation ({@code "charge " + i + " failed"}):
     * a new template at every call. Found by a user's trial: none was shed on the application's
     * thread, the queue filled, and the group counted a fifth of the storm (the rest dropped as
     * queue_full).
     */
    @Test
    void aStormWhoseMessageIsConcatenatedIsShedAndCountedExactly() throws Exception {
        Stored stored = storm("concatenated");
        Document group = GroupingTest.awaitGroup(stored, eq("exception_type", "java.lang.IllegalStateException"), STORM);
        assertEquals((long) STORM, group.getLong("count").longValue(), group.toJson());
        Document health = stored.health().find().first();
        assertEquals(0L, health.getLong("dropped_total"), "nothing dropped, queue_full included: " + health.toJson());
        assertEquals((long) STORM + DISTINCT, health.getLong("captured"), health.toJson());
    }

    /**
     * The same without the exception: the message is the fingerprint's, read by its shape
     * (grouping_version 2), so the storm is one group, shed on the application thread and counted
     * exactly. Before, each message was a group of its own, none was shed, and the queue filled.
     */
    @Test
    void aStormOfConcatenatedMessagesWithoutAnExceptionIsOneGroupShedAndCountedExactly() throws Exception {
        Stored stored = storm("concatenated-message");
        Document group = GroupingTest.awaitGroup(stored, regex("title", "^charge "), STORM);
        assertEquals((long) STORM, group.getLong("count").longValue(), group.toJson());
        assertEquals(1, GroupingTest.groups(stored).countDocuments(regex("title", "^charge ")), "one group, not one per message");
        Document health = stored.health().find().first();
        assertEquals(0L, health.getLong("dropped_total"), "nothing dropped, queue_full included: " + health.toJson());
        assertEquals((long) STORM + DISTINCT, health.getLong("captured"), health.toJson());
        assertEquals(DISTINCT, GroupingTest.groups(stored).countDocuments(regex("title", "^distinct failure ")), "spelt apart: a group each");
    }

    /**
     * One call logging one exception type thrown in two places (two groups, a quarter and three
     * quarters of the storm): each group counted exactly. Found by a user's trial: the storm's shed
     * counts went to whichever group's event carried them, so the smaller group showed a few
     * thousand more or less than it had.
     */
    @Test
    void aStormOfOneExceptionTypeThrownInTwoPlacesCountsEachGroupExactly() throws Exception {
        Stored stored = storm("two-places");
        List<Document> groups = Eventually.await("the storm's two groups counted " + STORM + " together", GroupingTest.DEADLINE,
                () -> GroupingTest.groups(stored).find(eq("exception_type", "java.lang.IllegalStateException")).into(new ArrayList<>()),
                found -> found.stream().mapToLong(g -> g.getLong("count")).sum() >= STORM);
        assertEquals(2, groups.size(), "thrown in two places: " + groups);
        for (Document group : groups) {
            assertEquals(group.getString("function").equals("refund") ? STORM / 4 : STORM * 3 / 4, group.getLong("count").longValue(),
                    group.toJson());
        }
        Document health = stored.health().find().first();
        assertEquals((long) STORM + DISTINCT, health.getLong("captured"), health.toJson());
    }

    /** ThreadStormApp's storm in {@code mode}, run to its end. */
    private static Stored storm(String mode) throws Exception {
        Stored stored = Stored.fresh();
        AgentJvm.Result run = new AgentJvm(AgentJvm.Jdk.JDK17, "com.example.grouping.ThreadStormApp").libs("logback15")
                .args(String.valueOf(STORM), String.valueOf(THREADS), mode)
                .storingIn(MongoSource.get().uri, stored.database).set("app-packages", "com.example").set("service", "thread-storm")
                .set("storm.keep-per-window", String.valueOf(KEEP)).set("storm.window", "1h")
                // As the first test: on a loaded machine the MongoDB client may still be in the
                // making when the storm ends, and the default timeout would leave it to the spool.
                .set("shutdown.timeout", "30s").run();
        assertEquals(0, run.exit(), run.output());
        return stored;
    }

    @Test
    void aBurstUnderTheKeepPerWindowIsStoredInFullWithNoSample() throws Exception {
        Stored stored = Stored.fresh();
        AgentJvm.Result run = new AgentJvm(AgentJvm.Jdk.JDK17, "com.example.grouping.ThreadStormApp").libs("logback15")
                .args("300", String.valueOf(THREADS))
                .storingIn(MongoSource.get().uri, stored.database).set("app-packages", "com.example").set("service", "thread-storm")
                .set("storm.keep-per-window", "1000").set("storm.window", "1h").run();
        assertEquals(0, run.exit(), run.output());

        Document group = GroupingTest.awaitGroup(stored, eq("exception_type", "java.lang.IllegalStateException"), 300);
        assertEquals(300L, group.getLong("stored_count").longValue(), group.toJson());
        assertEquals(300, stored.errors().countDocuments(eq("fingerprint", group.getString("_id"))));
        assertEquals(0, stored.errors().countDocuments(eq("sampled", true)));
        FaultlineCli.Result shown = FaultlineCli.runIn(stored.database, "group", group.getString("_id"));
        assertTrue(shown.output().lines().anyMatch(l -> l.matches("count\\s+300")), "the count alone: " + shown.output());
        assertFalse(shown.output().contains("storm sampling"), shown.output());
        assertEquals(0L, stored.health().find().first().getLong("sampled").longValue());
    }
}
