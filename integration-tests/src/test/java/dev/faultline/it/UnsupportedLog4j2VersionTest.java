package dev.faultline.it;

import static com.mongodb.client.model.Filters.eq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Log4j2 2.0-beta9, older than any supported version (its core Logger logs through
 * {@code log(Marker, String, Level, Message, Throwable)}, not {@code logMessage}): the hook's shape
 * check declines it, the agent says so in one debug line, and the application runs as without
 * the agent while its other paths (here JUL) are still recorded.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnsupportedLog4j2VersionTest {
    private final Stored stored = Stored.fresh();
    private AgentJvm.Result run;

    @BeforeAll
    void runTheApp() throws Exception {
        run = new AgentJvm(AgentJvm.Jdk.JDK17, "com.example.log4j2.BetaApp").libs("log4j2-unsupported")
                .storingIn(MongoSource.get().uri, stored.database)
                .set("service", "reindexer").set("app-packages", "com.example").set("debug", "true")
                .run();
    }

    @Test
    void theApplicationRunsToTheEndAndItsLog4j2PrintsTheError() {
        assertEquals(0, run.exit(), run.output());
        assertTrue(run.stdout().contains("beta: done"), run.output());
        assertTrue(run.stdout().contains("reindex failed for shard-3"), run.output());
    }

    @Test
    void theAgentSaysInOneDebugLineThatItLeftLog4j2Alone() {
        List<String> lines = run.stderr().lines().filter(l -> l.contains("org/apache/logging/log4j/core/Logger")).toList();
        assertEquals(1, lines.size(), run.stderr());
        assertTrue(lines.get(0).startsWith("[faultline] debug: left org/apache/logging/log4j/core/Logger unchanged"), lines.get(0));
        assertFalse(run.stderr().contains("could not instrument"), run.stderr());
    }

    @Test
    void storesTheJulErrorButNothingFromTheUnsupportedLog4j2() {
        List<Document> errors = stored.await(stored.errors(), new Document(), 1);
        assertEquals(1, errors.size(), errors.toString());
        Document d = errors.get(0);
        assertEquals("jul", d.getString("source"));
        assertEquals("reindex gave up", d.getString("message"));
        assertEquals(SourceMarkers.line("com/example/log4j2/BetaApp.java", "beta-jul"), d.getInteger("line"));
        assertEquals(0, stored.errors().countDocuments(eq("source", "log4j2")));
    }
}
