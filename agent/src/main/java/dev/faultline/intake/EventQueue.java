package dev.faultline.intake;

import dev.faultline.bootstrap.CapturedEvent;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The hand-off from application threads to the writer: bounded by count ({@code queue.size}) and
 * by estimated bytes ({@code queue.max-bytes}, see {@link EventSize}), lock-free, and it never
 * blocks, parks or signals the application thread.
 */
public final class EventQueue {
    /** What {@link #offer} did. */
    public enum Offer { QUEUED, FULL, OVER_BYTES }

    private final ConcurrentLinkedQueue<CapturedEvent> events = new ConcurrentLinkedQueue<CapturedEvent>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicLong bytes = new AtomicLong();
    private final int capacity;
    private final long maxBytes;

    /**
     * @param capacity events held before {@link #offer} refuses ({@code queue.size})
     * @param maxBytes estimated bytes held before {@link #offer} refuses ({@code queue.max-bytes})
     */
    public EventQueue(int capacity, long maxBytes) {
        this.capacity = capacity;
        this.maxBytes = maxBytes;
    }

    /**
     * Queues {@code event}, which costs {@code event.queueBytes}; refuses when the queue is full by
     * count or bytes, unless {@code always} (an error-code decision, which carries an episode's
     * state and is rare by construction).
     */
    public Offer offer(CapturedEvent event, boolean always) {
        Offer room = reserve(event, always);
        if (room == Offer.QUEUED) {
            publish(event, 0);
        }
        return room;
    }

    /**
     * Takes room for {@code event} as {@link #offer} would, without handing it to the writer yet:
     * the caller may still add to it (its breadcrumbs, copied only once the room is there), then
     * calls {@link #publish}.
     */
    public Offer reserve(CapturedEvent event, boolean always) {
        if (size.incrementAndGet() > capacity && !always) {
            size.decrementAndGet();
            return Offer.FULL;
        }
        if (bytes.addAndGet(event.queueBytes) > maxBytes && !always) {
            bytes.addAndGet(-event.queueBytes);
            size.decrementAndGet();
            return Offer.OVER_BYTES;
        }
        return Offer.QUEUED;
    }

    /**
     * Hands a {@link #reserve}d event to the writer. {@code addedBytes}: what it grew since (its
     * breadcrumbs, at most {@code breadcrumbs.size} small ones), counted even past the budget.
     */
    public void publish(CapturedEvent event, int addedBytes) {
        if (addedBytes > 0) {
            event.queueBytes += addedBytes;
            bytes.addAndGet(addedBytes);
        }
        events.offer(event);
    }

    /** Moves up to {@code max} events into {@code sink}, oldest first; returns how many. */
    public int drainTo(List<CapturedEvent> sink, int max) {
        int n = 0;
        long released = 0;
        CapturedEvent e;
        while (n < max && (e = events.poll()) != null) {
            sink.add(e);
            released += e.queueBytes;
            n++;
        }
        size.addAndGet(-n);
        bytes.addAndGet(-released);
        return n;
    }

    /** True when {@link #reserve} would refuse any event but an error-code decision by count now (a plain read). */
    public boolean full() {
        return size.get() >= capacity;
    }

    public int capacity() {
        return capacity;
    }

    public long maxBytes() {
        return maxBytes;
    }

    public int size() {
        return size.get();
    }

    /** The estimated bytes the queued events hold ({@code agent_health.queue_bytes}). */
    public long bytes() {
        return bytes.get();
    }
}
