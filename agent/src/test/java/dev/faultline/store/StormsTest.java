package dev.faultline.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.bootstrap.CapturedEvent;
import dev.faultline.bootstrap.Severity;
import dev.faultline.capture.Occurrence;
import dev.faultline.store.Storms.Verdict;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** The writer's storm windows, with the occurrences' own times as the clock. */
class StormsTest {
    private static final long T0 = 1_700_000_000_000L;
    private static final long WINDOW = 60_000;

    private final Health health = new Health();
    private final GroupWriter groups = new GroupWriter(health);
    private final Storms storms = new Storms(3, WINDOW, health, groups, null);

    private List<Verdict> decide(String fingerprint, int n, long at) {
        List<Verdict> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(storms.decide(fingerprint, 1, at));
        }
        return out;
    }

    @Test
    void theFirstKeepPerWindowOccurrencesOfAFingerprintAreStoredInFullAndTheRestOnlyCounted() {
        List<Verdict> verdicts = decide("a", 10, T0);
        assertEquals(List.of(Verdict.FULL, Verdict.FULL, Verdict.FULL), verdicts.subList(0, 3));
        assertTrue(verdicts.subList(3, 10).stream().allMatch(v -> v == Verdict.COUNT), verdicts.toString());
    }

    @Test
    void oneInAThousandCountedBeyondTheKeepIsStoredAsASample() {
        List<Verdict> verdicts = decide("a", 3 + 2500, T0);
        assertEquals(2, verdicts.stream().filter(v -> v == Verdict.SAMPLE).count());
        assertEquals(Verdict.SAMPLE, verdicts.get(3 + 999), "the thousandth beyond the keep");
        assertEquals(Verdict.SAMPLE, verdicts.get(3 + 1999));
    }

    @Test
    void aWindowStoresAtMostAsManySamplesAsItsKeep() {
        List<Verdict> verdicts = decide("a", 3 + 10_000, T0);
        assertEquals(3, verdicts.stream().filter(v -> v == Verdict.SAMPLE).count());
        assertEquals(Verdict.FULL, storms.decide("a", 1, T0 + WINDOW), "a new window starts over");
    }

    @Test
    void anOccurrenceCarryingShedEventsCountsThemTowardsTheNextSample() {
        decide("a", 3, T0);
        assertEquals(Verdict.COUNT, storms.decide("a", 999, T0));
        assertEquals(Verdict.SAMPLE, storms.decide("a", 1, T0));
    }

    @Test
    void aNewWindowStoresInFullAgainButTheSameWindowDoesNot() {
        decide("a", 5, T0);
        assertEquals(Verdict.COUNT, storms.decide("a", 1, T0 + WINDOW - 1), "still the first window");
        assertEquals(List.of(Verdict.FULL, Verdict.FULL, Verdict.FULL, Verdict.COUNT), decide("a", 4, T0 + WINDOW));
    }

    @Test
    void eachFingerprintHasItsOwnWindow() {
        decide("a", 5, T0);
        assertEquals(List.of(Verdict.FULL, Verdict.FULL, Verdict.FULL, Verdict.COUNT), decide("b", 4, T0));
    }

    @Test
    void windowsAreBoundedInNumberAndTheLeastRecentlySeenIsForgotten() {
        for (int i = 0; i < Storms.MAX_FINGERPRINTS + 100; i++) {
            storms.decide("fp" + i, 1, T0);
        }
        assertEquals(Storms.MAX_FINGERPRINTS, storms.size());
    }

    @Test
    void occurrencesWithAnErrorCodeAreNeverSampledAway() {
        for (int i = 0; i < 10; i++) {
            Occurrence o = occurrence("c", true);
            assertTrue(storms.admit(event(), o), "occurrence " + i);
            assertNull(o.document.get("sampled"));
        }
        assertEquals(0, health.sampled.get());
    }

    @Test
    void anOccurrenceBeyondTheKeepIsCountedInItsGroupAndInSampledButNotStored() {
        for (int i = 0; i < 3; i++) {
            assertTrue(storms.admit(event(), occurrence("a", false)));
        }
        Occurrence fourth = occurrence("a", false);
        assertFalse(storms.admit(event(), fourth));
        assertEquals(1, health.sampled.get());
        assertFalse(groups.isEmpty(), "counted on the group");
    }

    @Test
    void theShedEventsAnOccurrenceCarriesAreCapturedAndSampledEvenWhenItIsStored() {
        CapturedEvent e = event();
        e.shed = 41;
        assertTrue(storms.admit(e, occurrence("a", false)));
        assertEquals(41, health.captured());
        assertEquals(41, health.sampled.get());
    }

    private static CapturedEvent event() {
        return new CapturedEvent("logback", Severity.ERROR, T0, "shop", "main", "failed", null, CapturedEvent.FORMAT_NONE,
                null, null, null, true);
    }

    private static Occurrence occurrence(String fingerprint, boolean code) {
        Document d = new Document("_id", java.util.UUID.randomUUID().toString()).append("timestamp", new Date(T0))
                .append("fingerprint", fingerprint).append("severity", "ERROR").append("severity_num", 40);
        if (code) {
            d.append("error_code", "E1");
        }
        return Occurrence.of(d);
    }
}
