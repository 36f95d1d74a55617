package dev.faultline.it;

import static com.mongodb.client.model.Filters.eq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * The counts that wait in memory for MongoDB (a storm's group count beyond what is stored, the
 * error-code episode and its suppressed repeats) at an exit during an outage, and when the writer
 * is stuck in a call MongoDB never answers: they go to the spool as records of their own, and the
 * next start of the service applies them once, also when the same spool is replayed twice
 * (docs/OPERATIONS.md, "Counts in the spool").
 */
class SpooledCountsTest {
    /** Past 5 x 4 events of one key a window, the application threads shed; past 5 a window, the writer only counts. */
    private static AgentJvm stormy(AgentJvm jvm) {
        return jvm.set("storm.keep-per-window", "5").set("storm.window", "1h");
    }

    private static void send(AgentJvm.Running app, String command, String answer) throws Exception {
        app.send(command);
        assertTrue(app.skipTo(answer), "the application went on after " + command);
    }

    /** The group of the application's storm ("payment {} failed"). */
    private static Document stormGroup(Stored stored) {
        Document one = stored.errors().find(eq("message_template", "payment {} failed")).first();
        return one == null ? null : stored.collection("error_groups").find(eq("_id", one.getString("fingerprint"))).first();
    }

    private static long count(Document d, String field) {
        return SpoolFaultsTest.count(d, field);
    }

    @Test
    void anExitDuringAnOutageKeepsTheStormsGroupCountAndTheErrorCodesCountsInTheSpoolAndEachReplayAppliesThemOnce() throws Exception {
        Stored stored = Stored.fresh();
        Path spool = AgentJvm.freshSpoolDir();
        try (FaultProxy proxy = new FaultProxy(MongoSource.get().uri)) {
            proxy.cut();
            try (AgentJvm.Running app = stormy(SpoolFaultsTest.app(proxy.uri(), stored.database, spool)).start()) {
                assertEquals("ready", app.readLine());
                SpoolFaultsTest.log(app, 300);
                send(app, "code 10", "coded 10");
                assertEquals(0, app.finish().exit());
            }
        }
        List<String> kinds = SpoolFiles.collections(spool);
        assertTrue(kinds.contains("error_groups") && kinds.contains("error_codes"), "counts of their own kind: " + kinds);
        Document last = SpoolFiles.lastHealthReport(spool);
        SpoolFaultsTest.accountsForEveryError(last, 301);
        assertEquals(6L, count(last, "spooled"), "the storm's keep of 5 and the error code's first: " + last.toJson());
        assertEquals(295L, count(last, "sampled"), last.toJson());
        Path copy = Files.createTempDirectory("faultline-spool-copy");
        for (Path file : SpoolFiles.in(spool)) {
            Files.copy(file, copy.resolve(file.getFileName()));
        }

        SpoolFaultsTest.nextStartReplays(stored, spool, 6);

        Document storm = stormGroup(stored);
        assertEquals(300L, count(storm, "count"), "5 stored, 15 counted by the writer, 280 shed, counted once: " + storm.toJson());
        assertEquals(5L, count(storm, "stored_count"), storm.toJson());
        Document episode = stored.collection("error_codes").find(eq("code", "PAY-42")).first();
        assertEquals(10L, count(episode, "occurrences"), "the first and its 9 suppressed repeats: " + episode.toJson());
        assertEquals(true, episode.getBoolean("active"));

        // The same spool once more: a replay whose answer was lost, or a second JVM that read it too.
        for (Path file : SpoolFiles.in(copy)) {
            Files.copy(file, spool.resolve(file.getFileName()));
        }
        SpoolFaultsTest.nextStartReplays(stored, spool, 6);

        assertEquals(300L, count(stormGroup(stored), "count"), "applied once: " + stormGroup(stored).toJson());
        assertEquals(10L, count(stored.collection("error_codes").find(eq("code", "PAY-42")).first(), "occurrences"));
        assertEquals(1, stored.collection("error_codes").countDocuments(), "one episode");
    }

    @Test
    void anExitWhileTheWriterWaitsForAMongoDbThatNeverAnswersSpoolsTheCountsShedMeanwhileAndTheErrorCodesCounts() throws Exception {
        Stored stored = Stored.fresh();
        Path spool = AgentJvm.freshSpoolDir();
        AgentJvm.Result result;
        try (FaultProxy proxy = new FaultProxy(MongoSource.get().uri);
                AgentJvm.Running app = stormy(SpoolFaultsTest.app(proxy.uri(), stored.database, spool)).start()) {
            assertEquals("ready", app.readLine());
            SpoolFaultsTest.log(app, 100);
            Eventually.await("the first 100 counted in their group", () -> stormGroup(stored),
                    g -> g != null && count(g, "count") == 100);

            proxy.blackhole();
            // An error with a code (its repeats suppressed): its write waits for an answer that
            // never comes, while the storm goes on.
            send(app, "code 3", "coded 3");
            SpoolFaultsTest.log(app, 200);
            result = app.finish();
        }
        assertEquals(0, result.exit(), result.output());
        assertTrue(result.stderr().contains("did not return before shutdown.timeout"), result.stderr());
        Document last = SpoolFiles.lastHealthReport(spool);
        SpoolFaultsTest.accountsForEveryError(last, 301);
        // The call that never returns may be the code's insert (its occurrence is in the spool) or
        // the health report the writer made before the batch was due: either way it is given up at
        // exit, and the writer spools what it held itself.
        assertEquals(0L, count(last, "lost_at_exit"), last.toJson());

        SpoolFaultsTest.nextStartReplays(stored, spool, 6);

        assertEquals(300L, count(stormGroup(stored), "count"), "every one counted once: " + stormGroup(stored).toJson());
        assertEquals(5L, count(stormGroup(stored), "stored_count"));
        Document episode = stored.collection("error_codes").find(eq("code", "PAY-42")).first();
        assertEquals(3L, count(episode, "occurrences"), "the episode and its repeats: " + episode);
    }
}
