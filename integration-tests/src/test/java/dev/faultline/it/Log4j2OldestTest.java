package dev.faultline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The oldest Log4j2 of the version matrix (integration-tests/pom.xml {@code log4j2.oldest.version};
 * docs/PATHS.md) on JDK 17, with an application that uses only API Log4j2 2.0 had.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Log4j2OldestTest {
    private static final String SOURCE = "com/example/log4j2/OldApiApp.java";
    private final Stored stored = Stored.fresh();
    private AgentJvm.Result run;
    private List<Document> errors;

    @BeforeAll
    void runTheApp() throws Exception {
        run = new AgentJvm(AgentJvm.Jdk.JDK17, "com.example.log4j2.OldApiApp").libs("log4j2-oldest")
                .storingIn(MongoSource.get().uri, stored.database)
                .set("service", "reindexer").set("app-packages", "com.example")
                .run();
        errors = stored.await(stored.errors(), new Document(), 2);
    }

    @Test
    void theAppRunsToTheEndAndOnlyItsTwoErrorsAreStored() {
        assertEquals(0, run.exit(), run.output());
        assertTrue(run.stdout().contains("old api: done"), run.output());
        assertEquals(2, errors.size(), errors.toString());
    }

    @Test
    void aFormattedErrorIsStoredAtItsLineWithTheThreadContext() {
        Document d = stored.errors().find(new Document("message", "reindex failed for shard-3")).first();
        assertEquals("reindex failed for {}", d.getString("message_template"));
        assertEquals("log4j2", d.getString("source"));
        assertEquals("main", d.getString("function"));
        assertEquals(SourceMarkers.line(SOURCE, "varargs"), d.getInteger("line"));
        assertEquals("job-old", d.getString("job_id"));
    }

    @Test
    void anErrorWithAThrowableIsStoredWithItsException() {
        Document d = stored.errors().find(new Document("message", "reindex aborted")).first();
        assertEquals("java.lang.IllegalStateException", d.get("exception", Document.class).getString("type"));
        assertEquals(SourceMarkers.line(SOURCE, "throwable"), d.getInteger("line"));
    }
}
