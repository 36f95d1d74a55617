package dev.faultline.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** The agent's stderr lines carry the application's text (an error code's message): one line each, no terminal controls. */
class DiagTest {
    @Test
    void controlCharactersOfTheApplicationsTextAreWrittenEscaped() {
        assertEquals("New error disk_full: \\u001b]0;pwned\\u0007 volume 7\\r\\n[faultline] forged\\tline",
                Diag.oneLine("New error disk_full: \u001b]0;pwned\u0007 volume 7\r\n[faultline] forged\tline"));
        assertEquals("C1 \\u009b and DEL \\u007f", Diag.oneLine("C1 \u009b and DEL \u007f"));
        String plain = "cannot write to MongoDB at mongodb://db1 (Größe: ok)";
        assertSame(plain, Diag.oneLine(plain), "nothing made for a line without controls");
    }
}
