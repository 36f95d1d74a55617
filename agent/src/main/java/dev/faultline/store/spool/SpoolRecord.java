package dev.faultline.store.spool;

import java.nio.ByteBuffer;
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

    public SpoolRecord(String collection, Document document) {
        this.collection = collection;
        this.document = document;
    }

    byte[] encode() {
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
