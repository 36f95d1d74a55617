package dev.faultline.store.spool;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * Appends records to one spool file ({@link SpoolFormat}), within a size limit. Used by the
 * writer thread only. {@link #append} writes a whole batch and then forces it to disk (one fsync
 * per batch, not per record): a crash loses at most the batch being appended, and a reader skips
 * its cut-short tail.
 */
final class SpoolAppender implements Closeable {
    private final FileChannel channel;
    private final long maxSize;
    private long size;
    /** Records are gathered here and written a chunk at a time. */
    private final ByteBuffer chunk = ByteBuffer.allocate(CHUNK);
    private static final int CHUNK = 256 * 1024;

    SpoolAppender(Path file, long maxSize) throws IOException {
        this(file, null, maxSize);
    }

    /**
     * Opens {@code file} for appending, writing the header if the file is new or empty. On a POSIX
     * file system the directories it makes and the file are the user's alone ({@code rwx------},
     * {@code rw-------}): the records are the application's errors, for no other local user to
     * read; an existing directory keeps its permissions (a shared volume's, say), and is refused
     * when it is another user's or open to all ({@link SpoolDirectory}).
     *
     * @param sharedRoot the default spool directory's parent, made open to all and sticky (null: none)
     * @throws IOException when the file cannot be made, or the directory is refused (the message says why)
     */
    SpoolAppender(Path file, Path sharedRoot, long maxSize) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Set<OpenOption> options = new HashSet<OpenOption>(Arrays.asList(StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND));
        if (parent.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            SpoolDirectory.make(parent, sharedRoot);
            // A link put in its place is not followed (the name is this JVM's, but the directory may be shared).
            options.add(LinkOption.NOFOLLOW_LINKS);
            boolean existed = Files.exists(file, LinkOption.NOFOLLOW_LINKS);
            FileChannel made;
            try {
                made = FileChannel.open(file, options, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (java.nio.file.AccessDeniedException e) {
                // Most often another user's directory: say whose (a service of the same name run by another user).
                throw new IOException(parent + " belongs to " + Files.getOwner(parent).getName() + " and does not let this user"
                        + " write in it (another user's service of the same name? set faultline.spool.dir or faultline.service)", e);
            }
            try {
                SpoolDirectory.check(parent, file);
            } catch (IOException e) {
                made.close();
                if (!existed) {
                    Files.deleteIfExists(file);
                }
                throw e;
            }
            this.channel = made;
        } else {
            Files.createDirectories(parent);
            this.channel = FileChannel.open(file, options);
        }
        this.maxSize = maxSize;
        this.size = channel.size();
        if (size == 0) {
            write(ByteBuffer.wrap(SpoolFormat.HEADER));
        }
    }

    /**
     * Appends {@code payloads} in order and forces them to disk; returns how many fitted under the
     * size limit (the rest are the caller's to count as dropped). A failed write is cut off again,
     * so that the file never holds half a record this JVM wrote.
     */
    int append(List<byte[]> payloads) throws IOException {
        return append(payloads, p -> p, maxSize);
    }

    /**
     * {@link #append(List)} of the payloads of {@code records}, each encoded only when it is
     * written, so that a batch's payloads are never all in memory at once; up to {@code limit}
     * bytes of file (the size limit, or more for the exit's last report).
     */
    <T> int append(List<T> records, java.util.function.Function<T, byte[]> payload, long limit) throws IOException {
        return append(records, payload, limit, true);
    }

    /**
     * {@link #append(List, java.util.function.Function, long)}, forced to disk or not ({@code
     * force}: false for a file's first record, which the first batch's force covers; a file cut
     * short before it is skipped by the reader as a damaged tail).
     */
    <T> int append(List<T> records, java.util.function.Function<T, byte[]> payload, long limit, boolean force) throws IOException {
        long before = size;
        try {
            int n = 0;
            CRC32 crc = new CRC32();
            chunk.clear();
            for (T r : records) {
                byte[] p = payload.apply(r);
                if (size + chunk.position() + SpoolFormat.RECORD_OVERHEAD + p.length > limit || p.length > SpoolFormat.MAX_PAYLOAD) {
                    break;
                }
                crc.reset();
                crc.update(p, 0, p.length);
                if (chunk.remaining() < SpoolFormat.RECORD_OVERHEAD + p.length) {
                    writeChunk();
                }
                if (chunk.remaining() < SpoolFormat.RECORD_OVERHEAD + p.length) {
                    // Larger than the chunk: written on its own.
                    ByteBuffer record = ByteBuffer.allocate(SpoolFormat.RECORD_OVERHEAD + p.length);
                    record.putInt(p.length).putInt((int) crc.getValue()).put(p).flip();
                    write(record);
                } else {
                    chunk.putInt(p.length).putInt((int) crc.getValue()).put(p);
                }
                n++;
            }
            writeChunk();
            if (force) {
                channel.force(false);
            }
            return n;
        } catch (IOException e) {
            chunk.clear();
            truncate(before);
            throw e;
        }
    }

    /** Writes what the chunk holds: records go to the file in a few large writes, not one each. */
    private void writeChunk() throws IOException {
        chunk.flip();
        write(chunk);
        chunk.clear();
    }

    long size() {
        return size;
    }

    /** Cuts the file back to {@code length} bytes (best effort: the file may be gone or read-only). */
    void truncate(long length) {
        try {
            channel.truncate(length);
            size = channel.size();
        } catch (IOException e) {
            size = length;
        }
    }

    /** An exclusive lock on the whole file, or null when another process holds one. */
    FileLock tryLock() throws IOException {
        return channel.tryLock();
    }

    private void write(ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            size += channel.write(b);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
