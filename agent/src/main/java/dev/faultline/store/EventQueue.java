package dev.faultline.store;

import dev.faultline.bootstrap.CapturedEvent;
import dev.faultline.bootstrap.EventSink;
import dev.faultline.codes.CodeFields;
import dev.faultline.codes.ErrorCodeTracker;
import dev.faultline.capture.SeenThrowables;
import dev.faultline.core.Diag;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The hand-off from application threads to the writer: bounded, lock-free, and it never blocks,
 * parks or signals the application thread. Full means the event is dropped and counted. Before
 * anything is copied, {@link #screen} applies the capture level and the error-code rules.
 */
public final class EventQueue implements EventSink {
    private final ConcurrentLinkedQueue<CapturedEvent> events = new ConcurrentLinkedQueue<CapturedEvent>();
    private final AtomicInteger size = new AtomicInteger();
    private final int capacity;
    private final int captureLevel;
    private final boolean hideSuppressed;
    private final ErrorCodeTracker tracker;
    private final Health health;
    private final String fullWarning;
    private final SeenThrowables seen = new SeenThrowables();

    public EventQueue(int capacity, int captureLevel, boolean hideSuppressed, ErrorCodeTracker tracker, Health health) {
        this.capacity = capacity;
        this.captureLevel = captureLevel;
        this.hideSuppressed = hideSuppressed;
        this.tracker = tracker;
        this.health = health;
        this.fullWarning = "queue full (queue.size=" + capacity + "), errors are being dropped; see agent_health.dropped";
    }

    @Override
    public Object screen(int severity, Map<String, ?> context, List<?> keyValues) {
        boolean atLevel = severity >= captureLevel;
        CodeFields fields = context == null && keyValues == null ? null : CodeFields.read(context, keyValues);
        if (fields == null) {
            return atLevel ? null : IGNORE;
        }
        if (!tracker.ready()) {
            // Episodes stored before this start are still loading: the writer decides later.
            return fields;
        }
        Object decision = tracker.decide(fields, atLevel);
        if (decision == ErrorCodeTracker.SUPPRESSED) {
            health.suppressed.incrementAndGet();
            return hideSuppressed ? SUPPRESSED_HIDDEN : SUPPRESSED;
        }
        if (decision == null) {
            return atLevel ? null : IGNORE;
        }
        return decision;
    }

    @Override
    public void accept(CapturedEvent event) {
        if (seen.repeat(event)) {
            // The same Throwable already captured on another path: one occurrence, counted here.
            health.repeats.incrementAndGet();
            return;
        }
        health.captured.incrementAndGet();
        // Error-code events are few by construction (one per code per window) and carry an
        // episode's state: they are never dropped for room.
        if (size.incrementAndGet() > capacity && event.tracking == null) {
            size.decrementAndGet();
            health.dropped(Health.QUEUE_FULL, 1);
            Diag.warnRateLimited(Health.QUEUE_FULL, fullWarning);
            return;
        }
        events.offer(event);
    }

    /** Moves up to {@code max} events into {@code sink}; returns how many. */
    public int drainTo(List<CapturedEvent> sink, int max) {
        int n = 0;
        CapturedEvent e;
        while (n < max && (e = events.poll()) != null) {
            sink.add(e);
            n++;
        }
        size.addAndGet(-n);
        return n;
    }

    public int size() {
        return size.get();
    }
}
