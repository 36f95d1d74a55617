package dev.faultline.store.spool;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.bson.ByteBuf;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;

/**
 * One spooled record: the collection it is for and the document as the agent would write it
 * ({@code _id} included), stored as the BSON payload {@code {c: collection, d: document}}. A
 * record read back keeps the document's bytes ({@link #bson}) and decodes them only when asked
 * ({@link #document()}): a replayed occurrence is inserted as those bytes, never decoded whole.
 */
public final class SpoolRecord {
    private static final DocumentCodec CODEC = new DocumentCodec();
    /** The payload's first bytes up to the collection's length: the length, then type 0x02 (string) "c". */
    private static final int NAME_AT = 4 + 3 + 4;
    /**
     * The collection whose records are left as bytes when read back: the replay reads the few
     * fields it needs from them and inserts the bytes (a record that is not a document is
     * skipped there, {@code store.Replay}).
     */
    private static final String OCCURRENCES = "app_errors";

    public final String collection;
    private Document document;
    /** The document's BSON as read back, or null for a record made by this JVM. */
    private final RawBsonDocument read;
    /** Encodes the document directly (an occurrence's), else null: the generic codec. */
    private final java.util.function.Supplier<RawBsonDocument> bson;

    public SpoolRecord(String collection, Document document) {
        this(collection, document, null);
    }

    /** @param bson encodes {@code document} to BSON when the record is written, or null */
    public SpoolRecord(String collection, Document document, java.util.function.Supplier<RawBsonDocument> bson) {
        this.collection = collection;
        this.document = document;
        this.read = null;
        this.bson = bson;
    }

    private SpoolRecord(String collection, RawBsonDocument read) {
        this.collection = collection;
        this.read = read;
        this.bson = null;
    }

    /**
     * The document; one read back is decoded at the first call (writer thread). Throws {@link
     * org.bson.BSONException} when its bytes are not a document (a checksum can pass on a
     * foreign file).
     */
    public Document document() {
        if (document == null) {
            document = read.decode(CODEC);
        }
        return document;
    }

    /** The document's BSON as it was read back from the spool, or null for a record made by this JVM. */
    public RawBsonDocument bson() {
        return read;
    }

    /**
     * The bytes of a record's payload before its document, for {@code collection}: the wrapper
     * document {c: collection, d: document} up to d's value (type 0x02 (string) "c", then type
     * 0x03 (document) "d"), its length left 0 for the encoder to set; one zero byte ends the
     * payload after the document. A document encoded in that frame ({@code
     * Occurrence.toBson(head, 1)}) is appended as it is ({@link #encode}).
     */
    public static byte[] head(String collection) {
        byte[] name = collection.getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(NAME_AT + name.length + 1 + 3).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(0).put((byte) 0x02).put((byte) 'c').put((byte) 0).putInt(name.length + 1).put(name).put((byte) 0);
        out.put((byte) 0x03).put((byte) 'd').put((byte) 0);
        return out.array();
    }

    /** The record's bytes as the spool appends them (the payload of its frame). */
    public byte[] encode() {
        if (bson != null) {
            ByteBuf raw = bson.get().getByteBuffer();
            byte[] name = collection.getBytes(StandardCharsets.UTF_8);
            int length = NAME_AT + name.length + 1 + (1 + 2 + raw.remaining()) + 1;
            if (raw.position() == length - raw.remaining() - 1 && raw.array().length == length) {
                // Encoded in its frame (head): the payload already.
                return raw.array();
            }
            // The bytes the wrapper document encodes to, {c: collection, d: document}, around the record's BSON as it is.
            ByteBuffer out = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
            out.put(head(collection)).putInt(0, length);
            raw.get(out.array(), out.position(), raw.remaining());
            out.array()[length - 1] = 0;
            return out.array();
        }
        ByteBuf buffer = new RawBsonDocument(new Document("c", collection).append("d", document), CODEC).getByteBuffer();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    /**
     * The record in {@code payload}, or null when the payload is not one. Both ways of writing
     * ({@link #encode}) give the layout {@code {c: string, d: document}}: the collection is read
     * and the document's bounds checked, its contents left as bytes.
     */
    static SpoolRecord decode(byte[] payload) {
        ByteBuffer in = ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN);
        if (payload.length < NAME_AT + 1 + 3 + 5 + 1 || in.getInt(0) != payload.length || payload[4] != 0x02 || payload[5] != 'c'
                || payload[6] != 0 || payload[payload.length - 1] != 0) {
            return null;
        }
        int nameLength = in.getInt(7);
        int d = NAME_AT + nameLength;
        if (nameLength < 1 || d + 3 + 5 + 1 > payload.length || payload[d - 1] != 0 || payload[d] != 0x03 || payload[d + 1] != 'd'
                || payload[d + 2] != 0) {
            return null;
        }
        int documentLength = in.getInt(d + 3);
        if (documentLength < 5 || d + 3 + documentLength != payload.length - 1 || payload[d + 3 + documentLength - 1] != 0) {
            return null;
        }
        String collection = new String(payload, NAME_AT, nameLength - 1, StandardCharsets.UTF_8);
        SpoolRecord r = new SpoolRecord(collection, new RawBsonDocument(payload, d + 3, documentLength));
        if (!OCCURRENCES.equals(collection)) {
            // Reports and counts are few: decoded here, so that one whose bytes are not a document is skipped.
            try {
                r.document();
            } catch (RuntimeException notADocument) {
                return null;
            }
        }
        return r;
    }
}
