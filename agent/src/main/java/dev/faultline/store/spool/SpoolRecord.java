package dev.faultline.store.spool;

import java.nio.ByteBuffer;
import org.bson.BsonBinaryReader;
import org.bson.BsonBinaryWriter;
import org.bson.ByteBuf;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.DocumentCodec;
import org.bson.io.BasicOutputBuffer;

/**
 * One spooled record: the collection it is for and the document as the agent would write it
 * ({@code _id} included), stored as the BSON payload {@code {c: collection, d: document}}.
 */
public final class SpoolRecord {
    private static final DocumentCodec CODEC = new DocumentCodec();

    public final String collection;
    public final Document document;
    /** The document's BSON when it is encoded already (an occurrence's, also sent as such), else null. */
    private final RawBsonDocument encoded;

    public SpoolRecord(String collection, Document document) {
        this(collection, document, null);
    }

    /** @param encoded {@code document} as BSON, or null */
    public SpoolRecord(String collection, Document document, RawBsonDocument encoded) {
        this.collection = collection;
        this.document = document;
        this.encoded = encoded;
    }

    byte[] encode() {
        if (encoded != null) {
            // The same bytes as encoding the wrapper document, without encoding the record again.
            BasicOutputBuffer out = new BasicOutputBuffer(encoded.getByteBuffer().remaining() + 32);
            try (BsonBinaryWriter writer = new BsonBinaryWriter(out)) {
                writer.writeStartDocument();
                writer.writeString("c", collection);
                writer.writeName("d");
                writer.pipe(new BsonBinaryReader(encoded.getByteBuffer().asNIO()));
                writer.writeEndDocument();
            }
            return out.toByteArray();
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
