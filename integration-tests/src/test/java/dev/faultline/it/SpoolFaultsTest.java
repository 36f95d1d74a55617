package dev.faultline.it;

import static com.mongodb.client.model.Filters.eq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * Issue 12's fault scenarios with real child JVMs and a proxy between them and MongoDB: an outage
 * and its recovery, an exit while MongoDB is away or never answers, a spool left for the next
 * start or the {@code replay} command, a damaged spool, two JVMs replaying one spool, kill -9.
 * Each checks that every error is stored once or counted: captured = written + spooled + dropped.
 */
class SpoolFaultsTest {
    private static final String APP = "com.example.outage.OutageApp";

    /** The application of service "outage", its spool in {@code spool}; heartbeats often, so recovery is seen soon. */
    static AgentJvm app(String uri, String database, Path spool) {
        String often = uri + (uri.contains("?") ? "&" : "/?") + "heartbeatFrequencyMS=500";
        return new AgentJvm(AgentJvm.Jdk.JDK17, APP).libs("logback15").storingIn(often, database)
                .set("service", "outage").set("app-packages", "com.example").set("spool.dir", spool.toString())
                .set("shutdown.timeout", "2s");
    }

    /** Runs the application: it logs {@code errors} errors and exits. */
    private static AgentJvm.Result logAndExit(AgentJvm jvm, int errors) throws Exception {
        try (AgentJvm.Running app = jvm.start()) {
            assertEquals("ready", app.readLine(), "the application's main ran");
            log(app, errors);
            AgentJvm.Result result = app.finish();
            assertEquals(0, result.exit(), result.output());
            return result;
        }
    }

    /** A spool left by a run of the service that logged {@code n} errors while MongoDB was absent. */
    private static Path leftBy(Stored stored, int n) throws Exception {
        Path spool = AgentJvm.freshSpoolDir();
        logAndExit(app(FaultProxy.absentUri(), stored.database, spool), n);
        assertEquals(n, SpoolFiles.occurrences(spool));
        return spool;
    }

    /** The running application logs {@code n} errors, and goes on. */
    static void log(AgentJvm.Running app, int n) throws Exception {
        app.send("log " + n);
        assertTrue(app.skipTo("logged " + n), "the application went on");
    }

    /** Starts a JVM of the same service with MongoDB up and waits until it stored what the spool held. */
    static Document nextStartReplays(Stored stored, Path spool, long expected) throws Exception {
        List<Path> left = SpoolFiles.in(spool);
        try (AgentJvm.Running next = app(MongoSource.get().uri, stored.database, spool).start()) {
            assertEquals("ready", next.readLine());
            Eventually.await("the spool replayed and removed", () -> remaining(left) + ":" + stored.errors().countDocuments(),
                    s -> s.equals("0:" + expected));
            long pid = next.pid();
            assertEquals(0, next.finish().exit());
            return stored.health().find(eq("pid", pid)).first();
        }
    }

    /**
     * How many of {@code files} (left by earlier runs) are still there. Not every file of the
     * directory: a running JVM may hold an open file of its own, empty once its records are stored
     * (on a busy machine a write that waits a flush interval spools the counts meanwhile).
     */
    static long remaining(List<Path> files) {
        return files.stream().filter(Files::exists).count();
    }

    private static long groupCount(Stored stored) {
        Document group = stored.collection("error_groups").find().first();
        return group == null ? 0 : ((Number) group.get("count")).longValue();
    }

    /** captured = written + spooled + dropped_total + sampled, for a JVM with nothing suppressed after capture, nothing of its own. */
    static void accountsForEveryError(Document health, long captured) {
        assertEquals(captured, count(health, "captured"), health.toJson());
        assertEquals(captured, count(health, "written") + count(health, "spooled") + count(health, "dropped_total")
                + count(health, "sampled"), health.toJson());
    }

    /** A count of a health report, stored or read back from the spool as JSON (where small longs come back as ints). */
    static long count(Document health, String field) {
        return ((Number) health.get(field)).longValue();
    }

    @Test
    void anOutageThenRecoveryStoresEveryErrorOnceWithAnExactGroupCount() throws Exception {
        Stored stored = Stored.fresh();
        Path spool = AgentJvm.freshSpoolDir();
        AgentJvm.Result result;
        long pid;
        try (FaultProxy proxy = new FaultProxy(MongoSource.get().uri);
                AgentJvm.Running app = app(proxy.uri(), stored.database, spool).start()) {
            pid = app.pid();
            assertEquals("ready", app.readLine());
            log(app, 20);
            stored.await(stored.errors(), new Document(), 20);
            // And cut off the spool: a group count spooled behind them while an insert was slow to
            // answer keeps them in the file until it is applied too (OPERATIONS.md, kill -9).
            Eventually.await("the 20 off the spool", () -> SpoolFiles.occurrences(spool), n -> n == 0);

            proxy.cut();
            log(app, 30);
            Eventually.await("30 errors in the spool", () -> SpoolFiles.occurrences(spool), n -> n == 30);
            assertEquals(20, stored.errors().countDocuments(), "nothing written while MongoDB is away");

            proxy.pass();
            Eventually.await("the spool replayed without a new error", () -> SpoolFiles.occurrences(spool) + ":"
                    + stored.errors().countDocuments(), s -> s.equals("0:50"));
            result = app.finish();
        }
        assertEquals(0, result.exit(), result.output());
        assertEquals(50, groupCount(stored), "each error counted once in its group");
        assertEquals(50, stored.errors().distinct("message", String.class).into(new java.util.ArrayList<>()).size());
        Document health = stored.health().find(eq("pid", pid)).first();
        accountsForEveryError(health, 50);
        assertEquals(50L, health.getLong("written"), health.toJson());
        assertTrue(SpoolFiles.in(spool).isEmpty(), "the spool file is removed at exit");
    }

    @Test
    void anExitDuringAnOutageIsSpooledAndTheNextStartOfTheServiceStoresItOnce() throws Exception {
        Stored stored = Stored.fresh();
        Path spool = AgentJvm.freshSpoolDir();
        try (FaultProxy proxy = new FaultProxy(MongoSource.get().uri)) {
            proxy.cut();
            AgentJvm.Result first = logAndExit(app(proxy.uri(), stored.database, spool), 25);
            assertTrue(first.stderr().contains("25 error(s) kept in the spool"), first.stderr());
            assertFalse(first.stderr().contains("not written at shutdown"), first.stderr());
        }
        assertEquals(25, SpoolFiles.occurrences(spool));
        Document last = SpoolFiles.lastHealthReport(spool);
        accountsForEveryError(last, 25);
        assertEquals(25L, count(last, "spooled"), last.toJson());

        Document next = nextStartReplays(stored, spool, 25);

        assertEquals(25L, next.getLong("replayed"), next.toJson());
        assertEquals(0L, next.getLong("written"), "another run's errors are not this run's writes: " + next.toJson());
        assertEquals(25, groupCount(stored));
        Document firstReport = stored.health().find(eq("_id", last.getString("_id"))).first();
        assertEquals(25L, firstReport.getLong("spooled"), "the first run's last report, written by the next start");
    }

    /**
     * A group first seen by a run that ended during the outage, in a storm: its only-counted
     * occurrences were spooled as a count at exit, and the start that replays them creates the
     * group with that count before it counts the stored ones. That start announces it (the default
     * {@code new_group} rule to the webhook), once; before, a left file's counts were applied
     * without telling the alerts, and the new group was never announced.
     */
    @Test
    void aGroupFirstSeenByARunThatEndedDuringTheOutageIsAnnouncedByTheStartThatStoresIt() throws Exception {
        Stored stored = Stored.fresh();
        Path spool = AgentJvm.freshSpoolDir();
        // A storm: 5 occurrences stored a window, the rest only counted (spooled as counts).
        logAndExit(app(FaultProxy.absentUri(), stored.database, spool).set("storm.keep-per-window", "5"), 300);
        List<Path> left = SpoolFiles.in(spool);
        try (WebhookReceiver hook = new WebhookReceiver(200);
                AgentJvm.Running next = app(MongoSource.get().uri, stored.database, spool)
                        .set("notify.webhook", hook.url()).start()) {
            assertEquals("ready", next.readLine());
            Eventually.await("the spool replayed and removed", () -> remaining(left) + ":" + stored.errors().countDocuments(),
                    s -> s.startsWith("0:"));
            List<Document> bodies = Eventually.await("the new group's notice", hook::bodies, b -> !b.isEmpty());
            Document group = stored.collection("error_groups").find().first();
            assertEquals("new_group", bodies.get(0).getString("event"), bodies.toString());
            assertEquals(group.getString("_id"), bodies.get(0).getString("group"), bodies.toString());
            assertEquals("outage", bodies.get(0).getString("service"), bodies.toString());
            assertEquals(0, next.finish().exit());
            assertEquals(300L, ((Number) stored.collection("error_groups").find().first().get("count")).longValue());
            assertEquals(1, hook.bodies().size(), "announced once: " + hook.bodies());
        }
    }

    @Test
    void mongoDbDownAtStartDoesNotStopTheApplicationAndTheReplayCommandStoresWhatItLeft() throws Exception {
        Stored stored = Stored.fresh();
        Path spool = leftBy(stored, 12);

        FaultlineCli.Result replay = FaultlineCli.run("replay", "--dir", spool.toString(), "--uri", MongoSource.get().uri,
                "--database", stored.database);

        assertEquals(0, replay.exit(), replay.output());
        assertTrue(replay.stdout().contains("stored 12 error(s) from 1 spool file(s)"), replay.stdout());
        assertEquals(12, stored.errors().countDocuments());
        assertEquals(12, groupCount(stored));
        assertTrue(SpoolFiles.in(spool).isEmpty());
        Document run = stored.health().find(com.mongodb.client.model.Filters.exists("replay_dir", false)).first();
        accountsForEveryError(run, 12);
        assertEquals(12L, count(run, "spooled"), "the run's own last report, from its spool: " + run.toJson());
        // What the command stored is counted in a report of its own, so the runs still add up
        // (a user's trial found the spooled 13 shown nowhere as stored).
        Document replayed = stored.health().find(eq("replay_dir", spool.toString())).first();
        assertEquals(12L, count(replayed, "replayed"), String.valueOf(replayed));
        assertTrue(replayed.containsKey("ended_at"), replayed.toJson());
        FaultlineCli.Result health = FaultlineCli.runIn(stored.database, "health");
        assertEquals(2, health.stdout().lines().filter(l -> l.startsWith("outage ")).count(), health.output());

        FaultlineCli.Result again = FaultlineCli.run("replay", "--dir", spool.toString(), "--uri", MongoSource.get().uri,
                "--database", stored.database);
        assertTrue(again.stdout().contains("stored 0 error(s) from 0 spool file(s)"), again.stdout());
        assertEquals(12, stored.errors().countDocuments(), "a second replay stores nothing twice");
    }

    /** Two services' files in one directory: the replay command counts what it stored under each (a new user's trial). */
    @Test
    void theReplayCommandCountsWhatItStoredUnderEachServiceWhoseFilesItWere() throws Exception {
        Stored stored = Stored.fresh();
        Path spool = AgentJvm.freshSpoolDir();
        logAndExit(app(FaultProxy.absentUri(), stored.database, spool), 3);
        logAndExit(app(FaultProxy.absentUri(), stored.database, spool).set("service", "billing"), 2);
        assertEquals(5, SpoolFiles.occurrences(spool));

        FaultlineCli.Result replay = FaultlineCli.run("replay", "--dir", spool.toString(), "--uri", MongoSource.get().uri,
                "--database", stored.database);
        assertEquals(0, replay.exit(), replay.output());
        Document outage = stored.health().find(com.mongodb.client.model.Filters.and(com.mongodb.client.model.Filters.exists("replay_dir"),
                eq("service", "outage"))).first();
        Document billing = stored.health().find(com.mongodb.client.model.Filters.and(com.mongodb.client.model.Filters.exists("replay_dir"),
                eq("service", "billing"))).first();
        assertEquals(3L, count(outage, "replayed"), String.valueOf(outage));
        assertEquals(2L, count(billing, "replayed"), String.valueOf(billing));
    }

    @Test
    void anExitWhileMongoDbNeverAnswersEndsAndSpoolsTheErrorAndItsCount() throws Exception {
        Stored stored = Stored.fresh();
        Path spool = AgentJvm.freshSpoolDir();
        try (FaultProxy proxy = new FaultProxy(MongoSource.get().uri)) {
            proxy.blackhole();
            try (AgentJvm.Running app = app(proxy.uri(), stored.database, spool).start()) {
                assertEquals("ready", app.readLine());
                Eventually.await("the agent saw MongoDB not answering", app::stderrSoFar, err -> err.contains("cannot write to MongoDB"));
                log(app, 1);
                assertEquals(0, app.finish().exit());
            }
        }
        assertEquals(1, SpoolFiles.occurrences(spool));
        accountsForEveryError(SpoolFiles.lastHealthReport(spool), 1);

        nextStartReplays(stored, spool, 1);
        assertEquals(1, groupCount(stored));
    }

    @Test
    void aDamagedSpoolTailIsSkippedAndCountedAndTheRecordsBeforeItAreStored() throws Exception {
        Stored stored = Stored.fresh();
        Path spool = leftBy(stored, 10);
        Path file = SpoolFiles.in(spool).get(0);
        // A record cut short, as a crash in the middle of an append leaves it.
        Files.write(file, ByteBuffer.allocate(12).putInt(500).putInt(0).putInt(7).array(), StandardOpenOption.APPEND);

        Document next = nextStartReplays(stored, spool, 10);

        assertEquals(1L, next.getLong("spool_corrupt_tails"), next.toJson());
        assertEquals(10L, next.getLong("replayed"), next.toJson());
        assertEquals(10, groupCount(stored));
    }

    @Test
    void aSpoolLeftByAnEarlierRunIsStoredAfterTheQuietStartNotDuringTheApplicationsStart() throws Exception {
        Stored stored = Stored.fresh();
        Path spool = leftBy(stored, 12);

        List<Path> left = SpoolFiles.in(spool);
        try (FaultProxy proxy = new FaultProxy(MongoSource.get().uri)) {
            long launched = System.nanoTime();
            try (AgentJvm.Running next = app(proxy.uri(), stored.database, spool).start()) {
                assertEquals("ready", next.readLine());
                Eventually.await("the spool replayed and removed", () -> remaining(left) + ":" + stored.errors().countDocuments(),
                        s -> s.equals("0:12"));
                assertEquals(0, next.finish().exit());
            }
            // A lower bound only, which a slow machine cannot break: the agent's quiet start (3 s)
            // begins after the launch, and the application captured nothing to end it sooner.
            long firstConnection = proxy.firstConnection() - launched;
            assertTrue(firstConnection >= TimeUnit.SECONDS.toNanos(3),
                    "the MongoDB client was made " + TimeUnit.NANOSECONDS.toMillis(firstConnection)
                            + " ms after the launch, during the application's start");
        }
        assertEquals(12, groupCount(stored));
    }

    /**
     * A service of short runs (a batch job, a command-line tool): a run that ends within its quiet
     * start, before the writer would connect, stores at its exit what an earlier run left during
     * an outage, instead of leaving it to a run long enough to connect, which may never come.
     */
    @Test
    void aRunThatEndsWithinItsQuietStartStoresAtExitWhatAnEarlierRunLeft() throws Exception {
        aShortRunStoresWhatAnEarlierRunLeft(0);
    }

    /** The same with an error of its own, which makes the client at exit: both stored, counted once. */
    @Test
    void aShortRunWithAnErrorOfItsOwnStoresItAndWhatAnEarlierRunLeft() throws Exception {
        aShortRunStoresWhatAnEarlierRunLeft(1);
    }

    /** 12 errors left in the spool by a run during an outage, then a run that logs {@code own} and exits at once. */
    private static void aShortRunStoresWhatAnEarlierRunLeft(int own) throws Exception {
        Stored stored = Stored.fresh();
        Path spool = leftBy(stored, 12);
        // The exit's wait is bounded by shutdown.timeout: generous here, for a busy machine.
        logAndExit(app(MongoSource.get().uri, stored.database, spool).set("shutdown.timeout", "30s"), own);
        assertEquals(List.of(), SpoolFiles.in(spool), "the left spool replayed and removed");
        assertEquals(12 + own, stored.errors().countDocuments());
        assertEquals(12 + own, groupCount(stored));
    }

    /**
     * The same during the outage: MongoDB refuses the connection, so the short run makes no
     * client (no warning, no wait for a heartbeat) and leaves no file of its own beside the one
     * waiting for a later run.
     */
    @Test
    void aShortRunDuringTheOutageLeavesTheEarlierFileAndAddsNone() throws Exception {
        Stored stored = Stored.fresh();
        Path spool = leftBy(stored, 3);
        List<Path> before = SpoolFiles.in(spool);
        AgentJvm.Result run = logAndExit(app(FaultProxy.absentUri(), stored.database, spool), 0);
        assertEquals(before, SpoolFiles.in(spool));
        assertFalse(run.stderr().contains("cannot write to MongoDB"), run.stderr());
        assertEquals(0, stored.errors().countDocuments());
    }

    /**
     * The same against a MongoDB that takes connections and never answers (found by a new-user
     * trial): the exit waits at most shutdown.timeout, says nothing of a call that did not return
     * (it held nothing of its own), and leaves no spool file of its own beside the earlier one.
     */
    @Test
    void aShortRunAgainstAMongoDbThatNeverAnswersLeavesTheEarlierFileAndAddsNone() throws Exception {
        Stored stored = Stored.fresh();
        Path spool = leftBy(stored, 3);
        List<Path> before = SpoolFiles.in(spool);
        try (FaultProxy proxy = new FaultProxy(MongoSource.get().uri)) {
            proxy.blackhole();
            AgentJvm.Result run = logAndExit(app(proxy.uri(), stored.database, spool).set("shutdown.timeout", "1s"), 0);
            assertEquals(before, SpoolFiles.in(spool));
            assertFalse(run.stderr().contains("did not return"), run.stderr());
        }
    }

    /**
     * Runs of one service writing to two databases (a test suite's fresh database per test): a
     * file left for one is not stored into the other (found when this suite's demo test got a
     * burst counted twice), and the run for its own database stores it.
     */
    @Test
    void aSpoolLeftForOneDatabaseIsStoredIntoItNotIntoAnother() throws Exception {
        Stored first = Stored.fresh();
        Path spool = leftBy(first, 3);
        Stored other = Stored.fresh();
        // Its exit does not even make the client: nothing is for its database (LeftReplayTest).
        logAndExit(app(MongoSource.get().uri, other.database, spool).set("shutdown.timeout", "30s"), 0);
        assertEquals(0, other.errors().countDocuments());
        assertEquals(1, SpoolFiles.in(spool).size());

        logAndExit(app(MongoSource.get().uri, first.database, spool).set("shutdown.timeout", "30s"), 0);
        assertEquals(List.of(), SpoolFiles.in(spool));
        assertEquals(3, first.errors().countDocuments());
        assertEquals(3, groupCount(first));
    }

    /**
     * Staging and production on one machine, both with the default database name: a file a run
     * against another deployment left (here a host named 127.0.0.2, refusing) is not stored into
     * this one by the agent; the replay command, whose operator chose the MongoDB, stores it.
     */
    @Test
    void aSpoolLeftForTheSameDatabaseNameOnAnotherHostIsLeftToTheReplayCommand() throws Exception {
        Stored stored = Stored.fresh();
        Path spool = AgentJvm.freshSpoolDir();
        String otherHost;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            otherHost = "mongodb://127.0.0.2:" + s.getLocalPort() + "/?directConnection=true";
        }
        logAndExit(app(otherHost, stored.database, spool), 4);
        assertEquals(4, SpoolFiles.occurrences(spool));

        AgentJvm.Result here = logAndExit(app(MongoSource.get().uri, stored.database, spool).set("shutdown.timeout", "30s"), 1);
        assertTrue(here.stderr().contains("is for the database " + stored.database + " on 127.0.0.2:"), here.stderr());
        List<Document> own = stored.await(stored.errors(), new Document(), 1);
        assertEquals(1, own.size(), "only this run's own error");
        assertEquals(4, SpoolFiles.occurrences(spool), "the other deployment's file is left as it was");

        FaultlineCli.Result replay = FaultlineCli.run("replay", "--dir", spool.toString(), "--uri", MongoSource.get().uri,
                "--database", stored.database);
        assertEquals(0, replay.exit(), replay.output());
        assertTrue(replay.stdout().contains("stored 4 error(s) from 1 spool file(s)"), replay.stdout());
        assertEquals(5, stored.errors().countDocuments());
        assertEquals(List.of(), SpoolFiles.in(spool));
    }

    /**
     * MongoDB away and a spool that cannot be written (a read-only file system): the errors are
     * dropped, and at exit even the last agent_health report, which counts them, has nowhere to
     * go; stderr then counts the run's errors and says which setting keeps them.
     */
    @Test
    void anExitWithMongoDbAwayAndNoWritableSpoolCountsTheRunOnStderr() throws Exception {
        Stored stored = Stored.fresh();
        Path notADirectory = Files.createTempFile("faultline-it-spool", ".file");
        AgentJvm.Result run = logAndExit(app(FaultProxy.absentUri(), stored.database, notADirectory), 7);
        assertTrue(run.stderr().contains("cannot write the spool in " + notADirectory), run.stderr());
        assertTrue(run.stderr().contains("faultline.spool.dir sets a writable directory"), run.stderr());
        assertTrue(run.stderr().matches("(?s).*this run's agent_health report is lost \\(MongoDB \\w+ at .*, the spool in "
                + java.util.regex.Pattern.quote(notADirectory.toString()) + " not writable\\): captured 7, written 0, dropped 7 \\{.*\\};"
                + " set faultline.spool.dir to a writable directory.*"), run.stderr());
    }

    @Test
    void twoJvmsStartingTogetherReplayOneSpoolOnce() throws Exception {
        Stored stored = Stored.fresh();
        Path spool = leftBy(stored, 40);
        List<Path> left = SpoolFiles.in(spool);

        long[] pids = new long[2];
        try (AgentJvm.Running b = app(MongoSource.get().uri, stored.database, spool).start();
                AgentJvm.Running c = app(MongoSource.get().uri, stored.database, spool).start()) {
            assertEquals("ready", b.readLine());
            assertEquals("ready", c.readLine());
            Eventually.await("the spool replayed", () -> remaining(left) + ":" + stored.errors().countDocuments(),
                    s -> s.equals("0:40"));
            pids[0] = b.pid();
            pids[1] = c.pid();
            assertEquals(0, b.finish().exit());
            assertEquals(0, c.finish().exit());
        }
        assertEquals(40, stored.errors().countDocuments());
        assertEquals(40, groupCount(stored), "no double counting in the group");
        // The JVM that found no spool to replay captured nothing and ended within 3 s: it never
        // connected, so it may leave no report (ARCHITECTURE.md, the writer's quiet start).
        long replayed = 0;
        int reports = 0;
        for (long pid : pids) {
            Document report = stored.health().find(eq("pid", pid)).first();
            if (report != null) {
                reports++;
                replayed += report.getLong("replayed");
            }
        }
        assertTrue(reports >= 1, "the JVM that replayed reported it");
        assertEquals(40, replayed, "replayed by one of them, once");
    }

    @Test
    @ExpectIncompleteHealthReport(because = "kill -9: the killed JVM's last report is the one it spooled before the kill")
    void killMinus9DuringAnOutageLosesNothingThatReachedTheSpool() throws Exception {
        Stored stored = Stored.fresh();
        Path spool = AgentJvm.freshSpoolDir();
        try (FaultProxy proxy = new FaultProxy(MongoSource.get().uri)) {
            proxy.cut();
            try (AgentJvm.Running app = app(proxy.uri(), stored.database, spool).start()) {
                assertEquals("ready", app.readLine());
                log(app, 30);
                // Within a flush interval of being logged, each error is on disk.
                Eventually.await("30 errors in the spool", () -> SpoolFiles.occurrences(spool), n -> n == 30);
                app.kill();
            }
        }

        Document next = nextStartReplays(stored, spool, 30);

        assertEquals(30L, next.getLong("replayed"), next.toJson());
        assertEquals(30, groupCount(stored));
    }

    @Test
    @ExpectIncompleteHealthReport(because = "kill -9: the killed JVM's last report is the one it wrote before the blackhole")
    void killMinus9WhileACallToMongoDbIsUnansweredLosesNothingThatReachedTheSpool() throws Exception {
        Stored stored = Stored.fresh();
        Path spool = AgentJvm.freshSpoolDir();
        try (FaultProxy proxy = new FaultProxy(MongoSource.get().uri)) {
            // A read timeout longer than the test: a call sent into the blackhole (the batch insert,
            // or a health report or group count just before it) stays under way.
            String uri = proxy.uri() + "&socketTimeoutMS=300000";
            try (AgentJvm.Running app = app(uri, stored.database, spool).start()) {
                assertEquals("ready", app.readLine());
                log(app, 3);
                // Their group's count too (written a second after them at most: a kill -9 before that loses it).
                Eventually.await("3 stored and counted", () -> stored.errors().countDocuments() + ":" + groupCount(stored),
                        s -> s.equals("3:3"));
                proxy.blackhole();
                log(app, 10);
                Eventually.await("the first 10 in the spool", () -> SpoolFiles.occurrences(spool), n -> n == 10);
                // The writer does not wait for that call to go on: what follows is on disk within a flush interval.
                log(app, 20);
                Eventually.await("the errors after it in the spool too", () -> SpoolFiles.occurrences(spool), n -> n == 30);
                app.kill();
            }
        }

        Document next = nextStartReplays(stored, spool, 33);

        assertEquals(30L, next.getLong("replayed"), next.toJson());
        assertEquals(33, groupCount(stored));
    }

    @Test
    @ExpectIncompleteHealthReport(because = "kill -9 before MongoDB's first answer: the killed JVM wrote no report")
    void killMinus9BeforeMongoDbsFirstAnswerLosesNothingThatReachedTheSpool() throws Exception {
        // 10 held for the first answer, each with its provisional record in the spool.
        killBeforeTheFirstAnswer(10, "512");
    }

    @Test
    @ExpectIncompleteHealthReport(because = "kill -9 before MongoDB's first answer: the killed JVM wrote no report")
    void killMinus9BeforeMongoDbsFirstAnswerWithMoreErrorsThanAreHeldLosesNone() throws Exception {
        // 20 held with their provisional records; the other 30 decided from memory a flush
        // interval later and spooled as during an outage.
        killBeforeTheFirstAnswer(50, "20");
    }

    /** {@code errors} logged while MongoDB has never answered, all on disk, then kill -9: the next start stores each once. */
    private static void killBeforeTheFirstAnswer(int errors, String batchSize) throws Exception {
        Stored stored = Stored.fresh();
        Path spool = AgentJvm.freshSpoolDir();
        try (FaultProxy proxy = new FaultProxy(MongoSource.get().uri)) {
            proxy.blackhole();
            // A connect timeout longer than the test: the driver's first heartbeat stays unanswered,
            // so the stored grouping rules, merges and episodes the writer reads first never come.
            String uri = proxy.uri() + "&connectTimeoutMS=300000";
            try (AgentJvm.Running app = app(uri, stored.database, spool).set("batch.size", batchSize).start()) {
                assertEquals("ready", app.readLine());
                log(app, errors);
                Eventually.await("all in the spool", () -> SpoolFiles.occurrences(spool), n -> n == errors);
                app.kill();
            }
        }

        Document next = nextStartReplays(stored, spool, errors);

        assertEquals(errors, next.getLong("replayed"), next.toJson());
        assertEquals(errors, groupCount(stored));
    }

    /**
     * Three errors stored, then {@code during} logged while MongoDB is cut, until the agent says
     * it dropped some for {@code reason}; then MongoDB back until the JVM's report counts them
     * all. The application exits normally; returns its last report and its stderr.
     */
    private static Outage dropsDuringAnOutage(Stored stored, java.util.function.Function<String, AgentJvm> jvm, int during,
            String reason) throws Exception {
        AgentJvm.Result result;
        long pid;
        try (FaultProxy proxy = new FaultProxy(MongoSource.get().uri); AgentJvm.Running app = jvm.apply(proxy.uri()).start()) {
            pid = app.pid();
            assertEquals("ready", app.readLine());
            log(app, 3);
            stored.await(stored.errors(), new Document(), 3);

            proxy.cut();
            log(app, during);
            Eventually.await("the drop said", app::stderrSoFar, err -> err.contains("(" + reason + ")"));
            proxy.pass();
            Eventually.await("the drops reported", () -> stored.health().find(eq("pid", pid)).first(),
                    h -> h != null && h.get("dropped", Document.class).get(reason) != null
                            && h.getLong("captured") == 3 + during && h.getLong("spooled") == 0);
            result = app.finish();
        }
        assertEquals(0, result.exit(), result.output());
        Document health = stored.health().find(eq("pid", pid)).first();
        accountsForEveryError(health, 3 + during);
        return new Outage(health, result.stderr());
    }

    private record Outage(Document health, String stderr) {
    }

    @Test
    @ExpectDrops(value = "spool_unwritable", because = "the spool directory cannot be made while MongoDB is away")
    void aSpoolThatCannotBeWrittenIsCountedAndTheApplicationIsUnaffected() throws Exception {
        Stored stored = Stored.fresh();
        Path notADirectory = Files.createFile(AgentJvm.freshSpoolDir().resolve("file"));
        Outage outage = dropsDuringAnOutage(stored, uri -> app(uri, stored.database, notADirectory.resolve("spool")), 5,
                "spool_unwritable");
        Document health = outage.health();
        assertEquals(3L, health.getLong("written"), health.toJson());
        assertEquals(5L, health.get("dropped", Document.class).getLong("spool_unwritable"), health.toJson());
        assertTrue(outage.stderr().contains("cannot write the spool"), outage.stderr());
    }

    /**
     * MongoDB up and a spool that cannot be written: nothing is lost yet, but an outage would drop
     * the errors; agent_health says so while the run goes on (found by a new-user trial: nothing
     * showed it until something was dropped), and the errors are stored.
     */
    @Test
    void withMongoDbUpASpoolThatCannotBeWrittenIsReportedInAgentHealthBeforeAnythingIsDropped() throws Exception {
        Stored stored = Stored.fresh();
        Path notADirectory = Files.createFile(AgentJvm.freshSpoolDir().resolve("file"));
        try (AgentJvm.Running app = app(MongoSource.get().uri, stored.database, notADirectory.resolve("spool")).start()) {
            assertEquals("ready", app.readLine());
            // Before any error: a quiet service learns it at its first connection.
            Document quiet = Eventually.await("agent_health with the spool's error, nothing captured",
                    () -> stored.health().find(eq("pid", app.pid())).first(), h -> h != null && h.getString("spool_error") != null);
            assertTrue(quiet.getString("spool_error").startsWith(notADirectory.resolve("spool") + ": "), quiet.toJson());
            assertEquals("connected", quiet.getString("mongo_state"), quiet.toJson());
            assertEquals(0, count(quiet, "captured"), quiet.toJson());
            log(app, 3);
            Document health = Eventually.await("agent_health with the 3 errors written",
                    () -> stored.health().find(eq("pid", app.pid())).first(), h -> count(h, "written") == 3);
            assertTrue(health.getString("spool_error").startsWith(notADirectory.resolve("spool") + ": "), health.toJson());
            assertEquals(0, count(health, "dropped_total"), health.toJson());
            assertEquals(0, app.finish().exit());
        }
        assertEquals(3, stored.errors().countDocuments());
    }

    /** Found by a new-user trial: MongoDB's warning said the errors go to the spool that had just failed. */
    @Test
    @ExpectDrops(value = "spool_unwritable", because = "neither MongoDB nor the spool directory can take the error")
    void withMongoDbDownAndASpoolThatCannotBeWrittenTheWarningsAgreeOnWhatBecomesOfTheErrors() throws Exception {
        Path notADirectory = Files.createFile(AgentJvm.freshSpoolDir().resolve("file"));
        AgentJvm.Result run = new AgentJvm(AgentJvm.Jdk.JDK17, "com.example.hello.FirstLine").set("mongo.uri", "mongodb://127.0.0.1:1")
                .set("spool.dir", notADirectory.resolve("spool").toString()).set("shutdown.timeout", "2s").run();
        assertEquals(1, run.exit(), run.output());
        assertTrue(run.stderr().contains("cannot write the spool"), run.stderr());
        assertTrue(run.stderr().contains("1 error(s) dropped") && run.stderr().contains("(spool_unwritable)"), run.stderr());
        assertFalse(run.stderr().contains("errors go to the spool and are written"), run.stderr());
        // MongoDB's own warning comes once the writer's first call failed: on a busy machine the
        // JVM may end before that (the drop line above still counts the error).
        if (run.stderr().contains("cannot write to MongoDB")) {
            assertTrue(run.stderr().contains("errors are dropped and counted while the spool cannot be written either"), run.stderr());
        }
    }

    @Test
    void aSigtermDuringAnOutageSpoolsEveryErrorAndTheNextStartStoresItOnce() throws Exception {
        Stored stored = Stored.fresh();
        Path spool = AgentJvm.freshSpoolDir();
        AgentJvm.Result first;
        try (FaultProxy proxy = new FaultProxy(MongoSource.get().uri)) {
            proxy.cut();
            try (AgentJvm.Running app = app(proxy.uri(), stored.database, spool).start()) {
                assertEquals("ready", app.readLine());
                log(app, 25);
                first = app.terminate();
            }
        }
        assertEquals(143, first.exit(), "ended by SIGTERM: " + first.output());
        assertTrue(first.stderr().contains("25 error(s) kept in the spool"), first.stderr());
        assertFalse(first.stderr().contains("not written at shutdown"), first.stderr());
        assertEquals(25, SpoolFiles.occurrences(spool));
        accountsForEveryError(SpoolFiles.lastHealthReport(spool), 25);

        Document next = nextStartReplays(stored, spool, 25);

        assertEquals(25L, next.getLong("replayed"), next.toJson());
        assertEquals(25, groupCount(stored));
    }

    @Test
    @ExpectDrops(value = "spool_full", because = "a 4KB spool.max-size cannot hold the errors logged while MongoDB is away")
    void aFullSpoolIsCountedAndTheApplicationIsUnaffected() throws Exception {
        Stored stored = Stored.fresh();
        Path spool = AgentJvm.freshSpoolDir();
        Document health = dropsDuringAnOutage(stored, uri -> app(uri, stored.database, spool).set("spool.max-size", "4KB"), 10,
                "spool_full").health();
        long full = health.get("dropped", Document.class).getLong("spool_full");
        assertTrue(full >= 1 && full <= 10, health.toJson());
        assertEquals(13 - full, stored.errors().countDocuments(), "what the spool held was stored after the outage: " + health.toJson());
        assertEquals(13 - full, groupCount(stored));
    }
}
