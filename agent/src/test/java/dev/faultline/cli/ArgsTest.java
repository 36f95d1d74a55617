package dev.faultline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ArgsTest {
    private static final Args.Spec SPEC = new Args.Spec().options("--app", "--by").flags("--count").positional(0, 1);

    @Test
    void readsOptionsInBothSpellingsFlagsAndPositionals() throws UsageException {
        Args a = Args.parse(Arrays.asList("abc", "--app", "billing", "--by=ann", "--count", "--json"), SPEC);
        assertEquals("billing", a.option("--app"));
        assertEquals("ann", a.option("--by"));
        assertTrue(a.flag("--count") && a.flag("--json"));
        assertEquals(Arrays.asList("abc"), a.positional());
    }

    @Test
    void aValueMayStartWithADash() throws UsageException {
        assertEquals("-timestamp", Args.parse(Arrays.asList("--app", "-timestamp"), SPEC).option("--app"));
    }

    @Test
    void unknownRepeatedOrIncompleteOptionsAreUsageErrors() {
        assertEquals("unknown option --bogus", assertThrows(UsageException.class, () -> Args.parse(Arrays.asList("--bogus"), SPEC)).getMessage());
        assertEquals("--app needs a value", assertThrows(UsageException.class, () -> Args.parse(Arrays.asList("--app"), SPEC)).getMessage());
        assertEquals("--app given twice",
                assertThrows(UsageException.class, () -> Args.parse(Arrays.asList("--app", "a", "--app", "b"), SPEC)).getMessage());
        assertEquals("--count takes no value", assertThrows(UsageException.class, () -> Args.parse(Arrays.asList("--count=yes"), SPEC)).getMessage());
        assertEquals("too many arguments", assertThrows(UsageException.class, () -> Args.parse(Arrays.asList("a", "b"), SPEC)).getMessage());
        assertEquals("missing argument",
                assertThrows(UsageException.class, () -> Args.parse(Arrays.asList(), new Args.Spec().positional(1, 1))).getMessage());
    }
}
