package dev.faultline.query;

import static com.mongodb.client.model.Filters.eq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A merge a process left unfinished (GroupMerges) is finished by whoever finds it, each count
 * moved once, at whatever step the process stopped. Against the in-process MongoDB server over
 * the wire; the stopped states are made as a stopped merge leaves them.
 */
class GroupMergesTest {
    private MongoServer server;
    private MongoClient client;
    private Database db;
    private Groups groups;

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        InetSocketAddress address = server.bind();
        client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
        db = Database.over(client.getDatabase("merges"));
        groups = new Groups(db);
        group("payment", 5, 10);
        group("checkout", 3, 20);
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    private void group(String id, int occurrences, long firstSeen) {
        db.groups().insertOne(new Document("_id", id).append("count", (long) occurrences)
                .append("first_seen", new Date(firstSeen)).append("last_seen", new Date(firstSeen + 5)));
        for (int i = 0; i < occurrences; i++) {
            db.errors().insertOne(new Document("_id", id + i).append("fingerprint", id));
        }
    }

    private long count(String id) {
        return ((Number) db.groups().find(eq("_id", id)).first().get("count")).longValue();
    }

    private long occurrencesIn(String fingerprint) {
        return db.errors().countDocuments(eq("fingerprint", fingerprint));
    }

    private void assertMergedOnce() {
        Document source = db.groups().find(eq("_id", "checkout")).first();
        assertEquals("payment", source.get(Groups.MERGED_INTO));
        assertNull(source.get(Groups.MERGE_PENDING), "finished");
        assertEquals(8, count("payment"), "the target grew by the source's count once");
        assertEquals(3L, ((Number) source.get("merged_count")).longValue());
        assertEquals(8, occurrencesIn("payment"));
        assertEquals(3, db.errors().countDocuments(eq(Groups.ORIGINAL_FINGERPRINT, "checkout")));
        assertEquals(new Date(10), db.groups().find(eq("_id", "payment")).first().get("first_seen"));
    }

    @Test
    void aMergeStoppedRightAfterItsClaimIsFinishedOnce() {
        // The claim alone: what a kill -9 after the first write leaves.
        db.groups().updateOne(eq("_id", "checkout"), Updates.combine(Updates.set(Groups.MERGED_INTO, "payment"),
                Updates.set("merged_by", "ann"), Updates.set("merged_at", new Date()), Updates.set(Groups.MERGE_PENDING, true)));
        groups.finishMerges(List.of("checkout"));
        assertMergedOnce();
        groups.finishMerges(List.of("checkout"));
        assertMergedOnce();
    }

    @Test
    void aMergeStoppedBeforeItsOccurrencesMovedMovesThemWithoutCountingAgain() {
        groups.merge("checkout", "payment", "ann");
        assertMergedOnce();
        // As if stopped after the counts: the occurrences not moved yet, the merge still pending.
        db.errors().updateMany(eq(Groups.ORIGINAL_FINGERPRINT, "checkout"), Updates.set("fingerprint", "checkout"));
        db.groups().updateOne(eq("_id", "checkout"), Updates.set(Groups.MERGE_PENDING,
                new Document("count", 3L).append("children", 0L).append("source_done", true)));
        groups.finishMerges(List.of("checkout"));
        assertMergedOnce();
    }

    @Test
    void theMigrationsMergeOfAGroupWithAnUnfinishedMergeFinishesIt() {
        db.groups().updateOne(eq("_id", "checkout"), Updates.combine(Updates.set(Groups.MERGED_INTO, "payment"),
                Updates.set("merged_at", new Date()), Updates.set(Groups.MERGE_PENDING, true)));
        Document answer = groups.mergeUnlessMerged("checkout", "payment", "grouping_version 2");
        assertEquals(3L, answer.get("occurrences_moved"));
        assertMergedOnce();
    }

    @Test
    void anUnmergeOfAnUnfinishedMergeTakesBackOnlyWhatWasGiven() {
        db.groups().updateOne(eq("_id", "checkout"), Updates.combine(Updates.set(Groups.MERGED_INTO, "payment"),
                Updates.set("merged_at", new Date()), Updates.set(Groups.MERGE_PENDING, true)));
        groups.unmerge("checkout");
        assertEquals(5, count("payment"));
        assertEquals(3, count("checkout"));
        assertEquals(5, occurrencesIn("payment"));
        assertEquals(3, occurrencesIn("checkout"));
        assertNull(db.groups().find(eq("_id", "checkout")).first().get(Groups.MERGED_INTO));
    }
}
