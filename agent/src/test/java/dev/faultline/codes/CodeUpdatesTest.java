package dev.faultline.codes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.WriteModel;
import dev.faultline.capture.Identity;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.BsonDocument;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Episodes shared by the JVMs of one source (ERROR_CODES.md, "Several JVMs of one source"): what
 * {@link CodeUpdates} writes and which notices it sends, by MongoDB's answers. The store here
 * keeps the active episodes by open key as MongoDB's unique index does; another JVM's doing is
 * put into it by hand.
 */
class CodeUpdatesTest {
    private static final long HOUR = 3_600_000L;

    /** The active episodes by open key, and every call as text. */
    static final class Store implements CodeStore {
        final Map<String, Document> active = new HashMap<>();
        final List<String> calls = new ArrayList<>();
        boolean updatesMatch = true;
        /** The episode's {@code alerts} after an update, as MongoDB answers it. */
        long alertsAfter = 1;
        RuntimeException failNext;

        @Override
        public void writeCodes(List<WriteModel<Document>> writes) {
            fail();
            for (WriteModel<Document> w : writes) {
                UpdateOneModel<Document> u = (UpdateOneModel<Document>) w;
                calls.add("bulk " + json(u.getFilter()) + " " + json(u.getUpdate()));
            }
        }

        @Override
        public Document openEpisode(String key, Bson update) {
            fail();
            calls.add("open " + key);
            return active.computeIfAbsent(key, k -> (Document) Document.parse(json(update)).get("$setOnInsert"));
        }

        @Override
        public Document updateCode(Bson filter, Bson update) {
            fail();
            calls.add("update " + json(filter) + " " + json(update));
            return updatesMatch ? new Document("alerts", alertsAfter) : null;
        }

        private void fail() {
            RuntimeException e = failNext;
            failNext = null;
            if (e != null) {
                throw e;
            }
        }

        static String json(Bson b) {
            return b.toBsonDocument(BsonDocument.class, com.mongodb.MongoClientSettings.getDefaultCodecRegistry()).toJson();
        }
    }

    private final ErrorCodeTrackerTest.ManualClock clock = new ErrorCodeTrackerTest.ManualClock();
    private final ErrorCodeTracker tracker = new ErrorCodeTracker(clock, HOUR);
    private final Notifier notifier = new Notifier(null, identity());
    private final CodeUpdates updates = new CodeUpdates(tracker, identity(), notifier);
    private final Store store = new Store();

    private static Identity identity() {
        return new Identity("witness", "prod", "1.0", "srv-1", "node-a", "box7", "box7.internal", 42);
    }

    @BeforeEach
    void loaded() {
        tracker.loaded(List.of());
    }

    /** One event with {@code code}, as the writer handles it. */
    private void event(String code) {
        Object d = tracker.decide(new CodeFields(code, null, null, true), true);
        if (d instanceof Decision) {
            updates.handle((Decision) tracker.resolve((Decision) d), "invalid response");
        }
    }

    private void clear(String code) {
        Object d = tracker.decide(new CodeFields(null, code, null, true), true);
        updates.handle((Decision) d, "answers again");
    }

    /** Another JVM of the source opened {@code code} {@code agoMillis} before now, alerting then. */
    private void openedElsewhere(String code, String id, long agoMillis) {
        Date at = new Date(clock.now - agoMillis);
        store.active.put(updates.openKey(code), new Document("_id", id).append("code", code).append("message", "first elsewhere")
                .append("start_time", at).append("last_log_time", at).append("created_at", at).append("alerts", 3L).append("active", true));
    }

    private long notices() {
        return notifier.sent.get();
    }

    @Test
    void theFirstJvmToOpenACodeSendsTheNoticeAndItsIdIsTheEpisodes() {
        event("api_down");
        assertEquals(0, notices(), "the notice waits for MongoDB's answer");
        updates.send(store);
        assertEquals(1, notices());
        assertEquals("open " + updates.openKey("api_down"), store.calls.get(0));
        Document stored = store.active.get(updates.openKey("api_down"));
        assertEquals(tracker.get("api_down").id(), stored.get("_id"));
        assertEquals(true, stored.get("active"));
        assertEquals("invalid response", stored.get("message"));
    }

    @Test
    void aJvmThatFindsTheEpisodeOpenInsideItsWindowContinuesItSilently() {
        openedElsewhere("api_down", "theirs", 60_000);
        event("api_down");
        event("api_down");
        updates.send(store);
        assertEquals(0, notices(), store.calls.toString());
        Episode e = tracker.get("api_down");
        assertEquals("theirs", e.id());
        assertEquals("first elsewhere", e.message());
        assertEquals(clock.now - 60_000, e.lastAlert(), "the window goes on from their alert");
        updates.collectSuppressed();
        updates.send(store);
        assertTrue(store.calls.get(store.calls.size() - 1).startsWith("bulk {\"_id\": \"theirs\"}"), store.calls.toString());
        assertTrue(store.calls.get(store.calls.size() - 1).contains("\"occurrences\": 1"), "the repeat counted on theirs: " + store.calls);
    }

    @Test
    void aJvmThatFindsTheEpisodeOpenPastItsWindowReAlertsIt() {
        openedElsewhere("api_down", "theirs", 2 * HOUR);
        store.alertsAfter = 4;
        event("api_down");
        updates.send(store);
        assertEquals(1, notices());
        String reAlert = store.calls.get(1);
        assertTrue(reAlert.startsWith("update {\"$and\": [{\"_id\": \"theirs\"}, {\"$or\": [{\"last_log_time\": {\"$lt\""), reAlert);
        assertTrue(reAlert.contains("\"alerts\": 1") && reAlert.contains("\"occurrences\": 0"), "the opening counted the occurrence: " + reAlert);
        assertEquals(4, tracker.get("api_down").alerts, "numbered as MongoDB counts the source's alerts");
    }

    @Test
    void aReAlertIsNumberedAsStoredWhereOtherJvmsOfTheSourceAlertedToo() {
        event("api_down");
        updates.send(store);
        clock.now += 2 * HOUR;
        event("api_down");
        store.alertsAfter = 6;
        updates.send(store);
        assertEquals(2, notices());
        assertEquals(6, tracker.get("api_down").alerts, "not this JVM's second");
    }

    @Test
    void aReAlertAnotherJvmMadeFirstSendsNoNoticeAndCountsARepeat() {
        event("api_down");
        updates.send(store);
        clock.now += 2 * HOUR;
        event("api_down");
        store.updatesMatch = false;
        updates.send(store);
        assertEquals(1, notices(), "only the opening's");
        assertEquals(1, tracker.get("api_down").alerts);
        updates.collectSuppressed();
        store.updatesMatch = true;
        updates.send(store);
        assertTrue(store.calls.get(store.calls.size() - 1).contains("\"occurrences\": 1"), store.calls.toString());
    }

    @Test
    void aClearAnotherJvmMadeFirstSendsNoSecondNotice() {
        event("api_down");
        updates.send(store);
        clear("api_down");
        store.updatesMatch = false;
        updates.send(store);
        assertEquals(1, notices());
        String clear = store.calls.get(store.calls.size() - 1);
        assertTrue(clear.contains("\"active\": true") && clear.contains("\"$unset\": {\"open_key\": \"\"}"), clear);
    }

    @Test
    void anOpeningWhoseAnswerIsLostSendsItsNoticeOnceAndIsSentAgain() {
        event("api_down");
        store.failNext = new IllegalStateException("timed out");
        assertThrows(IllegalStateException.class, () -> updates.send(store));
        assertEquals(1, notices(), "the answer cannot be known: notified all the same");
        assertEquals(1, updates.size(), "kept");
        updates.send(store);
        assertEquals(1, notices());
        assertEquals(0, updates.size());
        assertTrue(tracker.get("api_down").confirmed);
    }

    @Test
    void writesSpooledBeforeMongoDbGaveAnIdGoByTheSourcesKeyAndNotifyAtOnce() {
        event("api_down");
        clock.now += 1000;
        event("api_down");
        updates.collectSuppressed();
        List<WriteModel<Document>> spooled = updates.take();
        assertEquals(1, notices());
        assertEquals(2, spooled.size());
        String key = "{\"open_key\": \"" + updates.openKey("api_down") + "\", \"active\": true}";
        for (WriteModel<Document> w : spooled) {
            assertEquals(key, Store.json(((UpdateOneModel<Document>) w).getFilter()));
        }
        assertTrue(((UpdateOneModel<Document>) spooled.get(0)).getOptions().isUpsert());
    }

    @Test
    void anEpisodeAnotherJvmClearedIsForgottenSoTheNextEventOpensANewOne() {
        event("api_down");
        updates.send(store);
        Episode mine = tracker.get("api_down");
        clock.now += 1000;
        event("api_down");
        updates.refreshed(List.of());
        assertFalse(tracker.contains("api_down"));
        updates.collectSuppressed();
        updates.send(store);
        assertTrue(store.calls.get(store.calls.size() - 1).startsWith("bulk {\"_id\": \"" + mine.id() + "\"}"),
                "the repeat counted before the refresh lands on the cleared episode: " + store.calls);
        store.active.clear();
        event("api_down");
        updates.send(store);
        assertEquals(2, notices());
        assertNotEquals(mine.id(), tracker.get("api_down").id());
    }

    @Test
    void anEpisodeWhoseFirstEventIsStillQueuedIsLeftByTheRefreshAndItsOpeningFindsTheOtherJvms() {
        Decision queued = (Decision) tracker.decide(new CodeFields("api_down", null, null, true), true);
        openedElsewhere("api_down", "theirs", 60_000);
        updates.refreshed(List.of(store.active.get(updates.openKey("api_down"))));
        updates.handle((Decision) tracker.resolve(queued), "invalid response");
        updates.send(store);
        assertEquals(0, notices(), "not taken for this JVM's insert");
        assertEquals("theirs", tracker.get("api_down").id());
    }

    @Test
    void anEpisodeAnotherJvmOpenedIsKnownSoAClearHereEndsIt() {
        Date at = new Date(clock.now - 1000);
        updates.refreshed(List.of(new Document("_id", "theirs").append("code", "api_down").append("start_time", at)
                .append("last_log_time", at).append("active", true)));
        assertTrue(tracker.contains("api_down"));
        clear("api_down");
        updates.send(store);
        assertTrue(store.calls.get(0).startsWith("update {\"$and\": [{\"_id\": \"theirs\"}, {\"active\": true}]}"), store.calls.toString());
        assertEquals(1, notices());
    }

    @Test
    void anEpisodeOpenedWhileMongoDbWasAwayTakesTheStoredIdOnceItsOpeningIsOut() {
        event("api_down");
        Episode mine = tracker.get("api_down");
        Date at = new Date(clock.now);
        List<Document> stored = List.of(new Document("_id", "theirs").append("code", "api_down").append("start_time", at)
                .append("last_log_time", at).append("active", true));
        updates.refreshed(stored);
        assertNotEquals("theirs", mine.id(), "its opening is still to be sent: left as it is");
        updates.take();
        updates.refreshed(stored);
        assertSame(mine, tracker.get("api_down"));
        assertEquals("theirs", mine.id());
        assertTrue(mine.confirmed);
    }
}
