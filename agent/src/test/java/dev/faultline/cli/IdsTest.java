package dev.faultline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What a person typed as an id: one id, nothing, or a usage error that says what to type. */
class IdsTest {
    @Test
    void aBeginningTooShortToLookUpSaysHowMuchToTypeNotThatNothingExists() {
        UsageException e = assertThrows(UsageException.class, () -> Ids.one(List.of(), "1cf", "occurrence"));
        assertTrue(e.getMessage().contains("\"1cf\" is too short to look up: type at least 6 characters of the occurrence's id"), e.getMessage());
        UsageException group = assertThrows(UsageException.class, () -> Ids.one(List.of(), "1cf", "group"));
        assertTrue(group.getMessage().endsWith("6 characters of the group's fingerprint"), "a group is looked up by its fingerprint: " + group.getMessage());
    }

    @Test
    void nothingMatchingALongEnoughIdOrAWordIsNull() throws UsageException {
        assertNull(Ids.one(List.of(), "1cf2a9", "occurrence"));
        assertNull(Ids.one(List.of(), "abc_x", "group"), "not an id's beginning: looked up as a whole id");
        assertEquals("abc", Ids.one(List.of("abc"), "abc", "group"), "a whole id that short exists");
    }

    @Test
    void twoMatchesAskForMore() {
        UsageException e = assertThrows(UsageException.class, () -> Ids.one(List.of("1cf2a9aa", "1cf2a9bb"), "1cf2a9", "group"));
        assertTrue(e.getMessage().contains("matches more than one group"), e.getMessage());
    }
}
