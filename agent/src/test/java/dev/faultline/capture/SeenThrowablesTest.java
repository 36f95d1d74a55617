package dev.faultline.capture;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.bootstrap.CapturedEvent;
import dev.faultline.bootstrap.Severity;
import org.junit.jupiter.api.Test;

class SeenThrowablesTest {
    private final SeenThrowables seen = new SeenThrowables();

    private static CapturedEvent event(String source, Throwable t) {
        return new CapturedEvent(source, Severity.ERROR, 0L, null, "main", "m", null, CapturedEvent.FORMAT_NONE, t,
                null, null, !SeenThrowables.isErrorPath(source));
    }

    /** Its own broken initializer: FingerprintsTest's class may have been used by another test already. */
    static final class BrokenPool {
        static final int SIZE = Integer.parseInt(System.getProperty("faultline.test.no-such-size", "not-a-size"));
    }

    private static Throwable useBrokenPool() {
        try {
            return BrokenPool.SIZE > 0 ? null : null;
        } catch (Throwable t) {
            return t;
        }
    }

    /**
     * A trial: four threads dying of one broken initializer were two occurrences and two
     * "repeats": each later use throws a new NoClassDefFoundError whose cause is the one copy the
     * JVM keeps of the initializer's exception (JDK 17+), so the cause made each look seen.
     */
    @Test
    void threadsDyingOfOneBrokenInitializerAreEachAnOccurrence() {
        Throwable first = useBrokenPool();
        Throwable second = useBrokenPool();
        Throwable third = useBrokenPool();
        org.junit.jupiter.api.Assertions.assertSame(second.getCause(), third.getCause(), "the JVM's one copy");
        assertFalse(seen.repeat(event("uncaught", first)));
        assertFalse(seen.repeat(event("uncaught", second)));
        assertFalse(seen.repeat(event("uncaught", third)), "a death of its own, not a repeat of the one before");
        assertTrue(seen.repeat(event("uncaught", third)), "the same throwable twice is still one");
    }

    @Test
    void anUncaughtThrowableTheApplicationLoggedFirstIsARepeat() {
        IllegalStateException e = new IllegalStateException("x");
        assertFalse(seen.repeat(event("logback", e)));
        assertTrue(seen.repeat(event("uncaught", e)));
    }

    @Test
    void aWrapperEscapingARequestRepeatsTheCauseTheApplicationLogged() {
        IllegalStateException cause = new IllegalStateException("x");
        assertFalse(seen.repeat(event("jul", cause)));
        assertTrue(seen.repeat(event("http", new RuntimeException("wrapped", cause))));
    }

    @Test
    void theContainerLoggingTheRootCauseOfWhatEscapedIsARepeat() {
        IllegalStateException root = new IllegalStateException("x");
        assertFalse(seen.repeat(event("http", new RuntimeException("request failed", root))));
        assertTrue(seen.repeat(event("jul", root)));
    }

    @Test
    void twoLogCallsWithTheSameThrowableStayTwoOccurrences() {
        IllegalStateException e = new IllegalStateException("x");
        assertFalse(seen.repeat(event("log4j2", e)));
        assertFalse(seen.repeat(event("log4j2", e)));
    }

    @Test
    void differentThrowablesAreNeverRepeatsAndEventsWithoutThrowableNeither() {
        assertFalse(seen.repeat(event("uncaught", new IllegalStateException("a"))));
        assertFalse(seen.repeat(event("uncaught", new IllegalStateException("a"))));
        assertFalse(seen.repeat(event("uncaught", null)));
        assertFalse(seen.repeat(event("uncaught", null)));
    }

    @Test
    void aStormsCallIsARepeatOnlyOfWhatAPathCapturedAndIsRememberedOnlyWhenItPasses() {
        SeenThrowables seen = new SeenThrowables();
        IllegalStateException escaped = new IllegalStateException("escaped");
        assertFalse(seen.repeat(event("uncaught", escaped)));
        assertTrue(seen.capturedOnAPath(new RuntimeException("wrapped", escaped)), "its cause escaped first");

        IllegalStateException shed = new IllegalStateException("shed");
        assertFalse(seen.capturedOnAPath(shed));
        assertFalse(seen.repeat(event("uncaught", shed)), "a shed call's throwable is not remembered");

        IllegalStateException passed = new IllegalStateException("passed");
        seen.logged(passed);
        assertTrue(seen.repeat(event("uncaught", passed)), "a passed one is");
    }
}
