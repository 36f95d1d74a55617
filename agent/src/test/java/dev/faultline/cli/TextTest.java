package dev.faultline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Date;
import org.junit.jupiter.api.Test;

class TextTest {
    @Test
    void cellsAreOneLineWithoutTerminalControlCharacters() {
        assertEquals("red ?[31malert?[0m bell? next line", Text.cell("red \u001b[31malert\u001b[0m bell\u0007\nnext line", 100));
        assertEquals("bidi ?override?", Text.cell("bidi \u202eoverride\u2066", 100));
    }

    @Test
    void longCellsAreCutWithAnEllipsis() {
        assertEquals("abcdefg...", Text.cell("abcdefghijklmnop", 10));
        assertEquals("abcdefghij", Text.cell("abcdefghij", 10));
    }

    @Test
    void blocksKeepLinesAndTabsOnly() {
        assertEquals("a\n\tb?c", Text.block("a\r\n\tb\u001bc"));
    }

    @Test
    void datesShowInUtc() {
        assertEquals("2024-05-01 12:00:00", Text.cell(new Date(1714564800000L), 30));
    }
}
