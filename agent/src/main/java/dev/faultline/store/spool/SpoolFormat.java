package dev.faultline.store.spool;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The spool file's layout, version 1. A header of 8 bytes, {@code FLSPOOL} and the version byte
 * 1; then records, each a 4-byte big-endian length, the 4-byte CRC32 of the payload, and the
 * payload, the BSON document {@code {c: collection, d: document}} ({@link SpoolRecord}: the
 * document as the agent would write it, {@code _id} included). A reader stops
 * at the first record that is cut short or whose checksum differs: that is the tail a crash left,
 * and everything before it is good.
 */
final class SpoolFormat {
    static final byte VERSION = 1;
    static final byte[] HEADER = header(VERSION);
    /** Length and checksum before each payload. */
    static final int RECORD_OVERHEAD = 8;
    /** No BSON document MongoDB accepts is larger; a longer length is corruption. */
    static final int MAX_PAYLOAD = 16 * 1024 * 1024;
    /**
     * The payload bytes one read of a spool hands out at most (past its first record), held until
     * they are stored: 4 MiB, or a 64th of the heap when that is less (1 MiB in a 64 MiB heap), as
     * the batch's kept BSON ({@code store.Writer}). OPERATIONS.md's memory bound counts it.
     */
    static final long READ_BYTES = Math.min(4L << 20, Runtime.getRuntime().maxMemory() / 64);

    private SpoolFormat() {
    }

    static boolean isHeader(byte[] bytes) {
        return Arrays.equals(bytes, HEADER);
    }

    private static byte[] header(byte version) {
        byte[] h = Arrays.copyOf("FLSPOOL".getBytes(StandardCharsets.US_ASCII), 8);
        h[7] = version;
        return h;
    }
}
