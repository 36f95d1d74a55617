package dev.faultline.intake;

import dev.faultline.bootstrap.CapturedEvent;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The hand-off from application threads to the writer: bounded, lock-free, and it never blocks,
 * parks or signals the application thread.
 */
public final class EventQueue {
    private final ConcurrentLinkedQueue<CapturedEvent> events = new ConcurrentLinkedQueue<CapturedEvent>();
    private final AtomicInteger size = new AtomicInteger();
    private final int capacity;

    /** @param capacity events held before {@link #offer} refuses ({@code queue.size}) */
    public EventQueue(int capacity) {
        this.capacity = capacity;
    }

    /**
     * Queues {@code event}; false when the queue is full, unless {@code always} (an error-code
     * decision, which carries an episode's state and is rare by construction).
     */
    public boolean offer(CapturedEvent event, boolean always) {
        if (size.incrementAndGet() > capacity && !always) {
            size.decrementAndGet();
            return false;
        }
        events.offer(event);
        return true;
    }

    /** Moves up to {@code max} events into {@code sink}, oldest first; returns how many. */
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
