package dev.faultline.store;

import dev.faultline.bootstrap.CapturedEvent;
import dev.faultline.bootstrap.EventSink;
import dev.faultline.capture.SeenThrowables;
import dev.faultline.core.Diag;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The hand-off from application threads to the writer: bounded, lock-free, and it never blocks,
 * parks or signals the application thread. Full means the event is dropped and counted.
 */
public final class EventQueue implements EventSink {
    private final ConcurrentLinkedQueue<CapturedEvent> events = new ConcurrentLinkedQueue<CapturedEvent>();
    private final AtomicInteger size = new AtomicInteger();
    private final int capacity;
    private final Health health;
    private final String fullWarning;
    private final SeenThrowables seen = new SeenThrowables();

    public EventQueue(int capacity, Health health) {
        this.capacity = capacity;
        this.health = health;
        this.fullWarning = "queue full (queue.size=" + capacity + "), errors are being dropped; see agent_health.dropped";
    }

    @Override
    public boolean accept(CapturedEvent event) {
        if (seen.repeat(event)) {
            // The same Throwable already captured on another path: one occurrence, counted here.
            health.repeats.incrementAndGet();
            return false;
        }
        health.captured.incrementAndGet();
        if (size.incrementAndGet() > capacity) {
            size.decrementAndGet();
            health.dropped(Health.QUEUE_FULL, 1);
            Diag.warnRateLimited(Health.QUEUE_FULL, fullWarning);
            return false;
        }
        events.offer(event);
        return false;
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
