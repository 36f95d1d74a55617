package dev.faultline.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** Notices sent while MongoDB does not take their {@code notices} documents are held up to a cap, the rest counted. */
class UnstoredNoticesTest {
    private static final class Store implements AlertStore {
        volatile boolean away = true;
        final List<Document> stored = new CopyOnWriteArrayList<>();

        @Override
        public List<Document> alertRules() {
            return List.of(new AlertRule("all", "new_group", List.of("webhook", "slack", "email"), "ERROR", null, null, null, 10)
                    .toDocument());
        }

        @Override
        public void insertNotices(List<Document> notices) {
            if (away) {
                throw new IllegalStateException("MongoDB away");
            }
            stored.addAll(notices);
        }
    }

    private static GroupChange created(String fingerprint) {
        return new GroupChange(fingerprint, "boom", null, null, "checkout", "prod", null, 40, "ERROR",
                true, false, false, 0, 1, null, null, null, false);
    }

    private static void storeAfterSending(Alerts alerts, Store store) {
        alerts.awaitSent(System.nanoTime() + 10_000_000_000L);
        try {
            alerts.store(store);
        } catch (IllegalStateException away) {
            // As the writer does: MongoDB away, the notices are kept for the next cycle.
        }
    }

    @Test
    void noticesWaitingForMongoDbAreCappedAndTheRestCountedAsUnrecorded() {
        Channel ok = notice -> { };
        Alerts alerts = new Alerts(Map.of("webhook", ok, "slack", ok, "email", ok), 4);
        Store store = new Store();
        alerts.changed(List.of(created("g1"), created("g2")), store, 0);
        storeAfterSending(alerts, store);
        Document health = new Document();
        alerts.describe(health);
        assertEquals(6L, health.getLong("alerts_sent"), "sent: the channels do not need MongoDB");
        assertEquals(2L, health.getLong("alerts_unrecorded"), "6 notices, 4 held for notices");
        alerts.changed(List.of(created("g3")), store, 0);
        storeAfterSending(alerts, store);
        store.away = false;
        storeAfterSending(alerts, store);
        assertEquals(4, store.stored.size(), "the 4 held are stored once MongoDB is back");
        assertEquals(new ArrayList<>(List.of("g1", "g1", "g1", "g2")), store.stored.stream().map(d -> d.getString("group")).toList());
        health = new Document();
        alerts.describe(health);
        assertEquals(5L, health.getLong("alerts_unrecorded"), "and the 3 of g3 that found no room");
    }

    @Test
    void noneIsCountedWhileMongoDbTakesThem() {
        Channel ok = notice -> { };
        Alerts alerts = new Alerts(Map.of("webhook", ok, "slack", ok, "email", ok), 4);
        Store store = new Store();
        store.away = false;
        alerts.changed(List.of(created("g1"), created("g2")), store, 0);
        storeAfterSending(alerts, store);
        Document health = new Document();
        alerts.describe(health);
        assertEquals(6, store.stored.size());
        assertEquals(0L, health.getLong("alerts_unrecorded"));
    }
}
