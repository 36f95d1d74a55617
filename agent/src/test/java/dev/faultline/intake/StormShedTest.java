package dev.faultline.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.bootstrap.CapturedEvent;
import dev.faultline.bootstrap.Severity;
import dev.faultline.capture.Occurrence;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** Shedding a storm on the application thread, with the events' own times as the clock. */
class StormShedTest {
    private static final long T0 = 1_700_000_000_000L;
    private static final long WINDOW = 60_000;
    /** keep-per-window 2: a key sheds after 8 events in a window. */
    private final StormShed shed = new StormShed(2, WINDOW);

    private static CapturedEvent event(String template, Throwable t, long at) {
        return new CapturedEvent("logback", Severity.ERROR, at, "com.example.Orders", "main", template, null,
                CapturedEvent.FORMAT_SLF4J, t, null, null, true);
    }

    /** Offers n events of one key at {@code at}; returns those that passed. */
    private List<CapturedEvent> offer(int n, String template, Throwable t, long at) {
        List<CapturedEvent> passed = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            CapturedEvent e = event(template, t, at);
            if (!shed.shed(e)) {
                passed.add(e);
            }
        }
        return passed;
    }

    @Test
    void aKeyPassesFourTimesTheKeepThenOneEventInPassOneIn() {
        IllegalStateException failure = new IllegalStateException("down");
        List<CapturedEvent> passed = offer(8 + 2 * StormShed.PASS_ONE_IN, "order {} failed", failure, T0);
        assertEquals(8 + 2, passed.size());
        assertEquals(0, passed.get(7).shed);
        assertEquals(StormShed.PASS_ONE_IN - 8 - 1, passed.get(8).shed, "the 1024th carries those shed since the 9th");
        assertEquals(StormShed.PASS_ONE_IN - 1, passed.get(9).shed);
        assertNotNull(passed.get(0).storm);
    }

    @Test
    void oneExceptionTypeThrownInTwoPlacesIsTwoKeysSoAStormOfOneLendsNoCountsToTheOther() {
        IllegalArgumentException failure = new IllegalArgumentException("bad row");
        Object qty = shed.key("com.example.Import", "logback", "row import failed", failure, 11, T0);
        Object sku = shed.key("com.example.Import", "logback", "row import failed", failure, 22, T0);
        assertNotSame(qty, sku, "thrown in two places");
        assertSame(qty, shed.key("com.example.Import", "logback", "row import failed", failure, 11, T0), "thrown in one place");
        for (int i = 0; i < 8 + StormShed.PASS_ONE_IN; i++) {
            shed.shedNow(qty, T0);
        }
        assertFalse(shed.shedNow(sku, T0), "the other place's error is not shed with the storm");
        CapturedEvent other = event("row import failed", failure, T0);
        other.storm = sku;
        shed.shed(other);
        assertEquals(0, other.shed, "and carries none of its shed count");
    }

    @Test
    void aCallCountedBeforeItsEventIsMadeIsShedOrPassedAsOnTheEventsPath() {
        IllegalStateException failure = new IllegalStateException("down");
        Object key = shed.key("com.example.Orders", "logback", "order {} failed", failure, T0);
        assertSame(key, shed.key("com.example.Orders", "logback", "order {} failed", failure, T0), "one entry per key");
        assertNotSame(key, shed.key("com.example.Orders", "logback", "refund {} failed", failure, T0), "another template");
        assertNotSame(key, shed.key("com.example.Orders", "logback", "order {} failed", new IllegalArgumentException(), T0),
                "another throwable class");
        int passed = 0;
        long carried = 0;
        for (int i = 0; i < 8 + StormShed.PASS_ONE_IN; i++) {
            if (!shed.shedNow(key, T0)) {
                passed++;
                CapturedEvent e = event("order {} failed", failure, T0);
                e.storm = key;
                assertFalse(shed.shed(e), "counted already: passes");
                carried += e.shed;
            }
        }
        assertEquals(8 + 1, passed, "the first 8, then the 1024th of the window, as on the event's path");
        assertEquals(StormShed.PASS_ONE_IN - 9, carried, "the 1024th carries those shed since the 9th");
    }

    @Test
    void bothPathsCountOneWindowPerKey() {
        IllegalStateException failure = new IllegalStateException("down");
        assertEquals(8, offer(8, "order {} failed", failure, T0).size());
        Object key = shed.key("com.example.Orders", "logback", "order {} failed", failure, T0);
        assertTrue(shed.shedNow(key, T0), "the 9th of the window, whichever path counted the first 8");
        assertFalse(shed.shedNow(key, T0 + WINDOW), "a new window passes again");
    }

    @Test
    void totalsStayExactWhateverPassesOrIsSwept() {
        List<CapturedEvent> passed = offer(5000, "order {} failed", new IllegalStateException("down"), T0);
        long carried = passed.stream().mapToLong(e -> e.shed).sum();
        StormShed.stored(passed.get(0), occurrence());
        long[] swept = {0};
        assertEquals(0, shed.sweep((last, n, at) -> swept[0] += n, false));
        assertEquals(5000, passed.size() + carried + swept[0]);
    }

    @Test
    void aNewWindowPassesAgain() {
        offer(100, "order {} failed", new IllegalStateException("down"), T0);
        assertEquals(8, offer(8, "order {} failed", new IllegalStateException("down"), T0 + WINDOW).size());
    }

    @Test
    void otherKeysAreNotShedByAStorm() {
        offer(3000, "order {} failed", new IllegalStateException("down"), T0);
        assertEquals(5, offer(5, "order {} failed", new IllegalArgumentException("bad"), T0).size(), "another throwable class");
        assertEquals(5, offer(5, "refund {} failed", new IllegalStateException("down"), T0).size(), "another template");
    }

    /**
     * {@code log.error("order " + id + " failed", e)}: a new template at every call, which the
     * fingerprint of an event with a throwable does not read. Found by a user's storm of 50,000
     * such calls: none was shed, the queue filled and three quarters of the count was dropped.
     */
    @Test
    void withAThrowableTemplatesThatDifferOnlyInTheirDigitsAreOneKey() {
        IllegalStateException failure = new IllegalStateException("down");
        List<CapturedEvent> passed = new ArrayList<>();
        int calls = 8 + 2 * StormShed.PASS_ONE_IN;
        for (int i = 0; i < calls; i++) {
            CapturedEvent e = event("order " + (1000 + i % 2000) + " failed after " + (i % 7) + " tries", failure, T0);
            if (!shed.shed(e)) {
                passed.add(e);
            }
        }
        assertEquals(8 + 2, passed.size(), "shed as one key");
        assertSame(passed.get(0).storm, passed.get(9).storm);
        long waiting = ((StormShed.Key) passed.get(9).storm).shed.sum();
        assertEquals(calls, passed.size() + passed.stream().mapToLong(e -> e.shed).sum() + waiting, "every call counted");

        List<CapturedEvent> uuids = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            CapturedEvent e = event("request " + java.util.UUID.randomUUID() + " failed", failure, T0);
            if (!shed.shed(e)) {
                uuids.add(e);
            }
        }
        assertEquals(8 + 2, uuids.size(), "a UUID in the message: one key too");
        assertEquals(5, offer(5, "order 7 refunded", failure, T0).size(), "other words are another key");
        assertEquals(5, offer(5, "order 7 failed after 1 tries", new IllegalArgumentException(), T0).size(), "another throwable class");
        List<CapturedEvent> noThrowable = new ArrayList<>();
        // A table of its own: which slot a key takes depends on where its throwable was thrown
        // (Frames.topHash, once another test opened java.lang), and a key whose slot another holds
        // is not shed; what is checked here is the shape alone.
        StormShed alone = new StormShed(2, WINDOW);
        for (int i = 0; i < calls; i++) {
            CapturedEvent e = event("order " + i + " failed", null, T0);
            if (!alone.shed(e)) {
                noThrowable.add(e);
            }
        }
        assertEquals(8 + 2, noThrowable.size(), "without a throwable too: the fingerprint reads the message's shape");
        assertSame(noThrowable.get(0).storm, noThrowable.get(9).storm);
        int refunded = 0;
        for (int i = 0; i < 5; i++) {
            refunded += alone.shed(event("order 7 refunded", null, T0)) ? 0 : 1;
        }
        assertEquals(5, refunded, "other words are another key");
    }

    @Test
    void aCountCarriedByAnEventTheQueueRefusedGoesBackToItsKey() {
        List<CapturedEvent> passed = offer(8 + StormShed.PASS_ONE_IN, "order {} failed", null, T0);
        CapturedEvent carrier = passed.get(passed.size() - 1);
        long carried = carrier.shed;
        assertTrue(carried > 0);
        shed.refused(carrier);
        assertEquals(0, carrier.shed);
        StormShed.stored(passed.get(0), occurrence());
        long[] swept = {0};
        shed.sweep((last, n, at) -> swept[0] += n, false);
        assertEquals(carried + 8, swept[0], "what it carried and the 8 shed after it");
    }

    @Test
    void aShedCountGoesToTheLastOccurrenceStoredForItsKeyAndWaitsUntilThereIsOne() {
        List<CapturedEvent> passed = offer(20, "order {} failed", null, T0);
        List<Occurrence> to = new ArrayList<>();
        long[] swept = {0};
        StormShed.Sink sink = (last, n, at) -> {
            to.add(last);
            swept[0] += n;
        };
        assertEquals(0, shed.sweep(sink, false));
        assertEquals(0, swept[0], "no occurrence stored yet: the count waits");
        StormShed.stored(passed.get(3), occurrence());
        shed.sweep(sink, false);
        assertEquals(12, swept[0]);
        assertEquals("fp", to.get(0).fingerprint);
        assertEquals(0, shed.sweep(sink, true), "nothing left");
    }

    @Test
    void atExitACountWhoseKeyNeverHadAnOccurrenceStoredIsReturnedAsUnknown() {
        offer(20, "order {} failed", null, T0);
        assertEquals(12, shed.sweep((last, n, at) -> { }, true));
    }

    @Test
    void anEventWithoutLoggerOrSourceIsNeverShed() {
        CapturedEvent e = new CapturedEvent(null, Severity.ERROR, T0, null, "main", null, null, CapturedEvent.FORMAT_NONE,
                null, null, null, true);
        for (int i = 0; i < 100; i++) {
            assertFalse(shed.shed(e));
        }
        assertNull(shed.key(null, null, "order {} failed", null, T0), "no key to count before the event either");
    }

    @Test
    void aKeyKeepsItsEntryFromOneWindowToTheNext() {
        List<CapturedEvent> first = offer(1, "order {} failed", null, T0);
        Object key = first.get(0).storm;
        CapturedEvent again = event("order {} failed", null, T0 + WINDOW);
        shed.shed(again);
        assertSame(key, again.storm);
    }

    private static Occurrence occurrence() {
        return Occurrence.of(new Document("_id", "id-1").append("timestamp", new Date(T0)).append("fingerprint", "fp")
                .append("severity", "ERROR").append("severity_num", 40));
    }
}
