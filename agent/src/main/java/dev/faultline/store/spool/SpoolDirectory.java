package dev.faultline.store.spool;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;

/**
 * Who may put files where the spool is replayed from. A left spool file is written to MongoDB
 * with this JVM's credentials, so another local user who can put one into {@code spool.dir}
 * could store records of their making (or, in a directory open to all, remove this JVM's). So,
 * on a POSIX file system: the directory must be this user's and not writable by others (unless
 * sticky, as {@code /tmp} is), and a left file is replayed only when it is a regular file, not a
 * link, of the directory's owner. The default {@code <java.io.tmpdir>/faultline}, when the agent
 * makes it, is open to all and sticky, as {@code /tmp} is, so that each user of a machine can
 * make their services' directories in it.
 */
final class SpoolDirectory {
    private static final int STICKY = 01000;

    private SpoolDirectory() {
    }

    /**
     * Makes {@code dir} and its missing parents owner-only ({@code rwx------}); {@code sharedRoot}
     * (null: none), when it is one of them and missing, {@code rwxrwxrwt} instead.
     */
    static void make(Path dir, Path sharedRoot) throws IOException {
        boolean shared = sharedRoot != null && dir.startsWith(sharedRoot);
        if (shared && !Files.isDirectory(sharedRoot)) {
            try {
                Files.createDirectories(sharedRoot.getParent());
                Files.createDirectory(sharedRoot);
                Files.setAttribute(sharedRoot, "unix:mode", 0777 | STICKY);
            } catch (FileAlreadyExistsException e) {
                // made meanwhile by another JVM: its mode is checked where it matters, on dir
            } catch (UnsupportedOperationException | IllegalArgumentException e) {
                // no "unix" attribute view: the directory stays as the umask made it
            }
        }
        try {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (AccessDeniedException e) {
            if (!shared) {
                throw e;
            }
            PosixFileAttributes root = Files.readAttributes(sharedRoot, PosixFileAttributes.class);
            throw new IOException(sharedRoot + " does not let this user make " + sharedRoot.relativize(dir) + " in it ("
                    + PosixFilePermissions.toString(root.permissions()) + ", owner " + root.owner().getName()
                    + "; an earlier agent version made it owner-only): its owner may remove it to have it made open to all and"
                    + " sticky, or set faultline.spool.dir", e);
        }
        if (shared && Files.isSymbolicLink(dir)) {
            // In a directory every user may write, a link may be another user's doing.
            throw new IOException(dir + " is a link, in " + sharedRoot + " where any user may have made it");
        }
    }

    /**
     * Throws, naming the problem, unless {@code dir} (the directory it names, links followed) is
     * owned by the owner of {@code ownFile} (a file this JVM just made in it) and others may not
     * write it without the sticky bit.
     */
    static void check(Path dir, Path ownFile) throws IOException {
        PosixFileAttributes d = Files.readAttributes(dir, PosixFileAttributes.class);
        UserPrincipal me = Files.getOwner(ownFile, LinkOption.NOFOLLOW_LINKS);
        if (!d.owner().equals(me)) {
            throw new IOException(dir + " belongs to " + d.owner().getName() + ", not to this user (" + me.getName()
                    + "): another user could put records into it for this JVM to store");
        }
        if (d.permissions().contains(PosixFilePermission.OTHERS_WRITE) && !sticky(dir)) {
            throw new IOException(dir + " can be written by every user (" + PosixFilePermissions.toString(d.permissions())
                    + "): another user could put records into it for this JVM to store, or remove its spool");
        }
    }

    /** Why {@code file}, found in a spool directory, is not replayed; null when it may be. */
    static String refusal(Path file) {
        try {
            PosixFileAttributes f = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!f.isRegularFile()) {
                return "not a regular file";
            }
            UserPrincipal owner = Files.getOwner(file.getParent());
            if (!f.owner().equals(owner)) {
                return "owned by " + f.owner().getName() + ", not by the directory's owner " + owner.getName();
            }
            return null;
        } catch (UnsupportedOperationException e) {
            return null;
        } catch (IOException e) {
            return "not readable: " + e;
        }
    }

    private static boolean sticky(Path dir) {
        try {
            return (((Integer) Files.getAttribute(dir, "unix:mode")) & STICKY) != 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }
}
