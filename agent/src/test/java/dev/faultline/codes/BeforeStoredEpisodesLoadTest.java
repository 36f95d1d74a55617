package dev.faultline.codes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Decisions made on application threads before the writer has loaded the episodes an earlier run
 * stored: repeats are known from memory at once, and the writer settles the first sighting
 * against the stored episode by the same window rule.
 */
class BeforeStoredEpisodesLoadTest {
    private static final long HOUR = 3_600_000L;
    private static final long MINUTE = 60_000L;

    private final ErrorCodeTrackerTest.ManualClock clock = new ErrorCodeTrackerTest.ManualClock();
    private final ErrorCodeTracker tracker = new ErrorCodeTracker(clock, HOUR);

    private Episode stored(String code, long alertedAgo) {
        long at = clock.now - alertedAgo;
        Episode e = new Episode("stored-" + code, code, "disk full", at - HOUR, at, at - HOUR);
        e.alerts = 3;
        return e;
    }

    private static CodeFields code(String code) {
        return new CodeFields(code, null, null, true);
    }

    private static CodeFields clear(String code) {
        return new CodeFields(null, code, null, true);
    }

    @Test
    void repeatsAreSuppressedFromMemoryWithoutWaitingForTheStoredEpisodes() {
        assertEquals(Decision.Action.NEW, ((Decision) tracker.decide(code("x"), true)).action());
        assertSame(ErrorCodeTracker.SUPPRESSED, tracker.decide(code("x"), true));
        assertFalse(tracker.ready());
    }

    @Test
    void firstSightingInsideTheStoredWindowContinuesTheStoredEpisodeSuppressed() {
        Decision first = (Decision) tracker.decide(code("x"), true);
        clock.now += 1_000;
        tracker.loaded(List.of(stored("x", 10 * MINUTE)));
        assertSame(ErrorCodeTracker.SUPPRESSED, tracker.resolve(first));
        Episode e = tracker.get("x");
        assertEquals("stored-x", e.id(), "one document per episode across restarts");
        assertEquals("disk full", e.message());
        assertEquals(1, e.unwritten.get(), "the suppressed first sighting is counted on the stored episode");
        assertEquals(clock.now - 10 * MINUTE, e.lastAlert(), "the window goes on from the stored alert");
    }

    @Test
    void firstSightingAfterTheStoredWindowReAlertsTheStoredEpisode() {
        Decision first = (Decision) tracker.decide(code("x"), true);
        tracker.loaded(List.of(stored("x", 2 * HOUR)));
        Decision settled = (Decision) tracker.resolve(first);
        assertEquals(Decision.Action.RE_ALERT, settled.action());
        assertEquals("stored-x", settled.episode().id());
        assertEquals(3, settled.episode().alerts, "alerts go on counting from the stored episode's");
    }

    @Test
    void firstSightingOfACodeNobodyStoredStaysNew() {
        Decision first = (Decision) tracker.decide(code("x"), true);
        tracker.loaded(List.of(stored("other", MINUTE)));
        assertSame(first, tracker.resolve(first));
        assertTrue(tracker.contains("other"), "stored episodes of other codes are active");
    }

    @Test
    void clearBeforeTheLoadClearsTheStoredEpisode() {
        Decision d = (Decision) tracker.decide(clear("x"), true);
        assertEquals(Decision.Action.CLEAR_IF_STORED, d.action());
        tracker.loaded(List.of(stored("x", MINUTE)));
        Decision settled = (Decision) tracker.resolve(d);
        assertEquals(Decision.Action.CLEAR, settled.action());
        assertEquals("stored-x", settled.episode().id());
        assertFalse(settled.episode().active());
        assertEquals(clock.now, settled.episode().clearedAt);
        assertFalse(tracker.contains("x"));
    }

    @Test
    void clearBeforeTheLoadOfACodeNobodyStoredIsAnOrdinaryEvent() {
        Decision d = (Decision) tracker.decide(clear("x"), true);
        tracker.loaded(List.of());
        assertNull(tracker.resolve(d));
    }

    @Test
    void codeOpenedAndClearedBeforeTheLoadClosesTheStoredEpisode() {
        Decision opened = (Decision) tracker.decide(code("x"), true);
        Decision cleared = (Decision) tracker.decide(clear("x"), true);
        assertEquals(Decision.Action.CLEAR, cleared.action());
        tracker.loaded(List.of(stored("x", MINUTE)));
        assertTrue(tracker.contains("x"), "the stored episode is active until the queued clear is settled");
        tracker.resolve(opened);
        Decision settled = (Decision) tracker.resolve(cleared);
        assertEquals("stored-x", settled.episode().id(), "the clear closes the stored document");
        assertFalse(tracker.contains("x"));
    }

    @Test
    void afterTheLoadTheStoredEpisodeIsDecidedOnTheApplicationThread() {
        tracker.loaded(List.of(stored("x", MINUTE)));
        assertSame(ErrorCodeTracker.SUPPRESSED, tracker.decide(code("x"), true));
        clock.now += HOUR;
        Decision d = (Decision) tracker.decide(code("x"), true);
        assertEquals(Decision.Action.RE_ALERT, d.action());
        assertSame(d, tracker.resolve(d), "nothing left to settle");
    }
}
