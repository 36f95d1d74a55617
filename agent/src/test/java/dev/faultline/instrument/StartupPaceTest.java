package dev.faultline.instrument;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** When the writer counts the application as started: class loads per half second, times passed in. */
class StartupPaceTest {
    private static final long W = StartupPace.WINDOW_NANOS;

    @Test
    void anApplicationIsStartingUntilAWholeWindowPassesWithTenClassLoadsOrFewer() {
        StartupPace pace = new StartupPace(0, 2000);
        assertTrue(pace.starting(3000, W - 1), "no window has passed yet");
        assertTrue(pace.starting(3000, W), "1000 classes in the first window");
        assertTrue(pace.starting(3011, 2 * W), "11 in the last window");
        assertFalse(pace.starting(3021, 3 * W), "10 in the last window");
        assertFalse(pace.starting(3021, 4 * W));
    }

    @Test
    void theAnswerChangesOnlyAtTheEndOfAWindowAndABurstMakesItStartingAgain() {
        StartupPace pace = new StartupPace(0, 500);
        assertFalse(pace.starting(505, W), "5 classes in the first window");
        assertFalse(pace.starting(900, W + W / 2), "a burst inside the window is judged when it ends");
        assertTrue(pace.starting(900, 2 * W), "395 classes in the last window: a second start (a web application deployed)");
    }
}
