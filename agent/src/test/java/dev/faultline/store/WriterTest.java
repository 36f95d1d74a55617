package dev.faultline.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.bootstrap.CapturedEvent;
import dev.faultline.bootstrap.Severity;
import dev.faultline.capture.Identity;
import dev.faultline.capture.RecordFactory;
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
        final CodeUpdates codes = new CodeUpdates(tracker, IDENTITY, new Notifier("", IDENTITY));
        final Pipeline pipeline = new Pipeline(new RecordFactory(config, IDENTITY), tracker, codes);
        writer = new Writer(config, queue, health, tracker, new Writer.Parts() {
            @Override
            public void start() {
            }

            @Override
            public Pipeline pipeline() {
                return pipeline;
            }

            @Override
            public CodeUpdates codes() {
                return codes;
            }

            @Override
            public void describe(Document doc) {
                IDENTITY.appendTo(doc);
            }

            @Override
            public void awaitNotices(long deadline) {
            }
        }, db);
        return writer;
    }

    /** The collections of the records in the spool directory's files, in order. */
    private List<String> spooledCollections() throws Exception {
        List<String> out = new java.util.ArrayList<>();
        for (java.nio.file.Path file : LeftSpools.in(spoolDir, null)) {
            for (SpoolRecord r : LeftSpools.read(file)) {
                out.add(r.collection);
            }
        }
        return out;
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
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "not within 20 s: " + what);
            Thread.sleep(5); // polling, bounded by the deadline
        }
    }

    @Test
    void writesWhatIsQueuedInBatchesOfAtMostBatchSize() throws Exception {
        for (int i = 0; i < 35; i++) {
            logged("order " + i + " failed");
        }
        writer("batch.size", "10").start();
        await("35 stored", () -> db.occurrences.size() == 35);
        assertTrue(db.batches.stream().allMatch(b -> b.size() <= 10), "batches of at most 10");
        assertEquals(35, health.written());
        assertEquals(0, health.droppedTotal());
    }

    @Test
    void retriesWithBackoffWhileMongoDbIsAwayAndLosesNothing() throws Exception {
        db.failures.set(2);
        for (int i = 0; i < 5; i++) {
            logged("order " + i + " failed");
        }
        writer().start();
        await("5 stored after MongoDB came back", () -> db.occurrences.size() == 5);
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
        assertEquals(3, db.groupWrites.size(), "one fingerprint: one coalesced group update (3 writes), not 20");
    }

    @Test
    void shutdownGivesUpAtItsDeadlineWhenMongoDbNeverAnswersAndTheBatchSentIsInTheSpool() throws Exception {
        db.hang = new CountDownLatch(1);
        for (int i = 0; i < 4; i++) {
            logged("order " + i + " failed");
        }
        writer("shutdown.timeout", "300ms").start();
        await("the insert is under way", () -> queue.size() == 0 && health.spooled() == 4);
        assertTimeoutPreemptively(Duration.ofSeconds(20), writer::shutdown);
        assertEquals(0, health.droppedTotal(), "nothing lost: the batch was spooled before it was sent");
        assertEquals(4, health.spooled());
        assertEquals(List.of("app_errors", "app_errors", "app_errors", "app_errors", "agent_health"), spooledCollections(),
                "the batch, then the last health report, for the next start to write");
        writer = null;
    }

    @Test
    void shutdownCutShortByItsDeadlineSpoolsWhatWasNotWrittenAndReportsIt() throws Exception {
        db.insertMillis = 50;
        for (int i = 0; i < 40; i++) {
            logged("order " + i + " failed");
        }
        writer("shutdown.timeout", "300ms", "batch.size", "2").start();
        writer.shutdown();
        Document last = db.healthReports.get(db.healthReports.size() - 1);
        long written = last.getLong("written");
        assertTrue(written > 0 && written < 40, written + " written");
        assertEquals(40L, written + last.getLong("spooled"), last.toJson());
        assertEquals(0L, last.getLong("dropped_total"), last.toJson());
        assertEquals(db.occurrences.size(), (int) written);
        assertEquals(0, last.getInteger("queue_depth"), "what is spooled is not also counted as waiting");
        assertEquals(40 - written, spooledCollections().stream().filter("app_errors"::equals).count());
        writer = null;
    }

    @Test
    void aShutdownWithNothingLeftCountsNoLoss() throws Exception {
        logged("order failed");
        writer("shutdown.timeout", "300ms").start();
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
}
