package dev.faultline.capture;

import com.mongodb.MongoClientSettings;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.BsonBinaryReader;
import org.bson.BsonBinaryWriter;
import org.bson.BsonWriter;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.Encoder;
import org.bson.codecs.EncoderContext;
import org.bson.codecs.configuration.CodecRegistry;
import org.bson.io.BasicOutputBuffer;

/**
 * A finished record's BSON for the spool, one record at a time. The values a record
 * holds (strings, numbers, booleans, dates, maps, lists, null) are written directly; anything else
 * goes through the driver's default codecs. The bytes are those the driver's {@code DocumentCodec}
 * writes for the same document (_id first), without its codec look-up per value (a tenth of the
 * writer's CPU when the driver encoded every record: BENCHMARKS.md, Writer throughput).
 */
final class RecordEncoder {
    private static final CodecRegistry REGISTRY = MongoClientSettings.getDefaultCodecRegistry();
    private static final EncoderContext CHILD = EncoderContext.builder().build();
    private static final String ID = "_id";

    private RecordEncoder() {
    }

    /** A record is encoded into its thread's buffer and copied out at its size; a buffer grown past this is not kept. */
    private static final int KEPT_BUFFER = 64 * 1024;
    private static final ThreadLocal<BasicOutputBuffer> BUFFER = new ThreadLocal<BasicOutputBuffer>();

    private static final byte[] NO_HEAD = new byte[0];

    static RawBsonDocument encode(Document record) {
        return encode(record, NO_HEAD, 0);
    }

    /**
     * {@code record} encoded between {@code head} and {@code tail} zero bytes, in one array whose
     * first four bytes (when {@code head} has them) are set to its whole length, little-endian:
     * a frame around the document (the spool's record payload) made with a single copy out of the
     * thread's buffer. The document is a view into that array.
     */
    static RawBsonDocument encode(Document record, byte[] head, int tail) {
        BasicOutputBuffer buffer = BUFFER.get();
        if (buffer == null) {
            buffer = new BasicOutputBuffer(16 * 1024);
            BUFFER.set(buffer);
        }
        // Emptied before use, so a record that failed half-way leaves nothing behind. Not taken
        // out and put back per record: ThreadLocal.set cleans stale slots of the thread's map, which
        // was 8 % of the writer's CPU (BENCHMARKS.md, "The insert writes records with the spool's encoder").
        buffer.truncateToPosition(0);
        buffer.writeBytes(head);
        write(new BsonBinaryWriter(buffer), record);
        int end = buffer.getPosition();
        for (int i = 0; i < tail; i++) {
            buffer.writeByte(0);
        }
        byte[] bytes = buffer.toByteArray();
        if (head.length >= 4) {
            java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(0, bytes.length);
        }
        if (buffer.getInternalBuffer().length > KEPT_BUFFER) {
            BUFFER.remove();
        }
        return new RawBsonDocument(bytes, head.length, end - head.length);
    }

    /** A small document on its own, in a buffer of its own: its BSON. */
    static byte[] encodeAlone(Document d) {
        BasicOutputBuffer buffer = new BasicOutputBuffer(256);
        write(new BsonBinaryWriter(buffer), d);
        return buffer.toByteArray();
    }

    /** Writes {@code record} as one document into {@code writer} (a driver's, for {@link RecordCodec}). */
    static void write(BsonWriter writer, Document record) {
        writer.writeStartDocument();
        // As the driver writes a document it inserts: _id first.
        if (record.containsKey(ID)) {
            writer.writeName(ID);
            value(writer, record.get(ID));
        }
        for (Map.Entry<String, Object> e : record.entrySet()) {
            if (!ID.equals(e.getKey())) {
                writer.writeName(e.getKey());
                value(writer, e.getValue());
            }
        }
        writer.writeEndDocument();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void value(BsonWriter writer, Object v) {
        if (v == null) {
            writer.writeNull();
        } else if (v instanceof String) {
            writer.writeString((String) v);
        } else if (v instanceof Integer) {
            writer.writeInt32((Integer) v);
        } else if (v instanceof Long) {
            writer.writeInt64((Long) v);
        } else if (v instanceof Boolean) {
            writer.writeBoolean((Boolean) v);
        } else if (v instanceof Date) {
            writer.writeDateTime(((Date) v).getTime());
        } else if (v instanceof Double) {
            writer.writeDouble((Double) v);
        } else if (v instanceof SharedDocument) {
            // Its bytes as made once, copied in: straight from the array into the spool's writer
            // (a reader around them cost a reader, two buffers and a copy of the bytes per frame,
            // a tenth of the writer's allocation: BENCHMARKS.md, "Frames copied in as they are").
            byte[] bytes = ((SharedDocument) v).bson();
            if (writer instanceof BsonBinaryWriter) {
                ((BsonBinaryWriter) writer).pipe(bytes, 0, bytes.length);
            } else {
                writer.pipe(new BsonBinaryReader(java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN)));
            }
        } else if (v instanceof Map) {
            writer.writeStartDocument();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                // A name that is not a String fails here as it does in the driver's MapCodec.
                writer.writeName((String) e.getKey());
                value(writer, e.getValue());
            }
            writer.writeEndDocument();
        } else if (v instanceof List) {
            writer.writeStartArray();
            for (Object element : (List<?>) v) {
                value(writer, element);
            }
            writer.writeEndArray();
        } else {
            ((Encoder) REGISTRY.get(v.getClass())).encode(writer, v, CHILD);
        }
    }
}
