package dev.faultline.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A template's shape: the one rule the fingerprint and the storm key read. */
class MessageShapeTest {
    @Test
    void aTemplatesShapeCountsEachWordWithADigitOnce() {
        assertEquals("order # failed".hashCode(), MessageShape.hash("order 123 failed"));
        assertEquals("request # failed".hashCode(), MessageShape.hash("request 3f2a1b4c-9d8e-4f00-a1b2-c3d4e5f60718 failed"));
        assertEquals("no digits {}".hashCode(), MessageShape.hash("no digits {}"));
        assertTrue(MessageShape.same("order 1 failed", "order 123456 failed"));
        assertTrue(MessageShape.same("request 3f2a1b4c-9d8e-4f00-a1b2-c3d4e5f60718 failed", "request 0e9d8c7b-6a5f-4e3d-b2c1-a0f9e8d7c6b5 failed"));
        assertTrue(MessageShape.same("user user42 at 10.0.0.7", "user bob7 at 192.168.1.20"));
        assertTrue(MessageShape.same("order 1 failed", "order 1a failed"), "a word with a digit");
        assertTrue(MessageShape.same("7", "12"));
        assertFalse(MessageShape.same("order 1 failed", "order one failed"));
        assertFalse(MessageShape.same("failed for alice", "failed for bob"), "words without digits are the template's own");
        assertFalse(MessageShape.same("order 1", "order 1 "));
        assertFalse(MessageShape.same("order # failed", "order 1 failed"), "a '#' in the template is not a digit");
        for (String t : new String[] {"order 1 failed", "request 3f2a-9d failed", "x{}y 7 z", "no digits {}"}) {
            for (String u : new String[] {"order 22 failed", "request 0e9d-6a failed", "x{}y 8 z", "no digits {}"}) {
                if (MessageShape.same(t, u)) {
                    assertEquals(MessageShape.hash(t), MessageShape.hash(u), t + " / " + u + ": one shape, one slot");
                }
            }
        }
    }

    @Test
    void aShapeIsTheTemplateWithEachWordHoldingADigitAsOneHash() {
        assertEquals("order # failed after # tries", MessageShape.of("order 17 failed after 3 tries"));
        assertEquals("request # failed: #", MessageShape.of("request 3f2a1b4c-9d8e-4f00-a1b2-c3d4e5f60718 failed: ORD-77"));
        assertEquals("payment failed for {}", MessageShape.of("payment failed for {}"));
        String constant = "no digits here {}";
        assertSame(constant, MessageShape.of(constant), "nothing made for a template without digits");
        for (String t : new String[] {"order 1 failed", "x{}y 7 z", "no digits {}", "", "42", "a-1_b c"}) {
            assertEquals(MessageShape.of(t).hashCode(), MessageShape.hash(t), t);
        }
    }
}
