package dev.faultline.store.spool;

import dev.faultline.core.Diag;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
        Collections.sort(files);
        return files;
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

    /** A left spool file this process holds; read it in chunks, then {@link #finished} removes it. */
    public static final class Claim implements Closeable {
        public final Path file;
        private final FileChannel channel;
        private final SpoolReader reader;
        private boolean end;

        private Claim(Path file, FileChannel channel) throws IOException {
            this.file = file;
            this.channel = channel;
            this.reader = new SpoolReader(file);
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
