package dev.faultline.store;

import dev.faultline.capture.Occurrence;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The occurrences waiting for the next insert: sent when {@code batch.size} are waiting, when
 * their encoded size may reach {@link #maxBytes}, when the oldest was captured {@code
 * flush.interval} ago, or at shutdown. Writer thread only.
 */
final class Batch {
    private final int size;
    private final long maxBytes;
    /** {@link Occurrence#encodedBound} of the occurrences waiting. */
    private long bytes;

    private final long intervalNanos;
    private List<Occurrence> occurrences = new ArrayList<Occurrence>();
    private long firstAt;

    /**
     * @param size {@code batch.size}
     * @param intervalNanos {@code flush.interval} in nanoseconds
     * @param maxBytes what the waiting occurrences may take encoded, by {@link Occurrence#encodedBound}:
     *     the writer gives a quarter of {@code queue.max-bytes} (by default a 64th of the heap, 256 KiB
     *     to 16 MiB). The driver encodes a whole insert at once; a batch of records that carry 20
     *     breadcrumbs of 8 KiB each (176 KiB) was tens of MiB, an OutOfMemoryError in a 20 MiB heap
     *     that the application alone never reached (a user's trial).
     */
    Batch(int size, long intervalNanos, long maxBytes) {
        this.size = size;
        this.intervalNanos = intervalNanos;
        this.maxBytes = maxBytes;
    }

    /** How many more fit before the batch is full (none once it is {@link #full} by its bytes). */
    int room() {
        return full() ? 0 : size - occurrences.size();
    }

    /** What the waiting occurrences may take encoded: a read of the spool's backlog holds no more either. */
    long maxBytes() {
        return maxBytes;
    }

    /** Whether the occurrences waiting may take {@link #maxBytes} encoded: no more is added before it is sent. */
    boolean full() {
        return bytes >= maxBytes;
    }

    void add(Occurrence o, long now) {
        if (occurrences.isEmpty()) {
            // Its age counts from its capture, not from when the writer took it out of the queue:
            // the flush interval then bounds what a kill -9 can lose (OPERATIONS.md). Capped both
            // ways, for a wall clock that jumps.
            long waitedMillis = o.timestamp == null ? 0 : System.currentTimeMillis() - o.timestamp.getTime();
            firstAt = now - Math.max(0, Math.min(TimeUnit.MILLISECONDS.toNanos(waitedMillis), intervalNanos));
        }
        occurrences.add(o);
        bytes += o.encodedBound();
    }

    /** Whether it should be sent at {@code now}. */
    boolean due(long now, boolean stopping) {
        return !occurrences.isEmpty()
                && (occurrences.size() >= size || full() || now - firstAt >= intervalNanos || stopping);
    }

    /** Nanoseconds from {@code now} until it is due by age; {@link Long#MAX_VALUE} when empty. */
    long dueIn(long now) {
        return occurrences.isEmpty() ? Long.MAX_VALUE : firstAt + intervalNanos - now;
    }

    boolean isEmpty() {
        return occurrences.isEmpty();
    }

    int count() {
        return occurrences.size();
    }

    /** The occurrences, in order; the batch starts empty again (they may still be in flight while the next fills). */
    List<Occurrence> take() {
        List<Occurrence> taken = occurrences;
        occurrences = new ArrayList<Occurrence>(Math.min(size, 4096));
        bytes = 0;
        return taken;
    }

    /**
     * Puts back, into the batch just {@link #take}n and still empty, the occurrences of it that
     * were not handled: it stays as old as it was (due at once if it was).
     */
    void restore(List<Occurrence> notHandled) {
        if (!occurrences.isEmpty()) {
            throw new IllegalStateException("the batch is not empty");
        }
        occurrences.addAll(notHandled);
        for (Occurrence o : notHandled) {
            bytes += o.encodedBound();
        }
    }

    void clear() {
        occurrences.clear();
        bytes = 0;
    }
}
