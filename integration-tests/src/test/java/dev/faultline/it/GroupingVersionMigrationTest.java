package dev.faultline.it;

import static com.mongodb.client.model.Filters.eq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.mongodb.client.MongoDatabase;
import dev.faultline.capture.Fingerprints;
import dev.faultline.store.Migrator;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * The {@code grouping_version} migration on the real MongoDB wire: the writer's
 * {@code VersionMigrations} and {@code MongoStore} driven in this JVM ({@link Migrator}, one per
 * simulated agent) over groups stored as a previous version left them. No agent of another
 * version exists to run in a child JVM, and the product has no hook to pretend one.
 */
class GroupingVersionMigrationTest {
    private static final int OLD = Fingerprints.VERSION - 1;
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final String name = TestDatabase.seeded();
    private final MongoDatabase db = MongoSource.get().client().getDatabase(name);

    @Test
    void previousVersionGroupIsMergedIntoItsNewGroupWithItsCountHistoryAndOccurrences() {
        seed("p", OLD, 3, now.minus(3, ChronoUnit.DAYS), now.minus(1, ChronoUnit.DAYS));
        seed("c", Fingerprints.VERSION, 2, now.minus(1, ChronoUnit.HOURS), now);
        try (Migrator agent = new Migrator(MongoSource.get().uri, name)) {
            agent.note(fp("c"), fp("p"));
            agent.run();
            Document old = group("p");
            assertEquals(fp("c"), old.getString("merged_into"));
            assertEquals("grouping_version " + Fingerprints.VERSION, old.getString("merged_by"));
            Document merged = group("c");
            assertEquals(5L, count(merged));
            assertEquals(Date.from(now.minus(3, ChronoUnit.DAYS)), merged.getDate("first_seen"));
            assertEquals(Date.from(now), merged.getDate("last_seen"));
            assertEquals(5, db.getCollection("app_errors").countDocuments(eq("fingerprint", fp("c"))));
            assertEquals(3, db.getCollection("app_errors").countDocuments(eq("original_fingerprint", fp("p"))));

            agent.note(fp("c"), fp("p"));
            agent.run();
            assertEquals(5L, count(group("c")), "migrated once");
        }
    }

    @Test
    void aGroupOfTheCurrentVersionOrOneMergedByHandIsNotMigrated() {
        seed("current", Fingerprints.VERSION, 4, now.minus(2, ChronoUnit.DAYS), now);
        seed("by-hand", OLD, 1, now.minus(2, ChronoUnit.DAYS), now);
        db.getCollection("error_groups").updateOne(eq("_id", fp("by-hand")), new Document("$set", new Document("merged_into", fp("elsewhere"))));
        seed("c", Fingerprints.VERSION, 1, now, now);
        try (Migrator agent = new Migrator(MongoSource.get().uri, name)) {
            agent.note(fp("c"), fp("current"));
            agent.note(fp("c"), fp("by-hand"));
            agent.run();
        }
        assertNull(group("current").get("merged_into"));
        assertEquals(fp("elsewhere"), group("by-hand").getString("merged_into"), "a merge made by hand wins");
        assertEquals(1L, count(group("c")));
    }

    @Test
    void aMigrationWaitsUntilTheNewGroupIsWritten() {
        seed("p", OLD, 2, now.minus(1, ChronoUnit.DAYS), now.minus(1, ChronoUnit.DAYS));
        try (Migrator agent = new Migrator(MongoSource.get().uri, name)) {
            agent.note(fp("c"), fp("p"));
            agent.run();
            assertNull(group("p").get("merged_into"), "not before the new group exists");
            seed("c", Fingerprints.VERSION, 1, now, now);
            agent.run();
            assertEquals(fp("c"), group("p").getString("merged_into"));
            assertEquals(3L, count(group("c")));
        }
    }

    /**
     * Two agents meet the same previous-version groups at once (a fleet upgraded together): each
     * old group is merged once, its count added once. They race between the check and the merge
     * however the threads interleave; the claim (a filtered update only one wins) decides.
     */
    @Test
    void twoAgentsMigratingTheSameGroupsAtOnceMoveEachCountOnce() throws Exception {
        int pairs = 20;
        for (int i = 0; i < pairs; i++) {
            seed("p" + i, OLD, 3, now.minus(2, ChronoUnit.DAYS), now.minus(1, ChronoUnit.DAYS));
            seed("c" + i, Fingerprints.VERSION, 2, now.minus(1, ChronoUnit.HOURS), now);
        }
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (Migrator a = new Migrator(MongoSource.get().uri, name); Migrator b = new Migrator(MongoSource.get().uri, name)) {
            List<Future<?>> done = new ArrayList<>();
            for (Migrator agent : List.of(a, b)) {
                for (int i = 0; i < pairs; i++) {
                    agent.note(fp("c" + i), fp("p" + i));
                }
                done.add(threads.submit(() -> {
                    start.await();
                    agent.run();
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            threads.shutdown();
        }
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            long c = count(group("c" + i));
            long moved = db.getCollection("app_errors").countDocuments(eq("fingerprint", fp("c" + i)));
            if (c != 5 || moved != 5 || !fp("c" + i).equals(group("p" + i).getString("merged_into"))) {
                wrong.add("pair " + i + ": count " + c + ", occurrences " + moved + ", merged_into " + group("p" + i).get("merged_into"));
            }
        }
        assertEquals(List.of(), wrong);
    }

    private void seed(String name, int version, int occurrences, Instant first, Instant last) {
        db.getCollection("error_groups").insertOne(Seed.group(fp(name), name, first, last, occurrences).append("grouping_version", version));
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < occurrences; i++) {
            docs.add(Seed.occurrence(name + " " + i, i == 0 ? first : last).append("fingerprint", fp(name)));
        }
        db.getCollection("app_errors").insertMany(docs);
    }

    private static String fp(String name) {
        return Seed.fingerprint(name);
    }

    private Document group(String name) {
        return db.getCollection("error_groups").find(eq("_id", fp(name))).first();
    }

    private static long count(Document group) {
        return ((Number) group.get("count")).longValue();
    }
}
