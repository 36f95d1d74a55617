package dev.faultline.codes;

import static com.mongodb.client.model.Filters.eq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.WriteModel;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.faultline.capture.Identity;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Code writes made without MongoDB's answer (spooled during an outage, or sent at exit), replayed
 * against the in-process MongoDB server over the wire. A clear from a JVM of the source that
 * never reached MongoDB (a short job during an outage) ends the source's active episode of the
 * code by its open key (before, it was an ordinary event and the episode stayed active);
 * re-alerts several JVMs made in one window during an outage are one alert.
 */
class UnansweredCodeWritesTest {
    private static final long HOUR = 3_600_000L;
    private MongoServer server;
    private MongoClient client;
    private MongoCollection<Document> codes;
    private CodeStore store;
    private final ErrorCodeTrackerTest.ManualClock clock = new ErrorCodeTrackerTest.ManualClock();

    /** One JVM of the source "witness" on box7. */
    private final class Jvm {
        final ErrorCodeTracker tracker = new ErrorCodeTracker(clock, HOUR);
        final Notifier notifier = new Notifier(null, identity());
        final CodeUpdates updates = new CodeUpdates(tracker, identity(), notifier);

        void event(String code) {
            Object d = tracker.decide(new CodeFields(code, null, null, true), true);
            if (d instanceof Decision) {
                updates.handle((Decision) tracker.resolve((Decision) d), "invalid response");
            }
        }

        /** A clear as the writer settles it; false when it was an ordinary event. */
        boolean clear(String code) {
            Object d = tracker.decide(new CodeFields(null, code, null, true), true);
            Object settled = d instanceof Decision ? tracker.resolve((Decision) d) : null;
            if (settled instanceof Decision) {
                updates.handle((Decision) settled, "answers again");
                return true;
            }
            return false;
        }

        /** What the exit or an outage does with the writes: the spool, replayed later as written. */
        void spoolAndReplay() {
            store.writeCodes(updates.take());
        }
    }

    private static Identity identity() {
        return new Identity("witness", "prod", "1.0", "srv-1", "node-a", "box7", "box7.internal", 42);
    }

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort());
        codes = client.getDatabase("codes").getCollection("error_codes");
        FindOneAndUpdateOptions after = new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER);
        store = new CodeStore() {
            @Override
            public void writeCodes(List<WriteModel<Document>> writes) {
                if (!writes.isEmpty()) {
                    codes.bulkWrite(writes);
                }
            }

            @Override
            public Document openEpisode(String openKey, Bson update) {
                return codes.findOneAndUpdate(CodeUpdates.keyFilter(openKey), update, after.upsert(true));
            }

            @Override
            public Document updateCode(Bson filter, Bson update) {
                return codes.findOneAndUpdate(filter, update, new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
            }
        };
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    /** A worker with MongoDB up opened the code an hour and a minute ago. */
    private Document openedByAWorker() {
        Jvm worker = new Jvm();
        worker.tracker.loaded(List.of());
        worker.event("api_down");
        worker.updates.send(store);
        clock.now += HOUR + 60_000;
        return codes.find().first();
    }

    @Test
    void aJobThatNeverReachedMongoDbEndsTheEpisodeByKeyWhenItsSpoolIsReplayedWithoutANotice() {
        Document opened = openedByAWorker();
        Jvm job = new Jvm();
        job.tracker.loadedWithoutStored();
        assertTrue(job.clear("api_down"), "a clear by key");
        assertFalse(job.clear("api_down"), "once per code while the stored episodes are not known");
        job.spoolAndReplay();
        Document stored = codes.find(eq("_id", opened.get("_id"))).first();
        assertEquals(false, stored.get("active"));
        assertNull(stored.get(CodeUpdates.OPEN_KEY), "the key free for the next episode");
        assertEquals(new Date(clock.now), stored.get("cleared_at"));
        assertEquals("Error code api_down cleared (by a run that could not reach MongoDB: the episode's start was not known to it)",
                stored.get("clear_message"));
        assertEquals(0, job.notifier.sent.get(), "whether it was active is known only at the replay");
    }

    @Test
    void reAlertsSeveralJvmsMadeInOneWindowDuringAnOutageAreOneAlertWithEveryOccurrenceCounted() {
        Document opened = openedByAWorker();
        Jvm first = new Jvm();
        Jvm second = new Jvm();
        for (Jvm jvm : List.of(first, second)) {
            jvm.tracker.loaded(List.of(EpisodeDocuments.fromDocument(opened, clock)));
            jvm.event("api_down");
            clock.now += 1000;
        }
        // Replayed later, the second JVM's spool first.
        second.spoolAndReplay();
        first.spoolAndReplay();
        Document stored = codes.find(eq("_id", opened.get("_id"))).first();
        assertEquals(2L, ((Number) stored.get("alerts")).longValue(), "the opening's alert and one re-alert");
        assertEquals(3L, ((Number) stored.get("occurrences")).longValue(), "the opening and both re-alerts' events");
        assertEquals(new Date(clock.now - 1000), stored.get("last_log_time"), "the re-alert applied is the one replayed first");
        assertEquals(2, first.notifier.sent.get() + second.notifier.sent.get(),
                "each sent its notice at the time (MongoDB could not say who alerted first)");
    }

    @Test
    void sentWithMongoDbBackItsClearMessageAndNoticeAreAnyClears() {
        openedByAWorker();
        Jvm job = new Jvm();
        job.tracker.loadedWithoutStored();
        assertTrue(job.clear("api_down"));
        job.updates.send(store);
        Document stored = codes.find().first();
        assertEquals(false, stored.get("active"));
        assertEquals("Error code api_down cleared after 0d 01h 01m 00s original: invalid response", stored.get("clear_message"));
        assertEquals(1, job.notifier.sent.get(), "MongoDB said it ended an active episode");
        Jvm again = new Jvm();
        again.tracker.loadedWithoutStored();
        assertTrue(again.clear("api_down"));
        again.updates.send(store);
        assertEquals(0, again.notifier.sent.get(), "nothing active to clear: no second notice");
    }

    @Test
    void anEpisodeOpenedAfterTheClearIsNotEndedByIt() {
        Jvm job = new Jvm();
        job.tracker.loadedWithoutStored();
        assertTrue(job.clear("api_down"));
        clock.now += 60_000;
        Document opened = openedByAWorker();
        job.spoolAndReplay();
        assertEquals(true, codes.find(eq("_id", opened.get("_id"))).first().get("active"), "opened after the clear");
    }

    @Test
    void onceTheStoredEpisodesAreReadAClearOfAnUnknownCodeIsAnOrdinaryEvent() {
        Jvm job = new Jvm();
        job.tracker.loadedWithoutStored();
        assertTrue(job.clear("api_down"));
        job.tracker.loaded(List.of());
        assertFalse(job.clear("api_down"));
        assertFalse(job.clear("other"));
        Jvm known = new Jvm();
        known.tracker.loadedWithoutStored();
        known.event("db_down");
        assertTrue(known.clear("db_down"), "a code known here is cleared as ever");
        assertFalse(known.clear("db_down"), "and needs no clear by key after");
        assertSame(null, known.tracker.get("db_down"));
    }
}
