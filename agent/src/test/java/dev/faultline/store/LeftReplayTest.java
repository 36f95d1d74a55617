package dev.faultline.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.store.spool.LeftSpools;
import dev.faultline.store.spool.OwnSpool;
import dev.faultline.store.spool.SpoolRecord;
import dev.faultline.store.spool.SpoolTarget;
import java.nio.file.Path;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM replays the left spool files for its own database on a server its connection string
 * names too, and those of earlier agents that do not say.
 */
class LeftReplayTest {
    @TempDir
    Path dir;

    private static final String URI = "mongodb://db1.internal:27017/";

    /** A file a run for {@code database} at {@link #URI} left. */
    private Path leftFor(String database) {
        return leftFor(SpoolTarget.of(URI, database));
    }

    private Path leftFor(SpoolTarget target) {
        OwnSpool spool = new OwnSpool(dir, null, target, 1 << 20);
        spool.append(List.of(new SpoolRecord("app_errors", new Document("message", "x"))));
        Path file = spool.file();
        spool.close();
        return file;
    }

    @Test
    void onlyFilesForItsOwnDatabaseOrThatDoNotSayAreTaken() throws Exception {
        Path a = leftFor("shop_a");
        Path b = leftFor("shop_b");
        Path old = leftFor((SpoolTarget) null);
        assertEquals("shop_a", SpoolTarget.of(a).database);
        assertEquals(null, SpoolTarget.of(old));

        Health health = new Health();
        LeftReplay forA = new LeftReplay(dir, new Replay(health, new GroupWriter(health)), health, SpoolTarget.of(URI, "shop_a"));
        forA.scan(null);
        assertTrue(forA.pending());
        assertEquals(1, forA.foreign(), "shop_b's file left alone");

        LeftReplay forC = new LeftReplay(dir, new Replay(health, new GroupWriter(health)), health, SpoolTarget.of(URI, "shop_c"));
        forC.scan(null);
        assertTrue(forC.pending(), "the earlier agent's file, which does not say");
        assertEquals(2, forC.foreign());

        assertTrue(SpoolTarget.anyFor(LeftSpools.in(dir, null), SpoolTarget.of(URI, "shop_c")), "the earlier agent's file");
        java.nio.file.Files.delete(old);
        assertFalse(SpoolTarget.anyFor(LeftSpools.in(dir, null), SpoolTarget.of(URI, "shop_c")), "an exit for shop_c has nothing to store: no client");
        assertTrue(SpoolTarget.anyFor(LeftSpools.in(dir, null), SpoolTarget.of(URI, "shop_b")));
    }

    /**
     * Staging and production on one machine, both with the default database name: a file a run
     * against one deployment left is not stored into the other; one whose servers overlap (a seed
     * list written another way, a loopback address) is.
     */
    @Test
    void aFileForTheSameDatabaseNameOnAnotherDeploymentIsLeftAlone() {
        leftFor(SpoolTarget.of("mongodb://staging-db:27017/", "faultline"));
        Health health = new Health();
        LeftReplay production = new LeftReplay(dir, new Replay(health, new GroupWriter(health)), health,
                SpoolTarget.of("mongodb://prod-1:27017,prod-2:27017/?replicaSet=rs0", "faultline"));
        production.scan(null);
        assertFalse(production.pending());
        assertEquals(1, production.foreign());

        SpoolTarget sameSeeds = SpoolTarget.of("mongodb://user:pw@Staging-DB,other:27017/faultline", "faultline");
        assertTrue(SpoolTarget.anyFor(LeftSpools.in(dir, null), sameSeeds), "a host in common, in any case");
        assertTrue(SpoolTarget.of("mongodb://127.0.0.1/", "faultline").takes(SpoolTarget.of("mongodb://localhost:27017", "faultline")));
        assertTrue(SpoolTarget.of("mongodb://prod-1:27017/", "faultline").takes(SpoolTarget.of("mongodb://prod-1:1/", "faultline")),
                "ports are not compared: MongoDB taken away by pointing at a closed port");
        assertTrue(SpoolTarget.of("mongodb://prod-1/", "faultline").takes(new SpoolTarget("faultline", List.of())),
                "a file that names no servers");
        assertFalse(SpoolTarget.of("mongodb+srv://cluster0.example.net/", "faultline")
                .takes(SpoolTarget.of("mongodb+srv://cluster1.example.net/", "faultline")));
    }

    /** A file of {@code records} a run for shop_a left. */
    private Path left(List<SpoolRecord> records) {
        OwnSpool spool = new OwnSpool(dir, null, SpoolTarget.of(URI, "shop_a"), 1 << 20);
        spool.append(records);
        Path file = spool.file();
        spool.close();
        return file;
    }

    private static SpoolRecord occurrence(String id) {
        return new SpoolRecord("app_errors", new Document("_id", id).append("message", "order " + id + " failed"));
    }

    private LeftReplay replaying(Health health) {
        LeftReplay left = new LeftReplay(dir, new Replay(health, new GroupWriter(health)), health, SpoolTarget.of(URI, "shop_a"));
        left.scan(null);
        return left;
    }

    /**
     * A run that exits after storing part of a left file (a short run's exit, a kill): the next
     * run goes on after that part, so each record is stored and counted as replayed once (the
     * second trial's three short runs each started a 988-record file over).
     */
    @Test
    void aFileStoredInPartIsContinuedWhereTheEarlierRunStopped() throws Exception {
        List<SpoolRecord> records = new java.util.ArrayList<>();
        for (int i = 0; i < 30; i++) {
            records.add(occurrence("o-" + i));
        }
        Path file = left(records);
        FakeDatabase db = new FakeDatabase();

        Health first = new Health();
        LeftReplay run1 = replaying(first);
        assertTrue(run1.step(db, 10));
        run1.release();
        long stored = first.replayed();
        assertTrue(stored > 5, "stored " + stored);

        Health second = new Health();
        LeftReplay run2 = replaying(second);
        while (run2.step(db, 10)) {
            // on to the end
        }
        assertEquals(30 - stored, second.replayed(), "those the first run stored are not sent again");
        assertEquals(30, db.occurrences.size());
        assertEquals(30, db.batches.stream().mapToInt(List::size).sum());
        assertFalse(java.nio.file.Files.exists(file));
        assertEquals(List.of(), LeftSpools.in(dir, null));
        try (java.util.stream.Stream<Path> all = java.nio.file.Files.list(dir)) {
            assertEquals(0, all.count(), "no note of how far a removed file was stored is left");
        }
    }

    /**
     * A run that found the disk full left its file empty, header and all (a trial): removed once
     * it is older than a minute, not reported at every start as "not a spool of this agent version".
     */
    @Test
    void anEmptyFileARunLeftOnAFullDiskIsRemovedOnceItIsOld() throws Exception {
        Path old = java.nio.file.Files.createFile(dir.resolve("spool-4242-1700000000000.fls"));
        java.nio.file.Files.setLastModifiedTime(old, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 120_000));
        Path starting = java.nio.file.Files.createFile(dir.resolve("spool-4343-1700000000001.fls"));
        LeftReplay run = replaying(new Health());
        while (run.step(new FakeDatabase(), 10)) {
            // on to the end
        }
        run.release();
        assertFalse(java.nio.file.Files.exists(old));
        assertTrue(java.nio.file.Files.exists(starting), "a run may be about to write its header");
    }

    /** A note that is a link (another user's doing, in a directory open to all) is not read: the file is stored whole. */
    @Test
    void aSettledNoteThatIsALinkIsIgnored() throws Exception {
        Path file = left(List.of(occurrence("a"), occurrence("b"), occurrence("c")));
        String end = Long.toString(java.nio.file.Files.size(file));
        Path elsewhere = java.nio.file.Files.writeString(dir.resolve("elsewhere"), end);
        java.nio.file.Files.createSymbolicLink(file.resolveSibling(file.getFileName() + ".settled"), elsewhere);
        FakeDatabase db = new FakeDatabase();
        LeftReplay run = replaying(new Health());
        while (run.step(db, 10)) {
            // on to the end
        }
        assertEquals(3, db.occurrences.size(), "read from the start");
        assertEquals(end, java.nio.file.Files.readString(elsewhere), "nothing written through the link");
    }

    /**
     * Occurrences found stored already (an insert whose answer was lost) are counted when the
     * answer-lost record after them is read: a run that stops between the two has not settled
     * past them, so the next reads them again and counts them.
     */
    @Test
    void aFileIsNotSettledPastStoredOccurrencesWhoseCountWaitsForARecordFurtherOn() throws Exception {
        FakeDatabase db = new FakeDatabase();
        db.occurrences.add(new Document("_id", "a"));
        db.occurrences.add(new Document("_id", "b"));
        left(List.of(occurrence("a"), occurrence("b"), occurrence("c"), occurrence("d"),
                new SpoolRecord(Replay.ANSWER_LOST, new Document("_id", "m").append("ids", List.of("a", "b")))));

        LeftReplay run1 = replaying(new Health());
        assertTrue(run1.step(db, 2));
        assertTrue(run1.step(db, 2));
        run1.release();

        LeftReplay run2 = replaying(new Health());
        while (run2.step(db, 2)) {
            // on to the end
        }
        assertEquals(List.of(), LeftSpools.in(dir, null));
        assertEquals(2, db.batches.stream().flatMap(List::stream).filter(d -> "a".equals(d.get("_id"))).count(),
                "read again from the start");
    }

    /** An occurrence of group {@code fingerprint}, as a spool holds it. */
    private static SpoolRecord occurrence(String id, String fingerprint) {
        return new SpoolRecord("app_errors", new Document("_id", id).append("fingerprint", fingerprint).append("message", "order " + id + " failed"));
    }

    private static SpoolRecord answerLost(String id, List<String> ids) {
        return new SpoolRecord(Replay.ANSWER_LOST, new Document("_id", id).append("ids", ids));
    }

    /** Replays every left file of the directory into {@code db} with a replay of its own (a JVM or a {@code replay} command), and writes the counts. */
    private Health replayAll(FakeDatabase db, int chunk) {
        Health health = new Health();
        GroupWriter groups = new GroupWriter(health);
        LeftReplay left = new LeftReplay(dir, new Replay(health, groups), health, SpoolTarget.of(URI, "shop_a"));
        left.scan(null);
        while (left.step(db, chunk)) {
            groups.flush(db, System.nanoTime(), false);
        }
        groups.flush(db, System.nanoTime(), true);
        return health;
    }

    private static long count(FakeDatabase db, String group) {
        Document g = db.groups.get(group);
        return g == null ? 0 : ((Number) g.get("count")).longValue();
    }

    /**
     * A copy of a file replayed already, replayed again (a user's trial: a group of 100 errors
     * counted 200): the occurrences an answer-lost record names are found stored both times, and
     * counted in their group the first time only; nothing is counted as replayed the second time.
     */
    @Test
    void aCopyOfAReplayedFileCountsTheOccurrencesOfAnInsertWhoseAnswerWasLostOnce() throws Exception {
        FakeDatabase db = new FakeDatabase();
        // The insert whose answer was lost stored a and b; c was not sent.
        db.occurrences.add(new Document("_id", "a"));
        db.occurrences.add(new Document("_id", "b"));
        Path file = left(List.of(occurrence("a", "f1"), occurrence("b", "f1"), answerLost("lost-1", List.of("a", "b")),
                occurrence("c", "f1")));
        byte[] copy = java.nio.file.Files.readAllBytes(file);

        Health first = replayAll(db, 10);
        assertEquals(3, count(db, "f1"));
        assertEquals(3, first.replayed(), "a and b stored by a run that counted them as spooled, c now");

        java.nio.file.Files.write(file, copy);
        Health second = replayAll(db, 10);
        assertEquals(3, db.occurrences.size());
        assertEquals(3, count(db, "f1"), "each counted once");
        assertEquals(0, second.replayed(), "nothing stored by the second replay");
    }

    /**
     * The insert whose answer was lost stored nothing, and a replay stored its occurrences: a
     * later replay of the same records (a copy, or a run killed before it noted how far it got)
     * finds them stored and does not count them again when it meets the answer-lost record.
     */
    @Test
    void occurrencesAReplayStoredAreNotCountedAgainByTheAnswerLostRecordOfALaterReplay() throws Exception {
        FakeDatabase db = new FakeDatabase();
        Path file = left(List.of(occurrence("a", "f1"), occurrence("b", "f2"), answerLost("lost-1", List.of("a", "b"))));
        byte[] copy = java.nio.file.Files.readAllBytes(file);

        replayAll(db, 1);
        assertEquals(1, count(db, "f1"));
        assertEquals(1, count(db, "f2"));

        java.nio.file.Files.write(file, copy);
        replayAll(db, 1);
        assertEquals(1, count(db, "f1"), "a stored by the first replay, counted by it only");
        assertEquals(1, count(db, "f2"));
    }
}
