package dev.faultline.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.faultline.alert.Alerts;
import dev.faultline.bootstrap.CapturedEvent;
import dev.faultline.bootstrap.Severity;
import dev.faultline.capture.Identity;
import dev.faultline.capture.RecordFactory;
import dev.faultline.capture.Trails;
import dev.faultline.codes.Clock;
import dev.faultline.codes.CodeFields;
import dev.faultline.codes.CodeUpdates;
import dev.faultline.codes.ErrorCodeTracker;
import dev.faultline.codes.Notifier;
import dev.faultline.config.Config;
import dev.faultline.intake.EventQueue;
import dev.faultline.pipeline.Pipeline;
import dev.faultline.store.spool.LeftSpools;
import dev.faultline.store.spool.SpoolRecord;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer against a {@link FakeDatabase}: batching, backoff, the shutdown deadline, health accounting. */
class WriterTest {
    private static final Identity IDENTITY = new Identity("shop", "", "", "", "", "box", "box", 1);

    private final FakeDatabase db = new FakeDatabase();
    private final EventQueue queue = new EventQueue(10_000, Long.MAX_VALUE);
    private final Health health = new Health();
    private final ErrorCodeTracker tracker = new ErrorCodeTracker(Clock.SYSTEM, 3_600_000L);
    private Writer writer;
    @TempDir
    java.nio.file.Path spoolDir;

    @AfterEach
    void stop() {
        if (db.hang != null) {
            db.hang.countDown();
        }
        if (db.making != null) {
            db.making.countDown();
        }
        if (writer != null) {
            writer.shutdown();
        }
    }

    private Writer writer(String... settings) {
        Map<String, String> map = new HashMap<>(Map.of("service", "shop", "flush.interval", "20ms", "spool.dir", spoolDir.toString()));
        for (int i = 0; i < settings.length; i += 2) {
            map.put(settings[i], settings[i + 1]);
        }
        final Config config;
        try {
            config = Config.fromMap(map);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        writer = new Writer(config, queue, health, tracker, parts(config), db);
        return writer;
    }

    private Writer.Parts parts() {
        try {
            return parts(Config.fromMap(Map.of("service", "shop")));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Making the record's parts runs out of heap this many more times (a small heap at its edge). */
    private final java.util.concurrent.atomic.AtomicInteger partsOutOfMemory = new java.util.concurrent.atomic.AtomicInteger();

    private Writer.Parts parts(Config config) {
        final CodeUpdates codes = new CodeUpdates(tracker, IDENTITY, new Notifier("", IDENTITY));
        final Pipeline pipeline = new Pipeline(new RecordFactory(config, IDENTITY), tracker, codes,
                new Trails(config.breadcrumbsSize(), config.maxMessageLength()));
        final Alerts alerts = Alerts.of("", "", null);
        return new Writer.Parts() {
            @Override
            public void start() {
            }

            @Override
            public Pipeline pipeline() {
                if (partsOutOfMemory.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    throw new OutOfMemoryError("fake: Java heap space");
                }
                return pipeline;
            }

            @Override
            public CodeUpdates codes() {
                return codes;
            }

            @Override
            public Alerts alerts() {
                return alerts;
            }

            @Override
            public void describe(Document doc) {
                IDENTITY.appendTo(doc);
            }

            @Override
            public void awaitNotices(long deadline) {
            }
        };
    }

    /** The collections of the records in the spool directory's files, in order. */
    private List<String> spooledCollections() {
        List<String> out = new java.util.ArrayList<>();
        for (java.nio.file.Path file : LeftSpools.in(spoolDir, null)) {
            try {
                for (SpoolRecord r : LeftSpools.read(file)) {
                    if (!r.collection.equals(dev.faultline.store.spool.SpoolTarget.COLLECTION)) {
                        // Each file's first record: its database (SpoolFileTest), not a record of the run's.
                        out.add(r.collection);
                    }
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return out;
    }

    /** The last record of {@code collection} in the spool directory's files. */
    private Document lastSpooled(String collection) throws Exception {
        Document last = null;
        for (java.nio.file.Path file : LeftSpools.in(spoolDir, null)) {
            for (SpoolRecord r : LeftSpools.read(file)) {
                if (r.collection.equals(collection)) {
                    last = r.document();
                }
            }
        }
        assertNotNull(last, "nothing of " + collection + " in the spool");
        return last;
    }

    /** The run's last report: the one MongoDB took or the one the exit spooled, whichever is later ({@code report_seq}). */
    private Document lastReport() throws Exception {
        Document stored = db.healthReports.isEmpty() ? null : db.healthReports.get(db.healthReports.size() - 1);
        boolean anySpooled = spooledCollections().contains("agent_health");
        Document spooled = anySpooled ? lastSpooled("agent_health") : null;
        if (stored == null || spooled != null && spooled.getLong("report_seq") > stored.getLong("report_seq")) {
            assertNotNull(spooled, "no report at all");
            return spooled;
        }
        return stored;
    }

    /** An error logged at com.example.shop.Orders.place, as the intake hands it over. */
    private void logged(String message) {
        logged(message, null);
    }

    /** The same with an MDC, decided by the error-code gate first, as the intake does. */
    private void logged(String message, Map<String, String> mdc) {
        CapturedEvent e = new CapturedEvent("logback", Severity.ERROR, System.currentTimeMillis(), "shop", "main",
                message, null, CapturedEvent.FORMAT_NONE, null, mdc, null, true);
        if (mdc != null) {
            e.codeDecision = tracker.decide(CodeFields.read(mdc, null), true);
        }
        e.siteClass = "com.example.shop.Orders";
        e.siteMethod = "place";
        e.siteFile = "Orders.java";
        e.siteLine = 12;
        assertEquals(EventQueue.Offer.QUEUED, queue.offer(e, false));
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        await(what, condition, 20);
    }

    private static void await(String what, BooleanSupplier condition, int seconds) throws InterruptedException {
        await(what, condition, seconds, () -> "");
    }

    /** {@link #await}, the failure saying {@code state} as it was at the deadline. */
    private static void await(String what, BooleanSupplier condition, int seconds, java.util.function.Supplier<String> state)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() >= deadline) {
                fail("not within " + seconds + " s: " + what + " " + state.get());
            }
            Thread.sleep(5); // polling, bounded by the deadline
        }
    }

    @Test
    void writesWhatIsQueuedInBatchesOfAtMostBatchSize() throws Exception {
        for (int i = 0; i < 35; i++) {
            logged("order " + i + " failed");
        }
        writer("batch.size", "10").start();
        // Counted once the writer takes the insert's answer (the insert runs beside it).
        await("35 stored and counted", () -> db.occurrences.size() == 35 && health.written() == 35);
        assertTrue(db.batches.stream().allMatch(b -> b.size() <= 10), "batches of at most 10");
        assertEquals(35, health.written());
        assertEquals(0, health.droppedTotal());
    }

    @Test
    void whileAnInsertIsUnansweredTheBatchesAfterItGoToTheSpoolAndAreStoredInOrderOnceItAnswers() throws Exception {
        db.hang = new java.util.concurrent.CountDownLatch(1);
        for (int i = 0; i < 25; i++) {
            logged("order " + i + " failed");
        }
        writer("batch.size", "10").start();
        // The first batch's insert does not answer: the writer does not wait for it, every batch
        // after it is on disk within a flush interval (the second held to be sent next).
        await("all 25 in the spool", () -> queue.size() == 0 && health.spooled() == 25);
        assertEquals(25, spooledCollections().size(), "on disk, where a kill -9 does not reach them");
        assertTrue(db.batches.isEmpty(), "the first insert has not answered");
        assertEquals(0, health.written());
        db.hang.countDown();
        await("25 stored and counted", () -> db.occurrences.size() == 25 && health.written() == 25 && health.spooled() == 0);
        assertEquals(java.util.stream.IntStream.range(0, 25).mapToObj(i -> "order " + i + " failed").collect(java.util.stream.Collectors.toList()),
                db.occurrences.stream().map(d -> d.getString("message")).collect(java.util.stream.Collectors.toList()), "in order, once");
        assertTrue(db.batches.stream().allMatch(b -> b.size() <= 10), "batches of at most 10");
        assertEquals(0, health.droppedTotal());
        await("the spool cut back once all is stored", () -> spooledCollections().stream().noneMatch("app_errors"::equals));
    }

    @Test
    void aBatchHeldBehindAnInsertThatFailsStaysInTheSpoolAndIsStoredOnceMongoDbAnswers() throws Exception {
        db.hang = new java.util.concurrent.CountDownLatch(1);
        for (int i = 0; i < 20; i++) {
            logged("order " + i + " failed");
        }
        writer("batch.size", "10").start();
        await("both batches in the spool", () -> queue.size() == 0 && health.spooled() == 20);
        // The insert under way fails: both batches are the spool's backlog, sent after the backoff.
        db.failures.set(1);
        db.hang.countDown();
        await("20 stored and counted", () -> db.occurrences.size() == 20 && health.written() == 20 && health.spooled() == 0, 30);
        assertEquals(java.util.stream.IntStream.range(0, 20).mapToObj(i -> "order " + i + " failed").collect(java.util.stream.Collectors.toList()),
                db.occurrences.stream().map(d -> d.getString("message")).collect(java.util.stream.Collectors.toList()), "in order, once");
        assertEquals(0, health.droppedTotal());
    }

    @Test
    void whileAnotherCallToMongoDbIsUnansweredWhatArrivesGoesToTheSpoolAndIsStoredAndCountedOnceItAnswers() throws Exception {
        // The first health report, written at the first connection, waits for an answer.
        db.hangHealth = new CountDownLatch(1);
        writer("batch.size", "10").start();
        await("the report under way", () -> db.hanging.get() == 1);
        for (int i = 0; i < 26; i++) {
            logged("order " + i + " failed");
        }
        await("every error on disk while the writer waits", () -> queue.size() == 0 && health.spooled() == 26);
        assertEquals(26, spooledCollections().stream().filter("app_errors"::equals).count());
        assertEquals(0, health.written());
        db.hangHealth.countDown();
        await("26 stored, each counted once in its group", () -> health.written() == 26 && health.spooled() == 0
                && db.groups.values().stream().mapToLong(g -> ((Number) g.get("count")).longValue()).sum() == 26);
        assertEquals(java.util.stream.IntStream.range(0, 26).mapToObj(i -> "order " + i + " failed").collect(java.util.stream.Collectors.toList()),
                db.occurrences.stream().map(d -> d.getString("message")).collect(java.util.stream.Collectors.toList()), "in order, once");
        assertEquals(0, health.droppedTotal());
    }

    @Test
    void groupsAreCountedExactlyWithAtMostOneCountWritePerFingerprintPerGroupFlush() throws Exception {
        for (int i = 0; i < 60; i++) {
            logged(i % 3 == 0 ? "payment failed" : "shipping failed");
        }
        writer("batch.size", "10").start();
        await("60 stored and both groups counted", () -> health.written() == 60 && db.groups.size() == 2
                && db.groups.values().stream().mapToLong(g -> ((Number) g.get("count")).longValue()).sum() == 60);
        List<Long> counts = db.groups.values().stream().map(g -> ((Number) g.get("count")).longValue()).sorted()
                .collect(java.util.stream.Collectors.toList());
        assertEquals(List.of(20L, 40L), counts);
        // Six batches, and a group's count is written at most once per round of group writes (a
        // flush, or the replay of a count spooled while a call waited on a busy machine), not per
        // batch or occurrence.
        long flushes = health.groupWrites.get();
        for (java.util.concurrent.atomic.AtomicInteger writes : db.countWrites.values()) {
            assertTrue(writes.get() <= flushes, writes.get() + " count writes in " + flushes + " group flushes");
        }
    }

    @Test
    void aGroupCountWhoseAnswerIsLostIsSentAgainAndCountsOnceAndWhatCameAfterItCountsOnItsOwn() throws Exception {
        db.loseAnswers.set(1);
        for (int i = 0; i < 5; i++) {
            logged("payment failed");
        }
        writer().start();
        await("the first count applied, its answer lost", () -> db.loseAnswers.get() == 0 && health.written() == 5);
        for (int i = 0; i < 3; i++) {
            logged("payment failed");
        }
        await("8 stored", () -> health.written() == 8);
        writer.shutdown();
        assertEquals(8L, db.groups.values().iterator().next().getLong("count"), "the count sent again after its lost answer applies once");
        assertEquals(2, db.countWrites.values().iterator().next().get(), "applied: the 5 (its answer lost; sent again, not applied again) and the 3");
        writer = null;
    }

    @Test
    void retriesWithBackoffWhileMongoDbIsAwayAndLosesNothing() throws Exception {
        db.failures.set(2);
        for (int i = 0; i < 5; i++) {
            logged("order " + i + " failed");
        }
        writer().start();
        await("5 stored after MongoDB came back", () -> db.occurrences.size() == 5 && health.written() == 5);
        assertTrue(db.opens.get() >= 2, "connected again after the failures");
        assertEquals(5, health.written());
        assertEquals(0, health.droppedTotal());
        assertTrue(health.lastWriteError().contains("MongoDB is away"), health.lastWriteError());
    }

    @Test
    void documentsMongoDbRefusesAreDroppedAndCountedByReason() throws Exception {
        db.refusedMessages.add("bad");
        logged("good 1");
        logged("bad");
        logged("good 2");
        logged("bad");
        writer().start();
        await("the batch answered", () -> health.written() == 2);
        assertEquals(2, health.dropped(Health.REJECTED));
        assertEquals(2, db.occurrences.size());
    }

    @Test
    void shutdownFlushesEverythingQueuedAndReportsHealthLast() throws Exception {
        for (int i = 0; i < 20; i++) {
            logged("same failure");
        }
        writer().start();
        writer.shutdown();
        assertEquals(20, db.occurrences.size());
        Document last = db.healthReports.get(db.healthReports.size() - 1);
        assertEquals(20L, last.getLong("written"));
        assertEquals(2, db.groupWrites.size(), "one fingerprint: one coalesced count and one severity update, not 20");
        assertEquals(20L, db.groups.values().iterator().next().getLong("count"));
    }

    @Test
    void aStormOfOneErrorIsCountedExactlyWhileOnlyTheKeepAndItsSamplesAreStored() throws Exception {
        for (int i = 0; i < 2_500; i++) {
            logged("same failure");
        }
        logged("another failure");
        writer("storm.keep-per-window", "5", "storm.window", "1h").start();
        writer.shutdown();
        assertEquals(5 + 2 + 1, db.occurrences.size(), "5 in full, one sample per 1000 beyond them, and the other error");
        assertEquals(2, db.occurrences.stream().filter(d -> Boolean.TRUE.equals(d.get("sampled"))).count());
        Document group = db.groups.values().stream().filter(g -> g.getLong("count") > 1).findFirst().orElseThrow();
        assertEquals(2_500L, group.getLong("count"));
        assertEquals(7L, group.getLong("stored_count"));
        Document last = db.healthReports.get(db.healthReports.size() - 1);
        assertEquals(8L, last.getLong("written"));
        assertEquals(2_493L, last.getLong("sampled"), "every one logged is written or sampled");
    }

    @Test
    void countsMadeWhileTheirGroupsWriteIsUnansweredAreAddedToItNotLost() throws Exception {
        db.hangGroups = new CountDownLatch(1);
        for (int i = 0; i < 3; i++) {
            logged("same failure");
        }
        writer("storm.keep-per-window", "2", "storm.window", "1h").start();
        await("the group's count write waits for an answer", () -> db.groupsHanging.get() == 1);
        for (int i = 0; i < 10; i++) {
            logged("same failure");
        }
        // Converted while the writer waits (after a flush interval): counted on the group, beyond the keep.
        await("converted while the writer waits", () -> queue.size() == 0);
        // And the counts, the one being written too, on disk where a kill -9 does not reach them.
        await("the counts in the spool", () -> spooledCollections().contains("error_groups"));
        db.hangGroups.countDown();
        await("the group's count exact", () -> db.groups.size() == 1
                && ((Number) db.groups.values().iterator().next().get("count")).longValue() == 13);
        assertEquals(2, db.occurrences.size(), "the keep in full, the rest counted");
        await("the spooled counts applied and cut off", () -> health.spooled() == 0 && !spooledCollections().contains("error_groups"));
        assertEquals(13L, ((Number) db.groups.values().iterator().next().get("count")).longValue(), "the count written and spooled applies once");
    }

    @Test
    void errorsBelowTheKeepPerWindowAreAllStoredAndNoneSampled() throws Exception {
        for (int i = 0; i < 100; i++) {
            logged("same failure");
        }
        writer().start();
        writer.shutdown();
        assertEquals(100, db.occurrences.size());
        assertEquals(100L, db.groups.values().iterator().next().getLong("stored_count"));
        assertEquals(0L, db.healthReports.get(db.healthReports.size() - 1).getLong("sampled"));
    }

    @Test
    void shutdownGivesUpAtItsDeadlineWhenMongoDbNeverAnswersAndTheBatchSentIsInTheSpool() throws Exception {
        db.hang = new CountDownLatch(1);
        for (int i = 0; i < 4; i++) {
            logged("order " + i + " failed");
        }
        writer("shutdown.timeout", "300ms").start();
        await("the insert is under way", () -> queue.size() == 0 && health.spooled() == 4);
        // And from now on nothing answers.
        db.hangHealth = db.hang;
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> writer.shutdown());
        assertEquals(0, health.droppedTotal(), "nothing lost: the batch was spooled before it was sent");
        assertEquals(4, health.spooled());
        // The batch, that its insert went unanswered (MongoDB may have stored it uncounted), then the
        // last health report, for the next start; a report made while the calls hung may come between.
        List<String> spooled = spooledCollections();
        assertEquals(List.of("app_errors", "app_errors", "app_errors", "app_errors"), spooled.subList(0, 4), spooled.toString());
        assertEquals(List.of("answer_lost"), spooled.subList(4, spooled.size()).stream().filter(c -> !c.equals("agent_health"))
                .collect(java.util.stream.Collectors.toList()), spooled.toString());
        assertEquals("agent_health", spooled.get(spooled.size() - 1), spooled.toString());
        writer = null;
    }

    @Test
    void aWriterWaitingForAnotherCallAtExitGivesItUpAndSpoolsTheErrorItHeldAndItsEpisode() throws Exception {
        db.hangHealth = new CountDownLatch(1);
        logged("payment failed", Map.of("error_code", "PAY-1"));
        writer("shutdown.timeout", "1s", "flush.interval", "5s").start();
        await("the first health report waits for an answer, the error in the batch", () -> db.hanging.get() == 1);
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> writer.shutdown());
        assertEquals(0, health.droppedTotal(), "nothing lost at exit");
        assertEquals(1, health.spooled());
        List<String> spooled = spooledCollections();
        assertTrue(spooled.containsAll(List.of("app_errors", "error_codes", "agent_health")), spooled.toString());
        assertEquals(1L, lastSpooled("agent_health").getLong("spooled"));
        db.hangHealth.countDown();
        writer = null;
    }

    @Test
    void shutdownCutShortByItsDeadlineSpoolsWhatWasNotWrittenAndReportsIt() throws Exception {
        db.insertMillis = 200;
        for (int i = 0; i < 40; i++) {
            logged("order " + i + " failed");
        }
        // 20 inserts of 200 ms cannot all be made in the 3 s of sending a 5 s timeout leaves, and a
        // busy machine still makes the first (at 2 s it made none once, in a full suite beside a build).
        writer("shutdown.timeout", "5s", "batch.size", "2").start();
        writer.shutdown();
        // The insert under way when sending stopped is given up (its records are in the spool);
        // MongoDB still answers the last writes, or (a busy machine) the last report is spooled.
        Document last = lastReport();
        long written = last.getLong("written");
        assertTrue(written > 0 && written < 40, written + " written");
        assertEquals(40L, written + last.getLong("spooled"), last.toJson());
        assertEquals(0L, last.getLong("dropped_total"), last.toJson());
        assertTrue(db.occurrences.size() >= written, "the insert given up may still have been stored: " + db.occurrences.size());
        assertEquals(0, last.getInteger("queue_depth"), "what is spooled is not also counted as waiting");
        writer = null;
    }

    @Test
    void aShutdownWithNothingLeftCountsNoLoss() throws Exception {
        logged("order failed");
        writer("shutdown.timeout", "300ms").start();
        // Nothing left: the error stored before the exit (under load the client may take longer
        // than the 300 ms, which is another test's case).
        await("stored", () -> health.written() == 1);
        writer.shutdown();
        Document last = db.healthReports.get(db.healthReports.size() - 1);
        assertEquals(1L, last.getLong("written"));
        assertTrue(last.get("dropped", Document.class).isEmpty(), last.toJson());
        writer = null;
    }

    /** An active episode of {@code code} stored by an earlier run, alerted {@code agoMillis} ago. */
    private void storedEpisode(String code, long agoMillis) {
        java.util.Date alerted = new java.util.Date(System.currentTimeMillis() - agoMillis);
        db.storedCodes.add(new Document("_id", "stored-" + code).append("code", code).append("active", true)
                .append("message", "disk full").append("start_time", alerted).append("last_log_time", alerted));
    }

    @Test
    void aCodeFirstSeenBeforeTheStoredEpisodesLoadedContinuesTheStoredEpisode() throws Exception {
        storedEpisode("disk_full", 60_000);
        logged("disk full", Map.of("error_code", "disk_full"));
        writer().start();
        writer.shutdown();
        assertTrue(db.occurrences.isEmpty(), "inside the stored window: suppressed, not a new occurrence");
        assertEquals(1, health.suppressed.get());
        assertTrue(db.codeWrites.stream().anyMatch(w -> w.toString().contains("stored-disk_full")
                && w.toString().contains("occurrences")), "counted on the stored episode: " + db.codeWrites);
        assertTrue(db.codeWrites.stream().noneMatch(w -> w.toString().contains("upsert=true")), "no second episode");
    }

    @Test
    void storedEpisodesAreLoadedWhenMongoDbComesBackAfterAnOutageAtStart() throws Exception {
        db.failures.set(1);
        storedEpisode("disk_full", 60_000);
        writer().start();
        await("the stored episode loaded after the reconnect", () -> tracker.contains("disk_full"));
        assertEquals("stored-disk_full", tracker.get("disk_full").id());
    }

    @Test
    void whileMongoDbDoesNotAnswerErrorsGoToTheSpoolAndAreStoredInOrderOnceWhenItAnswersAgain() throws Exception {
        db.answering = Boolean.FALSE;
        writer().start();
        for (int i = 0; i < 5; i++) {
            logged("order " + i + " failed");
        }
        await("5 spooled", () -> health.spooled() == 5);
        assertTrue(db.occurrences.isEmpty(), "no call made while the heartbeat says MongoDB does not answer");

        db.answering = Boolean.TRUE;
        await("5 stored from the spool", () -> health.written() == 5);

        assertEquals(List.of("order 0 failed", "order 1 failed", "order 2 failed", "order 3 failed", "order 4 failed"),
                db.occurrences.stream().map(d -> d.getString("message")).toList());
        assertEquals(0, health.spooled());
        assertEquals(0, health.droppedTotal());
        writer.shutdown();
        assertTrue(LeftSpools.in(spoolDir, null).isEmpty(), "the spool file is removed at exit once empty");
        writer = null;
    }

    @Test
    void whileTheBacklogsInsertIsUnansweredWhatArrivesGoesToTheSpoolAndAllIsStoredInOrderOnce() throws Exception {
        db.answering = Boolean.FALSE;
        writer("batch.size", "10").start();
        for (int i = 0; i < 20; i++) {
            logged("order " + i + " failed");
        }
        await("20 in the spool while MongoDB is away", () -> queue.size() == 0 && health.spooled() == 20);
        db.hang = new CountDownLatch(1);
        db.answering = Boolean.TRUE;
        await("the backlog's first insert under way", () -> db.insertsHanging.get() == 1);
        for (int i = 20; i < 45; i++) {
            logged("order " + i + " failed");
        }
        // The backlog is sent like a batch: the writer converts and spools what arrives meanwhile.
        await("all 45 in the spool", () -> queue.size() == 0 && health.spooled() == 45);
        assertEquals(0, health.written());
        db.hang.countDown();
        await("45 stored, each counted once in its group", () -> health.written() == 45 && health.spooled() == 0
                && db.groups.values().stream().mapToLong(g -> ((Number) g.get("count")).longValue()).sum() == 45, 30);
        assertEquals(java.util.stream.IntStream.range(0, 45).mapToObj(i -> "order " + i + " failed").collect(java.util.stream.Collectors.toList()),
                db.occurrences.stream().map(d -> d.getString("message")).collect(java.util.stream.Collectors.toList()), "in order, once");
        assertEquals(0, health.droppedTotal());
    }

    @Test
    void beforeMongoDbsFirstAnswerErrorsAreSpooledProvisionallyAndStoredOnceAfterIt() throws Exception {
        db.answering = null;
        writer().start();
        for (int i = 0; i < 5; i++) {
            logged("order " + i + " failed");
        }
        // The stored state is not known yet: the events wait for it, their provisional records on disk.
        await("5 provisional records on disk", () -> {
            try {
                return spooledCollections().stream().filter("app_errors"::equals).count() == 5;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        assertEquals(0, queue.size());
        assertTrue(db.occurrences.isEmpty());
        db.answering = Boolean.TRUE;
        await("5 stored and counted", () -> health.written() == 5 && health.spooled() == 0);
        assertEquals(java.util.stream.IntStream.range(0, 5).mapToObj(i -> "order " + i + " failed").collect(java.util.stream.Collectors.toList()),
                db.occurrences.stream().map(d -> d.getString("message")).collect(java.util.stream.Collectors.toList()), "in order, once");
        assertEquals(0, health.droppedTotal());
        writer.shutdown();
        assertTrue(LeftSpools.in(spoolDir, null).isEmpty(), "the provisional records left the spool");
        writer = null;
    }

    @Test
    void anExitBeforeMongoDbsFirstAnswerKeepsEachErrorInTheSpoolOnce() throws Exception {
        db.answering = null;
        writer("shutdown.timeout", "1s").start();
        for (int i = 0; i < 3; i++) {
            logged("order " + i + " failed");
        }
        await("taken out of the queue", () -> queue.size() == 0);
        writer.shutdown();
        assertEquals(3, health.spooled());
        assertEquals(0, health.droppedTotal());
        assertEquals(3, spooledCollections().stream().filter("app_errors"::equals).count(), "each once: the provisional records were cut off");
        writer = null;
    }

    @Test
    void whileTheClientIsBeingMadeWhatArrivesIsSpooledAndStoredOnceWhenItAnswers() throws Exception {
        db.making = new CountDownLatch(1);
        writer("batch.size", "10").start();
        await("the client being made", () -> db.opening.get() == 1);
        for (int i = 0; i < 5; i++) {
            logged("order " + i + " failed");
        }
        // Provisional records, on disk where a kill -9 does not reach them, while the client is still being made.
        await("5 in the spool", () -> spooledOccurrences() == 5);
        assertEquals(0, db.opens.get(), "the client is not made yet");
        db.making.countDown();
        await("5 stored and counted", () -> db.occurrences.size() == 5 && health.written() == 5);
        assertEquals(0, health.droppedTotal());
        await("the provisional records cut off", () -> spooledOccurrences() == 0);
    }

    /**
     * A user's trial: an argument whose toString() takes seconds (a lazily loaded entity) held the
     * writer past shutdown.timeout while it built the provisional records; the exit counted as
     * lost the room it had made for events (354 of 105 captured) and blamed a call to MongoDB.
     */
    /** An application's lazy entity: its {@code toString()} blocks until released (at most 60 s). */
    private static final class BlockingEntity {
        final CountDownLatch release = new CountDownLatch(1);
        final java.util.concurrent.atomic.AtomicInteger toStrings = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public String toString() {
            toStrings.incrementAndGet();
            try {
                release.await(60, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "entity";
        }
    }

    @Test
    void anExitThatFindsTheWriterInTheApplicationsToStringCountsWhatItHeldOnce() throws Exception {
        db.making = new CountDownLatch(1);
        writer("batch.size", "10", "shutdown.timeout", "1s").start();
        await("the client being made", () -> db.opening.get() == 1);
        BlockingEntity entity = new BlockingEntity();
        CapturedEvent slow = new CapturedEvent("logback", Severity.ERROR, System.currentTimeMillis(), "shop", "main",
                "could not save {}", new Object[] {entity}, CapturedEvent.FORMAT_SLF4J, null, null, null, true);
        assertEquals(EventQueue.Offer.QUEUED, queue.offer(slow, false));
        for (int i = 0; i < 3; i++) {
            logged("order " + i + " failed");
        }
        health.captured.addAndGet(4);
        await("the writer in the argument's toString()", () -> entity.toStrings.get() > 0);
        writer.shutdown();
        // The one it was in is lost; those it took with it too, or (still queued) spooled without their text.
        assertTrue(health.dropped(Health.SHUTDOWN) >= 1, health.droppedByReason().toString());
        assertEquals(4, health.dropped(Health.SHUTDOWN) + health.spooled(), "each once: " + health.droppedByReason()
                + " spooled " + health.spooled());
        entity.release.countDown();
        writer = null;
    }

    @Test
    void anExitThatFindsTheWriterInTheApplicationsToStringSpoolsTheEventsItTookWithTheBlockingOne() throws Exception {
        BlockingEntity entity = new BlockingEntity();
        CapturedEvent slow = new CapturedEvent("logback", Severity.ERROR, System.currentTimeMillis(), "shop", "main",
                "could not save {}", new Object[] {entity}, CapturedEvent.FORMAT_SLF4J, null, null, null, true);
        // Queued before the writer starts: its first fill takes all four, the blocking one first
        // (a trial's burst of 20 in 25 ms lost up to 18 so).
        assertEquals(EventQueue.Offer.QUEUED, queue.offer(slow, false));
        for (int i = 0; i < 3; i++) {
            logged("order " + i + " failed");
        }
        health.captured.addAndGet(4);
        // The stored state known already: the first cycle fills its batch (not the provisional records of a start).
        tracker.loaded(java.util.Collections.emptyList());
        writer("shutdown.timeout", "1s").start();
        await("the writer in the argument's toString()", () -> entity.toStrings.get() > 0);
        assertEquals(0, queue.size(), "all four taken by the writer");
        writer.shutdown();
        assertEquals(1, health.dropped(Health.SHUTDOWN), "the one it was in: " + health.droppedByReason());
        assertEquals(3, health.spooled(), "the three it took with it");
        assertEquals(3, spooledOccurrences());
        entity.release.countDown();
        writer = null;
    }

    @Test
    void anExitThatFindsTheWriterInTheApplicationsToStringSpoolsWhatArrivedMeanwhileWithoutRunningItsCode() throws Exception {
        writer("shutdown.timeout", "1s").start();
        BlockingEntity entity = new BlockingEntity();
        CapturedEvent slow = new CapturedEvent("logback", Severity.ERROR, System.currentTimeMillis(), "shop", "main",
                "could not save {}", new Object[] {entity}, CapturedEvent.FORMAT_SLF4J, null, null, null, true);
        assertEquals(EventQueue.Offer.QUEUED, queue.offer(slow, false));
        await("the writer in the argument's toString()", () -> entity.toStrings.get() > 0);
        // Logged while the writer is held up: in the queue, with an argument of the same kind; the
        // second without a call site (its exception's frames say where), the third with a new code.
        for (int i = 0; i < 3; i++) {
            Map<String, String> mdc = i == 2 ? Map.of("error_code", "pool_closed") : null;
            CapturedEvent e = new CapturedEvent("logback", Severity.ERROR, System.currentTimeMillis(), "shop", "main",
                    "could not save {} (attempt " + i + ")", new Object[] {entity}, CapturedEvent.FORMAT_SLF4J,
                    new IllegalStateException("pool closed"), mdc, null, true);
            if (i != 1) {
                e.siteClass = "com.example.shop.Orders";
                e.siteMethod = "save";
                e.siteFile = "Orders.java";
                e.siteLine = 40 + i;
            }
            if (mdc != null) {
                e.codeDecision = tracker.decide(CodeFields.read(mdc, null), true);
            }
            assertEquals(EventQueue.Offer.QUEUED, queue.offer(e, false));
        }
        health.captured.addAndGet(4);
        writer.shutdown();
        assertEquals(1, health.dropped(Health.SHUTDOWN), "the one it held: " + health.droppedByReason());
        assertEquals(3, health.spooled(), "the three queued behind it");
        assertEquals(1, entity.toStrings.get(), "the exit ran none of the application's code");
        List<Document> spooled = new java.util.ArrayList<>();
        for (SpoolRecord r : LeftSpools.read(LeftSpools.in(spoolDir, null).get(0))) {
            if (r.collection.equals("app_errors")) {
                spooled.add(r.document());
            }
        }
        assertEquals(3, spooled.size(), spooled.toString());
        Document first = spooled.get(0);
        assertEquals("could not save {} (attempt 0)", first.getString("message"));
        assertEquals(Writer.HELD_UP_AT_EXIT, first.getString("capture_error"));
        assertEquals("java.lang.IllegalStateException", ((Document) first.get("exception")).getString("type"));
        assertEquals("com/example/shop/Orders.java", first.getString("file"), "the path as records give it");
        assertEquals("save", first.getString("function"));
        assertEquals(40, first.getInteger("line"));
        assertNotNull(spooled.get(1).get("line"), "the exception's frames say where: " + spooled.get(1).toJson());
        assertNotNull(spooled.get(1).get("file"), spooled.get(1).toJson());
        assertEquals("pool_closed", spooled.get(2).getString("error_code"));
        assertTrue(spooledCodeWrites().stream().anyMatch(w -> w.contains("\"upsert\": true") && w.contains("pool_closed")),
                "the code's episode opened too: " + spooledCodeWrites());
        entity.release.countDown();
        writer = null;
    }

    @Test
    void whenMoreArriveThanIsHeldForTheFirstAnswerTheRestIsDecidedFromMemoryAndSpooled() throws Exception {
        db.making = new CountDownLatch(1);
        writer("batch.size", "10").start();
        await("the client being made", () -> db.opening.get() == 1);
        for (int i = 0; i < 25; i++) {
            logged("order " + i + " failed");
        }
        // 10 held with their provisional record; a flush interval later the other 15 are decided
        // from memory and spooled too, though MongoDB has not answered.
        await("all 25 in the spool", () -> queue.size() == 0 && spooledOccurrences() == 25);
        db.making.countDown();
        await("25 stored and counted", () -> db.occurrences.size() == 25 && health.written() == 25 && health.spooled() == 0);
        assertEquals(25, db.occurrences.stream().map(d -> d.getString("message")).distinct().count(), "each once");
        assertEquals(0, health.droppedTotal());
    }

    @Test
    void whileMongoDbIsAwayTheGroupCountsGoToTheSpoolAndThisJvmWritesThemAsGroupWritesOnceItAnswers() throws Exception {
        db.answering = Boolean.FALSE;
        writer("storm.keep-per-window", "1", "storm.window", "1h").start();
        for (int i = 0; i < 5; i++) {
            logged("same failure"); // one stored (spooled), four only counted on the group, in memory
        }
        // On disk within a flush interval, where a kill -9 does not reach them.
        await("the count in the spool", () -> spooledCollections().contains("error_groups"));
        db.answering = Boolean.TRUE;
        await("stored and counted", () -> db.occurrences.size() == 1 && !db.groups.isEmpty()
                && ((Number) db.groups.values().iterator().next().get("count")).longValue() == 5);
        // Written as the group writes are (findOneAndUpdate, whose answer the alerts take), not
        // applied blind: a group a spooled count creates still sends its notice.
        assertTrue(db.countWrites.values().stream().mapToInt(java.util.concurrent.atomic.AtomicInteger::get).sum() >= 1, db.countWrites.toString());
        assertTrue(!db.appliedCollections.contains("error_groups"), "not applied as a spooled count: " + db.appliedCollections);
    }

    /**
     * A user's trial: kill -9 during an outage stored the coded occurrence (spooled) but lost its
     * episode, whose writes waited in memory until exit; a later clear was then "not active".
     */
    @Test
    void whileMongoDbIsAwayTheCodeWritesGoToTheSpoolWithinAFlushIntervalAndTheNextStartAppliesThem() throws Exception {
        db.answering = Boolean.FALSE;
        writer("shutdown.timeout", "1s").start();
        logged("disk full on volume 7", Map.of("error_code", "disk_full"));
        await("the episode's writes in the spool, before any exit", () -> spooledCollections().contains("error_codes"));
        writer.shutdown();

        nextStartReplays(1);

        assertTrue(db.appliedCollections.contains("error_codes"), db.appliedCollections.toString());
        assertTrue(db.codeWrites.stream().anyMatch(w -> w.toString().contains("disk_full")), db.codeWrites.toString());
        writer = null;
    }

    @Test
    void whileMongoDbIsAwayTheRepeatsOfACodeGoToTheSpoolWithinAFlushIntervalNotOnlyItsOpening() throws Exception {
        db.answering = Boolean.FALSE;
        writer("shutdown.timeout", "1s").start();
        Map<String, String> mdc = Map.of("error_code", "disk_full");
        logged("disk full on volume 7", mdc);
        for (int i = 0; i < 5; i++) {
            // Repeats, decided on the application thread as the gate does: counted, not queued.
            assertSame(ErrorCodeTracker.SUPPRESSED, tracker.decide(CodeFields.read(mdc, null), true));
        }
        // Before any exit: a kill -9 during the outage must find them on disk (a trial lost them all).
        await("the repeats' count in the spool", () -> spooledCodeWrites().stream().anyMatch(w -> w.contains("\"occurrences\": 5")));
        writer.shutdown();
        writer = null;
    }

    /** The error_codes writes in the spool, as JSON. */
    private List<String> spooledCodeWrites() {
        List<String> out = new java.util.ArrayList<>();
        for (java.nio.file.Path file : LeftSpools.in(spoolDir, null)) {
            try {
                for (SpoolRecord r : LeftSpools.read(file)) {
                    if (r.collection.equals("error_codes")) {
                        for (Object w : r.document().getList("writes", Object.class)) {
                            out.add(((Document) w).toJson());
                        }
                    }
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return out;
    }

    @Test
    void whileMongoDbIsAwayTheGroupCountsGoToTheSpoolWithinAFlushIntervalAndTheNextStartAppliesThem() throws Exception {
        db.answering = Boolean.FALSE;
        writer("storm.keep-per-window", "1", "storm.window", "1h", "shutdown.timeout", "1s").start();
        for (int i = 0; i < 5; i++) {
            logged("same failure");
        }
        await("the count in the spool", () -> spooledCollections().contains("error_groups"));
        writer.shutdown();

        nextStartReplays(1);

        assertEquals(5L, ((Number) db.groups.values().iterator().next().get("count")).longValue());
        writer = null;
    }

    @Test
    void anExitWithAFullSpoolStillLeavesItsLastReportWithTheDropsInTheSpool() throws Exception {
        db.answering = Boolean.FALSE;
        writer("spool.max-size", "4KB", "shutdown.timeout", "1s").start();
        for (int i = 0; i < 40; i++) {
            logged("order " + i + " failed with a message long enough to fill a small spool quickly");
        }
        await("taken out of the queue", () -> queue.size() == 0);
        writer.shutdown();
        long full = health.toDocument(0, 0).get("dropped", Document.class).getLong("spool_full");
        assertTrue(full > 0, "the spool was full");
        Document last = lastSpooled("agent_health");
        assertEquals(full, last.get("dropped", Document.class).getLong("spool_full"), last.toJson());
        assertEquals(40L, ((Number) last.get("spooled")).longValue() + full, "every error spooled or dropped: " + last.toJson());
        assertNotNull(last.get("ended_at"), "the exit's report says the JVM ended: " + last.toJson());
        writer = null;
    }

    /** Five errors of one group logged, and the writer started with MongoDB storing the first insert and losing its answer. */
    private void fiveErrorsWhoseFirstInsertsAnswerIsLost() {
        db.loseInsertAnswers.set(1);
        for (int i = 0; i < 5; i++) {
            logged("same failure");
        }
        writer().start();
    }

    @Test
    void anInsertStoredWhoseAnswerIsLostIsCountedInItsGroupOnceWhenItsReplayFindsItStored() throws Exception {
        fiveErrorsWhoseFirstInsertsAnswerIsLost();
        // The first insert is applied and its answer lost: the replay of the spool finds all 5 stored.
        await("5 stored, written and counted", () -> db.occurrences.size() == 5 && health.written() == 5 && health.spooled() == 0
                && !db.groups.isEmpty() && ((Number) db.groups.values().iterator().next().get("count")).longValue() == 5);
        assertEquals(5, db.occurrences.size(), "each stored once");
        writer.shutdown();
        assertEquals(5L, ((Number) db.groups.values().iterator().next().get("count")).longValue(), "counted once");
        writer = null;
    }

    @Test
    void anAnswerLostBeforeAKillIsCountedByTheReplayOfTheNextStart() throws Exception {
        fiveErrorsWhoseFirstInsertsAnswerIsLost();
        await("the insert tried and its answer lost", () -> db.occurrences.size() == 5 && spooledCollections().contains("answer_lost"));
        // As a kill -9 would leave it: nothing more of this JVM reaches MongoDB.
        db.answering = Boolean.FALSE;
        writer.shutdown();

        nextStartReplays(5);

        assertEquals(5, db.occurrences.size());
        assertEquals(5L, ((Number) db.groups.values().iterator().next().get("count")).longValue(), "counted once, by the replay");
        writer = null;
    }

    /**
     * The JVM counted the insert whose answer was lost when its own replay met the answer-lost
     * record, and a kill -9 left the records in its file (a record stays until everything after it
     * is stored): the next start meets them again and does not count them again (a user's trial,
     * a restart on a partly written file: 337 for 192).
     */
    @Test
    void anAnswerLostCountedByItsOwnReplayIsNotCountedAgainByTheNextStartThatMeetsItAgain() throws Exception {
        byte[][] copy = new byte[1][];
        fiveErrorsWhoseFirstInsertsAnswerIsLost();
        await("the records and the answer-lost record in the spool", () -> {
            for (java.nio.file.Path file : LeftSpools.in(spoolDir, null)) {
                try {
                    byte[] bytes = java.nio.file.Files.readAllBytes(file);
                    // Read from a copy: the writer may cut the file back meanwhile.
                    java.nio.file.Path read = java.nio.file.Files.write(java.nio.file.Files.createTempFile("spool-copy", ".fls"), bytes);
                    List<String> kinds;
                    try {
                        kinds = LeftSpools.read(read).stream().map(r -> r.collection).toList();
                    } finally {
                        java.nio.file.Files.delete(read);
                    }
                    if (kinds.contains("answer_lost") && kinds.stream().filter("app_errors"::equals).count() == 5) {
                        copy[0] = bytes;
                    }
                } catch (java.io.IOException e) {
                    // cut back meanwhile
                }
            }
            return copy[0] != null;
        });
        await("counted by its own replay", () -> health.spooled() == 0 && !db.groups.isEmpty()
                && ((Number) db.groups.values().iterator().next().get("count")).longValue() == 5);
        writer.shutdown();
        java.nio.file.Files.write(spoolDir.resolve("spool-1-1.fls"), copy[0]);

        Health next = nextStartReplays(0);

        assertEquals(5, db.occurrences.size());
        assertEquals(5L, ((Number) db.groups.values().iterator().next().get("count")).longValue(), "counted once");
        assertEquals(0, next.replayed(), "stored and counted by the first JVM");
        writer = null;
    }

    private long spooledOccurrences() {
        return spooledCollections().stream().filter("app_errors"::equals).count();
    }

    @Test
    void whileMongoDbAnswersNothingStaysInTheSpool() throws Exception {
        logged("order failed");
        writer().start();
        await("stored", () -> health.written() == 1);
        assertTrue(db.healthReports.stream().noneMatch(r -> r.containsKey("ended_at")), "running: no end");
        writer.shutdown();
        assertNotNull(db.healthReports.get(db.healthReports.size() - 1).get("ended_at"), "the exit's report says the JVM ended");
        assertEquals(0, health.spooled());
        assertTrue(LeftSpools.in(spoolDir, null).isEmpty());
        writer = null;
    }

    @Test
    void anExitWhileMongoDbDoesNotAnswerKeepsEverythingInTheSpoolAndTheNextStartStoresItOnce() throws Exception {
        db.answering = Boolean.FALSE;
        writer("shutdown.timeout", "1s").start();
        for (int i = 0; i < 3; i++) {
            logged("payment " + i + " failed");
        }
        writer.shutdown();
        assertEquals(3, health.spooled(), health.toDocument(queue.size(), 0).toJson());
        assertEquals(0, health.droppedTotal());
        List<String> spooled = spooledCollections();
        assertEquals(3, spooled.stream().filter("app_errors"::equals).count(), spooled.toString());
        assertEquals("agent_health", spooled.get(spooled.size() - 1), "the last report, for the next start to write");
        String firstRun = health.id();

        Health next = nextStartReplays(3);

        assertEquals(3, db.occurrences.size());
        assertEquals(0, next.written(), "another run's errors are counted as replayed, not written");
        assertTrue(db.healthReports.stream().anyMatch(h -> h.get("_id").equals(firstRun) && h.getLong("spooled") == 3),
                "the first run's last report, written by the next start");
        assertEquals(3, groupCount(), "counted once in their group");
        writer = null;
    }

    @Test
    void aReplayOfRecordsAlreadyStoredAddsNothingToTheirGroup() throws Exception {
        db.answering = Boolean.FALSE;
        writer("shutdown.timeout", "1s").start();
        logged("payment failed");
        logged("payment failed");
        writer.shutdown();
        for (SpoolRecord r : LeftSpools.read(LeftSpools.in(spoolDir, null).get(0))) {
            if (r.collection.equals("app_errors")) {
                db.occurrences.add(r.document()); // stored by an attempt whose answer was lost
            }
        }

        Health next = nextStartReplays(0);

        assertEquals(0, next.replayed(), "found stored, not stored by this replay");
        assertEquals(2, db.occurrences.size(), "stored once");
        assertEquals(0, groupCount(), "duplicates are not counted in their group again");
        writer = null;
    }

    /** A user's trial in -Xmx32m: the writer's thread died making the record's parts, and nothing was stored or reported after. */
    @Test
    void runningOutOfHeapWhileMakingTheRecordsPartsIsTriedAgain() throws Exception {
        partsOutOfMemory.set(2);
        writer().start();
        logged("order failed");
        await("stored once the parts are made", () -> db.occurrences.size() == 1 && health.written() == 1);
        assertEquals(0, health.droppedTotal());
    }

    /**
     * Records of 8 KiB messages in a batch bounded to 64 KiB (a quarter of queue.max-bytes): the
     * events taken beyond it wait for the next batch, none lost, none in a batch over its bytes.
     */
    @Test
    void eventsBeyondABatchsBytesGoIntoTheNextBatch() throws Exception {
        writer("queue.max-bytes", "256KB", "batch.size", "100").start();
        String body = "x".repeat(8000);
        for (int i = 0; i < 10; i++) {
            logged("order " + spelt(i) + " failed: " + body);
        }
        await("10 stored", () -> db.occurrences.size() == 10 && health.written() == 10);
        assertEquals(0, health.droppedTotal());
        // A batch: 3 records at most (8000 characters at up to 3 bytes each); read back from the
        // spool (the writer converted faster than the fake stored): 64 KiB of records at most.
        List<Integer> chars = db.batches.stream().map(b -> b.stream().mapToInt(d -> d.getString("message").length()).sum())
                .collect(java.util.stream.Collectors.toList());
        assertTrue(chars.stream().allMatch(c -> c <= 64 * 1024), "characters of messages per insert: " + chars);
    }

    /**
     * A user's trial in a 20 MiB heap: the writer's thread died of an OutOfMemoryError (its own
     * "cycle failed" line ran out of memory too), and nothing more was stored or counted for the
     * rest of the run. A batch the JVM fails to insert is counted, and the writer goes on.
     */
    @Test
    void anOutOfMemoryErrorInAnInsertIsCountedAndTheWriterGoesOn() throws Exception {
        java.nio.file.Path notADirectory = java.nio.file.Files.createFile(spoolDir.resolve("file"));
        db.insertError = new OutOfMemoryError("fake: Java heap space");
        writer("spool.dir", notADirectory.resolve("spool").toString()).start();
        logged("order failed");
        await("counted", () -> health.dropped(Health.OUT_OF_MEMORY) == 1);
        logged("refund failed");
        await("the next one stored", () -> db.occurrences.size() == 1 && health.written() == 1);
        assertEquals("refund failed", db.occurrences.get(0).getString("message"));
        assertEquals(1, health.droppedTotal(), "the one the JVM failed to insert, not written, not spooled: " + health.droppedByReason());
    }

    @Test
    void aSpoolThatCannotBeWrittenDropsWhatMongoDbDoesNotTakeAndCountsIt() throws Exception {
        java.nio.file.Path notADirectory = java.nio.file.Files.createFile(spoolDir.resolve("file"));
        db.answering = Boolean.FALSE;
        writer("spool.dir", notADirectory.resolve("spool").toString()).start();
        logged("order failed");
        await("counted", () -> health.dropped(dev.faultline.store.spool.OwnSpool.UNWRITABLE) == 1);
        assertEquals(0, health.spooled());
    }

    @Test
    void aSpoolThatCannotBeWrittenDoesNotStopWritingWhileMongoDbAnswers() throws Exception {
        java.nio.file.Path notADirectory = java.nio.file.Files.createFile(spoolDir.resolve("file"));
        writer("spool.dir", notADirectory.resolve("spool").toString()).start();
        logged("order failed");
        await("stored", () -> health.written() == 1);
        assertEquals(0, health.droppedTotal());
    }

    @Test
    void aSpoolThatCannotBeWrittenKeepsWhatArrivesWhileACallIsUnansweredAndSendsItAfter() throws Exception {
        java.nio.file.Path notADirectory = java.nio.file.Files.createFile(spoolDir.resolve("file"));
        db.hangHealth = new CountDownLatch(1);
        writer("spool.dir", notADirectory.resolve("spool").toString()).start();
        await("the first health report waits for an answer", () -> db.hanging.get() == 1);
        for (int i = 0; i < 5; i++) {
            logged("order " + i + " failed");
        }
        await("converted while the writer waits", () -> queue.size() == 0);
        db.hangHealth.countDown();
        await("stored after the call", () -> health.written() == 5);
        assertEquals(0, health.droppedTotal(), "kept in memory, not dropped, when the spool cannot take them");
    }

    @Test
    void aFullSpoolDropsTheRestAndCountsIt() throws Exception {
        db.answering = Boolean.FALSE;
        writer("spool.max-size", "2KB").start();
        for (int i = 0; i < 20; i++) {
            logged("order " + i + " failed");
        }
        await("all accounted for", () -> health.spooled() + health.dropped(dev.faultline.store.spool.OwnSpool.FULL) == 20);
        assertTrue(health.spooled() > 0 && health.dropped(dev.faultline.store.spool.OwnSpool.FULL) > 0,
                health.spooled() + " spooled");
    }

    /** The group documents as the fake keeps them, the one with the largest count. */
    private Document biggestGroup() {
        return db.groups.values().stream().max(java.util.Comparator.comparingLong(g -> g.getLong("count"))).orElseThrow();
    }

    /** A writer keeping {@code keep} a window logs one error {@code n} times and exits. */
    private void stormThenExit(int keep, int n) throws InterruptedException {
        writer("storm.keep-per-window", String.valueOf(keep), "storm.window", "1h", "shutdown.timeout", "1s").start();
        for (int i = 0; i < n; i++) {
            logged("same failure");
        }
        // The keep stored (or, MongoDB away, spooled) before the exit: on a busy machine the client
        // may take longer than the 1 s exit, which other tests cover.
        await("the keep handled", () -> (Boolean.FALSE.equals(db.answering) ? health.spooled() : health.written()) == keep);
        writer.shutdown();
    }

    @Test
    void anExitDuringAnOutageSpoolsTheGroupCountOfAStormAndTheNextStartMakesItExact() throws Exception {
        db.answering = Boolean.FALSE;
        stormThenExit(5, 50);
        List<String> spooled = spooledCollections();
        assertEquals(5, spooled.stream().filter("app_errors"::equals).count(), "the keep in full: " + spooled);
        assertEquals(1, spooled.stream().filter("error_groups"::equals).count(), "the group's count, a record of its own: " + spooled);
        assertEquals(45, health.sampled.get());
        assertEquals(0, health.droppedTotal());

        nextStartReplays(5);

        assertEquals(50L, biggestGroup().getLong("count"), "the 5 stored and the 45 only counted: " + biggestGroup().toJson());
        assertEquals(5L, biggestGroup().getLong("stored_count"));
        writer = null;
    }

    @Test
    void aSpooledGroupCountReplayedTwiceIsCountedOnce() throws Exception {
        db.answering = Boolean.FALSE;
        stormThenExit(1, 10);
        java.nio.file.Path file = LeftSpools.in(spoolDir, null).get(0);
        byte[] copy = java.nio.file.Files.readAllBytes(file);
        nextStartReplays(1);
        assertEquals(10L, biggestGroup().getLong("count"));
        long applied = db.appliedCollections.size();

        // The same file again, as when a replay's answer was lost or two JVMs raced for it: its
        // occurrence is found stored, not stored (nor counted as replayed) again.
        java.nio.file.Files.write(file, copy);
        nextStartReplays(0);

        assertEquals(10L, biggestGroup().getLong("count"), "applied once: " + biggestGroup().toJson());
        assertEquals(applied, db.appliedCollections.size(), "nothing applied the second time");
        writer = null;
    }

    @Test
    void whileMongoDbDoesNotAnswerErrorCodeWritesWaitInTheSpoolAndAreAppliedOnceAfterTheOccurrences() throws Exception {
        db.answering = Boolean.FALSE;
        writer("shutdown.timeout", "1s").start();
        logged("payment failed", Map.of("error_code", "PAY-1"));
        writer.shutdown();
        List<String> spooled = spooledCollections();
        assertTrue(spooled.indexOf("error_codes") > spooled.indexOf("app_errors"), "after the occurrence: " + spooled);

        nextStartReplays(1);

        assertEquals(List.of("error_codes"), db.appliedCollections.stream().filter("error_codes"::equals).toList(),
                "the episode's opening, applied once");
        writer = null;
    }

    @Test
    void aRefusedGroupUpdateCountsItsOnlyCountedOccurrencesAsDroppedNotAsSampled() throws Exception {
        db.refuseGroups = true;
        stormThenExit(5, 50);
        Document last = db.healthReports.get(db.healthReports.size() - 1);
        assertEquals(5L, last.getLong("written"), last.toJson());
        assertEquals(0L, last.getLong("sampled"), "not counted in a group after all: " + last.toJson());
        assertEquals(45L, last.get("dropped", Document.class).getLong("group_rejected"), last.toJson());
        assertEquals(5L, last.getLong("group_counts_lost"), "stored, but missing from the count: " + last.toJson());
        assertEquals(50L, last.getLong("written") + last.getLong("spooled") + last.getLong("dropped_total")
                + last.getLong("sampled"), "every captured event accounted for once: " + last.toJson());
    }

    @Test
    void anAcceptedGroupUpdateLeavesTheStormsOnlyCountedOccurrencesSampledAndNothingLost() throws Exception {
        stormThenExit(5, 50);
        Document last = db.healthReports.get(db.healthReports.size() - 1);
        assertEquals(45L, last.getLong("sampled"), last.toJson());
        assertEquals(0L, last.getLong("dropped_total"), last.toJson());
        assertEquals(0L, last.getLong("group_counts_lost"), last.toJson());
    }

    @Test
    void whileMongoDbStaysAwayTheGroupCountsWaitingInMemoryAreSpooledAtTheirBoundAndCountedOnceLater() throws Exception {
        db.answering = Boolean.FALSE;
        writer("storm.keep-per-window", "1", "storm.window", "1h", "shutdown.timeout", "1s").start();
        int groups = GroupWriter.MAX_PENDING + 10;
        for (int i = 0; i < groups; i++) {
            logged("order " + spelt(i) + " failed");
            logged("order " + spelt(i) + " failed"); // beyond the keep of 1: only counted, in memory
        }
        await("the counts spooled at the bound, before any exit", () -> {
            try {
                return spooledCollections().stream().filter("error_groups"::equals).count() >= GroupWriter.MAX_PENDING;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        writer.shutdown();

        nextStartReplays(groups);

        assertEquals(groups, db.groups.size());
        assertTrue(db.groups.values().stream().allMatch(g -> g.getLong("count") == 2L), "each group: its stored one and its counted one");
        writer = null;
    }

    /** The next start of the service, MongoDB answering again: waits until it replayed {@code n} and removed the spool. */
    @Test
    void whileMongoDbStaysAwayTheErrorCodesWritesWaitingInMemoryAreSpooledAtTheirBoundAndAppliedOnceLater() throws Exception {
        db.answering = Boolean.FALSE;
        writer("shutdown.timeout", "1s").start();
        int codes = Writer.MAX_CODE_WRITES + 10;
        for (int i = 0; i < codes; i++) {
            logged("disk full on volume " + i, Map.of("error_code", "disk_full_" + i));
        }
        // Every error and the code writes spooled before any exit (on a busy machine the 1 s exit
        // may not convert a thousand errors, which ShutdownDeadlineTest covers).
        await("the errors and code writes spooled at the bound, before any exit",
                () -> health.spooled() == codes && spooledCollections().contains("error_codes"), 90);
        writer.shutdown();

        nextStartReplays(codes);

        long opened = db.codeWrites.stream().filter(w -> w.toString().contains("upsert=true")).count();
        assertEquals(codes, opened, "each code's episode opened once");
        writer = null;
    }

    /**
     * A new user's trial: thousands of distinct errors (each a new group: one findOneAndUpdate
     * each) with MongoDB up and a few milliseconds away kept the writer in one cycle's group
     * writes, each answered within a slice, so nothing was spooled meanwhile and the queue filled
     * (queue_full drops while MongoDB answered). The waits of a cycle's calls now add up.
     */
    @Test
    void manyShortGroupWritesInARowSpoolWhatArrivesMeanwhileAndTheQueueDoesNotFill() throws Exception {
        EventQueue small = new EventQueue(1000, Long.MAX_VALUE);
        db.groupMillis = 5;
        writer = new Writer(Config.fromMap(Map.of("service", "shop", "flush.interval", "20ms", "spool.dir", spoolDir.toString())),
                small, health, tracker, parts(), db);
        writer.start();
        // About 1000 new groups a second, each written in 5 ms (within a 20 ms slice of the wait);
        // the queue holds a second of them.
        for (int i = 0; i < 3000; i += 10) {
            offerDistinct(small, i, 10);
            java.util.concurrent.locks.LockSupport.parkNanos(java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(10));
        }
        db.groupMillis = 0;
        await("all written", () -> health.written() == 3000, 90);
        assertEquals(0, health.droppedTotal());
        writer.shutdown();
        writer = null;
    }

    /** {@code i} in letters: a message whose words differ only in digits is one group (grouping_version 2). */
    private static String spelt(int i) {
        StringBuilder b = new StringBuilder();
        for (char c : Integer.toString(i).toCharArray()) {
            b.append((char) ('a' + c - '0'));
        }
        return b.toString();
    }

    private void offerDistinct(EventQueue queue, int from, int n) {
        for (int i = from; i < from + n; i++) {
            CapturedEvent e = new CapturedEvent("logback", Severity.ERROR, System.currentTimeMillis(), "shop", "main",
                    "distinct failure " + spelt(i), null, CapturedEvent.FORMAT_NONE, null, null, null, true);
            e.siteClass = "com.example.shop.Orders";
            e.siteMethod = "place";
            health.captured.incrementAndGet();
            assertEquals(EventQueue.Offer.QUEUED, queue.offer(e, false), "offer " + i);
        }
    }

    private Health nextStartReplays(long n) throws Exception {
        db.answering = Boolean.TRUE;
        Health next = new Health();
        List<java.nio.file.Path> left = LeftSpools.in(spoolDir, null);
        Writer second = new Writer(Config.fromMap(Map.of("service", "shop", "flush.interval", "20ms", "spool.dir", spoolDir.toString())),
                new EventQueue(10, Long.MAX_VALUE), next, new ErrorCodeTracker(Clock.SYSTEM, 3_600_000L), parts(), db);
        second.start();
        // Each spooled count is one call to MongoDB: a thousand take seconds on a busy machine.
        // The files left before it started: its own spool may exist beside them while it runs.
        await("replayed", () -> next.replayed() == n && left.stream().noneMatch(java.nio.file.Files::exists), 90,
                () -> "replayed " + next.replayed() + " of " + n + ", left " + left.stream().filter(java.nio.file.Files::exists).count()
                        + " health " + next.droppedByReason() + " first's: spooled " + health.spooled() + " dropped " + health.droppedByReason()
                        + " captured " + health.captured());
        second.shutdown();
        return next;
    }

    /** The sum of the {@code count} increments sent to error_groups. */
    private long groupCount() {
        return db.groupWrites.stream().map(Object::toString).filter(w -> w.contains("upsert=true"))
                .mapToLong(w -> {
                    java.util.regex.Matcher m = java.util.regex.Pattern.compile("fieldName='count', operator='\\$inc', value=(\\d+)").matcher(w);
                    return m.find() ? Long.parseLong(m.group(1)) : 0;
                }).sum();
    }
}
