package dev.faultline.store;

import dev.faultline.bootstrap.CapturedEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The events the writer took from the queue for one fill, shared with the exit: each is handled
 * by exactly one of the two. The writer takes them one at a time; an exit that finds the writer
 * held up in one of them (an argument's {@code toString()} that blocks) {@link #claim claims} the
 * rest, which it spools without running the application's code. Before, they were lost with the
 * one the writer was in (a trial's burst of 20 lost up to 18). Costs the writer one atomic
 * increment per event; the application's threads never see it.
 */
final class TakenEvents {
    /** Nothing to take: between fills, or after a claim (far from overflow by increments). */
    private static final int CLOSED = Integer.MAX_VALUE / 2;

    private final List<CapturedEvent> events = new ArrayList<CapturedEvent>();
    /** The index the writer takes next; set to {@link #CLOSED} by whoever ends the fill's sharing. */
    private final AtomicInteger next = new AtomicInteger(CLOSED);
    /** Set by the exit before it claims: the writer then waits for its copy before clearing. */
    private volatile boolean claimed;

    /** Where the writer puts a fill's events, before {@link #open}. Writer thread only. */
    List<CapturedEvent> filling() {
        return events;
    }

    int size() {
        return events.size();
    }

    /** The events are in: the writer may take them, the exit claim them. */
    void open() {
        next.set(0);
    }

    /** The index of the next event for the writer, or -1 when none is left to it. */
    int take() {
        int i = next.getAndIncrement();
        return i < events.size() ? i : -1;
    }

    CapturedEvent get(int i) {
        return events.get(i);
    }

    /**
     * The writer keeps the events after {@code taken} (its batch is full, its cycle failed): the
     * end of what it keeps, {@code taken + 1} when the exit claimed them first.
     */
    int keep(int taken) {
        return next.getAndSet(CLOSED) == taken + 1 ? events.size() : taken + 1;
    }

    /** The fill is over: nothing left to take or claim; waits for an exit copying its claim. */
    void clear() {
        next.set(CLOSED);
        if (claimed) {
            synchronized (this) {
                // the exit's copy is done
            }
        }
        events.clear();
    }

    /** Exit hook: the events the writer has not taken yet, now the exit's. */
    synchronized List<CapturedEvent> claim() {
        claimed = true;
        List<CapturedEvent> rest = new ArrayList<CapturedEvent>();
        for (int i = next.getAndSet(CLOSED); i < events.size(); i++) {
            rest.add(events.get(i));
        }
        return rest;
    }
}
