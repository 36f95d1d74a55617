package dev.faultline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.config.MongoUris;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A bad {@code --uri}: the agent's words for it (the percent-encoding hint included), never its password. */
class UriProblemTest {
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String uri) {
        // --database given too: the settings (system properties, environment) are not read.
        return Cli.run(new String[] {"errors", "--uri", uri, "--database", "faultline"},
                new PrintStream(new ByteArrayOutputStream(), true), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void aPasswordWithASlashColonOrAtGetsThePercentEncodingHintAndStaysHidden() {
        String[][] cases = {
            {"mongodb://ops:s3/cr3t@db1:27017/app", "mongodb://ops:<hidden>@db1:27017/app", "a password's '/', '?' or '#' must be percent-encoded"},
            {"mongodb://ops:s3:cr3t@db1", "mongodb://ops:<hidden>@db1", "must be percent-encoded (%3A, %40)"},
            {"mongodb://ops:s3@cr3t@db1", "mongodb://ops:<hidden>@db1", "must be percent-encoded (%3A, %40)"},
        };
        for (String[] c : cases) {
            err.reset();
            assertEquals(2, run(c[0]), c[0]);
            String printed = err.toString(StandardCharsets.UTF_8);
            String first = printed.lines().findFirst().orElse("");
            assertEquals("faultline: invalid --uri \"" + c[1] + "\": expected " + MongoUris.expected(c[0]), first);
            assertTrue(first.contains(c[2]), first);
            assertFalse(printed.contains("s3") || printed.contains("cr3t"), printed);
            assertTrue(printed.lines().skip(1).findFirst().orElse("").startsWith(Cli.PREFIX + "errors"), printed);
        }
    }

    @Test
    void aUriThatIsNotMongoDbsIsNamedWithTheExpectedForm() {
        assertEquals(2, run("http://ops:s3cr3t@db1"));
        String printed = err.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("it does not start with mongodb:// or mongodb+srv://"), printed);
        assertFalse(printed.contains("s3cr3t"), printed);
    }
}
