package dev.faultline.store.spool;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.bson.BsonBinaryReader;
import org.bson.ByteBuf;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.DocumentCodec;

/**
 * One spooled record: the collection it is for and the document as the agent would write it
 * ({@code _id} included), stored as the BSON payload {@code {c: collection, d: document}}.
 */
public final class SpoolRecord {
    private static final DocumentCodec CODEC = new DocumentCodec();

    public final String collection;
    public final Document document;
    /** Encodes the document directly (an occurrence's), else null: the generic codec. */
    private final java.util.function.Supplier<RawBsonDocument> bson;

    public SpoolRecord(String collection, Document document) {
        this(collection, document, null);
    }

    /** @param bson encodes {@code document} to BSON when the record is written, or null */
    public SpoolRecord(String collection, Document document, java.util.function.Supplier<RawBsonDocument> bson) {
        this.collection = collection;
        this.document = document;
        this.bson = bson;
    }

    byte[] encode() {
        if (bson != null) {
            // The bytes the wrapper document encodes to, {c: collection, d: document}, around the
            // record's BSON as it is: type 0x02 (string) "c", then type 0x03 (document) "d".
            ByteBuf raw = bson.get().getByteBuffer();
            byte[] name = collection.getBytes(StandardCharsets.UTF_8);
            int length = 4 + (1 + 2 + 4 + name.length + 1) + (1 + 2 + raw.remaining()) + 1;
            ByteBuffer out = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
            out.putInt(length).put((byte) 0x02).put((byte) 'c').put((byte) 0).putInt(name.length + 1).put(name).put((byte) 0);
            out.put((byte) 0x03).put((byte) 'd').put((byte) 0);
            raw.get(out.array(), out.position(), raw.remaining());
            out.array()[length - 1] = 0;
            return out.array();
        }
        ByteBuf buffer = new RawBsonDocument(new Document("c", collection).append("d", document), CODEC).getByteBuffer();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    /** The record in {@code payload}, or null when the payload is not one (a checksum can pass on a foreign file). */
    static SpoolRecord decode(byte[] payload) {
        try {
            Document wrapper = CODEC.decode(new BsonBinaryReader(ByteBuffer.wrap(payload)), DecoderContext.builder().build());
            Object c = wrapper.get("c");
            Object d = wrapper.get("d");
            return c instanceof String && d instanceof Document ? new SpoolRecord((String) c, (Document) d) : null;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
