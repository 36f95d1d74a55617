package dev.faultline.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.mongodb.MongoClientSettings;
import dev.faultline.bootstrap.CapturedEvent;
import dev.faultline.bootstrap.Severity;
import dev.faultline.config.Config;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.BsonBinaryWriter;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.EncoderContext;
import org.bson.io.BasicOutputBuffer;
import org.junit.jupiter.api.Test;

/** The record's BSON, encoded once, is what the driver would have sent for its document. */
class RecordEncoderTest {
    /** What the driver writes for a document it inserts (_id first), through its default codecs. */
    private static byte[] asTheDriverEncodes(Document d) {
        BasicOutputBuffer out = new BasicOutputBuffer();
        MongoClientSettings.getDefaultCodecRegistry().get(Document.class).encode(new BsonBinaryWriter(out), d,
                EncoderContext.builder().isEncodingCollectibleDocument(true).build());
        return out.toByteArray();
    }

    private static byte[] bytes(RawBsonDocument raw) {
        byte[] b = new byte[raw.getByteBuffer().remaining()];
        raw.getByteBuffer().get(b);
        return b;
    }

    @Test
    void aRecordWithExceptionContextAndBreadcrumbsIsEncodedByteForByteAsTheDriverEncodesIt() throws Exception {
        RecordFactory factory = new RecordFactory(Config.fromMap(Map.of("app-packages", "com.acme,dev.faultline.capture",
                "service", "shop")), new Identity("shop", "prod", "1.2", "s1", "n1", "box", "box", 7));
        Map<String, String> mdc = new LinkedHashMap<>();
        mdc.put("user_id", "u-42");
        mdc.put("password", "hunter2");
        mdc.put("order", "ü 12 — 😀");
        Throwable t = new IllegalStateException("card gateway unavailable", new java.io.IOException("reset"));
        t.addSuppressed(new RuntimeException("close failed"));
        CapturedEvent e = new CapturedEvent("logback", Severity.ERROR, 1_700_000_000_000L, "com.acme.Orders", "main",
                "order {} failed after {} ms", new Object[] {7, 12.5}, CapturedEvent.FORMAT_SLF4J, t, mdc, null, true);
        List<Document> breadcrumbs = new ArrayList<>();
        breadcrumbs.add(new Document("timestamp", new Date(1_699_999_999_000L)).append("severity", "INFO")
                .append("logger", "com.acme.Cart").append("message", "cart 7 opened"));
        Occurrence o = factory.occurrence(e, breadcrumbs);

        assertArrayEquals(asTheDriverEncodes(o.document), bytes(o.toBson()));
        // The insert's codec writes the same bytes into the driver's own writer.
        BasicOutputBuffer inserted = new BasicOutputBuffer();
        RecordCodec.INSTANCE.encode(new BsonBinaryWriter(inserted), o.document, EncoderContext.builder().build());
        assertArrayEquals(asTheDriverEncodes(o.document), inserted.toByteArray());
        // Also into a writer that only wraps one, as the driver's insert command does (the frames
        // then go through a reader instead of being copied straight in).
        BasicOutputBuffer wrapped = new BasicOutputBuffer();
        BsonBinaryWriter inner = new BsonBinaryWriter(wrapped);
        org.bson.BsonWriter decorator = (org.bson.BsonWriter) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {org.bson.BsonWriter.class}, (proxy, method, args) -> method.invoke(inner, args));
        RecordCodec.INSTANCE.encode(decorator, o.document, EncoderContext.builder().build());
        assertArrayEquals(asTheDriverEncodes(o.document), wrapped.toByteArray());
        // And a record the spool encoded already is copied in as it is.
        BasicOutputBuffer copied = new BasicOutputBuffer();
        RecordCodec.INSTANCE.encode(new BsonBinaryWriter(copied), RecordCodec.encoded(o.toBson()), EncoderContext.builder().build());
        assertArrayEquals(asTheDriverEncodes(o.document), copied.toByteArray());
        // Encoded in the spool's frame: the same document, and the spool appends that array itself,
        // byte for byte the payload it builds around a record encoded alone.
        RawBsonDocument framed = o.toBson(dev.faultline.store.spool.SpoolRecord.head("app_errors"), 1);
        assertArrayEquals(asTheDriverEncodes(o.document), bytes(framed));
        byte[] payload = new dev.faultline.store.spool.SpoolRecord("app_errors", o.document, () -> framed).encode();
        org.junit.jupiter.api.Assertions.assertSame(framed.getByteBuffer().array(), payload);
        assertArrayEquals(new dev.faultline.store.spool.SpoolRecord("app_errors", o.document, o::toBson).encode(), payload);
    }

    @Test
    void valuesOutsideARecordsUsualTypesGoThroughTheDriversCodecsAndIdComesFirst() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("ratio", 0.25);
        nested.put("big", 12_345_678_901L);
        nested.put("none", null);
        Document d = new Document("message", "m").append("_id", "id-1")
                .append("amount", new BigDecimal("12.50"))
                .append("small", (short) 3)
                .append("weight", 1.5f)
                .append("at", new Date(5))
                .append("fields", nested)
                .append("list", List.of(1, "two", List.of(true), new Document("k", "v")));

        assertArrayEquals(asTheDriverEncodes(d), bytes(RecordEncoder.encode(d)));
        assertEquals("_id", RecordEncoder.encode(d).getFirstKey());
    }
}
