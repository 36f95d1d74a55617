package dev.faultline.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class TriggerTest {
    private static final long NOW = 1_700_000_000_000L;

    private static GroupChange change(boolean created, boolean regressed, long before, long after, String status) {
        return new GroupChange("fp", "boom", "IllegalStateException", "shop", "checkout", "prod", "1.2.0", 40, "ERROR",
                created, regressed, false, before, after, null, status, null, false);
    }

    private static AlertRule rule(String kind, String minSeverity, String service, long threshold) {
        return new AlertRule("r", kind, List.of("webhook"), minSeverity, service, null, null, threshold);
    }

    @Test
    void eachMilestoneLiesInExactlyOneWritersRange() {
        assertEquals(10, Trigger.crossed(10, 5, 10));
        assertEquals(0, Trigger.crossed(10, 10, 15), "10 was crossed by the write before");
        assertEquals(100, Trigger.crossed(10, 9, 150), "one write past 10 and 100 announces the larger");
        assertEquals(1000, Trigger.crossed(10, 999, 1000));
        assertEquals(0, Trigger.crossed(10, 1000, 9999));
        assertEquals(0, Trigger.crossed(10, Long.MAX_VALUE - 5, Long.MAX_VALUE), "no overflow past the largest milestone");
    }

    @Test
    void newGroupAndRegressionFollowTheWritesAnswerOnly() {
        assertEquals("new_group", Trigger.decide(rule("new_group", "ERROR", null, 10), change(true, false, 0, 3, null), NOW));
        assertNull(Trigger.decide(rule("new_group", "ERROR", null, 10), change(false, false, 3, 6, "unresolved"), NOW));
        assertEquals("regression", Trigger.decide(rule("regression", "ERROR", null, 10), change(false, true, 3, 4, "resolved"), NOW));
        assertNull(Trigger.decide(rule("regression", "ERROR", null, 10), change(false, false, 3, 4, "resolved"), NOW),
                "resolved before, but another JVM's write reopened it");
        assertEquals("threshold", Trigger.decide(rule("threshold", "ERROR", null, 10), change(false, false, 8, 12, "unresolved"), NOW));
    }

    @Test
    void severityFiltersIgnoredGroupsAndErrorCodesKeepARuleQuiet() {
        assertNull(Trigger.decide(rule("new_group", "CRITICAL", null, 10), change(true, false, 0, 1, null), NOW));
        assertNull(Trigger.decide(rule("new_group", "ERROR", "billing", 10), change(true, false, 0, 1, null), NOW));
        assertEquals("new_group", Trigger.decide(rule("new_group", "WARNING", "checkout", 10), change(true, false, 0, 1, null), NOW));
        AlertRule prodShop = new AlertRule("r", "new_group", List.of("webhook"), null, null, "prod", "shop", 10);
        assertEquals("new_group", Trigger.decide(prodShop, change(true, false, 0, 1, null), NOW));
        assertNull(Trigger.decide(new AlertRule("r", "new_group", List.of("webhook"), null, null, "staging", null, 10),
                change(true, false, 0, 1, null), NOW), "another environment");
        assertNull(Trigger.decide(new AlertRule("r", "new_group", List.of("webhook"), null, null, null, "billing", 10),
                change(true, false, 0, 1, null), NOW), "another app");
        assertNull(Trigger.decide(rule("threshold", "ERROR", null, 10), change(false, false, 8, 12, "ignored"), NOW));
        GroupChange code = new GroupChange("api_down", "t", null, null, "checkout", "prod", null, 40, "ERROR",
                true, false, false, 0, 1, null, null, null, true);
        assertNull(Trigger.decide(rule("new_group", "ERROR", null, 10), code, NOW), "a code's group has the code's own notices");
    }

    @Test
    void aNewReleaseRuleFollowsTheReleaseTheWriteAddedOnly() {
        GroupChange added = change(false, false, 3, 4, "unresolved").withNewRelease("2.0.0");
        assertEquals("new_release", Trigger.decide(rule("new_release", "ERROR", null, 10), added, NOW));
        assertEquals("2.0.0", added.release(), "the notice names the new release");
        assertNull(Trigger.decide(rule("new_release", "ERROR", null, 10), change(false, false, 3, 4, "unresolved"), NOW),
                "a release the group was seen in before");
        assertNull(Trigger.decide(rule("new_group", "ERROR", null, 10), added, NOW));
        assertNull(Trigger.decide(rule("new_release", "ERROR", null, 10), change(false, false, 3, 4, "ignored").withNewRelease("2.0.0"), NOW));
    }

    @Test
    void aSnoozedGroupSendsNothingUntilItsSnoozeEnds() {
        GroupChange snoozed = new GroupChange("fp", "boom", null, null, "checkout", "prod", null, 40, "ERROR",
                false, true, false, 3, 4, null, "resolved", new java.util.Date(NOW + 1), false);
        assertNull(Trigger.decide(rule("regression", "ERROR", null, 10), snoozed, NOW));
        assertEquals("regression", Trigger.decide(rule("regression", "ERROR", null, 10), snoozed, NOW + 1));
    }

    @Test
    void theWriteThatEndsASnoozeIsAnnouncedOnceByTheRegressionRules() {
        GroupChange ended = new GroupChange("fp", "boom", null, null, "checkout", "prod", null, 40, "ERROR",
                false, false, true, 9, 10, null, "ignored", null, false);
        assertEquals("snooze_ended", Trigger.decide(rule("regression", "ERROR", null, 10), ended, NOW));
        assertNull(Trigger.decide(rule("new_group", "ERROR", null, 10), ended, NOW));
        GroupChange still = new GroupChange("fp", "boom", null, null, "checkout", "prod", null, 40, "ERROR",
                false, false, false, 9, 10, null, "ignored", null, false);
        assertNull(Trigger.decide(rule("regression", "ERROR", null, 10), still, NOW), "still snoozed: nothing");
        assertNull(Trigger.decide(rule("threshold", "ERROR", null, 10), still, NOW), "still snoozed: no threshold either");
    }

    @Test
    void aRuleThatIsNotOneSaysWhichFieldIsWrong() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new AlertRule("r", "new_group", List.of("pager"), null, null, null, null, 10));
        assertEquals("channels must be among [webhook, slack, email], not pager", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> rule("threshold", "ERROR", null, 0));
        assertThrows(IllegalArgumentException.class, () -> rule("new_group", "FATAL", null, 10));
        assertEquals("WARNING", rule("new_group", "warn", null, 10).minSeverity, "capture.level's spelling is taken too");
    }

    private static AlertRule windowRule(long threshold, String window) {
        return new AlertRule("r", "threshold", List.of("webhook"), "ERROR", null, null, null, threshold, window);
    }

    @Test
    void aThresholdWithinAWindowIsCrossedByTheOneWriteThatPassesItInThatWindow() {
        AlertRule tenIn10m = windowRule(10, "10m");
        assertEquals(600_000L, tenIn10m.windowMillis);
        GroupChange crossing = change(false, false, 100, 104, "unresolved").withWindows(java.util.Map.of(600_000L, 7L));
        assertEquals("threshold", Trigger.decide(tenIn10m, crossing, NOW), "7 -> 11 in this window");
        assertEquals(10, Trigger.crossed(tenIn10m, crossing));
        GroupChange past = change(false, false, 100, 104, "unresolved").withWindows(java.util.Map.of(600_000L, 10L));
        assertNull(Trigger.decide(tenIn10m, past, NOW), "10 was crossed by an earlier write of this window");
        GroupChange below = change(false, false, 100, 102, "unresolved").withWindows(java.util.Map.of(600_000L, 7L));
        assertNull(Trigger.decide(tenIn10m, below, NOW), "9 in the window; the running count's 100 is not this rule's");
        assertNull(Trigger.decide(tenIn10m, change(false, false, 5, 15, "unresolved"), NOW),
                "a window the write did not count (rule unknown when it was written) decides nothing");
        assertNull(Trigger.decide(windowRule(10, "1h"), crossing, NOW), "another window's count");
    }

    @Test
    void aWindowIsOnlyForAThresholdAndBetweenAMinuteAndAWeek() {
        assertEquals("window must be a duration from 1m to 7d (10m, 1h, 1d), not 30s",
                assertThrows(IllegalArgumentException.class, () -> windowRule(10, "30s")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> windowRule(10, "8d"));
        assertThrows(IllegalArgumentException.class, () -> windowRule(10, "soon"));
        assertEquals("window must be left out for a rule of kind new_group, not 10m", assertThrows(IllegalArgumentException.class,
                () -> new AlertRule("r", "new_group", List.of("webhook"), null, null, null, null, 10, "10m")).getMessage());
        assertEquals("10m", AlertRule.of(windowRule(10, "10m").toDocument()).window);
    }
}
