package dev.faultline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bad settings given to a command: each named once, in the command's words (not the agent's "Faultline is off"). */
class BadSettingsTest {
    @Test
    void attachNamesEveryBadSettingOnceWithOnePrefix() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Cli.run(new String[] {"attach", "99999999", "queue.max-bytes=abc", "capture.level=LOUD"},
                new PrintStream(new ByteArrayOutputStream(), true), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, exit);
        List<String> lines = err.toString(StandardCharsets.UTF_8).lines().toList();
        assertTrue(lines.get(0).startsWith("faultline: invalid value \"LOUD\" for capture.level (agent argument capture.level)"), lines.toString());
        assertTrue(lines.get(1).startsWith("faultline: invalid value \"abc\" for queue.max-bytes (agent argument queue.max-bytes)"), lines.toString());
        assertTrue(lines.get(2).startsWith(Cli.PREFIX + "attach"), lines.toString());
        for (String line : lines) {
            assertFalse(line.startsWith("faultline: faultline:") || line.contains("Faultline is off"), line);
        }
    }
}
