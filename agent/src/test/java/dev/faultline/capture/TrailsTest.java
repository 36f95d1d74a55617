package dev.faultline.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.bootstrap.CapturedEvent;
import dev.faultline.bootstrap.Severity;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** The writer's breadcrumb trails: each thread's own, in order, and bounded in threads and characters. */
class TrailsTest {
    private static CapturedEvent error(long trail, String message) {
        CapturedEvent e = new CapturedEvent("logback", Severity.ERROR, 1L, "shop", "t" + trail, message, null,
                CapturedEvent.FORMAT_NONE, null, null, null, true);
        e.trail = trail;
        return e;
    }

    private static void occur(Trails trails, CapturedEvent e) {
        trails.before(e);
        trails.after(e, e.template);
    }

    @Test
    void eachThreadGetsOnlyItsOwnEventsAndAtMostTheConfiguredNumber() {
        Trails trails = new Trails(2, 100);
        occur(trails, error(1, "a1"));
        occur(trails, error(2, "b1"));
        occur(trails, error(1, "a2"));
        occur(trails, error(1, "a3"));
        List<Document> crumbs = trails.before(error(1, "a4"));
        assertEquals(List.of("a2", "a3"), crumbs.stream().map(d -> d.getString("message")).toList());
        assertEquals(List.of("b1"), trails.before(error(2, "b2")).stream().map(d -> d.getString("message")).toList());
    }

    @Test
    void anEventWithoutATrailOrBreadcrumbsOffKeepsNothing() {
        Trails off = new Trails(0, 100);
        occur(off, error(1, "a"));
        assertNull(off.before(error(1, "b")));
        assertEquals(0, off.threads());
        Trails on = new Trails(5, 100);
        occur(on, error(0, "agent thread"));
        assertEquals(0, on.threads());
    }

    @Test
    void theLeastRecentlySeenThreadIsForgottenBeyondTheLimit() {
        Trails trails = new Trails(5, 100);
        for (long t = 1; t <= Trails.MAX_TRAILS + 10; t++) {
            occur(trails, error(t, "e" + t));
        }
        assertEquals(Trails.MAX_TRAILS, trails.threads());
        assertNull(trails.before(error(1, "again")), "the first thread's trail was forgotten");
    }

    @Test
    void theCharactersHeldInAllTrailsAreBounded() {
        int length = 64 * 1024;
        Trails trails = new Trails(20, length);
        String big = "x".repeat(length);
        long threads = 2 * Trails.MAX_CHARS / (20L * length) + 2;
        for (long t = 1; t <= threads; t++) {
            for (int i = 0; i < 20; i++) {
                occur(trails, error(t, big));
            }
        }
        assertTrue(trails.threads() * 20L * length <= Trails.MAX_CHARS + 20L * length,
                trails.threads() + " trails of 20 messages of " + length + " characters kept");
        assertEquals(20, trails.before(error(threads, "last")).size(), "the thread seen last keeps its trail");
    }
}
