package dev.faultline.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateLimitTest {
    private static final long T0 = 1_700_000_000_000L;
    private static final AlertRule RULE = new AlertRule("r", "threshold", List.of("slack"), "ERROR", null, null, null, 10);

    private static AlertNotice notice(String group, String channel, long before, long after) {
        GroupChange change = new GroupChange(group, "boom " + group, null, null, "checkout", "prod", null, 40, "ERROR",
                false, false, false, before, after, null, "unresolved", null, false);
        return new AlertNotice(RULE, "threshold", change, channel, new Date(T0));
    }

    @Test
    void oneNoticePerGroupAndChannelInAWindowTheRestGoIntoOneDigest() {
        RateLimit limit = new RateLimit();
        assertTrue(limit.allow(notice("g1", "slack", 5, 10), T0));
        assertTrue(limit.allow(notice("g1", "webhook", 5, 10), T0), "another channel has its own limit");
        assertFalse(limit.allow(notice("g1", "slack", 99, 150), T0 + 1000));
        assertFalse(limit.allow(notice("g1", "slack", 999, 1000), T0 + 2000));
        assertTrue(limit.due(T0 + 3000, false).isEmpty(), "no digest before the window ends");
        List<AlertNotice> digests = limit.due(T0 + RateLimit.WINDOW_MILLIS, false);
        assertEquals(1, digests.size());
        AlertNotice digest = digests.get(0);
        assertEquals("slack", digest.channel);
        assertEquals("And 52 more occurrences of 1 group in the last 10 minutes (2 notices held back by the rate limit)", digest.text());
        assertTrue(limit.allow(notice("g1", "slack", 1000, 1001), T0 + RateLimit.WINDOW_MILLIS), "a new window");
    }

    @Test
    void aChannelSendsAtMostItsLimitPerWindowAndTheDigestGoesOutAtExit() {
        RateLimit limit = new RateLimit();
        for (int i = 0; i < RateLimit.PER_CHANNEL; i++) {
            assertTrue(limit.allow(notice("g" + i, "slack", 0, 1), T0));
        }
        assertFalse(limit.allow(notice("late1", "slack", 0, 3), T0));
        assertFalse(limit.allow(notice("late2", "slack", 0, 4), T0));
        List<AlertNotice> atExit = limit.due(T0 + 1, true);
        assertEquals(1, atExit.size());
        assertEquals(2, atExit.get(0).groups);
        assertEquals(7, atExit.get(0).occurrences);
        assertTrue(limit.due(T0 + 2, true).isEmpty(), "a digest is sent once");
    }

    @Test
    void whileMongoDbDoesNotAnswerTheJvmsOwnLimitAppliesWithItsOwnDigest() {
        AlertStore away = new AlertStore() {
            @Override
            public List<org.bson.Document> alertRules() {
                return List.of();
            }

            @Override
            public void insertNotices(List<org.bson.Document> notices) {
            }

            @Override
            public boolean allowNotice(String id, String channel, Date window, String fingerprint, int perWindow) {
                throw new IllegalStateException("MongoDB away");
            }
        };
        RateLimit limit = new RateLimit();
        assertTrue(limit.allow(notice("g1", "slack", 5, 10), T0, away));
        assertFalse(limit.allow(notice("g1", "slack", 10, 12), T0 + 1000, away), "one per group in this JVM's window");
        List<AlertNotice> digests = limit.due(T0 + RateLimit.WINDOW_MILLIS, false, away);
        assertEquals(1, digests.size());
        assertEquals("And 2 more occurrences of 1 group in the last 10 minutes (1 notice held back by the rate limit)",
                digests.get(0).text());
    }
}
