package dev.faultline.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** The group's count per threshold window, kept by the count's own atomic update (ALERTS.md "Within a window"). */
class WindowCountsTest {
    /** {@link ReleasesTest#occurrence}'s timestamp, 2023-11-14T22:13:20Z. */
    private static final long AT = 1_700_000_000_000L;
    private static final long TEN_MINUTES = 600_000L;

    @Test
    void theCountUpdateAddsTheOccurrencesToTheWindowOfTheNewestAndItsAnswerGivesTheCountBefore() throws Exception {
        GroupDelta delta = GroupDelta.of(ReleasesTest.occurrence("1.0.0"));
        delta.add(ReleasesTest.occurrence("1.0.0"));
        assertEquals("600s_1699999800", GroupDelta.windowKey(TEN_MINUTES, AT), "22:10:00Z");
        Document inc = (Document) Document.parse(delta.countUpdate(List.of(TEN_MINUTES)).toBsonDocument().toJson()).get("$inc");
        assertEquals(2, ((Number) inc.get("window_counts.600s_1699999800")).intValue());
        assertEquals(2, ((Number) inc.get("count")).intValue());
        Document before = new Document("count", 40L).append("window_counts", new Document("600s_1699999800", 7L));
        assertEquals(7L, delta.change(before, false, false, List.of(TEN_MINUTES), List.of()).inWindowBefore(TEN_MINUTES));
        assertEquals(0L, delta.change(new Document("count", 40L), false, false, List.of(TEN_MINUTES), List.of()).inWindowBefore(TEN_MINUTES),
                "none counted in this window yet");
        assertEquals(0L, delta.change(null, false, false, List.of(TEN_MINUTES), List.of()).inWindowBefore(TEN_MINUTES), "created now");
    }

    @Test
    void aWindowThatEndedIsRemovedByTheNextWriteAndTheCurrentOneIsKept() throws Exception {
        GroupDelta delta = GroupDelta.of(ReleasesTest.occurrence("1.0.0"));
        Document before = new Document("count", 40L).append("window_counts", new Document("600s_1699999800", 7L)
                .append("600s_1699999200", 30L).append("3600s_1699999200", 12L).append("3600s_1699995600", 3L).append("other", 1L));
        Document unset = (Document) Document.parse(delta.staleWindows(before).toBsonDocument().toJson()).get("$unset");
        assertEquals(List.of("window_counts.600s_1699999200", "window_counts.3600s_1699995600"), List.copyOf(unset.keySet()),
                "the ended 10-minute and hour windows, whatever the rules are now; a key not ours is left");
        assertNull(delta.staleWindows(new Document("count", 40L).append("window_counts", new Document("600s_1699999800", 7L))));
        assertNull(delta.staleWindows(null));
    }
}
