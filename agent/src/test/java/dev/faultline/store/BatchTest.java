package dev.faultline.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.capture.Occurrence;
import java.util.Date;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** A batch's age counts from its first occurrence's capture, so that the flush interval bounds what a kill -9 loses. */
class BatchTest {
    private static final long INTERVAL = TimeUnit.MILLISECONDS.toNanos(200);

    private static Occurrence capturedAt(long epochMillis) {
        return Occurrence.of(new Document("_id", "x").append("timestamp", new Date(epochMillis)).append("fingerprint", "f"));
    }

    @Test
    void anOccurrenceThatWaitedInTheQueueForAFlushIntervalMakesTheBatchDueAtOnce() {
        Batch batch = new Batch(512, INTERVAL);
        long now = System.nanoTime();
        batch.add(capturedAt(System.currentTimeMillis() - 3_600_000L), now);
        assertTrue(batch.due(now, false));
        assertTrue(batch.dueIn(now) <= 0);
    }

    @Test
    void aFreshOccurrenceWaitsTheWholeIntervalAndOneFromTheFutureNoLonger() {
        long now = System.nanoTime();
        Batch fresh = new Batch(512, INTERVAL);
        // A wall clock that jumped back: its age is not negative, so the batch is due within the interval.
        fresh.add(capturedAt(System.currentTimeMillis() + 3_600_000L), now);
        assertFalse(fresh.due(now, false));
        assertEquals(INTERVAL, fresh.dueIn(now));
        assertTrue(fresh.due(now + INTERVAL, false));
    }

    @Test
    void anEmptyBatchIsNeverDue() {
        Batch batch = new Batch(512, INTERVAL);
        assertFalse(batch.due(System.nanoTime(), true));
        assertEquals(Long.MAX_VALUE, batch.dueIn(System.nanoTime()));
    }
}
