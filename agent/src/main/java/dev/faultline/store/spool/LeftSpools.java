package dev.faultline.store.spool;

import dev.faultline.core.Diag;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Spool files in {@code spool.dir} left by JVMs that are gone (a crash, kill -9, an exit while
 * MongoDB was away). A file is claimed with an exclusive lock: a running JVM holds the lock on its
 * own file, and of two JVMs (or a JVM and the {@code replay} command) only one claims a left file.
 */
public final class LeftSpools {
    static final String PREFIX = "spool-";
    static final String SUFFIX = ".fls";

    private LeftSpools() {
    }

    /**
     * The spool files in {@code dir}, oldest name first, except {@code own} (may be null) and
     * those {@link SpoolDirectory#refusal refused} (a link, another user's file: warned about).
     */
    public static List<Path> in(Path dir, Path own) {
        List<Path> files = new ArrayList<Path>();
        if (!Files.isDirectory(dir)) {
            return files;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, PREFIX + "*" + SUFFIX)) {
            for (Path p : stream) {
                if (own != null && p.getFileName().equals(own.getFileName())) {
                    continue;
                }
                String refusal = SpoolDirectory.refusal(p);
                if (refusal == null) {
                    files.add(p);
                } else {
                    Diag.warnRateLimited("spool_refused " + p, "not replayed, left alone: " + p + " (" + refusal + ")");
                }
            }
        } catch (IOException e) {
            Diag.debug("spool directory " + dir + " not listed: " + e);
        }
        forgetSettledOfGone(dir);
        Collections.sort(files);
        return files;
    }

    /**
     * Removes the {@link #settledFile} notes (and a note's temporary file a run left half-written)
     * whose spool file is gone (removed by a run that stopped before its note).
     */
    private static void forgetSettledOfGone(Path dir) {
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, PREFIX + "*" + SUFFIX + SETTLED + "*")) {
            for (Path note : stream) {
                String name = note.getFileName().toString();
                if (!Files.exists(note.resolveSibling(name.substring(0, name.lastIndexOf(SUFFIX + SETTLED) + SUFFIX.length())))) {
                    Files.deleteIfExists(note);
                }
            }
        } catch (IOException e) {
            Diag.debug("spool directory " + dir + " not listed: " + e);
        }
    }

    /** The records in {@code file}, read without claiming it: for looking at a spool, not replaying it. */
    public static List<SpoolRecord> read(Path file) throws IOException {
        List<SpoolRecord> out = new ArrayList<SpoolRecord>();
        try (SpoolReader reader = new SpoolReader(file)) {
            for (byte[] p = reader.next(); p != null; p = reader.next()) {
                SpoolRecord r = SpoolRecord.decode(p);
                if (r != null) {
                    out.add(r);
                }
            }
        }
        return out;
    }

    /** Claims {@code file}, or returns null when another process holds it or it is gone. */
    public static Claim claim(Path file) {
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            // Replayed and removed by another process between the open and the lock: nothing to do.
            if (lock == null || !Files.exists(file)) {
                channel.close();
                return null;
            }
            return new Claim(file, channel);
        } catch (IOException | OverlappingFileLockException e) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // nothing held
                }
            }
            return null;
        }
    }

    /**
     * Where the part of {@code file} already stored ends, kept beside it ({@code <file>.settled}:
     * the offset in bytes, as text) so that a later claim goes on from there: a file too big for one
     * run's exit is stored over several runs instead of started over by each, and what one run
     * stored is not counted as replayed again by the next.
     */
    static Path settledFile(Path file) {
        return file.resolveSibling(file.getFileName() + SETTLED);
    }

    static final String SETTLED = ".settled";

    /**
     * Notes beside {@code file} that its first {@code offset} bytes are stored ({@link
     * #settledFile}), for the next claim of it; false when that could not be written (harmless:
     * the records are read again, stored as duplicates).
     */
    public static boolean noteSettled(Path file, long offset) {
        Path target = settledFile(file);
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try {
            // Not through a link another user put there (a directory open to all, sticky).
            Files.deleteIfExists(tmp);
            Files.write(tmp, Long.toString(offset).getBytes(StandardCharsets.US_ASCII), StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE, java.nio.file.LinkOption.NOFOLLOW_LINKS);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (IOException e) {
            Diag.debug("not noted how far " + file + " is stored: " + e);
            return false;
        }
    }

    /**
     * The offset {@code <file>.settled} holds, or 0 (read from the start) when there is none, it is
     * not one of this file's, or it is not a regular file of the directory's owner ({@link
     * SpoolDirectory#refusal}: in a directory others may write to, a note of theirs could skip records).
     */
    private static long settledOffset(Path file) {
        Path note = settledFile(file);
        if (!Files.exists(note, java.nio.file.LinkOption.NOFOLLOW_LINKS) || SpoolDirectory.refusal(note) != null) {
            return 0;
        }
        try {
            long offset = Long.parseLong(new String(Files.readAllBytes(note), StandardCharsets.US_ASCII).trim());
            if (offset > SpoolFormat.HEADER.length && offset <= Files.size(file)) {
                return offset;
            }
        } catch (IOException | NumberFormatException e) {
            // none, or damaged: the file is read from its start (stored again: duplicate keys)
        }
        return 0;
    }

    /** A left spool file this process holds; read it in chunks, then {@link #finished} removes it. */
    public static final class Claim implements Closeable {
        public final Path file;
        private final FileChannel channel;
        private final SpoolReader reader;
        private boolean end;
        /** Bytes of the file known to be stored ({@link #settle}); 0 when none. */
        private long settled;

        private Claim(Path file, FileChannel channel) throws IOException {
            this.file = file;
            this.channel = channel;
            SpoolReader whole = new SpoolReader(file);
            long offset = whole.known() ? settledOffset(file) : 0;
            if (offset > 0) {
                whole.close();
                this.reader = new SpoolReader(file, offset);
                this.settled = offset;
            } else {
                this.reader = whole;
            }
        }

        /** True when an earlier run stored part of the file: reading goes on after that part. */
        public boolean resumed() {
            return settled > 0;
        }

        /**
         * Every record returned so far is stored: a later claim starts after them. A failure to
         * note it is harmless (the records are stored again, as duplicates).
         */
        public void settle() {
            long to = reader.position();
            if (to <= settled) {
                return;
            }
            if (noteSettled(file, to)) {
                settled = to;
            }
        }

        /** Up to {@code max} records, in order, no more than {@link SpoolFormat#READ_BYTES} of them past the first; empty at the end. */
        public List<SpoolRecord> next(int max) throws IOException {
            List<SpoolRecord> out = new ArrayList<SpoolRecord>();
            long bytes = 0;
            while (!end && out.size() < max && bytes < SpoolFormat.READ_BYTES) {
                byte[] p = reader.next();
                if (p == null) {
                    end = true;
                } else {
                    bytes += p.length;
                    SpoolRecord r = SpoolRecord.decode(p);
                    if (r != null) {
                        out.add(r);
                    }
                }
            }
            return out;
        }

        /** False for a file that is not a spool of this version: it is left alone, not removed. */
        public boolean known() {
            return reader.known();
        }

        /** True when the file's tail was damaged (cut short, or a checksum differs): skipped. */
        public boolean corruptTail() {
            return reader.corruptTail();
        }

        /** Everything was stored: the file is removed while still locked. */
        public void finished() throws IOException {
            Files.deleteIfExists(file);
            Files.deleteIfExists(settledFile(file));
            close();
        }

        @Override
        public void close() throws IOException {
            try {
                reader.close();
            } finally {
                channel.close();
            }
        }
    }
}
