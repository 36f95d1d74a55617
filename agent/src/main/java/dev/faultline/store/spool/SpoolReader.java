package dev.faultline.store.spool;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;

/**
 * Reads one spool file's records in the order they were appended ({@link SpoolFormat}). Stops at
 * the first record cut short or failing its checksum, and says so ({@link #corruptTail}): the
 * records after it cannot be trusted to start where a length says.
 */
final class SpoolReader implements Closeable {
    /** Bytes read from the file at a time: a batch's records (a few KiB each) in a few reads, not one each. */
    private static final int BUFFER = 64 * 1024;
    private final DataInputStream in;
    private final boolean known;
    private boolean corruptTail;
    private boolean done;
    /** Bytes of the file up to the end of the last whole record read. */
    private long position;

    SpoolReader(Path file) throws IOException {
        this(file, 0);
    }

    /** Reads from {@code offset}, the end of a record an earlier reader returned ({@link #position}). */
    SpoolReader(Path file, long offset) throws IOException {
        SeekableByteChannel channel = Files.newByteChannel(file);
        this.in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel.position(offset)), BUFFER));
        this.position = offset;
        boolean read = true;
        byte[] header = new byte[SpoolFormat.HEADER.length];
        if (offset == 0) {
            try {
                in.readFully(header);
                position = header.length;
            } catch (EOFException e) {
                read = false;
            }
        }
        this.known = offset > 0 || read && SpoolFormat.isHeader(header);
        this.done = !known;
    }

    /** False for a file that is not a spool of this version: nothing is read from it. */
    boolean known() {
        return known;
    }

    /** The next payload, or null at the end (or at a corrupt tail). */
    byte[] next() throws IOException {
        if (done) {
            return null;
        }
        int first = in.read();
        if (first < 0) {
            done = true;
            return null;
        }
        try {
            int length = first << 24 | in.readUnsignedByte() << 16 | in.readUnsignedByte() << 8 | in.readUnsignedByte();
            int checksum = in.readInt();
            if (length < 0 || length > SpoolFormat.MAX_PAYLOAD) {
                return corrupt();
            }
            byte[] payload = new byte[length];
            in.readFully(payload);
            CRC32 crc = new CRC32();
            crc.update(payload, 0, length);
            if ((int) crc.getValue() != checksum) {
                return corrupt();
            }
            position += SpoolFormat.RECORD_OVERHEAD + length;
            return payload;
        } catch (EOFException cutShort) {
            return corrupt();
        }
    }

    /** True when a record was cut short or failed its checksum. */
    boolean corruptTail() {
        return corruptTail;
    }

    long position() {
        return position;
    }

    private byte[] corrupt() {
        corruptTail = true;
        done = true;
        return null;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
