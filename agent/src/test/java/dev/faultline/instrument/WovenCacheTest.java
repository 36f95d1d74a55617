package dev.faultline.instrument;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The woven-class cache: what it keeps, under which key, and where it refuses to keep anything. */
class WovenCacheTest {
    private static final byte[] CLASS_FILE = {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, 0, 61, 1};
    private static final byte[] WOVEN = {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, 0, 61, 2, 3};

    @TempDir
    Path tmp;

    @Test
    void aWovenClassFileIsFoundByTheNextRunOfTheSameBuildOnlyForTheSameNameAndBytes() {
        WovenCache first = WovenCache.open(tmp.resolve("woven"), "build-1");
        assertNull(first.get("org/x/Logger", CLASS_FILE));
        first.put("org/x/Logger", CLASS_FILE, WOVEN);

        WovenCache next = WovenCache.open(tmp.resolve("woven"), "build-1");
        assertArrayEquals(WOVEN, next.get("org/x/Logger", CLASS_FILE));
        assertNull(next.get("org/x/Other", CLASS_FILE), "another class with the same bytes");
        byte[] changed = CLASS_FILE.clone();
        changed[8] = 9;
        assertNull(next.get("org/x/Logger", changed), "the class changed (another version, another agent's change)");
        assertNull(WovenCache.open(tmp.resolve("woven"), "build-2").get("org/x/Logger", CLASS_FILE), "another agent build");
    }

    @Test
    void aPlainRewriteIsKeptApartFromAWeaveOfTheSameClassFile() {
        WovenCache first = WovenCache.open(tmp.resolve("woven"), "b");
        first.put("java/lang/Thread", CLASS_FILE, WOVEN, true);
        WovenCache next = WovenCache.open(tmp.resolve("woven"), "b");
        assertArrayEquals(WOVEN, next.get("java/lang/Thread", CLASS_FILE, true));
        assertNull(next.get("java/lang/Thread", CLASS_FILE), "a weave of the same class file is another entry");
    }

    @Test
    void eachApplicationsFirstStartWithABuildIsToldOnceAndEveryStartWhenTheCacheIsInMemoryOnly() throws Exception {
        assertTrue(WovenCache.open(tmp.resolve("woven"), "b").firstStartOf("orders.jar"));
        assertFalse(WovenCache.open(tmp.resolve("woven"), "b").firstStartOf("orders.jar"), "a restart");
        assertTrue(WovenCache.open(tmp.resolve("woven"), "b").firstStartOf("com.example.Billing"),
                "another application's start filled the cache, not with this one's classes");
        assertTrue(WovenCache.open(tmp.resolve("woven"), "c").firstStartOf("orders.jar"), "another agent build");
        java.nio.file.Files.writeString(tmp.resolve("not-a-directory"), "x");
        WovenCache inMemory = WovenCache.open(tmp.resolve("not-a-directory"), "b");
        assertTrue(inMemory.firstStartOf("orders.jar"), "no directory: every start weaves ahead, handed over in memory");
        assertTrue(inMemory.firstStartOf("orders.jar"));
    }

    @Test
    void theUserNameInTheDirectoryKeepsOnlyPlainCharacters() {
        assertEquals("jo_smith_DOMAIN_x.y-1", WovenCache.safeName("jo smith/DOMAIN\\x.y-1"));
        assertEquals("", WovenCache.safeName(""));
    }

    @Test
    void aClassLeftUnchangedIsRememberedAsSuch() {
        WovenCache cache = WovenCache.open(tmp.resolve("woven"), "b");
        cache.put("org/x/Old", CLASS_FILE, null);
        assertSame(WovenCache.UNCHANGED, cache.get("org/x/Old", CLASS_FILE));
    }

    @Test
    void theDirectoryIsOwnerOnlyAndAnEntryThatIsNotAClassFileIsIgnored() throws Exception {
        WovenCache cache = WovenCache.open(tmp.resolve("woven"), "b");
        cache.put("org/x/Logger", CLASS_FILE, WOVEN);
        assertTrue(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE)
                .containsAll(Files.getPosixFilePermissions(tmp.resolve("woven").resolve("b"))));
        try (var entries = Files.list(tmp.resolve("woven").resolve("b"))) {
            Path entry = entries.findFirst().orElseThrow();
            assertTrue(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE)
                    .containsAll(Files.getPosixFilePermissions(entry)));
            Files.write(entry, new byte[] {1, 2, 3});
        }
        assertNull(cache.get("org/x/Logger", CLASS_FILE));
    }

    @Test
    void aDirectoryOpenToOthersOrALinkKeepsNothingOnDiskOnlyInThisJvmsMemory() throws Exception {
        Path open = Files.createDirectory(tmp.resolve("open"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxrwxrwx")));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
        WovenCache refused = WovenCache.open(open, "b");
        refused.put("org/x/Logger", CLASS_FILE, WOVEN);
        refused.put("org/x/Old", CLASS_FILE, null);
        assertArrayEquals(WOVEN, refused.get("org/x/Logger", CLASS_FILE), "handed over in memory");
        assertSame(WovenCache.UNCHANGED, refused.get("org/x/Old", CLASS_FILE));
        assertFalse(Files.exists(open.resolve("b")));
        assertNull(WovenCache.open(open, "b").get("org/x/Logger", CLASS_FILE), "the next run finds nothing");

        Path real = Files.createDirectory(tmp.resolve("real"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), real);
        WovenCache linked = WovenCache.open(link, "b");
        linked.put("org/x/Logger", CLASS_FILE, WOVEN);
        try (var entries = Files.list(real)) {
            assertEquals(0, entries.count(), "nothing written through the link");
        }
        assertNull(WovenCache.open(link, "b").get("org/x/Logger", CLASS_FILE));
    }

    /**
     * An image's cache under a read-only root file system: {@code open} cannot write its probe
     * file there (as root on this machine a {@code chmod} does not stop writing, so the test
     * opens it read-only directly): its entries are read, new ones kept in memory, nothing is
     * written, and an application started when the cache was made is not a first start.
     */
    @Test
    void aCacheDirectoryThatCannotBeWrittenIsReadAndNewEntriesAreKeptInMemory() throws Exception {
        WovenCache baked = WovenCache.open(tmp.resolve("woven"), "b");
        baked.put("org/x/Logger", CLASS_FILE, WOVEN);
        assertTrue(baked.firstStartOf("orders.jar"));
        Path dir = tmp.resolve("woven").resolve("b");
        long entries;
        try (var list = Files.list(dir)) {
            entries = list.count();
        }

        WovenCache image = WovenCache.readOnly(tmp.resolve("woven"), "b");
        assertArrayEquals(WOVEN, image.get("org/x/Logger", CLASS_FILE), "read from the directory");
        image.put("org/x/Other", CLASS_FILE, WOVEN);
        assertArrayEquals(WOVEN, image.get("org/x/Other", CLASS_FILE), "kept in memory");
        try (var list = Files.list(dir)) {
            assertEquals(entries, list.count(), "nothing written");
        }
        assertFalse(image.firstStartOf("orders.jar"), "started when the cache was made");
        assertTrue(image.firstStartOf("com.example.Billing"), "not started then: woven ahead, handed over in memory");
        assertTrue(image.firstStartOf("com.example.Billing"), "and at every start, as no mark can be made");

        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertNull(WovenCache.readOnly(tmp.resolve("woven"), "b"), "open to others: not read");
        assertNull(WovenCache.readOnly(tmp.resolve("woven"), "none"), "no such directory");
    }

    @Test
    void inMemoryTheCacheKeepsAtMostItsBudgetInBytes() throws Exception {
        Files.writeString(tmp.resolve("file"), "x");
        WovenCache cache = WovenCache.open(tmp.resolve("file"), "b");
        byte[] big = new byte[WovenCache.MEMORY_BYTES / 2 - 1];
        System.arraycopy(WOVEN, 0, big, 0, WOVEN.length);
        cache.put("org/x/A", CLASS_FILE, big);
        cache.put("org/x/B", CLASS_FILE, big);
        cache.put("org/x/C", CLASS_FILE, big);
        cache.put("org/x/D", CLASS_FILE, null);
        assertSame(big, cache.get("org/x/A", CLASS_FILE));
        assertSame(big, cache.get("org/x/B", CLASS_FILE));
        assertNull(cache.get("org/x/C", CLASS_FILE), "past the budget: woven again at its load");
        assertSame(WovenCache.UNCHANGED, cache.get("org/x/D", CLASS_FILE), "a class left unchanged costs no bytes");
    }
}
