package dev.faultline.codes;

import com.example.shop.KeyValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ErrorCodeTrackerTest {
    private static final long HOUR = 3_600_000L;

    /** A clock the test moves by hand. */
    static final class ManualClock implements Clock {
        long now = 1_700_000_000_000L;

        @Override
        public long millis() {
            return now;
        }
    }

    private final ManualClock clock = new ManualClock();
    private final ErrorCodeTracker tracker = new ErrorCodeTracker(clock, HOUR);

    @BeforeEach
    void storedEpisodesLoaded() {
        tracker.loaded(List.of());
    }

    private static CodeFields code(String code) {
        return new CodeFields(code, null, null, true);
    }

    private static Decision.Action action(Object decision) {
        return ((Decision) decision).action();
    }

    /**
     * A reviewer's trial: a code holding a secret ({@code upstream_down token=abc}) was the
     * episode's name, stored, hashed into its open key and sent in notices as written. Episodes
     * are by the redacted name: the secret reaches none of them, and a code whose secret changes
     * is the same episode (its repeat suppressed, its clear clearing it).
     */
    @Test
    void aCodeHoldingASecretIsKeptByItsRedactedName() throws Exception {
        dev.faultline.config.Config config = dev.faultline.config.Config.fromMap(Map.of("service", "shop"));
        ErrorCodeTracker redacting = new ErrorCodeTracker(clock, HOUR,
                new dev.faultline.capture.CodeNames(() -> dev.faultline.capture.Redactor.of(config)));
        redacting.loaded(List.of());
        Decision opened = (Decision) redacting.decide(code("upstream_down token=abc123"), true);
        assertEquals(Decision.Action.NEW, opened.action());
        assertEquals("upstream_down token=[REDACTED]", opened.code);
        assertEquals(List.of("upstream_down token=[REDACTED]"), redacting.codes());
        assertSame(ErrorCodeTracker.SUPPRESSED, redacting.early(Map.of("error_code", "upstream_down token=abc123"), null, clock.now),
                "a repeat is still a look-up on the application thread");
        assertSame(ErrorCodeTracker.UNDECIDED, redacting.early(Map.of("error_code", "upstream_down token=xyz789"), null, clock.now),
                "a name not made yet is made by decide");
        assertSame(ErrorCodeTracker.SUPPRESSED, redacting.decide(code("upstream_down token=xyz789"), true));
        Decision cleared = (Decision) redacting.decide(new CodeFields(null, "upstream_down token=other", null, true), true);
        assertEquals(Decision.Action.CLEAR, cleared.action());
        assertSame(opened.episode, cleared.episode);
    }

    @Test
    void firstEventOfACodeOpensAnEpisode() {
        Object d = tracker.decide(code("disk_full_box7"), true);
        assertEquals(Decision.Action.NEW, action(d));
        assertTrue(tracker.contains("disk_full_box7"));
        assertEquals(1, tracker.size());
    }

    @Test
    void suppressesRepeatOfActiveCodeInsideWindow() {
        tracker.decide(code("x"), true);
        clock.now += HOUR - 1;
        assertSame(ErrorCodeTracker.SUPPRESSED, tracker.decide(code("x"), true));
        assertEquals(1, tracker.get("x").unwritten.get());
    }

    @Test
    void aRepeatInsideTheWindowIsSuppressedBeforeItsEventIsMadeAndCountedAsDecideCountsIt() {
        tracker.decide(code("x"), true);
        assertSame(ErrorCodeTracker.SUPPRESSED, tracker.early(Map.of("error_code", "x"), null, clock.now + HOUR));
        assertEquals(1, tracker.get("x").unwritten.get());
        assertEquals(clock.now + HOUR, tracker.get("x").lastSeen, "at the event's own time");
    }

    @Test
    void whatOnlyDecideSettlesIsLeftToItBeforeTheEventIsMadeWithNothingChanged() {
        assertNull(tracker.early(Map.of("user_id", "7"), null, clock.now), "no code");
        assertSame(ErrorCodeTracker.UNDECIDED, tracker.early(Map.of("error_code", "x"), null, clock.now), "a new code");
        assertEquals(Decision.Action.NEW, action(tracker.decide(code("x"), true)));
        assertSame(ErrorCodeTracker.UNDECIDED, tracker.early(Map.of("error_code", "x"), null, clock.now + HOUR + 1),
                "its window is over");
        assertSame(ErrorCodeTracker.UNDECIDED, tracker.early(Map.of("error_code", "x", "re_alert_time", "1s"), null,
                clock.now + 1001), "its own window is over");
        assertSame(ErrorCodeTracker.UNDECIDED, tracker.early(Map.of("error_code", "x", "error_code_clear", "x"), null,
                clock.now), "a clear");
        assertEquals(0, tracker.get("x").unwritten.get(), "nothing counted");
        assertTrue(tracker.contains("x"), "nothing cleared");
    }

    @Test
    void suppressesAtExactlyTheWindowBoundary() {
        tracker.decide(code("x"), true);
        clock.now += HOUR;
        assertSame(ErrorCodeTracker.SUPPRESSED, tracker.decide(code("x"), true));
    }

    @Test
    void reAlertsAfterTheWindowAndRestartsIt() {
        Object first = tracker.decide(code("x"), true);
        long start = ((Decision) first).episode().startTime();
        clock.now += HOUR + 1;
        Object again = tracker.decide(code("x"), true);
        assertEquals(Decision.Action.RE_ALERT, action(again));
        assertEquals(clock.now, tracker.get("x").lastAlert());
        assertEquals(start, tracker.get("x").startTime(), "start_time stays");
        clock.now += HOUR;
        assertSame(ErrorCodeTracker.SUPPRESSED, tracker.decide(code("x"), true), "the window restarted at the re-alert");
    }

    @Test
    void eventsOwnReAlertTimeWinsOverTheDefault() {
        tracker.decide(code("x"), true);
        clock.now += 31_000;
        assertEquals(Decision.Action.RE_ALERT, action(tracker.decide(new CodeFields("x", null, "30s", true), true)));
        clock.now += 31_000;
        assertEquals(Decision.Action.RE_ALERT, action(tracker.decide(new CodeFields("x", null, "30", true), true)),
                "a plain number is seconds");
        clock.now += 29_000;
        assertSame(ErrorCodeTracker.SUPPRESSED, tracker.decide(new CodeFields("x", null, "30", true), true));
    }

    @Test
    void windowOfZeroReAlertsEveryTime() {
        tracker.decide(code("x"), true);
        assertEquals(Decision.Action.RE_ALERT, action(tracker.decide(new CodeFields("x", null, "0", true), true)));
        assertEquals(Decision.Action.RE_ALERT, action(tracker.decide(new CodeFields("x", null, "0s", true), true)));
    }

    @Test
    void unreadableReAlertTimeFallsBackToTheDefault() {
        tracker.decide(code("x"), true);
        clock.now += 60_000;
        assertSame(ErrorCodeTracker.SUPPRESSED, tracker.decide(new CodeFields("x", null, "soon", true), true));
    }

    @Test
    void clearEndsTheEpisodeAndForgetsTheCode() {
        tracker.decide(code("x"), true);
        clock.now += 5_000;
        Object d = tracker.decide(new CodeFields(null, "x", null, true), false);
        assertEquals(Decision.Action.CLEAR, action(d));
        assertFalse(((Decision) d).record(), "a clearing event below the capture level is not recorded");
        Episode e = ((Decision) d).episode();
        assertFalse(e.active());
        assertEquals(clock.now, e.clearedAt);
        assertFalse(tracker.contains("x"));
        assertEquals(Decision.Action.NEW, action(tracker.decide(code("x"), true)), "the next one opens a new episode");
    }

    @Test
    void clearOfUnknownCodeDoesNothing() {
        tracker.decide(code("a"), true);
        assertNull(tracker.decide(new CodeFields(null, "b", null, true), true));
        assertTrue(tracker.contains("a"));
    }

    @Test
    void eventWithBothClearAndCodeOnlyClears() {
        tracker.decide(code("a"), true);
        Object d = tracker.decide(new CodeFields("b", "a", null, true), true);
        assertEquals(Decision.Action.CLEAR, action(d));
        assertFalse(tracker.contains("b"));
        assertFalse(tracker.contains("a"));
    }

    @Test
    void manyThreadsRaisingTheSameNewCodeOpenExactlyOneEpisode() throws Exception {
        int threads = 16;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger opened = new AtomicInteger();
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            done.add(pool.submit(() -> {
                go.await();
                for (int n = 0; n < 1000; n++) {
                    Object d = tracker.decide(code("storm"), true);
                    if (d instanceof Decision && ((Decision) d).action() == Decision.Action.NEW) {
                        opened.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : done) {
            f.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertEquals(1, opened.get());
        assertEquals(threads * 1000 - 1, tracker.get("storm").unwritten.get(), "every other event is counted");
    }

    @Test
    void mapOperationsMirrorTheOriginalManager() {
        Episode a = tracker.add("a", "disk full");
        assertSame(a, tracker.add("a", "other"), "add keeps an active episode");
        assertEquals("disk full", tracker.get("a").message());
        tracker.add("b", "");
        assertEquals(List.of("a", "b"), tracker.codes().stream().sorted().collect(java.util.stream.Collectors.toList()));
        Episode removed = tracker.remove("a", "gone");
        assertEquals("gone", removed.clearMessage());
        assertFalse(removed.active());
        assertNull(tracker.remove("a", "again"));
        assertSame(tracker.get("b"), tracker.pop("b"));
        assertNull(tracker.pop("b"));
        Episode fallback = tracker.add("c", "");
        tracker.pop("c");
        assertSame(fallback, tracker.pop("c", fallback));
        tracker.add("d", "");
        tracker.clear();
        assertEquals(0, tracker.size());
    }

    @Test
    void readsCodeKeysFromContextAndIgnoresBlankValues() {
        Map<String, Object> mdc = new HashMap<>();
        mdc.put("error_code", "  ");
        assertNull(CodeFields.read(mdc, null));
        mdc.put("error_code", "api_down");
        mdc.put("notification", "false");
        mdc.put("re_alert_time", "15m");
        CodeFields f = CodeFields.read(mdc, null);
        assertEquals("api_down", f.code);
        assertFalse(f.notify);
        assertEquals("15m", f.reAlert);
        assertTrue(CodeFields.read(Map.of("error_code", "x"), null).notify, "notification defaults to true");
    }

    @Test
    void keyValuePairsWinOverTheMdc() {
        CodeFields f = CodeFields.read(Map.of("error_code", "from_mdc"), List.of(new KeyValue("error_code", "from_pair")));
        assertEquals("from_pair", f.code);
    }

    @Test
    void clearMessageSaysHowLongAndWhatTheOriginalWas() {
        long start = 0;
        long end = ((((1L * 24 + 2) * 60 + 3) * 60) + 4) * 1000;
        assertEquals("Error code x cleared after 1d 02h 03m 04s original: disk full",
                ClearMessage.of("x", start, end, "disk full"));
    }

    @Test
    void documentWithOnlyACodeMapsToEmptyMessageAndCurrentTimes() {
        Episode e = EpisodeDocuments.fromDocument(new org.bson.Document("code", "x"), clock);
        assertEquals("x", e.code());
        assertEquals("", e.message());
        assertEquals(clock.now, e.startTime());
        assertEquals(clock.now, e.lastAlert());
        assertTrue(e.active());
    }

    @Test
    void documentMappingRoundTrips() {
        Episode e = tracker.add("x", "disk full");
        dev.faultline.capture.Identity id = new dev.faultline.capture.Identity("svc", "prod", "1.0", "srv", "node", "box", "host", 1);
        org.bson.Document d = EpisodeDocuments.toDocument(e, id);
        assertEquals("box", d.getString("local_machine_name"));
        Episode back = EpisodeDocuments.fromDocument(d, clock);
        assertEquals(e.id(), back.id());
        assertEquals("disk full", back.message());
        assertEquals(e.startTime(), back.startTime());
        assertEquals(e.lastAlert(), back.lastAlert());
    }
}
