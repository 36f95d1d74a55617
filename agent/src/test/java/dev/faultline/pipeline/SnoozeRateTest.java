package dev.faultline.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Date;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** A snooze "until more than N an hour", decided from the group document before the count (clock hours, UTC). */
class SnoozeRateTest {
    /** The hour of {@link ReleasesTest#occurrence}'s timestamp (2023-11-14T22:13:20Z). */
    private static final long HOUR = GroupDelta.hourStart(1_700_000_000_000L);

    private static Document snoozed(long hour, long hourStartCount, long count) {
        return new Document("status", "ignored").append("count", count).append("snooze",
                new Document("until_rate_per_hour", 3L).append("hour", new Date(hour)).append("hour_start_count", hourStartCount));
    }

    private static GroupDelta delta(int n) throws Exception {
        GroupDelta delta = GroupDelta.of(ReleasesTest.occurrence("1.0.0"));
        for (int i = 1; i < n; i++) {
            delta.add(ReleasesTest.occurrence("1.0.0"));
        }
        return delta;
    }

    @Test
    void theSnoozeEndsWhenTheHoursCountPassesTheRateAndNotWhenItReachesIt() throws Exception {
        assertEquals(HOUR, Date.from(java.time.Instant.parse("2023-11-14T22:00:00Z")).getTime());
        assertFalse(delta(1).endsSnooze(snoozed(HOUR, 10, 12)), "13 - 10 = 3: not more than 3");
        assertTrue(delta(2).endsSnooze(snoozed(HOUR, 10, 12)), "14 - 10 = 4");
        assertFalse(delta(1).startsSnoozeHour(snoozed(HOUR, 10, 12)), "the same hour goes on");
    }

    @Test
    void aNewHourCountsFromThisWriteAndIsStartedByIt() throws Exception {
        Document lastHour = snoozed(HOUR - 3_600_000L, 0, 100);
        assertFalse(delta(3).endsSnooze(lastHour), "100 in the hour before do not count in this one");
        assertTrue(delta(3).startsSnoozeHour(lastHour));
        assertTrue(delta(4).endsSnooze(lastHour), "4 in this write alone");
        assertFalse(delta(4).endsSnooze(new Document("status", "ignored").append("count", 100L)), "not snoozed");
    }
}
