package dev.faultline.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class RecordSizeTest {
    @Test
    void upperBoundIsNeverBelowTheEncodedSize() {
        List<Document> docs = List.of(
                new Document("a", "plain ascii"),
                new Document("snow", "\u2603".repeat(1000)).append("emoji", "\uD83D\uDE00".repeat(500)),
                new Document("n", 1).append("l", 2L).append("d", 1.5).append("t", new Date()).append("b", true).append("z", null),
                new Document("list", List.of("x", 1, new Document("k", "v"))).append("nested", new Document("deep", new Document("x", "y"))),
                new Document("\u00e9t\u00e9", List.of()));
        for (Document d : docs) {
            assertTrue(RecordSize.upperBound(d) >= RecordSize.encodedSize(d), d.toJson());
        }
    }

    @Test
    void recordUnderTheLimitIsReturnedAsItIs() {
        Document d = new Document("message", "m".repeat(10_000));
        assertSame(d, RecordSize.fit(d));
        assertNull(d.get("size_capped"));
    }

    @Test
    void oversizeRecordShrinksUnderTheLimitAndSaysFromWhat() {
        List<Document> frames = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            frames.add(new Document("class", "com.acme.Frame" + "x".repeat(200)).append("method", "m" + i).append("line", i));
        }
        Document d = new Document("_id", "id-1")
                .append("message", "m".repeat(8000))
                .append("exception", new Document("type", "java.lang.IllegalStateException").append("message", "boom").append("frames", frames))
                .append("data", new Document("trace", "t".repeat(400_000)));
        int before = RecordSize.encodedSize(d);
        Document fitted = RecordSize.fit(d, 256 * 1024);
        assertTrue(RecordSize.encodedSize(fitted) <= 256 * 1024);
        assertEquals(before, fitted.getInteger("size_capped"));
        Document exception = fitted.get("exception", Document.class);
        assertEquals("java.lang.IllegalStateException", exception.getString("type"));
        assertEquals(2_000 - exception.getList("frames", Document.class).size(), exception.getInteger("frames_omitted"));
        assertEquals("id-1", fitted.getString("_id"));
    }
}
