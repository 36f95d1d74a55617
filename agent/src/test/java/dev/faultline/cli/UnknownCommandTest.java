package dev.faultline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A command name from another tool's words is answered with ours. */
class UnknownCommandTest {
    private static String run(String name) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, Cli.run(new String[] {name}, new PrintStream(new ByteArrayOutputStream(), true),
                new PrintStream(err, true, StandardCharsets.UTF_8)));
        return err.toString(StandardCharsets.UTF_8).lines().findFirst().orElse("");
    }

    @Test
    void consoleSuggestsServeAndAnUnknownNameListsTheCommands() {
        assertEquals("faultline: unknown command \"console\" (did you mean serve?)", run("console"));
        assertEquals("faultline: unknown command \"status\" (did you mean health?)", run("status"));
        assertTrue(run("frobnicate").equals("faultline: unknown command \"frobnicate\""));
    }
}
