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
        Batch batch = new Batch(512, INTERVAL, Long.MAX_VALUE);
        long now = System.nanoTime();
        batch.add(capturedAt(System.currentTimeMillis() - 3_600_000L), now);
        assertTrue(batch.due(now, false));
        assertTrue(batch.dueIn(now) <= 0);
    }

    @Test
    void aFreshOccurrenceWaitsTheWholeIntervalAndOneFromTheFutureNoLonger() {
        long now = System.nanoTime();
        Batch fresh = new Batch(512, INTERVAL, Long.MAX_VALUE);
        // A wall clock that jumped back: its age is not negative, so the batch is due within the interval.
        fresh.add(capturedAt(System.currentTimeMillis() + 3_600_000L), now);
        assertFalse(fresh.due(now, false));
        assertEquals(INTERVAL, fresh.dueIn(now));
        assertTrue(fresh.due(now + INTERVAL, false));
    }

    @Test
    void anEmptyBatchIsNeverDue() {
        Batch batch = new Batch(512, INTERVAL, Long.MAX_VALUE);
        assertFalse(batch.due(System.nanoTime(), true));
        assertEquals(Long.MAX_VALUE, batch.dueIn(System.nanoTime()));
    }

    /**
     * Records that carry 20 breadcrumbs of 8 KiB each are 176 KiB encoded: a batch of them is
     * sent once its encoded bound reaches the budget, not at batch.size (the driver encodes a
     * batch whole; in a 20 MiB heap that was an OutOfMemoryError).
     */
    @Test
    void aBatchIsDueOnceItsRecordsMayTakeItsBytesAndTakesNoMore() {
        long now = System.nanoTime();
        Batch batch = new Batch(512, INTERVAL, 100_000);
        String message = "x".repeat(8192);
        int added = 0;
        while (!batch.full()) {
            batch.add(Occurrence.of(new Document("_id", "x" + added).append("timestamp", new Date()).append("fingerprint", "f")
                    .append("message", message)), now);
            added++;
        }
        assertEquals(5, added, "8192 characters at up to 3 bytes each: about 24.6 KB a record, 100 KB a batch");
        assertTrue(batch.due(now, false), "due by its bytes, not its age or count");
        assertEquals(0, batch.room());
        batch.take();
        assertFalse(batch.full());
        assertEquals(512, batch.room(), "empty again");
    }
}
