package dev.faultline.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.bootstrap.CapturedEvent;
import dev.faultline.bootstrap.Severity;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** Each event of a fill is the writer's or the exit's claim, never both and never neither, whenever the claim comes. */
class TakenEventsTest {
    private static List<CapturedEvent> events(int n) {
        List<CapturedEvent> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            events.add(new CapturedEvent("logback", Severity.ERROR, 0L, "shop", "main", "failed " + i, null,
                    CapturedEvent.FORMAT_NONE, null, null, null, true));
        }
        return events;
    }

    @Test
    void aClaimDuringTheWritersTakingSplitsTheFillWithoutOverlapOrGap() throws Exception {
        for (int round = 0; round < 500; round++) {
            TakenEvents taken = new TakenEvents();
            List<CapturedEvent> all = events(64);
            taken.filling().addAll(all);
            taken.open();
            Map<CapturedEvent, String> owner = new IdentityHashMap<>();
            List<CapturedEvent> byWriter = new ArrayList<>();
            CountDownLatch go = new CountDownLatch(1);
            boolean keepRest = round % 2 == 1;
            Thread writer = new Thread(() -> {
                await(go);
                for (int i = taken.take(); i >= 0; i = taken.take()) {
                    if (keepRest && i == 40) {
                        // the batch full: the writer keeps what is left to it
                        byWriter.addAll(taken.filling().subList(i, taken.keep(i)));
                        break;
                    }
                    byWriter.add(taken.get(i));
                }
                taken.clear();
            });
            writer.start();
            go.countDown();
            List<CapturedEvent> claimed = taken.claim();
            writer.join();
            for (CapturedEvent e : byWriter) {
                assertEquals(null, owner.put(e, "writer"), "taken twice");
            }
            for (CapturedEvent e : claimed) {
                assertEquals(null, owner.put(e, "exit"), "both the writer's and the exit's: round " + round);
            }
            assertEquals(all.size(), owner.size(), "none left out: round " + round);
        }
    }

    @Test
    void aClaimBetweenFillsTakesNothing() {
        TakenEvents taken = new TakenEvents();
        taken.filling().addAll(events(3));
        taken.open();
        while (taken.take() >= 0) {
            // all taken
        }
        taken.clear();
        assertTrue(taken.claim().isEmpty());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
