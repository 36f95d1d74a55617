package dev.faultline.it;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoCollection;
import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** Error codes in real child JVMs: suppression, re-alert, clear, sources, restart, notices. */
class ErrorCodesTest {
    private static final String APP = "com.example.codes.CodesApp";

    private AgentJvm app(Stored stored, String machine, String... steps) {
        return new AgentJvm(AgentJvm.Jdk.JDK17, APP).libs("logback15").args(steps)
                .storingIn(MongoSource.get().uri, stored.database).set("service", "witness")
                .set("server-id", "srv-1").set("node-name", "node-a").set("machine", machine)
                .set("app-packages", "com.example");
    }

    private static MongoCollection<Document> codes(Stored stored) {
        return stored.collection("error_codes");
    }

    private static long notices(AgentJvm.Result run, String code) {
        return run.stderr().lines().filter(l -> l.contains("error code notice") && l.contains(code)).count();
    }

    /** Waits until the episode of {@code code} satisfies {@code extra}. */
    private static Document episode(Stored stored, String code, Document extra) {
        Document filter = new Document("code", code);
        filter.putAll(extra);
        List<Document> found = stored.await(codes(stored), filter, 1);
        assertEquals(1, found.size(), "episode " + filter + " in " + codes(stored).find().into(new java.util.ArrayList<>()));
        return found.get(0);
    }

    @Test
    void firstCodeOpensOneEpisodeAndRepeatsAreSuppressedNotRecorded() throws Exception {
        Stored stored = Stored.fresh();
        AgentJvm.Result run = app(stored, "box-1", "raise:api_down_box1:INFO", "raise:api_down_box1:INFO",
                "raise:api_down_box1", "raise:api_down_box1").run();
        assertEquals(0, run.exit(), run.output());
        Document e = episode(stored, "api_down_box1", new Document("occurrences", 4L));
        assertEquals("invalid response from witness api", e.getString("message"));
        assertEquals(true, e.getBoolean("active"));
        assertEquals(1L, ((Number) e.get("alerts")).longValue());
        assertNull(e.get("cleared_at"));
        assertEquals("", e.getString("clear_message"));
        assertEquals("srv-1", e.getString("server_id"));
        assertEquals("node-a", e.getString("node_name"));
        assertEquals("box-1", e.getString("local_machine_name"));
        assertEquals("witness", e.getString("service"));
        assertEquals(e.get("created_at"), e.get("start_time"));
        List<Document> errors = stored.await(stored.errors(), eq("error_code", "api_down_box1"), 1);
        assertEquals(1, errors.size(), "repeats inside the window are not recorded again");
        assertEquals("INFO", errors.get(0).getString("severity"), "a code is tracked below the capture level");
        assertEquals(1, notices(run, "api_down_box1"), run.stderr());
        assertEquals(1, codes(stored).countDocuments());
    }

    @Test
    void reAlertsAfterTheEventsOwnWindowKeepingStartAndMessage() throws Exception {
        Stored stored = Stored.fresh();
        AgentJvm.Result run = app(stored, "box-1", "raise:flaky", "raise:flaky:ERROR:0", "raise:flaky:ERROR:1h").run();
        assertEquals(0, run.exit(), run.output());
        Document e = episode(stored, "flaky", new Document("occurrences", 3L));
        assertEquals(2L, ((Number) e.get("alerts")).longValue());
        assertTrue(!e.getDate("last_log_time").before(e.getDate("start_time")));
        assertEquals(2, stored.await(stored.errors(), eq("error_code", "flaky"), 2).size());
        assertEquals(2, notices(run, "flaky"), run.stderr());
    }

    @Test
    void clearUpdatesTheSameEpisodeWithHowLongItLasted() throws Exception {
        Stored stored = Stored.fresh();
        AgentJvm.Result run = app(stored, "box-1", "raise:ledger", "raise:ledger", "clear:ledger", "clear:ledger", "clear:never_raised").run();
        assertEquals(0, run.exit(), run.output());
        Document e = episode(stored, "ledger", new Document("active", false));
        assertNotNull(e.getDate("cleared_at"));
        assertTrue(e.getString("clear_message").matches(
                "Error code ledger cleared after 0d 00h 00m \\d\\ds original: invalid response from witness api"), e.getString("clear_message"));
        assertEquals(2L, ((Number) e.get("occurrences")).longValue());
        assertEquals(1, codes(stored).countDocuments(), "a clear never inserts a second document");
        assertEquals(0, codes(stored).countDocuments(eq("code", "never_raised")));
        assertEquals(0, stored.errors().countDocuments(eq("severity", "INFO")), "an INFO clear below capture.level is not recorded");
        assertEquals(1, run.stderr().lines().filter(l -> l.contains("Error code ledger cleared after")).count(), run.stderr());
    }

    @Test
    void notificationFalseRecordsButSendsNoNotice() throws Exception {
        Stored stored = Stored.fresh();
        AgentJvm.Result run = app(stored, "box-1", "quiet:silent_code").run();
        assertEquals(0, run.exit(), run.output());
        episode(stored, "silent_code", new Document());
        assertEquals(1, stored.await(stored.errors(), eq("error_code", "silent_code"), 1).size());
        assertEquals(0, notices(run, "silent_code"), run.stderr());
    }

    @Test
    void codesComeFromKeyValuePairsAndJulParameterMaps() throws Exception {
        Stored stored = Stored.fresh();
        AgentJvm.Result run = app(stored, "box-1", "kv:kv_code", "kv:kv_code", "jul:jul_code", "jul:jul_code").run();
        assertEquals(0, run.exit(), run.output());
        assertEquals(2L, ((Number) episode(stored, "kv_code", new Document("occurrences", 2L)).get("occurrences")).longValue());
        assertEquals(2L, ((Number) episode(stored, "jul_code", new Document("occurrences", 2L)).get("occurrences")).longValue());
        assertEquals("jul", stored.await(stored.errors(), eq("error_code", "jul_code"), 1).get(0).getString("source"));
    }

    @Test
    void aKeyValuePairWinsOverTheMdcForTheEpisodeTheRecordAndTheGroup() throws Exception {
        Stored stored = Stored.fresh();
        AgentJvm.Result run = app(stored, "box-1", "both:mdc_code:pair_code").run();
        assertEquals(0, run.exit(), run.output());
        AgentJvm.Result plain = app(stored, "box-2", "kv:pair_code").run();
        assertEquals(0, plain.exit(), plain.output());
        episode(stored, "pair_code", new Document("local_machine_name", "box-1"));
        assertEquals(0, codes(stored).countDocuments(eq("code", "mdc_code")), "the shadowed MDC code opens nothing");
        Document both = stored.await(stored.errors(), eq("local_machine_name", "box-1"), 1).get(0);
        Document alone = stored.await(stored.errors(), eq("local_machine_name", "box-2"), 1).get(0);
        assertEquals("pair_code", both.getString("error_code"));
        Document context = both.get("context", Document.class);
        assertEquals("pair_code", context.getString("error_code"));
        assertEquals(null, context.get("error_code_2"), "the shadowed value is not kept under another name");
        assertEquals(alone.getString("fingerprint"), both.getString("fingerprint"), "grouped with the code's other occurrences");
    }

    @Test
    void manyThreadsRaisingTheSameNewCodeGiveOneEpisodeAndOneNotice() throws Exception {
        Stored stored = Stored.fresh();
        AgentJvm.Result run = app(stored, "box-1", "storm:storm_code:8").run();
        assertEquals(0, run.exit(), run.output());
        Document e = episode(stored, "storm_code", new Document("occurrences", 400L));
        assertEquals(1L, ((Number) e.get("alerts")).longValue());
        assertEquals(1, codes(stored).countDocuments());
        assertEquals(1, notices(run, "storm_code"), run.stderr());
        assertEquals(1, stored.errors().countDocuments(eq("error_code", "storm_code")));
    }

    @Test
    void aClearOnOneMachineLeavesAnotherMachinesEpisodeActive() throws Exception {
        Stored stored = Stored.fresh();
        assertEquals(0, app(stored, "box-a", "raise:shared_code").run().exit());
        assertEquals(0, app(stored, "box-b", "raise:shared_code", "clear:shared_code").run().exit());
        episode(stored, "shared_code", new Document("local_machine_name", "box-b").append("active", false));
        Document a = episode(stored, "shared_code", new Document("local_machine_name", "box-a"));
        assertEquals(true, a.getBoolean("active"));
    }

    /**
     * {@code jvms} JVMs of one source, started side by side and driven by stdin, each connected
     * with the source's stored episodes read (each stored an error), before any of them opens one.
     */
    private List<AgentJvm.Running> sideBySide(Stored stored, int jvms) throws Exception {
        List<AgentJvm.Running> running = new java.util.ArrayList<>();
        for (int i = 0; i < jvms; i++) {
            running.add(app(stored, "box-1").start());
        }
        for (AgentJvm.Running r : running) {
            assertTrue(r.skipTo("ready"), "child started");
        }
        everyOne(running, "plain");
        stored.await(stored.errors(), eq("message", "witness api timed out"), jvms);
        return running;
    }

    private static void everyOne(List<AgentJvm.Running> running, String step) throws Exception {
        for (AgentJvm.Running r : running) {
            r.send(step);
        }
        for (AgentJvm.Running r : running) {
            assertTrue(r.skipTo("ok"), "child did " + step);
        }
    }

    private static List<AgentJvm.Result> finish(List<AgentJvm.Running> running) throws Exception {
        List<AgentJvm.Result> results = new java.util.ArrayList<>();
        for (AgentJvm.Running r : running) {
            AgentJvm.Result result = r.finish();
            assertEquals(0, result.exit(), result.output());
            results.add(result);
        }
        return results;
    }

    private static long notices(List<AgentJvm.Result> runs, String text) {
        return runs.stream().mapToLong(r -> notices(r, text)).sum();
    }

    @Test
    void severalJvmsOfOneSourceShareOneEpisodeAndSendOneNotice() throws Exception {
        Stored stored = Stored.fresh();
        List<AgentJvm.Running> running = sideBySide(stored, 3);
        List<AgentJvm.Result> runs;
        try {
            everyOne(running, "raise:pool_exhausted");
            everyOne(running, "raise:pool_exhausted");
            runs = finish(running);
        } finally {
            running.forEach(AgentJvm.Running::close);
        }
        Document e = episode(stored, "pool_exhausted", new Document("occurrences", 6L));
        assertEquals(1, codes(stored).countDocuments(eq("code", "pool_exhausted")), "one episode for the source");
        assertEquals(1L, ((Number) e.get("alerts")).longValue());
        assertEquals(1, notices(runs, "New error pool_exhausted"), runs.toString());
    }

    @Test
    void shortJobsOfOneSourceOpeningACodeTogetherSendOneNotice() throws Exception {
        Stored stored = Stored.fresh();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        List<AgentJvm.Result> runs = new java.util.ArrayList<>();
        try {
            List<java.util.concurrent.Future<AgentJvm.Result>> jobs = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                // Each ends at once: its code writes go out at its exit.
                jobs.add(pool.submit(() -> app(stored, "box-1", "raise:nightly_import_failed").run()));
            }
            for (java.util.concurrent.Future<AgentJvm.Result> job : jobs) {
                AgentJvm.Result run = job.get();
                assertEquals(0, run.exit(), run.output());
                runs.add(run);
            }
        } finally {
            pool.shutdown();
        }
        episode(stored, "nightly_import_failed", new Document("occurrences", 4L));
        assertEquals(1, codes(stored).countDocuments(eq("code", "nightly_import_failed")));
        assertEquals(1, notices(runs, "New error nightly_import_failed"), runs.toString());
    }

    @Test
    void aClearInOneJvmEndsTheEpisodeForTheOtherJvmsOfItsSource() throws Exception {
        Stored stored = Stored.fresh();
        List<AgentJvm.Running> running = sideBySide(stored, 2);
        List<AgentJvm.Result> runs;
        try {
            everyOne(running, "raise:queue_stuck");
            Object first = episode(stored, "queue_stuck", new Document("occurrences", 2L)).get("_id");
            everyOne(running.subList(0, 1), "clear:queue_stuck");
            episode(stored, "queue_stuck", new Document("active", false));
            // The other JVM learns of the clear within the agent's refresh of the source's
            // episodes; until then its events of the code are repeats of the cleared episode.
            AgentJvm.Running other = running.get(1);
            Eventually.await("a new episode opened by the JVM that did not clear", java.time.Duration.ofSeconds(60), () -> {
                everyOne(List.of(other), "raise:queue_stuck");
                return codes(stored).find(and(eq("code", "queue_stuck"), eq("active", true))).into(new java.util.ArrayList<>());
            }, active -> active.size() == 1 && !first.equals(active.get(0).get("_id")));
            runs = finish(running);
        } finally {
            running.forEach(AgentJvm.Running::close);
        }
        assertEquals(2, codes(stored).countDocuments(eq("code", "queue_stuck")));
        assertEquals(2, notices(runs, "New error queue_stuck"), runs.toString());
        assertEquals(1, notices(runs, "Error code queue_stuck cleared"), runs.toString());
    }

    /**
     * A short job of the source that clears the code during an outage (it never reaches MongoDB):
     * its spooled clear ends the episode when the spool is stored. It was an ordinary event, and
     * the episode stayed active until some later run cleared it (a trial).
     */
    @Test
    void aClearFromAJobThatNeverReachedMongoDbEndsTheEpisodeOnceItsSpoolIsStored() throws Exception {
        Stored stored = Stored.fresh();
        assertEquals(0, app(stored, "box-1", "raise:feed_stale").run().exit());
        Object opened = episode(stored, "feed_stale", new Document("active", true)).get("_id");
        java.nio.file.Path spool = AgentJvm.freshSpoolDir();
        AgentJvm.Result job = app(stored, "box-1", "clear:feed_stale", "clear:feed_stale")
                .storingIn(FaultProxy.absentUri(), stored.database).set("spool.dir", spool.toString()).set("shutdown.timeout", "2s").run();
        assertEquals(0, job.exit(), job.output());
        assertEquals(0, notices(job, "feed_stale"), "whether it was active is not known to it: " + job.stderr());
        assertTrue(codes(stored).find(eq("_id", opened)).first().getBoolean("active"), "not stored yet");

        FaultlineCli.Result replay = FaultlineCli.run("replay", "--dir", spool.toString(), "--uri", MongoSource.get().uri,
                "--database", stored.database);
        assertEquals(0, replay.exit(), replay.output());
        Document ended = codes(stored).find(eq("_id", opened)).first();
        assertEquals(false, ended.get("active"), ended.toJson());
        assertNotNull(ended.get("cleared_at"), ended.toJson());
        assertEquals(1, codes(stored).countDocuments(), "no episode of its own");
        assertEquals(0, app(stored, "box-1", "raise:feed_stale").run().exit());
        assertEquals(1, codes(stored).countDocuments(and(eq("code", "feed_stale"), eq("active", true))), "the next raise opens a new one");
    }

    /**
     * Two jobs of the source raise one code during an outage; their spools are stored by
     * {@code replay}, then a copy of them again (files stored twice): one episode, each occurrence
     * counted once. Found by a trial: in a database only {@code replay} had written (no unique
     * {@code open_key} index yet), the copy's second opening made a second episode.
     */
    @Test
    void spooledOpeningsOfACodeReplayedTwiceAreOneEpisode() throws Exception {
        Stored stored = Stored.fresh();
        java.nio.file.Path spool = AgentJvm.freshSpoolDir();
        for (int i = 0; i < 2; i++) {
            AgentJvm.Result job = app(stored, "box-1", "raise:feed_down").storingIn(FaultProxy.absentUri(), stored.database)
                    .set("spool.dir", spool.toString()).set("shutdown.timeout", "2s").run();
            assertEquals(0, job.exit(), job.output());
        }
        java.nio.file.Path copy = java.nio.file.Files.createTempDirectory("faultline-spool-copy");
        for (java.nio.file.Path file : SpoolFiles.in(spool)) {
            java.nio.file.Files.copy(file, copy.resolve(file.getFileName()));
        }
        for (java.nio.file.Path dir : List.of(spool, copy)) {
            FaultlineCli.Result replay = FaultlineCli.run("replay", "--dir", dir.toString(), "--uri", MongoSource.get().uri,
                    "--database", stored.database);
            assertEquals(0, replay.exit(), replay.output());
        }
        List<Document> episodes = codes(stored).find(eq("code", "feed_down")).into(new java.util.ArrayList<>());
        assertEquals(1, episodes.size(), episodes.toString());
        assertEquals(2L, ((Number) episodes.get(0).get("occurrences")).longValue(), episodes.toString());
    }

    @Test
    void restartContinuesSuppressionAndClosesTheEpisodeOpenedBeforeIt() throws Exception {
        Stored stored = Stored.fresh();
        assertEquals(0, app(stored, "box-1", "raise:survivor").run().exit());
        Document before = episode(stored, "survivor", new Document());
        AgentJvm.Result second = app(stored, "box-1", "raise:survivor", "clear:survivor").run();
        assertEquals(0, second.exit(), second.output());
        Document after = episode(stored, "survivor", new Document("active", false));
        assertEquals(before.get("_id"), after.get("_id"), "the same episode, closed");
        assertEquals(2L, ((Number) after.get("occurrences")).longValue());
        assertEquals(1, codes(stored).countDocuments());
        assertEquals(1, stored.errors().countDocuments(eq("error_code", "survivor")), "the repeat after the restart was suppressed");
        assertEquals(0, notices(second, "New error survivor"), second.stderr());
    }

    @Test
    void suppressDuplicateLogsKeepsRepeatsOutOfTheAppsOwnOutputOnlyWhenAskedTo() throws Exception {
        Stored stored = Stored.fresh();
        String[] steps = {"raise:noisy", "raise:noisy", "raise:noisy"};
        AgentJvm.Result plain = app(stored, "box-1", steps).run();
        AgentJvm.Result hidden = app(Stored.fresh(), "box-1", steps).set("suppress-duplicate-logs", "true").run();
        assertEquals(3, plain.stdout().lines().filter(l -> l.contains("invalid response from witness api")).count(), plain.stdout());
        assertEquals(1, hidden.stdout().lines().filter(l -> l.contains("invalid response from witness api")).count(), hidden.stdout());
    }

    @Test
    void webhookReceivesNewAndClearedNoticesAsJson() throws Exception {
        List<String> bodies = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                bodies.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        try {
            Stored stored = Stored.fresh();
            AgentJvm.Result run = app(stored, "box-1", "raise:hooked", "clear:hooked")
                    .set("notify.webhook", "http://127.0.0.1:" + server.getAddress().getPort() + "/hook").run();
            assertEquals(0, run.exit(), run.output());
            Eventually.await("the new and the cleared notice at the webhook", () -> List.copyOf(bodies), b -> b.size() >= 2);
            assertEquals(2, bodies.size(), bodies.toString());
            Document created = Document.parse(bodies.get(0));
            assertEquals("new", created.getString("event"));
            assertEquals("hooked", created.getString("error_code"));
            assertEquals("box-1", created.getString("local_machine_name"));
            assertEquals("New error hooked in witness on box-1: invalid response from witness api", created.getString("text"),
                    "the text names the machine: a channel shared by machines says which one");
            Document cleared = Document.parse(bodies.get(1));
            assertEquals("cleared", cleared.getString("event"));
            assertTrue(cleared.getString("clear_message").startsWith("Error code hooked cleared after"));
            assertTrue(cleared.getString("text").endsWith(" (in witness on box-1)"), cleared.getString("text"));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void failingWebhookIsCountedAndNeverHoldsTheAppBack() throws Exception {
        Stored stored = Stored.fresh();
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        AgentJvm.Result run = app(stored, "box-1", "raise:hook_down").set("notify.webhook", "http://127.0.0.1:" + closed + "/x").run();
        assertEquals(0, run.exit(), run.output());
        List<Document> health = stored.await(stored.health(), and(eq("service", "witness"), new Document("notices_failed", 1L)), 1);
        assertEquals(1, health.size(), stored.health().find().into(new java.util.ArrayList<>()).toString());
        assertFalse(run.output().contains("127.0.0.1:" + closed + "/x"), "the webhook URL (often a secret) is never printed");
    }
}
