package dev.faultline.store;

import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/** What makes the writer report {@code agent_health} on change. */
class HealthTest {
    @Test
    void recordsMovingFromSpooledToWrittenChangeTheSignature() {
        Health health = new Health();
        health.captured.addAndGet(2);
        health.spooled.addAndGet(2);
        long spooled = health.signature();
        health.spooled.addAndGet(-2);
        health.written.addAndGet(2);
        assertNotEquals(spooled, health.signature(), "stored after the outage: the report must say so at once");
        long written = health.signature();
        health.replayed.addAndGet(1);
        assertNotEquals(written, health.signature());
    }

    @Test
    void theLastWriteErrorIsReportedWithItsTime() {
        Health health = new Health();
        org.junit.jupiter.api.Assertions.assertNull(health.toDocument(0, 0).get("last_write_error_at"));
        health.writeFailed("com.mongodb.MongoTimeoutException: mongodb://ops:s3cret@db1/ timed out");
        org.bson.Document report = health.toDocument(0, 0);
        org.junit.jupiter.api.Assertions.assertInstanceOf(java.util.Date.class, report.get("last_write_error_at"));
        org.junit.jupiter.api.Assertions.assertFalse(report.getString("last_write_error").contains("s3cret"), report.getString("last_write_error"));
    }
}
