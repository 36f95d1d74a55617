package dev.faultline.store.spool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who may put files where the spool is replayed from: a directory of another user's, or one
 * every user may write, is refused; a left file that is a link or another user's is not replayed;
 * the default spool's shared parent lets every user make their own directory in it.
 */
class SpoolDirectoryTest {
    @TempDir
    Path dir;

    private static String mode(Path p) throws IOException {
        return Integer.toOctalString((Integer) Files.getAttribute(p, "unix:mode") & 07777);
    }

    private static List<byte[]> one() {
        return List.of(new byte[] {1, 2, 3});
    }

    /** "nobody", when this test may give a file to it (it runs as root in CI); else the test is skipped. */
    private static UserPrincipal otherUserOwns(Path p) throws IOException {
        UserPrincipal nobody;
        try {
            nobody = p.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
            Files.setOwner(p, nobody);
        } catch (IOException | UnsupportedOperationException e) {
            nobody = null;
        }
        assumeTrue(nobody != null, "cannot give a file to another user here");
        return nobody;
    }

    @Test
    void theDefaultSpoolsSharedParentIsOpenToAllAndStickyAndTheServicesDirectoryIsTheUsersAlone() throws IOException {
        Path root = dir.resolve("faultline");
        Path file = root.resolve("billing").resolve("spool-1.fls");
        try (SpoolAppender a = new SpoolAppender(file, root, 1 << 20)) {
            assertEquals(1, a.append(one()));
        }
        assertEquals("1777", mode(root));
        assertEquals("700", mode(file.getParent()));
        assertEquals("600", mode(file));
    }

    @Test
    void aDirectoryEveryUserMayWriteIsRefusedUnlessSticky() throws IOException {
        Path open = Files.createDirectory(dir.resolve("open"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.setAttribute(open, "unix:mode", 0777);
        IOException refused = assertThrows(IOException.class, () -> new SpoolAppender(open.resolve("spool-1.fls"), 1 << 20).close());
        assertTrue(refused.getMessage().contains(open + " can be written by every user (rwxrwxrwx)"), refused.getMessage());
        assertEquals(List.of(), List.of(open.toFile().list()), "the file made for the check is gone");

        Files.setAttribute(open, "unix:mode", 01777);
        try (SpoolAppender a = new SpoolAppender(open.resolve("spool-2.fls"), 1 << 20)) {
            assertEquals(1, a.append(one()), "sticky, as /tmp: no one removes another's file");
        }
    }

    @Test
    void anotherUsersDirectoryIsRefusedAndTheSpoolSaysWhy() throws IOException {
        Path theirs = Files.createDirectory(dir.resolve("theirs"));
        UserPrincipal other = otherUserOwns(theirs);
        IOException refused = assertThrows(IOException.class, () -> new SpoolAppender(theirs.resolve("spool-1.fls"), 1 << 20).close());
        assertTrue(refused.getMessage().contains(theirs + " belongs to " + other.getName() + ", not to this user"), refused.getMessage());

        OwnSpool spool = new OwnSpool(theirs, 1 << 20);
        assertEquals(0, spool.append(List.of(new SpoolRecord("app_errors", new org.bson.Document("m", "x")))));
        assertEquals(OwnSpool.UNWRITABLE, spool.shortfall(), "counted as spool_unwritable");
        spool.close();
    }

    @Test
    void aLeftFileThatIsALinkOrAnotherUsersIsNotReplayed() throws IOException {
        Path mine = dir.resolve("spool-1.fls");
        try (SpoolAppender a = new SpoolAppender(mine, 1 << 20)) {
            a.append(one());
        }
        Path elsewhere = Files.copy(mine, Files.createTempDirectory("faultline-elsewhere").resolve("spool-0.fls"));
        Files.createSymbolicLink(dir.resolve("spool-2.fls"), elsewhere);
        Path planted = Files.copy(mine, dir.resolve("spool-3.fls"));
        otherUserOwns(planted);

        assertEquals(List.of(mine), LeftSpools.in(dir, null));
        Files.delete(elsewhere);
        Files.delete(elsewhere.getParent());
    }

    @Test
    void aServicesDirectoryInTheSharedParentThatIsALinkIsRefused() throws IOException {
        Path root = Files.createDirectory(dir.resolve("faultline"));
        Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.createSymbolicLink(root.resolve("billing"), elsewhere);
        IOException refused = assertThrows(IOException.class,
                () -> new SpoolAppender(root.resolve("billing").resolve("spool-1.fls"), root, 1 << 20).close());
        assertTrue(refused.getMessage().contains("is a link"), refused.getMessage());
        try (SpoolAppender a = new SpoolAppender(elsewhere.resolve("spool-1.fls"), 1 << 20)) {
            assertEquals(1, a.append(one()), "the same directory named as spool.dir itself: the user's choice");
        }
    }

    @Test
    void theSpoolIsCheckedBeforeItIsNeededAndLeavesNoFile() throws IOException {
        OwnSpool good = new OwnSpool(dir.resolve("good"), 1 << 20);
        good.check();
        assertEquals(null, good.error());
        assertEquals(List.of(), List.of(dir.resolve("good").toFile().list()), "the checked file is removed");

        Path file = Files.createFile(dir.resolve("a-file"));
        OwnSpool bad = new OwnSpool(file.resolve("spool"), 1 << 20);
        bad.check();
        assertTrue(bad.error() != null && bad.error().startsWith(file.resolve("spool") + ": "), bad.error());
    }

    @Test
    void aRefusedDirectoryKeepsNothingAndALinkedFileNameIsNotFollowed() throws IOException {
        Path target = Files.createTempFile("faultline-target", ".txt");
        Files.writeString(target, "keep");
        Path link = Files.createSymbolicLink(dir.resolve("spool-9.fls"), target);
        assertThrows(IOException.class, () -> new SpoolAppender(link, 1 << 20).close());
        assertEquals("keep", Files.readString(target), "the file a link points to is untouched");
        assertFalse(Files.size(target) > 4);
        Files.delete(target);
    }
}
