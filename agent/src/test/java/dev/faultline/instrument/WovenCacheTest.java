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
    void eachApplicationsFirstStartWithABuildIsToldOnceAndNotWhenTheCacheIsOff() throws Exception {
        assertTrue(WovenCache.open(tmp.resolve("woven"), "b").firstStartOf("orders.jar"));
        assertFalse(WovenCache.open(tmp.resolve("woven"), "b").firstStartOf("orders.jar"), "a restart");
        assertTrue(WovenCache.open(tmp.resolve("woven"), "b").firstStartOf("com.example.Billing"),
                "another application's start filled the cache, not with this one's classes");
        assertTrue(WovenCache.open(tmp.resolve("woven"), "c").firstStartOf("orders.jar"), "another agent build");
        java.nio.file.Files.writeString(tmp.resolve("not-a-directory"), "x");
        assertFalse(WovenCache.open(tmp.resolve("not-a-directory"), "b").firstStartOf("orders.jar"),
                "the cache is off: nothing woven ahead could be handed over");
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
    void aDirectoryOpenToOthersOrALinkKeepsNothing() throws Exception {
        Path open = Files.createDirectory(tmp.resolve("open"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxrwxrwx")));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
        WovenCache refused = WovenCache.open(open, "b");
        refused.put("org/x/Logger", CLASS_FILE, WOVEN);
        assertNull(refused.get("org/x/Logger", CLASS_FILE));
        assertFalse(Files.exists(open.resolve("b")));

        Path real = Files.createDirectory(tmp.resolve("real"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), real);
        WovenCache linked = WovenCache.open(link, "b");
        linked.put("org/x/Logger", CLASS_FILE, WOVEN);
        assertNull(linked.get("org/x/Logger", CLASS_FILE));
    }
}
