package dev.faultline.store.spool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spool's record format: written in order, read back in order, a damaged tail skipped and said. */
class SpoolFileTest {
    @TempDir
    Path dir;

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private Path spooled(String... payloads) throws IOException {
        Path file = dir.resolve("spool-1.fls");
        try (SpoolAppender a = new SpoolAppender(file, 1 << 20)) {
            List<byte[]> list = new ArrayList<>();
            for (String p : payloads) {
                list.add(bytes(p));
            }
            assertEquals(payloads.length, a.append(list));
        }
        return file;
    }

    private static List<String> read(Path file, boolean[] corrupt) throws IOException {
        List<String> out = new ArrayList<>();
        try (SpoolReader r = new SpoolReader(file)) {
            byte[] p;
            while ((p = r.next()) != null) {
                out.add(new String(p, StandardCharsets.UTF_8));
            }
            corrupt[0] = r.corruptTail();
        }
        return out;
    }

    @Test
    void theDirectoriesTheSpoolMakesAndItsFileAreTheUsersAlone() throws IOException {
        Path file = dir.resolve("faultline").resolve("billing").resolve("spool-1.fls");
        try (SpoolAppender a = new SpoolAppender(file, 1 << 20)) {
            assertEquals(1, a.append(List.of(bytes("x"))));
        }
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(file.getParent().getParent())));
    }

    @Test
    void settlingUpToABatchLeavesWhatWasAppendedAfterItAndOffsetsStayValidAcrossACut() {
        OwnSpool spool = new OwnSpool(dir, 1 << 20);
        spool.append(List.of(record("a")));
        long afterA = spool.end();
        spool.append(List.of(record("b")));
        long afterB = spool.end();

        spool.settleTo(afterA);
        assertTrue(spool.hasBacklog(), "b is still waiting");
        assertEquals(List.of("b"), messages(spool.readBacklog(10)));

        spool.settleTo(afterB);
        assertFalse(spool.hasBacklog());
        spool.append(List.of(record("c")));
        assertTrue(spool.end() > afterB, "offsets go on counting after the file is cut back");
        spool.settleTo(afterB);
        assertEquals(List.of("c"), messages(spool.readBacklog(10)), "an old offset settles nothing appended after it");
        spool.close();
    }

    /**
     * An exit that leaves records MongoDB stored before the ones it did not (a storm's exit while
     * a call waited) notes how far the file is stored: the next start goes on after them, and does
     * not apply the spooled counts among them again (past 64 later counts of their group, their
     * ids are no longer in it: a trial's storm counted 2215 twice).
     */
    @Test
    void anExitNotesHowFarItsFileIsStoredSoThatTheNextStartGoesOnAfterThat() throws IOException {
        OwnSpool spool = new OwnSpool(dir, 1 << 20);
        spool.append(List.of(record("a"), record("b")));
        long stored = spool.end();
        spool.append(List.of(record("c"), record("d")));
        spool.settleTo(stored);
        Path file = spool.file();
        spool.close(true);

        try (LeftSpools.Claim claim = LeftSpools.claim(file)) {
            assertTrue(claim.resumed());
            assertEquals(List.of("c", "d"), messages(claim.next(10)));
        }
    }

    @Test
    void wantsACutOnceTheStoredFrontTakesAQuarterOfTheMaximumSize() {
        OwnSpool spool = new OwnSpool(dir, 4096);
        spool.append(List.of(record("x".repeat(600))));
        long first = spool.end();
        spool.append(List.of(record("y".repeat(600))));
        spool.settleTo(first);
        assertFalse(spool.wantsCut(), "600 bytes stored at the front: under a quarter of 4096");
        long second = spool.end();
        spool.append(List.of(record("z")));
        spool.settleTo(second);
        assertTrue(spool.wantsCut(), "1200 bytes stored at the front, z still waiting behind them");
        spool.settleTo(spool.end());
        assertFalse(spool.wantsCut(), "all stored: the file is cut back to its header");
        spool.close();
    }

    @Test
    void eachFileSaysFirstWhereItsRecordsAreGoingAndKeepsItWhenCutBack() throws IOException {
        OwnSpool spool = new OwnSpool(dir, null, SpoolTarget.of("mongodb://db1.internal,db2.internal:27018/", "shop_errors"), 1 << 20);
        spool.append(List.of(record("a")));
        spool.settleAll();
        spool.append(List.of(record("b")));
        assertEquals(List.of("b"), messages(spool.readBacklog(10)), "the target is not part of the backlog");
        List<SpoolRecord> inFile = LeftSpools.read(spool.file());
        SpoolTarget target = SpoolTarget.of(spool.file());
        assertEquals("shop_errors", target.database);
        assertEquals(List.of("db1.internal:27017", "db2.internal:27018"), target.servers);
        assertEquals(List.of(SpoolTarget.COLLECTION, "app_errors"), inFile.stream().map(r -> r.collection).toList());
        spool.close();
        assertNull(SpoolTarget.read(record("x")), "a file of an earlier agent says nothing");
    }

    private static SpoolRecord record(String message) {
        return new SpoolRecord("app_errors", new org.bson.Document("message", message));
    }

    private static List<String> messages(List<SpoolRecord> records) {
        List<String> out = new ArrayList<>();
        for (SpoolRecord r : records) {
            out.add(r.document().getString("message"));
        }
        return out;
    }

    @Test
    void readsBackWhatWasAppendedInOrder() throws IOException {
        boolean[] corrupt = new boolean[1];

        assertEquals(List.of("a", "bb", "ccc"), read(spooled("a", "bb", "ccc"), corrupt));
        assertFalse(corrupt[0]);
    }

    @Test
    void appendsToAnExistingSpoolWithoutASecondHeader() throws IOException {
        Path file = spooled("a");
        try (SpoolAppender a = new SpoolAppender(file, 1 << 20)) {
            a.append(List.of(bytes("b")));
        }
        boolean[] corrupt = new boolean[1];

        assertEquals(List.of("a", "b"), read(file, corrupt));
        assertFalse(corrupt[0]);
    }

    @Test
    void stopsAtARecordCutShortAndSaysTheTailIsCorrupt() throws IOException {
        Path file = spooled("a", "bb");
        byte[] all = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(all, all.length - 1));
        boolean[] corrupt = new boolean[1];

        assertEquals(List.of("a"), read(file, corrupt));
        assertTrue(corrupt[0]);
    }

    @Test
    void stopsAtARecordWhoseChecksumDiffers() throws IOException {
        Path file = spooled("a", "bb", "ccc");
        byte[] all = Files.readAllBytes(file);
        all[SpoolFormat.HEADER.length + SpoolFormat.RECORD_OVERHEAD + 1 + SpoolFormat.RECORD_OVERHEAD] ^= 1;
        Files.write(file, all);
        boolean[] corrupt = new boolean[1];

        assertEquals(List.of("a"), read(file, corrupt));
        assertTrue(corrupt[0]);
    }

    @Test
    void aFewStrayBytesAfterTheLastRecordAreACorruptTail() throws IOException {
        Path file = spooled("a");
        Files.write(file, new byte[] {0, 0}, StandardOpenOption.APPEND);
        boolean[] corrupt = new boolean[1];

        assertEquals(List.of("a"), read(file, corrupt));
        assertTrue(corrupt[0]);
    }

    @Test
    void aFileThatIsNotASpoolIsNotRead() throws IOException {
        Path file = dir.resolve("other");
        Files.write(file, bytes("not a spool at all"));
        try (SpoolReader r = new SpoolReader(file)) {
            assertFalse(r.known());
            assertNull(r.next());
        }
    }

    @Test
    void appendsOnlyWhatFitsUnderTheSizeLimit() throws IOException {
        Path file = dir.resolve("small.fls");
        long limit = SpoolFormat.HEADER.length + 2L * (SpoolFormat.RECORD_OVERHEAD + 10);
        try (SpoolAppender a = new SpoolAppender(file, limit)) {
            assertEquals(2, a.append(List.of(new byte[10], new byte[10], new byte[10])));
            assertEquals(limit, a.size());
        }
    }

    @Test
    void recordsLargerThanTheWriteChunkAndManySmallOnesReadBackInOrder() throws IOException {
        Path file = dir.resolve("chunks.fls");
        List<byte[]> payloads = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            payloads.add(bytes("record " + i + " " + "x".repeat(i % 7 == 0 ? 300_000 : 1_000)));
        }
        try (SpoolAppender a = new SpoolAppender(file, 1L << 30)) {
            assertEquals(300, a.append(payloads));
        }
        List<String> back = read(file, new boolean[1]);
        assertEquals(300, back.size());
        for (int i = 0; i < 300; i++) {
            assertEquals(new String(payloads.get(i), StandardCharsets.UTF_8), back.get(i));
        }
    }

    @Test
    void anOccurrenceSpooledFromItsEncodedBsonIsByteForByteTheRecordOfItsDocument() {
        org.bson.Document d = new org.bson.Document("_id", "id-1").append("timestamp", new java.util.Date(5))
                .append("message", "ü failed — 😀").append("exception", new org.bson.Document("type", "java.lang.X")
                        .append("frames", List.of(new org.bson.Document("line", 3))));
        dev.faultline.capture.Occurrence o = dev.faultline.capture.Occurrence.of(d);

        assertArrayEquals(new SpoolRecord("app_errors", d).encode(), new SpoolRecord("app_errors", d, o::toBson).encode());
        assertEquals(d.toJson(), SpoolRecord.decode(new SpoolRecord("app_errors", d, o::toBson).encode()).document().toJson());
    }
}
