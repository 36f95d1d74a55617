package dev.faultline.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.WriteModel;
import dev.faultline.bootstrap.CapturedEvent;
import dev.faultline.bootstrap.Severity;
import dev.faultline.capture.Identity;
import dev.faultline.capture.Occurrence;
import dev.faultline.capture.RecordFactory;
import dev.faultline.config.Config;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.BsonDocument;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** The writer's side of merged groups: where an occurrence is stored, and which groups it counts in. */
class MergesTest {
    private final FakeDatabase db = new FakeDatabase();
    private final Merges merges = new Merges();

    private static Occurrence occurrence(String template) throws Exception {
        CapturedEvent e = new CapturedEvent("logback", Severity.ERROR, 1_700_000_000_000L, "com.acme.Orders", "main",
                template, null, CapturedEvent.FORMAT_NONE, null, null, null, true);
        e.siteClass = "com.acme.Orders";
        e.siteMethod = "submit";
        return new RecordFactory(Config.fromMap(Map.of("service", "shop")), new Identity("shop", "", "", "", "", "box", "box", 1))
                .occurrence(e);
    }

    @Test
    void aMergeLeftUnfinishedForHalfAMinuteIsFinishedByTheWriterOneUnderWayIsLeft() {
        long now = System.currentTimeMillis();
        db.mergedGroups.add(new Document("_id", "stopped").append("merged_into", "target-fp")
                .append("merged_at", new java.util.Date(now - 60_000)).append("merge_pending", true));
        db.mergedGroups.add(new Document("_id", "under-way").append("merged_into", "target-fp")
                .append("merged_at", new java.util.Date(now)).append("merge_pending", new Document("count", 3L)));
        db.mergedGroups.add(new Document("_id", "done").append("merged_into", "target-fp")
                .append("merged_at", new java.util.Date(now - 60_000)));
        merges.refresh(db, 0, true);
        assertEquals(List.of("stopped"), db.finishedMerges);
    }

    @Test
    void anOccurrenceOfAMergedGroupIsStoredInTheTargetKeepingItsOwnFingerprint() throws Exception {
        Occurrence o = occurrence("stock low");
        db.mergedGroups.add(new Document("_id", o.fingerprint).append("merged_into", "target-fp"));
        merges.refresh(db, 0, true);
        Occurrence stored = merges.apply(o);
        assertEquals("target-fp", stored.fingerprint);
        assertEquals(o.fingerprint.length(), stored.mergedFrom.length());
        assertEquals("target-fp", stored.document.getString("fingerprint"));
        assertEquals(stored.mergedFrom, stored.document.getString("original_fingerprint"));
    }

    @Test
    void anOccurrenceOfAGroupThatIsNotMergedStaysInItsGroup() throws Exception {
        db.mergedGroups.add(new Document("_id", "another").append("merged_into", "target-fp"));
        merges.refresh(db, 0, true);
        Occurrence o = occurrence("stock low");
        assertSame(o, merges.apply(o));
        assertFalse(o.document.containsKey("original_fingerprint"));
    }

    @Test
    void anUnmergeReachesTheWriterAtItsNextRefreshNotBefore() throws Exception {
        Occurrence o = occurrence("stock low");
        db.mergedGroups.add(new Document("_id", o.fingerprint).append("merged_into", "target-fp"));
        merges.refresh(db, 0, true);
        db.mergedGroups.clear();
        merges.refresh(db, Merges.REFRESH_NANOS - 1, false);
        assertEquals("target-fp", merges.apply(occurrence("stock low")).fingerprint);
        merges.refresh(db, Merges.REFRESH_NANOS, false);
        assertNull(merges.apply(occurrence("stock low")).mergedFrom);
    }

    @Test
    void theTargetCountsTheOccurrenceAndTheMergedGroupKeepsItsOwnCountWithoutBeingCreated() throws Exception {
        Occurrence o = occurrence("stock low");
        String own = o.fingerprint;
        db.mergedGroups.add(new Document("_id", own).append("merged_into", "target-fp"));
        merges.refresh(db, 0, true);
        GroupWriter groups = new GroupWriter(new Health());
        groups.written(List.of(merges.apply(o)), Set.of());
        groups.flush(db, 0, true);
        List<String> counted = new ArrayList<>();
        for (WriteModel<Document> w : db.groupWrites) {
            UpdateOneModel<Document> u = (UpdateOneModel<Document>) w;
            BsonDocument inc = ((org.bson.conversions.Bson) u.getUpdate()).toBsonDocument().getDocument("$inc", new BsonDocument());
            if (inc.containsKey("count")) {
                String id = u.getFilter().toBsonDocument().getString("_id").getValue();
                counted.add(id + (u.getOptions().isUpsert() ? " upsert" : ""));
                // Only the merged group counts what its target got from it (what an unmerge takes back).
                assertEquals(id.equals(own) ? 1 : 0, inc.getNumber("merged_count", new org.bson.BsonInt64(0)).intValue(), id);
            }
        }
        assertEquals(List.of("target-fp upsert", own), counted);
    }
}
