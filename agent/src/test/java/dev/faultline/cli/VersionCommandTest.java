package dev.faultline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.core.AgentVersion;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** {@code version} answers its one option and refuses the others, as every command does. */
class VersionCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void jsonGivesTheVersionAsADocument() {
        assertEquals(0, run("version", "--json"));
        assertEquals(AgentVersion.get(), Document.parse(out.toString(StandardCharsets.UTF_8)).getString("version"));
    }

    @Test
    void anotherOptionIsAUsageError() {
        assertEquals(2, run("version", "--uri"));
        assertEquals("", out.toString(StandardCharsets.UTF_8));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("faultline: version takes no option but --json, not \"--uri\""), err.toString());
    }

    @Test
    void plainIsOneLine() {
        assertEquals(0, run("--version"));
        assertEquals("faultline " + AgentVersion.get() + System.lineSeparator(), out.toString(StandardCharsets.UTF_8));
    }
}
