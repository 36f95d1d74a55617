package dev.faultline.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The call-site rule: the first frame from the top that is not the JDK's, the agent's, a logging
 * framework's, a configured wrapper's or the event's boundary class's; a JUL source names its frame.
 */
class CallerFramesTest {
    private static final String[] NO_WRAPPERS = new String[0];

    /** A Logback call through a helper, from {@code caller}: top first, as a backtrace gives it. */
    private static StackTraceElement[] through(String helper, String caller, int callerLine) {
        List<StackTraceElement> frames = new ArrayList<>();
        frames.add(frame("dev.faultline.intake.Gate", "callSite", 1));
        frames.add(frame("dev.faultline.bootstrap.Bridge", "capture", 2));
        frames.add(frame("ch.qos.logback.classic.Logger", "callAppenders", 3));
        frames.add(frame("ch.qos.logback.classic.Logger", "log", 4));
        frames.add(frame(helper, "error", 7));
        frames.add(frame(caller, "pay", callerLine));
        frames.add(frame("com.acme.shop.Main", "main", 30));
        return frames.toArray(new StackTraceElement[0]);
    }

    private static StackTraceElement frame(String className, String method, int line) {
        int dot = className.lastIndexOf('.');
        return new StackTraceElement(className, method, className.substring(dot + 1) + ".java", line);
    }

    @Test
    void withoutBoundaryOrWrappersTheHelpersLineIsTheCallSite() {
        CallSiteCache.Site site = CallerFrames.site(through("com.acme.shop.Log", "com.acme.shop.Orders", 12), null, NO_WRAPPERS);
        assertEquals("com.acme.shop.Log", site.className);
        assertEquals(7, site.line);
    }

    @Test
    void theFrameworksFqcnSkipsTheHelperAsTheFrameworksOwnCallerDataDoes() {
        CallSiteCache.Site site = CallerFrames.site(through("com.acme.shop.Log", "com.acme.shop.Orders", 12),
                "com.acme.shop.Log", NO_WRAPPERS);
        assertEquals("com.acme.shop.Orders", site.className);
        assertEquals("pay", site.method);
        assertEquals("Orders.java", site.file);
        assertEquals(12, site.line);
    }

    @Test
    void aNestedClassOfTheFqcnIsPartOfIt() {
        CallSiteCache.Site site = CallerFrames.site(through("com.acme.shop.Log$Impl", "com.acme.shop.Orders", 12),
                "com.acme.shop.Log", NO_WRAPPERS);
        assertEquals(12, site.line);
    }

    @Test
    void anFqcnNotOnTheStackChangesNothing() {
        CallSiteCache.Site site = CallerFrames.site(through("com.acme.shop.Log", "com.acme.shop.Orders", 12),
                "com.acme.other.Facade", NO_WRAPPERS);
        assertEquals("com.acme.shop.Log", site.className);
    }

    @Test
    void aConfiguredWrapperClassOrPackageIsSkipped() {
        StackTraceElement[] frames = through("com.acme.common.Wrap", "com.acme.shop.Orders", 12);
        assertEquals(12, CallerFrames.site(frames, null, new String[] {"com.acme.common.Wrap"}).line);
        assertEquals(12, CallerFrames.site(frames, null, new String[] {"com.acme.common"}).line);
        assertEquals(12, CallerFrames.site(frames, null, new String[] {"com.acme.common."}).line);
        assertEquals(7, CallerFrames.site(frames, null, new String[] {"com.acme.commons"}).line, "another package");
        assertEquals(7, CallerFrames.site(frames, null, new String[] {"com.acme.common.Wra"}).line, "a prefix of a name is not a name");
    }

    @Test
    void theCallerIsNeverSkippedForBeingBelowAWrapper() {
        // Only the frames above the call site are skipped: a wrapper further down does not move it.
        StackTraceElement[] frames = through("com.acme.shop.Log", "com.acme.shop.Orders", 12);
        assertEquals("com.acme.shop.Log", CallerFrames.site(frames, null, new String[] {"com.acme.shop.Main"}).className);
    }

    @Test
    void coversTheClassItsNestedClassesAndAPackageButNotALongerName() {
        assertTrue(CallerFrames.covers("com.acme.Log", "com.acme.Log"));
        assertTrue(CallerFrames.covers("com.acme.Log", "com.acme.Log$1"));
        assertTrue(CallerFrames.covers("com.acme", "com.acme.Log"));
        assertTrue(CallerFrames.covers("com.acme.", "com.acme.sub.Log"));
        assertFalse(CallerFrames.covers("com.acme.Log", "com.acme.Logger"));
        assertFalse(CallerFrames.covers("com.acme.Log", "com.acme.Lo"));
        assertFalse(CallerFrames.covers("com.acme", "com.acmex.Log"));
    }

    @Test
    void aJulSourceIsTheFrameOfThatClassAndMethod() {
        StackTraceElement[] frames = through("com.acme.shop.Julr", "com.acme.shop.Orders", 12);
        CallSiteCache.Site site = CallerFrames.site(frames, new CallerFrames.Source("com.acme.shop.Orders", "pay"), NO_WRAPPERS);
        assertEquals(12, site.line);
        assertEquals("pay", site.method);
        CallSiteCache.Site anyMethod = CallerFrames.site(frames, new CallerFrames.Source("com.acme.shop.Main", null), NO_WRAPPERS);
        assertEquals("main", anyMethod.method, "only the class was set");
    }

    @Test
    void aJulSourceNotNearTheTopIsTakenAsWrittenWithoutALine() {
        StackTraceElement[] frames = through("com.acme.shop.Julr", "com.acme.shop.Orders", 12);
        CallSiteCache.Site site = CallerFrames.site(frames, new CallerFrames.Source("com.acme.Elsewhere", "run"), NO_WRAPPERS);
        assertEquals("com.acme.Elsewhere", site.className);
        assertEquals("run", site.method);
        assertNull(site.file);
        assertEquals(-1, site.line);
        StackTraceElement[] deep = new StackTraceElement[CallerFrames.SOURCE_SEARCH + 5];
        for (int i = 0; i < deep.length; i++) {
            deep[i] = frame("com.acme.shop.Deep", "down", i);
        }
        deep[deep.length - 1] = frame("com.acme.shop.Orders", "pay", 99);
        assertEquals(-1, CallerFrames.site(deep, new CallerFrames.Source("com.acme.shop.Orders", "pay"), NO_WRAPPERS).line,
                "not looked for below the top frames: the search stays short");
    }

    @Test
    void noQualifyingFrameIsNoSite() {
        StackTraceElement[] frames = {frame("dev.faultline.bootstrap.Bridge", "capture", 1), frame("java.lang.Thread", "run", 2)};
        assertNull(CallerFrames.site(frames, "com.acme.shop.Log", NO_WRAPPERS));
    }

    @Test
    void theWalkOnTheApplicationThreadFollowsTheSameRule() {
        // This test's own frames are skipped (dev.faultline.intake is the agent's): the first
        // frame left is the test framework's caller; naming its class as the boundary moves the
        // site below that class's frames, to another class that is not skipped either.
        CallSiteCache.Site plain = CallerFrames.walk(null).walk();
        assertFalse(CallerFrames.skipped(plain.className), plain.className);
        CallSiteCache.Site past = CallerFrames.walk(plain.className).walk();
        assertFalse(CallerFrames.covers(plain.className, past.className), past.className);
        assertFalse(CallerFrames.skipped(past.className), past.className);
    }
}
