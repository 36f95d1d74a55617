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
}
