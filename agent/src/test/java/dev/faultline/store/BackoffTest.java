package dev.faultline.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BackoffTest {
    private final Backoff backoff = new Backoff(500, 4_000);

    @Test
    void triesAtOnceUntilSomethingFails() {
        assertTrue(backoff.due(0));
        assertTrue(backoff.due(Long.MIN_VALUE + 1));
    }

    @Test
    void waitsDoubleAfterEachFailureUpToTheLimit() {
        backoff.failed(0);
        assertFalse(backoff.due(499));
        assertTrue(backoff.due(500));
        backoff.failed(500);
        assertFalse(backoff.due(1_499));
        assertTrue(backoff.due(1_500));
        backoff.failed(1_500);
        backoff.failed(3_500);
        backoff.failed(7_500);
        assertEquals(4_000, backoff.nextWaitNanos(), "capped");
        assertFalse(backoff.due(11_499));
        assertTrue(backoff.due(11_500));
    }

    @Test
    void aSuccessStartsOver() {
        backoff.failed(0);
        backoff.failed(500);
        backoff.succeeded();
        assertTrue(backoff.due(501));
        assertEquals(500, backoff.nextWaitNanos());
    }

    @Test
    void toleratesNanoTimeWrapping() {
        backoff.failed(Long.MAX_VALUE - 100);
        assertFalse(backoff.due(Long.MAX_VALUE));
        assertTrue(backoff.due(Long.MIN_VALUE + 400));
    }
}
