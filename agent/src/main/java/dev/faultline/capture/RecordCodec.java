package dev.faultline.capture;

import org.bson.BsonBinaryReader;
import org.bson.BsonReader;
import org.bson.BsonWriter;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.Codec;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.EncoderContext;

/**
 * The driver's codec for the batch insert of finished records: each record is written straight
 * into the driver's message by {@link RecordEncoder}, the same bytes as the driver's own
 * {@code DocumentCodec} writes (_id first) without its codec look-up per value, one record at a
 * time (no batch's BSON is ever held whole). On the insert thread, this is most of the CPU a
 * record costs there (BENCHMARKS.md, "Writer throughput"). A record whose BSON the spool made
 * already ({@link #encoded}) is copied in as it is. Encoding only: the insert never decodes; not
 * a {@code CollectibleCodec}, because every record has its agent-made {@code _id}.
 */
public final class RecordCodec implements Codec<Document> {
    public static final RecordCodec INSTANCE = new RecordCodec();

    private RecordCodec() {
    }

    /**
     * A record already encoded (by the spool), to insert in place of its document: its bytes are
     * copied into the driver's message. Only for a collection with this codec: any other code
     * sees an empty document.
     */
    public static Document encoded(RawBsonDocument bson) {
        return new Encoded(bson);
    }

    @Override
    public void encode(BsonWriter writer, Document record, EncoderContext context) {
        if (record instanceof Encoded) {
            writer.pipe(new BsonBinaryReader(((Encoded) record).bson.getByteBuffer().asNIO()));
        } else {
            RecordEncoder.write(writer, record);
        }
    }

    @Override
    public Document decode(BsonReader reader, DecoderContext context) {
        throw new UnsupportedOperationException("records are only encoded with this codec");
    }

    @Override
    public Class<Document> getEncoderClass() {
        return Document.class;
    }

    private static final class Encoded extends Document {
        private static final long serialVersionUID = 1L;
        private final transient RawBsonDocument bson;

        Encoded(RawBsonDocument bson) {
            this.bson = bson;
        }
    }
}
