package dev.faultline.capture;

import java.util.Arrays;
import java.util.Date;
import java.util.HashSet;
import java.util.Set;
import org.bson.BsonBinaryReader;
import org.bson.BsonReader;
import org.bson.BsonType;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonValueCodec;
import org.bson.codecs.DecoderContext;

/**
 * Reads a few top-level fields of a stored record's BSON in one pass, skipping the others by their
 * length (frames, context and data are most of a record's bytes): what a replayed occurrence's
 * group count needs, without decoding the record whole ({@link Occurrence#read}).
 */
final class StoredFields {
    private static final DecoderContext DECODE = DecoderContext.builder().build();
    private static final BsonValueCodec OTHER = new BsonValueCodec();

    private StoredFields() {
    }

    /** The fields a summary reads: {@code keys}, {@code message} and {@code message_template}. */
    static Set<String> keys(String[] keys) {
        Set<String> out = new HashSet<String>(Arrays.asList(keys));
        out.add("message");
        out.add("message_template");
        return out;
    }

    /**
     * {@code keys} ({@link #keys}) and, of {@code exception}, the root
     * cause's {@code type} and {@code message} (as {@code exception: {type, message}}, so that
     * {@link Occurrence}'s reading of a finished document gives the same title and type).
     */
    static Document summary(RawBsonDocument bson, Set<String> keys) {
        Document out = new Document();
        try (BsonBinaryReader reader = new BsonBinaryReader(bson.getByteBuffer().asNIO())) {
            reader.readStartDocument();
            while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
                String name = reader.readName();
                if ("exception".equals(name) && reader.getCurrentBsonType() == BsonType.DOCUMENT) {
                    out.put(name, rootCause(reader));
                } else if (keys.contains(name)) {
                    out.put(name, value(reader));
                } else {
                    reader.skipValue();
                }
            }
            reader.readEndDocument();
        }
        return out;
    }

    /** An exception document's root cause, its type and message: the last of its causes, else itself. */
    private static Document rootCause(BsonReader reader) {
        Document self = typeAndMessage(reader, true);
        Object last = self.remove("causes");
        return last instanceof Document ? (Document) last : self;
    }

    /** {@code type} and {@code message} of the document at the reader; with {@code causes}, the last cause's too, under "causes". */
    private static Document typeAndMessage(BsonReader reader, boolean causes) {
        Document out = new Document();
        reader.readStartDocument();
        while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
            String name = reader.readName();
            if (("type".equals(name) || "message".equals(name)) && reader.getCurrentBsonType() == BsonType.STRING) {
                out.put(name, reader.readString());
            } else if (causes && "causes".equals(name) && reader.getCurrentBsonType() == BsonType.ARRAY) {
                Document last = null;
                reader.readStartArray();
                while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
                    if (reader.getCurrentBsonType() == BsonType.DOCUMENT) {
                        last = typeAndMessage(reader, false);
                    } else {
                        reader.skipValue();
                    }
                }
                reader.readEndArray();
                if (last != null) {
                    out.put("causes", last);
                }
            } else {
                reader.skipValue();
            }
        }
        reader.readEndDocument();
        return out;
    }

    /** The value at the reader as a finished document holds it: the summary fields are strings, dates and numbers. */
    private static Object value(BsonReader reader) {
        switch (reader.getCurrentBsonType()) {
            case STRING:
                return reader.readString();
            case DATE_TIME:
                return new Date(reader.readDateTime());
            case INT32:
                return reader.readInt32();
            case INT64:
                return reader.readInt64();
            case DOUBLE:
                return reader.readDouble();
            case BOOLEAN:
                return reader.readBoolean();
            case NULL:
                reader.readNull();
                return null;
            default:
                return OTHER.decode(reader, DECODE);
        }
    }
}
