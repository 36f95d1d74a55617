package dev.faultline.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.faultline.bootstrap.CapturedEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventQueueTest {
    private static CapturedEvent costing(int bytes) {
        CapturedEvent e = EventSizeTest.event("m");
        e.queueBytes = bytes;
        return e;
    }

    @Test
    void refusesAnEventThatWouldPassTheByteBudget() {
        EventQueue queue = new EventQueue(100, 1000);

        assertEquals(EventQueue.Offer.QUEUED, queue.offer(costing(600), false));
        assertEquals(EventQueue.Offer.OVER_BYTES, queue.offer(costing(600), false));
        assertEquals(1, queue.size());
        assertEquals(600, queue.bytes());
    }

    @Test
    void acceptsAgainOnceTheWriterDrainsAndReleasesTheBytes() {
        EventQueue queue = new EventQueue(100, 1000);
        queue.offer(costing(600), false);
        List<CapturedEvent> sink = new ArrayList<>();

        queue.drainTo(sink, 10);

        assertEquals(0, queue.bytes());
        assertEquals(EventQueue.Offer.QUEUED, queue.offer(costing(600), false));
    }

    @Test
    void refusesByCountBeforeBytes() {
        EventQueue queue = new EventQueue(1, 1000);
        queue.offer(costing(1), false);

        assertEquals(EventQueue.Offer.FULL, queue.offer(costing(1), false));
        assertEquals(1, queue.bytes());
    }

    @Test
    void anErrorCodeDecisionIsQueuedOverTheBudget() {
        EventQueue queue = new EventQueue(1, 10);

        assertEquals(EventQueue.Offer.QUEUED, queue.offer(costing(600), true));
        assertEquals(EventQueue.Offer.QUEUED, queue.offer(costing(600), true));
        assertEquals(1200, queue.bytes());
    }
}
